"""Many rows at once: ids handed out ahead of the insert, then COPY (PostgreSQL) or executemany.

Bulk ingest knows every row of a batch before writing any, so it asks for the
ids it needs in one query and writes each table in one statement: PostgreSQL's
``COPY ... FROM STDIN`` through psycopg, in binary (no SQL parsed per row, no
text per value), SQLite's executemany (one prepared statement). Both run
inside the caller's transaction, so a failed batch leaves nothing behind.
"""

from __future__ import annotations

import queue
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar, cast

import psycopg
from psycopg import sql
from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Connection,
    Table,
    any_,
    func,
    insert,
    literal,
    select,
    text,
)

T = TypeVar("T")

IN_CHUNK = 5_000
"""Values per ``IN (...)`` list: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters."""


def chunked(values: Iterable[T], size: int | None = None) -> Iterator[list[T]]:
    """``values`` in lists of at most ``size`` (default ``IN_CHUNK``), for bounded ``IN`` lists."""
    listed = list(values)
    size = size or IN_CHUNK
    for start in range(0, len(listed), size):
        yield listed[start : start + size]


def among(
    connection: Connection, column: ColumnElement[Any], values: Sequence[Any]
) -> ColumnElement[bool]:
    """``column IN (values)``; on PostgreSQL one array parameter rather than one per value,
    since psycopg parses every placeholder of a statement (thousands, in bulk)."""
    if connection.dialect.name == "postgresql":
        return column == any_(literal(list(values), ARRAY(column.type)))
    return column.in_(values)


def next_ids(connection: Connection, table: Table, count: int) -> list[int]:
    """``count`` unused ids of ``table``, ascending; the caller holds the writer lock.

    PostgreSQL takes them from the table's own sequence, as a block, so rows written
    later by ordinary inserts never collide; SQLite numbers rows from the current maximum,
    as its own rowid allocation would.
    """
    if count == 0:
        return []
    if connection.dialect.name == "postgresql":
        # One step of the sequence for the whole block: every writer holds the writer
        # lock, so nothing draws from it between the nextval and the setval.
        last = connection.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                "nextval(pg_get_serial_sequence(:table, 'id')) + :count - 1)"
            ),
            {"table": table.name, "count": count},
        ).scalar_one()
        return list(range(last - count + 1, last + 1))
    top = connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
    return list(range(top + 1, top + 1 + count))


def first_free_id(connection: Connection, table: Table) -> int:
    """The first id ``next_ids`` would hand out now, drawing none; ``reserve_ids`` then
    takes the block up to the last one used. The caller holds the writer lock."""
    if connection.dialect.name == "postgresql":
        last = connection.execute(
            text("SELECT pg_sequence_last_value(pg_get_serial_sequence(:table, 'id')::regclass)"),
            {"table": table.name},
        ).scalar_one()
        return 1 if last is None else int(last) + 1
    return int(connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1


def reserve_ids(connection: Connection, table: Table, last: int) -> None:
    """Move ``table``'s sequence past ``last`` (PostgreSQL; SQLite numbers from the rows)."""
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :last)"),
            {"table": table.name, "last": last},
        )


def insert_rows(
    connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``) into ``table``, in one statement."""
    if not rows:
        return
    if connection.dialect.name == "postgresql":
        copy_rows(connection, table, columns, rows)
        return
    # Core's executemany applies each column's type (dates, times, booleans) the way
    # ordinary inserts do, so both paths store identical SQLite values.
    connection.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])


def copy_rows(
    connection: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """PostgreSQL: ``COPY`` ``rows`` into ``table`` as they come (one binary ``COPY``)."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(
        sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    driver = cast(psycopg.Connection[Any], connection.connection.driver_connection)
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        copy.set_types([_pg_type(table, name, connection) for name in columns])
        for row in rows:
            copy.write_row(row)


Row = tuple[Any, ...]


class CopyStream:
    """Rows written into a table as they are put: on PostgreSQL by a ``COPY`` that a
    thread runs meanwhile (the driver waits for the server without the GIL), so the
    server works while the caller makes the next rows; on SQLite at ``close``.

    The caller leaves the connection alone until ``close`` (or ``abandon``).
    """

    def __init__(self, connection: Connection, table: Table, columns: Sequence[str]) -> None:
        self._conn, self._table, self._columns = connection, table, columns
        self._written: list[Row] = []
        self._rows: queue.SimpleQueue[Row | None] = queue.SimpleQueue()
        self._pool: ThreadPoolExecutor | None = None
        if connection.dialect.name == "postgresql":
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulk-copy")
            rows = iter(self._rows.get, None)
            self._done = self._pool.submit(copy_rows, connection, table, columns, rows)

    def put(self, row: Row) -> None:
        """Write ``row`` (in the order of the columns)."""
        if self._pool is not None:
            self._rows.put(row)
        self._written.append(row)

    def close(self) -> list[Row]:
        """Finish writing; the rows written (the database's error, if it refused one)."""
        if self._pool is None:
            insert_rows(self._conn, self._table, self._columns, self._written)
            return self._written
        self._rows.put(None)
        self._pool.shutdown()
        self._done.result()
        return self._written

    def abandon(self) -> None:
        """End the thread of a batch that failed: its error, if any, gives way to the
        one that ends the batch (whose transaction is rolled back)."""
        if self._pool is not None:
            self._rows.put(None)
            self._pool.shutdown()


def _pg_type(table: Table, column: str, connection: Connection) -> str:
    """The PostgreSQL type name of a column, without its length (``varchar``, ``integer``)."""
    compiled = table.c[column].type.compile(dialect=connection.dialect)
    return compiled.split("(")[0].lower()
