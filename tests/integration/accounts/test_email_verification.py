"""E-mail verification: POST /auth/verify-email and POST /auth/verify-email/resend."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.accounts.models import OneTimeToken, User
from chalicelib.core.audit import AuditEntry
from chalicelib.core.outbox import OutboxEvent
from chalicelib.core.security import hash_token
from tests.support.api import Api, count, latest_token, register

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
INVALID_OR_EXPIRED = {
    "error": {
        "code": "validation_failed",
        "message": "The link is invalid or has expired.",
        "details": [{"field": "token", "code": "invalid_or_expired", "message": "Ask for a new link and try again."}],
    }
}


def user_by_email(db: Session, email: str) -> User:
    db.expire_all()
    return db.scalars(select(User).where(User.email == email)).one()


def verify_tokens(db: Session, user_id: Any) -> list[tuple[str, datetime | None]]:
    db.expire_all()
    rows = db.scalars(
        select(OneTimeToken)
        .where(OneTimeToken.user_id == user_id, OneTimeToken.purpose == "verify_email")
        .order_by(OneTimeToken.created_at)
    ).all()
    return [(row.token_hash, row.used_at) for row in rows]


def audit_actions(db: Session) -> list[str]:
    return list(db.scalars(select(AuditEntry.action).order_by(AuditEntry.created_at)).all())


@time_machine.travel(NOW, tick=False)
def test_verify_email_with_the_emailed_token_marks_the_user_verified(api: Api, db: Session) -> None:
    # Given a freshly registered owner and the token from the verification e-mail
    registered = register(api, "retailer", owner__email="amina@example.co.ke")
    token = latest_token(db, "EmailVerificationRequested", "amina@example.co.ke")
    user_id = registered["user"]["id"]

    # When the token is posted
    response = api.post("/auth/verify-email", {"token": token})

    # Then the user is verified
    assert response.status_code == 200, response.json_body
    assert response.headers["Cache-Control"] == "no-store"
    assert response.json_body == {**registered["user"], "email_verified": True}
    user = user_by_email(db, "amina@example.co.ke")
    assert user.email_verified_at == NOW
    # And the token is used up
    assert verify_tokens(db, user.id) == [(hash_token(token), NOW)]
    # And the verification is audited
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "auth.email_verified")).one()
    assert (entry.actor_user_id, entry.target_type, entry.target_id, str(entry.source_ip)) == (
        user.id,
        "user",
        user_id,
        "127.0.0.1",
    )
    # And the owner's own profile now says so
    me = api.get("/me", token=registered["access_token"])
    assert me.json_body["email_verified"] is True


def test_verify_email_refuses_the_same_token_twice(api: Api, db: Session) -> None:
    # Given a token that has already verified the address
    register(api, "retailer", owner__email="amina@example.co.ke")
    token = latest_token(db, "EmailVerificationRequested", "amina@example.co.ke")
    assert api.post("/auth/verify-email", {"token": token}).status_code == 200
    user = user_by_email(db, "amina@example.co.ke")
    verified_at = user.email_verified_at
    tokens_before = verify_tokens(db, user.id)
    audit_before = audit_actions(db)

    # When it is posted again
    response = api.post("/auth/verify-email", {"token": token})

    # Then it is refused as invalid, and nothing changes
    assert response.status_code == 400
    assert response.json_body == INVALID_OR_EXPIRED
    assert user_by_email(db, "amina@example.co.ke").email_verified_at == verified_at
    assert verify_tokens(db, user.id) == tokens_before
    assert audit_actions(db) == audit_before


def test_verify_email_refuses_a_random_token(api: Api, db: Session) -> None:
    # Given a registered owner who has not verified
    register(api, "retailer", owner__email="amina@example.co.ke")
    user = user_by_email(db, "amina@example.co.ke")
    tokens_before = verify_tokens(db, user.id)

    # When a token nobody issued is posted
    response = api.post("/auth/verify-email", {"token": secrets.token_urlsafe(32)})

    # Then it is refused, and the user stays unverified with the token unused
    assert response.status_code == 400
    assert response.json_body == INVALID_OR_EXPIRED
    assert user_by_email(db, "amina@example.co.ke").email_verified_at is None
    assert verify_tokens(db, user.id) == tokens_before
    assert tokens_before[0][1] is None


def test_verify_email_refuses_the_stored_hash_instead_of_the_token(api: Api, db: Session) -> None:
    # Given someone who read the one_time_tokens table
    register(api, "retailer", owner__email="amina@example.co.ke")
    user = user_by_email(db, "amina@example.co.ke")
    [(stored_hash, _)] = verify_tokens(db, user.id)

    # When the stored hash is posted as the token
    response = api.post("/auth/verify-email", {"token": stored_hash})

    # Then it is refused
    assert response.status_code == 400
    assert response.json_body == INVALID_OR_EXPIRED
    assert user_by_email(db, "amina@example.co.ke").email_verified_at is None


def test_verify_email_refuses_a_password_reset_token(api: Api, db: Session) -> None:
    # Given a token issued for another purpose (password reset)
    register(api, "retailer", owner__email="amina@example.co.ke")
    assert api.post("/auth/password/forgot", {"email": "amina@example.co.ke"}).status_code == 202
    reset_token = latest_token(db, "PasswordResetRequested", "amina@example.co.ke")

    # When it is posted to verify the e-mail
    response = api.post("/auth/verify-email", {"token": reset_token})

    # Then it is refused, and the reset token stays usable
    assert response.status_code == 400
    assert response.json_body == INVALID_OR_EXPIRED
    user = user_by_email(db, "amina@example.co.ke")
    assert user.email_verified_at is None
    reset_row = db.scalars(select(OneTimeToken).where(OneTimeToken.token_hash == hash_token(reset_token))).one()
    assert reset_row.used_at is None


@pytest.mark.parametrize(
    ("elapsed", "status"),
    [
        pytest.param(timedelta(hours=23, minutes=59), 200, id="just-inside-24h"),
        pytest.param(timedelta(hours=24), 400, id="at-24h"),
        pytest.param(timedelta(hours=24, minutes=1), 400, id="after-24h"),
    ],
)
def test_verify_email_token_lives_24_hours(api: Api, db: Session, elapsed: timedelta, status: int) -> None:
    # Given a token issued at NOW
    with time_machine.travel(NOW, tick=False):
        register(api, "retailer", owner__email="amina@example.co.ke")
    token = latest_token(db, "EmailVerificationRequested", "amina@example.co.ke")

    # When it is posted `elapsed` later
    with time_machine.travel(NOW + elapsed, tick=False):
        response = api.post("/auth/verify-email", {"token": token})

    # Then it works only inside the 24 hours
    assert response.status_code == status, response.json_body
    user = user_by_email(db, "amina@example.co.ke")
    if status == 200:
        assert user.email_verified_at == NOW + elapsed
    else:
        assert response.json_body == INVALID_OR_EXPIRED
        assert user.email_verified_at is None
        assert verify_tokens(db, user.id) == [(hash_token(token), None)]


@pytest.mark.parametrize(
    ("body", "details"),
    [
        ({}, [{"field": "token", "code": "missing", "message": "Field required"}]),
        (
            {"token": "short"},
            [{"field": "token", "code": "string_too_short", "message": "String should have at least 10 characters"}],
        ),
        (
            {"token": "x" * 201},
            [{"field": "token", "code": "string_too_long", "message": "String should have at most 200 characters"}],
        ),
        (
            {"token": "abcdefghijkl", "email": "amina@example.co.ke"},
            [{"field": "email", "code": "extra_forbidden", "message": "Extra inputs are not permitted"}],
        ),
    ],
)
def test_verify_email_validates_its_body(api: Api, db: Session, body: dict[str, Any], details: list[Any]) -> None:
    register(api, "retailer", owner__email="amina@example.co.ke")

    response = api.post("/auth/verify-email", body)

    assert response.status_code == 400
    assert response.json_body == {
        "error": {"code": "validation_failed", "message": "Some fields are invalid.", "details": details}
    }
    assert user_by_email(db, "amina@example.co.ke").email_verified_at is None


def test_resend_issues_a_new_token_and_retires_the_old_one(api: Api, db: Session) -> None:
    # Given an unverified owner with the first verification token
    with time_machine.travel(NOW, tick=False):
        registered = register(api, "retailer", owner__email="amina@example.co.ke")
    first = latest_token(db, "EmailVerificationRequested", "amina@example.co.ke")
    user = user_by_email(db, "amina@example.co.ke")

    # When the owner asks for a new link ten minutes later
    later = NOW + timedelta(minutes=10)
    with time_machine.travel(later, tick=False):
        response = api.post("/auth/verify-email/resend", token=registered["access_token"])

    # Then 202, with a second EmailVerificationRequested carrying a new token
    assert response.status_code == 202, response.json_body
    assert response.json_body == {"status": "accepted", "message": "A new verification link is on its way."}
    second = latest_token(db, "EmailVerificationRequested", "amina@example.co.ke")
    assert second != first
    assert count(db, OutboxEvent, OutboxEvent.event_type == "EmailVerificationRequested") == 2
    # And the old token is retired while the new one lives 24 h from now
    assert verify_tokens(db, user.id) == [(hash_token(first), later), (hash_token(second), None)]
    new_row = db.scalars(select(OneTimeToken).where(OneTimeToken.token_hash == hash_token(second))).one()
    assert new_row.expires_at == later + timedelta(hours=24)

    # And the old token no longer verifies, while the new one does
    with time_machine.travel(later, tick=False):
        assert api.post("/auth/verify-email", {"token": first}).json_body == INVALID_OR_EXPIRED
        assert user_by_email(db, "amina@example.co.ke").email_verified_at is None
        assert api.post("/auth/verify-email", {"token": second}).status_code == 200
    assert user_by_email(db, "amina@example.co.ke").email_verified_at == later


def test_resend_when_already_verified_is_409_and_sends_nothing(api: Api, db: Session) -> None:
    # Given an owner who has verified the address
    registered = register(api, "retailer", owner__email="amina@example.co.ke")
    token = latest_token(db, "EmailVerificationRequested", "amina@example.co.ke")
    assert api.post("/auth/verify-email", {"token": token}).status_code == 200
    events_before = count(db, OutboxEvent)
    tokens_before = count(db, OneTimeToken)

    # When they ask for another link
    response = api.post("/auth/verify-email/resend", token=registered["access_token"])

    # Then 409 already_verified, and no token or event is produced
    assert response.status_code == 409
    assert response.json_body == {
        "error": {"code": "already_verified", "message": "This e-mail address is already verified.", "details": []}
    }
    assert count(db, OutboxEvent) == events_before
    assert count(db, OneTimeToken) == tokens_before


def test_resend_requires_sign_in(api: Api, db: Session) -> None:
    # Given a registered, unverified owner
    register(api, "retailer", owner__email="amina@example.co.ke")
    events_before = count(db, OutboxEvent)

    # When the resend is called without a token
    response = api.post("/auth/verify-email/resend")

    # Then 401, and nothing is sent
    assert response.status_code == 401
    assert response.json_body == {
        "error": {"code": "not_authenticated", "message": "Sign in to continue.", "details": []}
    }
    assert count(db, OutboxEvent) == events_before
