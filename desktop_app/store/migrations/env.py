"""Alembic environment: always run programmatically by ``store.db.Database.upgrade``."""

from alembic import context

from desktop_app.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # Batch mode turns ALTER TABLE into copy-and-move on SQLite and is a no-op elsewhere.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
