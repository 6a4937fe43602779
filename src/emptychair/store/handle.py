"""``open_store`` and ``Store``: the handle every reader, writer and command works through."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from emptychair.settings import load_settings
from emptychair.store.bulk import DEFAULT_BULK_BATCH, Progress, bulk_ingest
from emptychair.store.engine import make_engine, upgrade
from emptychair.store.write import DEFAULT_BATCH, IngestReport, Item, ingest


class Store:
    """An open store: a database at the newest schema."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def ingest(
        self, items: Iterable[Item], extractor_version: str, batch_size: int = DEFAULT_BATCH
    ) -> IngestReport:
        """Store documents with their claims; see ``store.write.ingest``."""
        return ingest(self.engine, items, extractor_version, batch_size)

    def bulk_ingest(
        self,
        items: Iterable[Item],
        extractor_version: str,
        batch_size: int = DEFAULT_BULK_BATCH,
        progress: Progress | None = None,
        background: bool = True,
    ) -> IngestReport:
        """Store many documents with their claims, set-wise; see ``store.bulk.bulk_ingest``."""
        return bulk_ingest(self.engine, items, extractor_version, batch_size, progress, background)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_store(url: str | None = None) -> Store:
    """Open the store at ``url`` (default: settings), creating or upgrading its schema."""
    database_url = load_settings(url).database_url
    parsed = make_url(database_url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(database_url)
    upgrade(engine)
    return Store(engine)
