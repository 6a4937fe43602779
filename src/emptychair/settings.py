"""One settings object: where the store lives, from ``--db``, ``EMPTYCHAIR_DB`` or the default.

The default is a SQLite file in the user's data directory, so a first run needs no
server. PostgreSQL URLs are normalised here, and only here, to the psycopg 3 driver.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "emptychair"
DB_ENV = "EMPTYCHAIR_DB"
TOKEN_ENV = "EMPTYCHAIR_TOKEN"
READ_TOKEN_ENV = "EMPTYCHAIR_REQUIRE_TOKEN_FOR_READS"
MAX_BODY_ENV = "EMPTYCHAIR_MAX_BODY_BYTES"
DEFAULT_MAX_BODY_BYTES = 1_000_000
SQLITE_FILE = "emptychair.sqlite3"

# Every spelling of a PostgreSQL URL users paste, mapped to the driver we ship.
_PG_PREFIXES = ("postgres://", "postgresql://", "postgresql+psycopg2://", "postgresql+psycopg://")
_PG_DRIVER = "postgresql+psycopg://"


@dataclass(frozen=True)
class Settings:
    """Where the data lives."""

    database_url: str
    """SQLAlchemy URL of the store (``sqlite:///...`` or ``postgresql+psycopg://...``)."""
    data_dir: Path
    """The user's data directory, home of the default SQLite store."""
    token: str | None = None
    """Bearer token the web API's writes require (``EMPTYCHAIR_TOKEN``); None: writes refused."""
    require_token_for_reads: bool = False
    """Whether reads (pages and API) need the token too (``EMPTYCHAIR_REQUIRE_TOKEN_FOR_READS``)."""
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    """Largest request body the web server accepts (``EMPTYCHAIR_MAX_BODY_BYTES``); more: 413."""


def default_data_dir() -> Path:
    """The per-user data directory (``platformdirs.user_data_dir``)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def normalise_url(value: str) -> str:
    """A SQLAlchemy URL for ``value``: PostgreSQL URLs get psycopg 3, a bare path is SQLite."""
    for prefix in _PG_PREFIXES:
        if value.startswith(prefix):
            return _PG_DRIVER + value[len(prefix) :]
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser()}"
    return value


def load_settings(db: str | None = None) -> Settings:
    """Settings from an explicit ``db`` URL, else ``EMPTYCHAIR_DB``, else the default file."""
    data_dir = default_data_dir()
    raw = db or os.environ.get(DB_ENV) or str(data_dir / SQLITE_FILE)
    return Settings(
        database_url=normalise_url(raw),
        data_dir=data_dir,
        token=os.environ.get(TOKEN_ENV) or None,
        require_token_for_reads=os.environ.get(READ_TOKEN_ENV, "").lower() in ("1", "true", "yes"),
        max_body_bytes=int(os.environ.get(MAX_BODY_ENV) or DEFAULT_MAX_BODY_BYTES),
    )
