"""The schema comes from Alembic migrations, matches the tables in code, and opens twice."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from emptychair.store import Store, open_store
from emptychair.store.engine import current_revision, head_revision
from emptychair.store.schema import metadata


def test_open_creates_the_schema_at_the_newest_revision(store: Store) -> None:
    with store.engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        tables = set(inspect(connection).get_table_names())
    assert {t.name for t in metadata.sorted_tables} <= tables


def test_migrations_match_the_schema_in_code(store: Store) -> None:
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_reopening_is_a_no_op(store_url: str) -> None:
    open_store(store_url).close()
    with open_store(store_url) as again, again.engine.connect() as connection:
        assert current_revision(connection) == head_revision()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_store: Store) -> None:
    with sqlite_store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


@pytest.mark.postgres
def test_postgresql_compresses_new_document_text_with_lz4(pg_database: str) -> None:
    with open_store(pg_database) as store, store.engine.connect() as connection:
        offered = connection.exec_driver_sql(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        ).scalar()
        method = connection.exec_driver_sql(
            "SELECT attcompression FROM pg_attribute "
            "WHERE attrelid = 'documents'::regclass AND attname = 'text'"
        ).scalar()
    assert method == ("l" if offered else "")
