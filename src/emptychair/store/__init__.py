"""The store: documents, claims and the records reconciled from them (SQLite or PostgreSQL)."""

from emptychair.store.handle import Store, open_store
from emptychair.store.write import IngestReport

__all__ = ["IngestReport", "Store", "open_store"]
