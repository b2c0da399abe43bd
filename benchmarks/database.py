"""Benchmark databases: create one if missing, migrate it to heads, connect to it."""

from __future__ import annotations

from pathlib import Path

import psycopg
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import make_url

from chalicelib.core.db import sqlalchemy_url

ROOT = Path(__file__).resolve().parents[1]


def libpq_url(url: str) -> str:
    """psycopg wants postgresql://, SQLAlchemy postgresql+psycopg://: accept either."""
    return make_url(sqlalchemy_url(url)).set(drivername="postgresql").render_as_string(hide_password=False)


def ensure_database(url: str) -> None:
    target = make_url(libpq_url(url))
    admin = target.set(database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (target.database,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{target.database}"')


def migrate(url: str) -> None:
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = sqlalchemy_url(url)
    command.upgrade(config, "heads")
