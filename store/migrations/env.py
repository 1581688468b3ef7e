"""Alembic environment: migrations run against the URL the caller set, with SQLite batch mode."""

from alembic import context
from sqlalchemy import engine_from_config, pool
from sqlmodel import SQLModel

import store.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
connectable = engine_from_config(
    config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool
)
with connectable.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
