"""The application's session settings come from its role in its database (migration 0013),
not from libpq startup options, which RDS Proxy refuses."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import make_url

from chalicelib.core import db as core_db
from chalicelib.core.db import SESSION_SETTINGS, sqlalchemy_url
from tests.support import database

ROOT = Path(__file__).resolve().parents[2]


def libpq(url: str, *, database_name: str | None = None) -> str:
    parsed = make_url(sqlalchemy_url(url)).set(drivername="postgresql")
    if database_name is not None:
        parsed = parsed.set(database=database_name)
    return parsed.render_as_string(hide_password=False)


def settings_with_source(connection: psycopg.Connection) -> dict[str, tuple[str, str]]:
    rows = connection.execute(
        "SELECT name, current_setting(name), source FROM pg_settings WHERE name = ANY(%s)", (list(SESSION_SETTINGS),)
    ).fetchall()
    return {name: (value, source) for name, value, source in rows}


def test_a_new_application_connection_runs_with_the_session_settings(database_url: str) -> None:
    core_db.reset_engine()
    with core_db.get_engine().connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT name, current_setting(name), source FROM pg_settings WHERE name IN "
            "('statement_timeout', 'work_mem', 'max_parallel_workers_per_gather')"
        ).all()

    assert {name: (value, source) for name, value, source in rows} == {
        name: (value, "database user") for name, value in SESSION_SETTINGS.items()
    }


def test_the_engine_sends_no_startup_options(database_url: str) -> None:
    core_db.reset_engine()
    with core_db.get_engine().connect() as connection:
        info = connection.connection.dbapi_connection.info  # type: ignore[union-attr]

    assert info.options == ""
    assert info.get_parameters().get("connect_timeout") == str(core_db.CONNECT_TIMEOUT_SECONDS)


def test_the_settings_belong_to_this_database_only(database_url: str) -> None:
    with psycopg.connect(libpq(database_url)) as connection:
        stored = connection.execute(
            "SELECT d.datname, s.setconfig FROM pg_db_role_setting s "
            "JOIN pg_roles r ON r.oid = s.setrole LEFT JOIN pg_database d ON d.oid = s.setdatabase "
            "WHERE r.rolname = current_user AND s.setdatabase IN (0, (SELECT oid FROM pg_database "
            "WHERE datname = current_database()))"
        ).fetchall()
    with psycopg.connect(libpq(database_url, database_name="postgres")) as other:
        elsewhere = settings_with_source(other)

    assert stored == [
        (make_url(database_url).database, [f"{name}={value}" for name, value in SESSION_SETTINGS.items()])
    ]
    assert all(source != "database user" for _, source in elsewhere.values())


@pytest.fixture
def slow_migration(tmp_path: Path) -> Path:
    """This project's Alembic environment with one migration slower than the role's timeout."""
    scripts = tmp_path / "migrations"
    (scripts / "versions").mkdir(parents=True)
    shutil.copy(ROOT / "migrations" / "env.py", scripts / "env.py")
    shutil.copy(ROOT / "migrations" / "script.py.mako", scripts / "script.py.mako")
    (scripts / "versions" / "slow.py").write_text(
        textwrap.dedent(
            """
            from alembic import op

            revision = "slow"
            down_revision = None
            branch_labels = None
            depends_on = None


            def upgrade() -> None:
                op.execute("SELECT pg_sleep(1)")
            """
        )
    )
    return scripts


@pytest.fixture
def database_with_a_short_timeout(database_url: str) -> Iterator[str]:
    url = database.create_database(sqlalchemy_url(database_url))
    try:
        with psycopg.connect(libpq(url), autocommit=True) as connection:
            connection.execute(
                f"ALTER ROLE CURRENT_USER IN DATABASE \"{make_url(url).database}\" SET statement_timeout = '200ms'"
            )
        yield url
    finally:
        database.drop_database(url)


def test_migrations_are_not_cut_short_by_the_roles_statement_timeout(
    database_with_a_short_timeout: str, slow_migration: Path
) -> None:
    url = database_with_a_short_timeout
    with psycopg.connect(libpq(url)) as connection, pytest.raises(psycopg.errors.QueryCanceled):
        connection.execute("SELECT pg_sleep(1)")

    config = Config()
    config.set_main_option("script_location", str(slow_migration))
    config.attributes["database_url"] = url
    command.upgrade(config, "heads")

    with psycopg.connect(libpq(url)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [("slow",)]
        assert connection.execute("SHOW statement_timeout").fetchone() == ("200ms",)
