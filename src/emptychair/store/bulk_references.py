"""Foreign keys checked once per batch instead of once per row (PostgreSQL).

A ``COPY`` into a table with foreign keys runs one lookup per row and key, each
locking the row it finds: six on a claim, four on a record. That was most of
the server's time in a bulk batch. A bulk batch knows every row it writes, and
the ids they point at repeat (a batch's 25,000 claims name about 5,000
documents and a few hundred people, offices and meetings), so when the role may
set ``session_replication_role`` (a superuser, or ``GRANT SET ON PARAMETER
session_replication_role`` from PostgreSQL 15) the batch turns the row
triggers off for its own transaction (``SET LOCAL``) and, before it commits,
checks that every distinct id its rows point at exists, apart from the rows it
inserted itself: one query per referred table. A missing one fails the batch as
the constraint would have.

What the row triggers also did, and why it is not lost here: their row locks
kept a referred row from being deleted before commit, but every emptychair
writer holds the store's writer lock, as the batch does; ``ON DELETE CASCADE``
is a trigger too, and bulk ingest deletes a claim's sources itself. Without the
privilege, or on SQLite, nothing changes: the database checks each row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, func, select, text

from emptychair.store.bulk_rows import among, chunked, insert_rows
from emptychair.store.schema import metadata


class DanglingReference(Exception):
    """Rows of a bulk batch point at ids that do not exist."""


class ReferenceChecks:
    """The ids one batch's rows point at, checked set-wise before commit."""

    def __init__(self, connection: Connection) -> None:
        """Take over the row checks for this transaction if the role may; see the module."""
        self._conn = connection
        self._wanted: dict[tuple[str, str], set[Any]] = defaultdict(set)
        self._written: dict[tuple[str, str], set[Any]] = defaultdict(set)
        """Keys the batch inserted itself: they exist, or the insert would have failed."""
        self.per_batch = batch_checks_allowed(connection)
        if self.per_batch:
            connection.exec_driver_sql("SET LOCAL session_replication_role = replica")

    def insert(self, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """``bulk_rows.insert_rows`` in this batch's transaction, noting the rows."""
        insert_rows(self._conn, table, columns, rows)
        self.note(table, columns, rows)

    def note(self, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Remember what ``rows`` (in the order of ``columns``) of ``table``, just
        written, point at, and the keys they hold."""
        if not self.per_batch or not rows:
            return
        for own in table.primary_key.columns:
            if own.name in columns:
                at = columns.index(own.name)
                self._written[(table.name, own.name)].update(row[at] for row in rows)
        for key in table.foreign_keys:
            if key.parent.name not in columns:
                continue
            at = columns.index(key.parent.name)
            wanted = self._wanted[(key.column.table.name, key.column.name)]
            wanted.update(row[at] for row in rows)
            wanted.discard(None)

    def verify(self) -> None:
        """Raise ``DanglingReference`` unless every id noted exists in its table."""
        for (table_name, column_name), noted in sorted(self._wanted.items()):
            wanted = noted - self._written[(table_name, column_name)]
            column = metadata.tables[table_name].c[column_name]
            missing: list[Any] = []
            for part in chunked(sorted(wanted)):
                found = self._conn.execute(
                    select(func.count()).where(among(self._conn, column, part))
                ).scalar_one()
                if found != len(part):
                    present = set(
                        self._conn.execute(select(column).where(among(self._conn, column, part)))
                        .scalars()
                        .all()
                    )
                    missing += [value for value in part if value not in present]
            if missing:
                shown = ", ".join(map(str, missing[:5]))
                raise DanglingReference(
                    f"{len(missing)} value(s) of {table_name}.{column_name} referred to by "
                    f"this batch do not exist (e.g. {shown}); the batch is not written"
                )
        self._wanted.clear()
        self._written.clear()


def batch_checks_allowed(connection: Connection) -> bool:
    """Whether this connection's role may take a batch's foreign-key checks over."""
    if connection.dialect.name != "postgresql":
        return False
    superuser, version = connection.execute(
        text("SELECT current_setting('is_superuser'), current_setting('server_version_num')::int")
    ).one()
    if superuser == "on":
        return True
    if version < 150000:  # no per-parameter grants before 15
        return False
    granted = connection.execute(
        text("SELECT has_parameter_privilege('session_replication_role', 'SET')")
    ).scalar_one()
    return bool(granted)
