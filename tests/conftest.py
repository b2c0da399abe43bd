"""Test fixtures: one fresh, migrated database per run; each test in a rolled-back
transaction unless it asks for committed data (`committed_db`)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("STAGE", "test")
# Subscription gating is on, as in every deployment, whatever the shell says: the factories give
# each business a subscription in good standing (tests/support/factories.py). A module that needs
# it off says why and uses the `subscriptions_not_enforced` fixture.
os.environ["SUBSCRIPTION_ENFORCEMENT"] = "true"
os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.pop("AWS_ENDPOINT_URL", None)

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from tests.support import database


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    url = database.create_database(database.server_url())
    try:
        database.migrate(url)
        os.environ["DATABASE_URL"] = url
        os.environ["DB_POOL_SIZE"] = "12"
        from chalicelib.core import db
        from chalicelib.core.settings import get_settings

        get_settings.cache_clear()
        db.reset_engine()
        yield url
    finally:
        from chalicelib.core import db

        db.reset_engine()
        database.drop_database(url)


@pytest.fixture(scope="session", autouse=True)
def wired_packages() -> None:
    """What the entry points wire: the ports between packages and the payment purposes."""
    from chalicelib.wiring import wire_packages

    wire_packages()


@pytest.fixture
def db(database_url: str) -> Iterator[Session]:
    """A session on a connection whose outer transaction is rolled back after the test.

    Every unit of work the code under test opens joins that transaction through a
    savepoint, so commits are real to the code and invisible to other tests."""
    from chalicelib.core import db as core_db

    engine = core_db.get_engine()
    connection = engine.connect()
    outer = connection.begin()
    factory = sessionmaker(bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint")
    core_db.use_session_factory(factory)
    session = factory()
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()
        core_db.use_session_factory(None)


@pytest.fixture
def committed_db(database_url: str) -> Iterator[Session]:
    """Real commits, for tests that need several connections; every table is emptied after."""
    from chalicelib.core import db as core_db

    core_db.use_session_factory(None)
    session = core_db.get_session_factory()()
    try:
        yield session
    finally:
        session.close()
        from chalicelib.all_models import Base

        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with core_db.get_engine().begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} CASCADE"))


@pytest.fixture
def client(db: Session) -> Iterator[object]:
    from app import app
    from tests.support.local_api import gateway_client

    with gateway_client(app) as test_client:
        yield test_client


@pytest.fixture
def api(client: object) -> object:
    from tests.support.api import Api

    return Api(client)


@pytest.fixture
def enforced_billing(monkeypatch: pytest.MonkeyPatch) -> None:
    """For the tests of subscription gating itself: enforcement on (the default too) and the
    factories' businesses start without a subscription, so each test gives every business
    the subscription (or none) it is about."""
    from chalicelib.core.settings import get_settings
    from tests.support import factories

    monkeypatch.setattr(get_settings(), "subscription_enforcement", True)
    monkeypatch.setattr(factories, "DEFAULT_SUBSCRIPTION", None)


@pytest.fixture
def subscriptions_not_enforced(monkeypatch: pytest.MonkeyPatch) -> None:
    """Subscription gating off, as SUBSCRIPTION_ENFORCEMENT=false sets it. Used by the test of that
    switch (billing/test_gating_call_sites.py); no module needs it off today. Prefer giving a
    module's businesses a subscription (tests/support/factories.py); a module that must switch
    gating off uses this fixture and says why."""
    from chalicelib.core.settings import get_settings

    monkeypatch.setattr(get_settings(), "subscription_enforcement", False)
