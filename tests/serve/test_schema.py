"""Schemathesis against the app's own OpenAPI schema: no input gives a server error."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from emptychair.serve import create_app
from emptychair.store import open_store

from .conftest import TOKEN, make_settings


@pytest.fixture
def web_schema(tmp_path: Path, sample_items: list) -> schemathesis.BaseSchema:  # type: ignore[type-arg]
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    with open_store(url) as store:
        store.ingest(sample_items, "test")
    app = create_app(make_settings(url, tmp_path))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("web_schema")


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_never_errors(case: schemathesis.Case) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"})
