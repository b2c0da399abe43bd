"""The `migrate` Lambda (functions/migrate.py): a CloudFormation custom resource that brings a
database to the migrations' heads on Create and Update, leaves it alone on Delete and fails
the deploy when a migration fails."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from chalicelib.accounts.models import User
from chalicelib.core.audit import AuditEntry
from chalicelib.core.db import sqlalchemy_url
from chalicelib.core.outbox import OutboxEvent
from chalicelib.core.settings import get_settings
from functions import migrate
from infra.local.lambda_events import LambdaContext
from tests.support import database

ROLE_SETTINGS = "0013"


def heads() -> str:
    """The revisions `alembic upgrade heads` reaches, read from the migrations themselves."""
    from alembic.script import ScriptDirectory

    return ",".join(sorted(ScriptDirectory.from_config(database.alembic_config()).get_heads()))


def custom_resource_event(request_type: str, **extra: Any) -> dict[str, Any]:
    """What the CDK Provider framework hands its onEvent Lambda."""
    return {
        "RequestType": request_type,
        "ServiceToken": "arn:aws:lambda:eu-west-1:123456789012:function:provider-framework-onEvent",
        "ResponseURL": "https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/...",
        "StackId": "arn:aws:cloudformation:eu-west-1:123456789012:stack/marketplace/1",
        "RequestId": "6a9e1f7c-0b3d-4a52-9d0e-3c2b1a0f9e8d",
        "LogicalResourceId": "DatabaseSchema",
        "ResourceType": "Custom::DatabaseSchema",
        "ResourceProperties": {"ServiceToken": "...", "MigrationsHash": "abc"},
        **extra,
    }


def invoke(event: dict[str, Any]) -> Any:
    return migrate.handler(event, LambdaContext(function_name="migrate", region="eu-west-1", timeout_seconds=900))


def libpq(url: str) -> str:
    return make_url(sqlalchemy_url(url)).set(drivername="postgresql").render_as_string(hide_password=False)


def tables(url: str) -> set[str]:
    with psycopg.connect(libpq(url)) as connection:
        rows = connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
    return {name for (name,) in rows}


@pytest.fixture
def empty_database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A new, empty database that the settings (DATABASE_URL) point at, as in the Lambda."""
    url = database.create_database(sqlalchemy_url(database_url))
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    try:
        yield url
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
        database.drop_database(url)


def test_create_migrates_an_empty_database_to_the_heads(empty_database: str) -> None:
    answer = invoke(custom_resource_event("Create"))

    assert answer == {"PhysicalResourceId": migrate.PHYSICAL_RESOURCE_ID, "Data": {"revision": heads()}}
    assert {"alembic_version", "users", "businesses", "payments", "orders"} <= tables(empty_database)


def test_update_migrates_what_is_pending_and_keeps_the_resource(empty_database: str) -> None:
    invoke(custom_resource_event("Create"))
    database.downgrade(empty_database, f"{ROLE_SETTINGS}-1")
    with psycopg.connect(libpq(empty_database)) as connection:
        connection.execute(
            "DO $$ BEGIN EXECUTE 'ALTER ROLE CURRENT_USER IN DATABASE ' || quote_ident(current_database()) "
            "|| ' RESET ALL'; END $$"
        )

    answer = invoke(custom_resource_event("Update", PhysicalResourceId=migrate.PHYSICAL_RESOURCE_ID))

    assert answer == {"PhysicalResourceId": migrate.PHYSICAL_RESOURCE_ID, "Data": {"revision": heads()}}
    with psycopg.connect(libpq(empty_database)) as connection:
        assert connection.execute("SHOW work_mem").fetchone() == ("32MB",)


def test_delete_leaves_the_database_as_it_is(empty_database: str) -> None:
    answer = invoke(custom_resource_event("Delete", PhysicalResourceId=migrate.PHYSICAL_RESOURCE_ID))

    assert answer == {"PhysicalResourceId": migrate.PHYSICAL_RESOURCE_ID}
    assert tables(empty_database) == set()


def test_a_migration_that_fails_fails_the_deploy_and_leaves_the_schema_as_it_was(
    empty_database: str, tmp_path: Path
) -> None:
    with psycopg.connect(libpq(empty_database)) as connection:
        connection.execute("CREATE TABLE users (id integer)")  # 0001 cannot create its own

    with pytest.raises(Exception, match="users"):
        invoke(custom_resource_event("Create"))

    assert tables(empty_database) == {"users"}


def test_an_unreachable_database_fails_the_deploy(monkeypatch: pytest.MonkeyPatch, database_url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:1/marketplace?connect_timeout=2")
    get_settings.cache_clear()
    try:
        with pytest.raises(Exception, match=r"127\.0\.0\.1"):
            invoke(custom_resource_event("Create"))
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


def test_an_unknown_request_type_is_refused(empty_database: str) -> None:
    with pytest.raises(ValueError, match="RequestType 'Replace'"):
        invoke(custom_resource_event("Replace"))

    assert tables(empty_database) == set()


def test_an_operator_invites_the_first_admin_who_gets_the_password_reset_email(db: Session) -> None:
    answer = invoke({"create_admin": {"email": " Wanjiku@Soko.Example ", "full_name": "Wanjiku Kamau"}})

    assert answer["created"] is True, answer
    user = db.scalars(select(User).where(User.email == "wanjiku@soko.example")).one()
    assert (str(user.id), user.role, user.status, user.business_id) == (answer["user_id"], "admin", "active", None)
    reset = db.scalars(
        select(OutboxEvent).where(
            OutboxEvent.event_type == "PasswordResetRequested", OutboxEvent.aggregate_id == user.id
        )
    ).one()
    assert reset.payload["email"] == "wanjiku@soko.example"
    audit = db.scalars(
        select(AuditEntry).where(AuditEntry.action == "admin.created", AuditEntry.target_id == str(user.id))
    )
    assert [entry.details for entry in audit] == [{"role": "admin", "via": "migrate_lambda"}]


@pytest.mark.parametrize(
    ("request_body", "reason"),
    [
        ({"email": "not-an-address", "full_name": "Wanjiku Kamau"}, "Not a valid e-mail address"),
        ({"email": "w@soko.example", "full_name": "  "}, "full name"),
        ({"email": "w@soko.example", "full_name": "Wanjiku Kamau", "role": "owner"}, "admin, support"),
        ({"email": "w@soko.example"}, "needs email and full_name"),
        ("w@soko.example", "needs email and full_name"),
    ],
)
def test_a_refused_invitation_says_why_and_writes_nothing(db: Session, request_body: object, reason: str) -> None:
    answer = invoke({"create_admin": request_body})

    assert answer["created"] is False and reason in answer["reason"], answer
    assert db.scalars(select(User).where(User.email == "w@soko.example")).first() is None


def test_an_address_that_has_an_account_is_refused(db: Session) -> None:
    assert invoke({"create_admin": {"email": "ops@soko.example", "full_name": "Ops", "role": "support"}})["created"]

    again = invoke({"create_admin": {"email": "ops@soko.example", "full_name": "Ops Two"}})

    assert again == {"created": False, "reason": "That e-mail address already has an account."}
    assert [u.full_name for u in db.scalars(select(User).where(User.email == "ops@soko.example"))] == ["Ops"]
