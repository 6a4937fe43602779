"""What ``watch`` remembers between polls and restarts, in a small SQLite file.

Two tables: each feed's validators (ETag, Last-Modified) for conditional GET,
and each article URL already handled with its content hash, so an article is
fetched once and the same text under a second URL is recognised. The store is
idempotent on its own; this file spares the fetches and the extraction.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from types import TracebackType

from emptychair.watch.fetch import Validators

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    checked_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    url TEXT PRIMARY KEY,
    content_hash TEXT,
    outcome TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles (content_hash);
"""


class WatchState:
    """Feed validators and handled articles; every change is committed at once."""

    def __init__(self, path: Path | str) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path))
        self._db.executescript(_SCHEMA)

    def validators(self, feed: str) -> Validators:
        """The ETag and Last-Modified the feed last sent (empty the first time)."""
        row = self._db.execute(
            "SELECT etag, last_modified FROM feeds WHERE url = ?", (feed,)
        ).fetchone()
        return Validators(*row) if row else Validators()

    def feed_checked(self, feed: str, validators: Validators) -> None:
        """Record a successful poll and the validators to send next time."""
        with self._db:
            self._db.execute(
                "INSERT INTO feeds (url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
                "last_modified = excluded.last_modified, checked_at = excluded.checked_at",
                (feed, validators.etag, validators.last_modified, _now()),
            )

    def seen_url(self, url: str) -> bool:
        """Whether the article at ``url`` was already handled."""
        return (
            self._db.execute("SELECT 1 FROM articles WHERE url = ?", (url,)).fetchone() is not None
        )

    def seen_content(self, digest: str) -> str | None:
        """The URL an article with this content hash was first handled under, if any."""
        row = self._db.execute(
            "SELECT url FROM articles WHERE content_hash = ? LIMIT 1", (digest,)
        ).fetchone()
        return str(row[0]) if row else None

    def article_done(self, url: str, digest: str | None, outcome: str) -> None:
        """Remember an article as handled (``ingested``, ``duplicate``, ``no text`` ...)."""
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO articles (url, content_hash, outcome, fetched_at) "
                "VALUES (?, ?, ?, ?)",
                (url, digest, outcome, _now()),
            )

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    def __enter__(self) -> WatchState:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
