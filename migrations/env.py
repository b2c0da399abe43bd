"""Alembic environment: the database URL comes from the application settings."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from chalicelib.all_models import Base
from chalicelib.core.db import sqlalchemy_url
from chalicelib.core.settings import get_settings

target_metadata = Base.metadata


def _url() -> str:
    return context.config.attributes.get("database_url") or sqlalchemy_url(get_settings().database_url_with_password())


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
