"""Fixtures for the web: a store holding the sample (real extractor), and the app over it."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from fastapi import FastAPI

from emptychair.extract import extract
from emptychair.model import Claim, Document
from emptychair.serve import create_app
from emptychair.settings import Settings
from emptychair.sources import ReadError, read_documents
from emptychair.store import open_store

TOKEN = "test-token-8f2c"
MAX_BODY = 20_000
BOARD = "nato-defence-ministers-2026-02"
FOUNDING_DAY = "2026-01-30"

with warnings.catch_warnings():
    # Starlette suggests httpx2 for its TestClient; the pinned httpx works and is what we ship.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def sample_path() -> Path:
    """The bundled sample, with the founding document."""
    return Path(str(resources.files("emptychair") / "data" / "sample.jsonl"))


@pytest.fixture(scope="session")
def sample_items() -> list[tuple[Document, list[Claim]]]:
    """The sample's documents with the claims the real extractor finds in them."""
    items = []
    for found in read_documents([sample_path()]):
        assert not isinstance(found, ReadError), found
        items.append((found, extract(found)))
    return items


def make_settings(url: str, tmp_path: Path, **changes: object) -> Settings:
    """Settings for a test app: a known token and a small body limit."""
    values: dict[str, object] = {
        "database_url": url,
        "data_dir": tmp_path,
        "token": TOKEN,
        "max_body_bytes": MAX_BODY,
    }
    values.update(changes)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def sample_url(store_url: str, sample_items: list[tuple[Document, list[Claim]]]) -> str:
    """A store (each backend) holding the sample."""
    with open_store(store_url) as store:
        store.ingest(sample_items, "test")
    return store_url


@pytest.fixture
def app(sample_url: str, tmp_path: Path) -> FastAPI:
    """The app over the sample store."""
    return create_app(make_settings(sample_url, tmp_path))


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """An in-process client of the app (lifespan run, so the store closes after)."""
    with TestClient(app) as opened:
        yield opened
