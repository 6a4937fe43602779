"""Foreign keys checked once per batch: only with the privilege, and as strict as the rows'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, func, select

from emptychair.model import Claim, Document
from emptychair.store import Store, open_store
from emptychair.store import schema as db
from emptychair.store.bulk import bulk_ingest
from emptychair.store.bulk_lookups import BatchReferences
from emptychair.store.bulk_references import (
    DanglingReference,
    ReferenceChecks,
    batch_checks_allowed,
)
from emptychair.store.bulk_rows import insert_rows
from emptychair.store.engine import write_transaction

pytestmark = pytest.mark.postgres

ITEMS = [
    (
        Document(f"doc-{n}", f"Report {n}: the ministers meet in Brussels.", dt.date(2024, 2, n)),
        [
            Claim(
                f"Minister {n}",
                "FRA",
                "defence_minister",
                "nato-defence-ministers",
                "2024-02-14",
                "attend",
                "reported",
            )
        ],
    )
    for n in range(1, 4)
]


@pytest.fixture
def pg_store(pg_database: str) -> Iterator[Store]:
    """An empty store on PostgreSQL, opened as the superuser the tests connect as."""
    opened = open_store(pg_database)
    with opened.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())
    yield opened
    opened.close()


def claim_count(store: Store) -> int:
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(db.claims)).scalar_one()


def test_a_superuser_checks_per_batch_and_sqlite_per_row(
    pg_store: Store, sqlite_store: Store
) -> None:
    with pg_store.engine.connect() as connection:
        assert batch_checks_allowed(connection)
    with sqlite_store.engine.connect() as connection:
        assert not batch_checks_allowed(connection)


def test_a_plain_role_checks_per_row_until_granted_the_parameter(
    pg_plain_url: str, pg_database: str
) -> None:
    plain = create_engine(pg_plain_url)
    try:
        with plain.connect() as connection:
            assert not batch_checks_allowed(connection)
        admin = create_engine(pg_database, isolation_level="AUTOCOMMIT")
        role = plain.url.username
        with admin.connect() as connection:
            connection.exec_driver_sql(
                f'GRANT SET ON PARAMETER session_replication_role TO "{role}"'
            )
        admin.dispose()
        with plain.connect() as connection:
            assert batch_checks_allowed(connection)
    finally:
        plain.dispose()


def test_a_plain_role_bulk_loads_with_the_rows_checked(pg_plain_url: str) -> None:
    with open_store(pg_plain_url) as store:
        report = bulk_ingest(store.engine, ITEMS, "v1", background=False)
        assert report.claims_added == 3 == claim_count(store)
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("SHOW session_replication_role").scalar() == "origin"


def test_a_missing_id_fails_the_batch_and_names_the_table(pg_store: Store) -> None:
    with (
        pytest.raises(DanglingReference, match=r"claims\.id .*\(e\.g\. 987654\)"),
        write_transaction(pg_store.engine) as connection,
    ):
        checks = ReferenceChecks(connection)
        assert checks.per_batch
        rows = [(987654, 0, "named", "a spokesman")]
        columns = ("claim_id", "ordinal", "kind", "descriptor")
        insert_rows(connection, db.claim_sources, columns, rows)  # no trigger stops it
        checks.note(db.claim_sources, columns, rows)
        checks.verify()
    with pg_store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(db.claim_sources)).scalar() == 0


def test_bulk_ingest_verifies_what_its_rows_point_at(
    pg_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lookup gone wrong (here, a person id that does not exist) fails the batch as the
    foreign key would have, and leaves nothing of it behind."""
    bulk_ingest(pg_store.engine, ITEMS[:1], "v1", background=False)
    monkeypatch.setattr(BatchReferences, "person", lambda self, name: 2_000_000_000)
    with pytest.raises(DanglingReference, match=r"people\.id"):
        bulk_ingest(pg_store.engine, ITEMS[1:], "v1", background=False)
    assert claim_count(pg_store) == 1
    with pg_store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(db.documents)).scalar() == 1
