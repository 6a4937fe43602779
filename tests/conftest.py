"""Shared store fixtures: a fresh store per test on SQLite, and on PostgreSQL when available.

PostgreSQL tests run when ``EMPTYCHAIR_TEST_PG_URL`` names a server (any
database on it): the session creates its own database there and drops it at
the end, and every test starts from empty tables. Without the variable they
skip with that reason; with it and no server they fail, so CI cannot skip them.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, delete
from sqlalchemy.engine import make_url

from emptychair.model import Claim, Document
from emptychair.settings import normalise_url
from emptychair.store import Store, open_store
from emptychair.store.schema import metadata

PG_ENV = "EMPTYCHAIR_TEST_PG_URL"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]

Item = tuple[Document, list[Claim]]


def load_labelled(path: Path) -> list[Item]:
    """Documents of a labelled JSONL file with their gold claims, as extractor output."""
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            claims = [Claim.from_dict(c) for c in data.get("claims", [])]
            items.append((Document.from_dict(data), claims))
    return items


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    """The labelled corpus files: seed.jsonl and dev.jsonl."""
    return [CORPUS / "seed.jsonl", CORPUS / "dev.jsonl"]


@pytest.fixture(scope="session")
def corpus_items() -> list[Item]:
    """seed.jsonl then dev.jsonl (whose first line repeats the seed), with gold claims."""
    return load_labelled(CORPUS / "seed.jsonl") + load_labelled(CORPUS / "dev.jsonl")


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this session, dropped afterwards."""
    server = os.environ.get(PG_ENV)
    if not server:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL to test against")
    base = make_url(normalise_url(server))
    name = f"emptychair_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def pg_plain_url(pg_database: str) -> Iterator[str]:
    """The session database, reached as a new role that may read and write its tables
    and nothing more (no superuser): how a production deployment connects."""
    open_store(pg_database).close()  # the tables exist before privileges on them are granted
    role = f"emptychair_plain_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg_database, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE ROLE "{role}" LOGIN')
        for what in ("TABLES", "SEQUENCES"):
            connection.exec_driver_sql(f'GRANT ALL ON ALL {what} IN SCHEMA public TO "{role}"')
    try:
        yield make_url(pg_database).set(username=role).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(
                f'REVOKE SET ON PARAMETER session_replication_role FROM "{role}"'
            )
            connection.exec_driver_sql(f'DROP OWNED BY "{role}"')
            connection.exec_driver_sql(f'DROP ROLE "{role}"')
        admin.dispose()


def _empty_tables(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            connection.execute(delete(table))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty store, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    url: str = request.getfixturevalue("pg_database")
    open_store(url).close()  # migrate once, so the tables exist to empty
    _empty_tables(url)
    yield url
    _empty_tables(url)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An open, empty store on each backend."""
    opened = open_store(store_url)
    yield opened
    opened.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """An open, empty SQLite store (for tests about logic, not backends)."""
    opened = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    yield opened
    opened.close()
