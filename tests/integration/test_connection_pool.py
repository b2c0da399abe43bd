"""Pooled connections are pinged only after being idle, and a dead one is then replaced."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine

from chalicelib.core.db import _ping_when_idle, sqlalchemy_url
from tests.support.database import terminate


@pytest.fixture
def one_connection_engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine(sqlalchemy_url(database_url), pool_size=1, max_overflow=0)
    yield engine
    engine.dispose()


def backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one())


def test_a_connection_the_server_dropped_while_idle_is_replaced(database_url, one_connection_engine):
    _ping_when_idle(one_connection_engine, 0.0)
    dead = backend_pid(one_connection_engine)
    terminate(database_url, dead)

    assert backend_pid(one_connection_engine) != dead


def test_a_connection_used_moments_ago_is_not_pinged(one_connection_engine, monkeypatch):
    pings: list[object] = []
    monkeypatch.setattr(one_connection_engine.dialect, "do_ping", lambda connection: pings.append(connection))
    _ping_when_idle(one_connection_engine, 60.0)

    first = backend_pid(one_connection_engine)
    second = backend_pid(one_connection_engine)

    assert first == second
    assert pings == []


def _two_transaction_starts(read_only: bool) -> tuple[object, object]:
    from sqlalchemy import text

    from chalicelib.core.db import unit_of_work

    with unit_of_work(read_only=read_only) as uow:
        first = uow.session.execute(text("SELECT now()")).scalar_one()
        uow.session.execute(text("SELECT pg_sleep(0.01)"))
        second = uow.session.execute(text("SELECT now()")).scalar_one()
    return first, second


@pytest.mark.usefixtures("committed_db")
def test_a_read_only_unit_of_work_runs_in_autocommit_and_an_ordinary_one_in_one_transaction():
    """now() is the start of the transaction: it moves between statements only in autocommit."""
    first, second = _two_transaction_starts(read_only=True)
    assert first != second

    first, second = _two_transaction_starts(read_only=False)
    assert first == second
