"""Settings: where the store lives and how URLs are normalised."""

from __future__ import annotations

from pathlib import Path

import pytest

from emptychair.settings import DB_ENV, load_settings, normalise_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgresql+psycopg2://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.sqlite3", "sqlite:////tmp/x.sqlite3"),
        ("/tmp/x.sqlite3", "sqlite:////tmp/x.sqlite3"),
    ],
)
def test_urls_are_normalised_in_one_place(given: str, expected: str) -> None:
    assert normalise_url(given) == expected


def test_explicit_url_beats_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DB_ENV, "postgres://env/db")
    assert load_settings("sqlite:////tmp/a.db").database_url == "sqlite:////tmp/a.db"
    assert load_settings().database_url == "postgresql+psycopg://env/db"


def test_default_is_a_sqlite_file_in_the_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DB_ENV, raising=False)
    settings = load_settings()
    assert settings.database_url.startswith("sqlite:///")
    assert Path(settings.database_url.removeprefix("sqlite:///")).parent == settings.data_dir
