"""Alembic environment: runs migrations on the connection ``store.engine.upgrade`` hands in.

Run by hand (``alembic revision --autogenerate``) it falls back to the store
chosen by ``EMPTYCHAIR_DB`` or the default SQLite file.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from emptychair.settings import load_settings
from emptychair.store.engine import make_engine
from emptychair.store.schema import metadata


def run(connection: Connection) -> None:
    """Configure the migration context on ``connection`` and run the pending revisions."""
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


given = context.config.attributes.get("connection")
if given is not None:
    run(given)
else:
    with make_engine(load_settings().database_url).begin() as fresh:
        run(fresh)
