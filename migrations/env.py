"""Alembic environment: the database URL comes from the application settings.

The migrations run in one transaction with `SET LOCAL statement_timeout = 0`: the role they
run as starts its sessions with the application's `statement_timeout` (migration 0013), and
an index build or a backfill may take longer than any request. `LOCAL` ends with the
transaction, so the setting never outlives the migration on a pooled (proxied) connection.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from chalicelib.all_models import Base
from chalicelib.core.db import sqlalchemy_url
from chalicelib.core.settings import get_settings

target_metadata = Base.metadata
NO_STATEMENT_TIMEOUT = "SET LOCAL statement_timeout = 0"


def _url() -> str:
    return context.config.attributes.get("database_url") or sqlalchemy_url(get_settings().database_url_with_password())


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True, compare_type=True)
    with context.begin_transaction():
        context.execute(NO_STATEMENT_TIMEOUT)
        context.run_migrations()


def _run_on(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
    with context.begin_transaction():
        connection.exec_driver_sql(NO_STATEMENT_TIMEOUT)
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run_on(connection)
        return
    engine = create_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as conn:
        _run_on(conn)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
