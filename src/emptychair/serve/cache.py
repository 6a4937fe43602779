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

Async routes compute a missing value on the event loop itself when the store's
reads never wait (SQLite in WAL mode or in memory, ``reads_never_wait``): they are
CPU work in this process, which a worker thread would do no faster (one GIL), while
handing each computation to a thread and back made cold requests cost twice as much
under load. Reads that may wait (PostgreSQL's round trips, a rollback-journal SQLite
file during a write) are computed in the thread pool, so the loop never waits.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

from sqlalchemy import String, func, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.engine import make_url
from sqlalchemy.pool import PoolProxiedConnection
from starlette.concurrency import run_in_threadpool

from emptychair.store import Store

T = TypeVar("T")
DEFAULT_ENTRIES = 4096


class Marker:
    """The store's change marker; this base class has none (the store is not cached)."""

    cheap = True
    """Whether reading it never waits on I/O (so an event loop may call it)."""

    def __call__(self) -> Hashable | None:
        """The current marker, None when changes cannot be told."""
        return None

    def close(self) -> None:
        """Release what the marker holds."""


class _SqliteMarker(Marker):
    def __init__(self, store: Store) -> None:
        self._store = store
        self._raw: PoolProxiedConnection | None = None
        self._lock = threading.Lock()

    def __call__(self) -> Hashable | None:
        with self._lock:
            if self._raw is None:
                # Detached: a connection of the marker's own, outside the requests' pool
                # (opened again after ``close``, as the engine reconnects after dispose).
                self._raw = self._store.engine.raw_connection()
                self._raw.detach()
            cursor = self._raw.cursor()
            try:
                cursor.execute("PRAGMA data_version")
                row = cursor.fetchone()
            finally:
                cursor.close()
        return None if row is None else int(row[0])

    def close(self) -> None:
        with self._lock:
            if self._raw is not None:
                self._raw.close()
                self._raw = None


class _PostgresMarker(Marker):
    cheap = False  # a round trip to the server
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


def reads_never_wait(store: Store) -> bool:
    """Whether reading ``store`` never waits for a writer or the network: SQLite in WAL
    mode (readers keep their snapshot while a writer commits) or in memory."""
    if store.backend != "sqlite":
        return False
    with store.engine.connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
    return str(mode).lower() in ("wal", "memory")


class StoreCache:
    """Values by key, valid while the store's change marker stays the same (LRU-bounded)."""

    def __init__(
        self, marker: Marker, max_entries: int = DEFAULT_ENTRIES, inline: bool = False
    ) -> None:
        """``inline``: ``aget`` computes on the event loop (see the module's docstring)."""
        self._marker = marker
        self._max = max_entries
        self._inline = inline
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
        found = self._hit(marker, key)
        if found is not None:
            return cast(T, found)
        value = compute()
        self._keep(marker, key, value)
        return value

    async def aget(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``get`` for async routes: a hit costs no thread; a marker that may block runs in
        the thread pool, and so does ``compute`` unless this cache computes inline."""
        marker = self._marker() if self._marker.cheap else await run_in_threadpool(self._marker)
        found = self._hit(marker, key)
        if found is not None:
            return cast(T, found)
        value = compute() if self._inline else await run_in_threadpool(compute)
        self._keep(marker, key, value)
        return value

    def _hit(self, marker: Hashable | None, key: Hashable) -> Any:
        """The kept value of ``key`` if the store is still at ``marker``, else None."""
        if marker is None:
            return None
        with self._lock:
            if marker != self._seen:
                self._values.clear()
                self._seen = marker
                return None
            found = self._values.get(key)
            if found is not None:
                self._values.move_to_end(key)
            return found

    def _keep(self, marker: Hashable | None, key: Hashable, value: object) -> None:
        with self._lock:
            if marker is not None and marker == self._seen and value is not None:
                self._values[key] = value
                while len(self._values) > self._max:
                    self._values.popitem(last=False)

    def close(self) -> None:
        """Drop every value and release the marker."""
        with self._lock:
            self._values.clear()
        self._marker.close()
