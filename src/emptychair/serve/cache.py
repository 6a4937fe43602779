"""A per-process cache of computed views and responses, dropped whenever the store changes.

Every lookup first reads the store's *change marker*, an O(1) value that differs
after any committed write by anyone (this server's ``POST /api/documents``, another
worker, the CLI's ``ingest`` or ``calendar`` commands):

- SQLite: ``PRAGMA data_version`` on a connection of its own that never writes;
  its value changes exactly when another connection commits (any process).
- PostgreSQL: the current snapshot (``xmin:xmax:in-progress xids``). Every writing
  transaction takes an xid, so the text changes when one starts or ends; the
  cluster-wide xids make it conservative (other databases' writes also drop it).

The marker is read *before* computing, so a value computed during a concurrent
write is stored under the older marker and dropped at the next lookup. A store
with no such marker (in-memory SQLite) is not cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

from sqlalchemy import String, func, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.engine import make_url

from emptychair.store import Store

T = TypeVar("T")
DEFAULT_ENTRIES = 4096


class Marker:
    """The store's change marker; this base class has none (the store is not cached)."""

    def __call__(self) -> Hashable | None:
        """The current marker, None when changes cannot be told."""
        return None

    def close(self) -> None:
        """Release what the marker holds."""


class _SqliteMarker(Marker):
    def __init__(self, store: Store) -> None:
        # Detached: a connection of the marker's own, outside the pool requests share.
        self._raw = store.engine.raw_connection()
        self._raw.detach()
        self._lock = threading.Lock()

    def __call__(self) -> Hashable | None:
        with self._lock:
            cursor = self._raw.cursor()
            try:
                cursor.execute("PRAGMA data_version")
                row = cursor.fetchone()
            finally:
                cursor.close()
        return None if row is None else int(row[0])

    def close(self) -> None:
        self._raw.close()


class _PostgresMarker(Marker):
    _snapshot = select(sql_cast(func.pg_current_snapshot(), String))

    def __init__(self, store: Store) -> None:
        self._store = store

    def __call__(self) -> Hashable | None:
        with self._store.engine.connect() as connection:
            return connection.execute(self._snapshot).scalar_one()


def change_marker(store: Store) -> Marker:
    """The change marker of ``store`` (a marker answering None for in-memory SQLite)."""
    if store.backend == "postgresql":
        return _PostgresMarker(store)
    url = make_url(store.engine.url)
    memory = url.database in (None, "", ":memory:") or url.query.get("mode") == "memory"
    if store.backend == "sqlite" and not memory:
        return _SqliteMarker(store)
    return Marker()


class StoreCache:
    """Values by key, valid while the store's change marker stays the same (LRU-bounded)."""

    def __init__(self, marker: Marker, max_entries: int = DEFAULT_ENTRIES) -> None:
        self._marker = marker
        self._max = max_entries
        self._lock = threading.Lock()
        self._seen: Hashable | None = None
        self._values: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value of ``key``, computed (and kept) unless the unchanged store already gave it.

        Callers use keys naming what is computed (``("board", slug)``), so one key
        always holds values of one type. None (nothing found) is not kept: unknown
        keys must not push out known ones.
        """
        marker = self._marker()
        if marker is None:
            return compute()
        with self._lock:
            if marker != self._seen:
                self._values.clear()
                self._seen = marker
            elif key in self._values:
                self._values.move_to_end(key)
                return cast(T, self._values[key])
        value = compute()
        with self._lock:
            if marker == self._seen and value is not None:
                self._values[key] = value
                while len(self._values) > self._max:
                    self._values.popitem(last=False)
        return value

    def close(self) -> None:
        """Drop every value and release the marker."""
        with self._lock:
            self._values.clear()
        self._marker.close()
