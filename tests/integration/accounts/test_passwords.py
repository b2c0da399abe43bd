"""Forgotten passwords (an e-mailed one-time token), resetting, and changing the password
while signed in. A new password ends the user's other sessions."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import jwt
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.accounts.models import AuthSession, OneTimeToken, User
from chalicelib.core.audit import AuditEntry
from chalicelib.core.clock import utcnow as now
from chalicelib.core.outbox import OutboxEvent
from chalicelib.core.security import hash_token
from tests.support.api import PASSWORD, Api, count, latest_token, login, register

NEW_PASSWORD = "Baobab-Matatu-Nakuru-77"
ACCEPTED = {"status": "accepted", "message": "If an account uses this address, a reset link is on its way."}
INVALID_TOKEN = {
    "error": {
        "code": "validation_failed",
        "message": "The link is invalid or has expired.",
        "details": [{"field": "token", "code": "invalid_or_expired", "message": "Ask for a new link and try again."}],
    }
}
INVALID_CREDENTIALS = {
    "error": {"code": "invalid_credentials", "message": "The e-mail address or password is incorrect.", "details": []}
}


@pytest.fixture
def owner(api: Api) -> dict[str, Any]:
    return register(api)


def sid(access_token: str) -> uuid.UUID:
    return uuid.UUID(jwt.decode(access_token, options={"verify_signature": False})["sid"])


def user_row(db: Session, user_id: str) -> User:
    user = db.scalar(select(User).where(User.id == uuid.UUID(user_id)).execution_options(populate_existing=True))
    assert user is not None
    return user


def events(db: Session, event_type: str) -> int:
    return count(db, OutboxEvent, OutboxEvent.event_type == event_type)


def session_alive(api: Api, tokens: dict[str, Any]) -> bool:
    me = api.get("/me", token=tokens["access_token"]).status_code
    rotated = api.post("/auth/refresh", {"refresh_token": tokens["refresh_token"]}).status_code
    assert (me, rotated) in {(200, 200), (401, 401)}
    return me == 200


def forgot(api: Api, email: str) -> Any:
    return api.post("/auth/password/forgot", {"email": email})


def reset(api: Api, token: str, password: str = NEW_PASSWORD) -> Any:
    return api.post("/auth/password/reset", {"token": token, "password": password})


def weak_password_error(field: str, code: str, message: str) -> dict[str, Any]:
    return {
        "error": {
            "code": "validation_failed",
            "message": "Some fields are invalid.",
            "details": [{"field": field, "code": code, "message": message}],
        }
    }


def weak_passwords(email: str) -> list[tuple[str, str, str]]:
    local_part = email.split("@")[0]
    return [
        ("Short-Pw-1", "password_too_short", "Use at least 12 characters."),
        ("Qwerty123456", "password_too_common", "This password is too common. Choose another."),
        (
            f"Kiosk-{local_part.title()}-2026",
            "password_contains_email",
            "The password must not contain your e-mail address.",
        ),
        ("x" * 129, "password_too_long", "Use at most 128 characters."),
    ]


# --- forgot ----------------------------------------------------------------------------------


def test_forgot_answers_the_same_whether_or_not_the_account_exists(
    clock: Any, api: Api, db: Session, owner: dict[str, Any]
) -> None:
    email, user_id = owner["user"]["email"], uuid.UUID(owner["user"]["id"])

    # When a reset is asked for a registered and for an unknown e-mail
    known = forgot(api, email.upper())
    unknown = forgot(api, "nobody-here@example.co.ke")

    # Then both answers are identical
    assert (known.status_code, known.json_body) == (202, ACCEPTED)
    assert (unknown.status_code, unknown.json_body) == (202, ACCEPTED)
    assert known.headers["Cache-Control"] == unknown.headers["Cache-Control"] == "no-store"

    # And only the registered one gets a reset token, e-mailed sealed through the outbox
    assert events(db, "PasswordResetRequested") == 1
    event = db.scalar(select(OutboxEvent).where(OutboxEvent.event_type == "PasswordResetRequested"))
    assert event is not None
    assert (event.aggregate_type, event.aggregate_id) == ("user", user_id)
    assert set(event.payload) == {"user_id", "email", "full_name", "token_sealed"}
    assert (event.payload["user_id"], event.payload["email"]) == (str(user_id), email)
    token = latest_token(db, "PasswordResetRequested", email)
    assert token not in event.payload["token_sealed"]
    stored = db.scalars(select(OneTimeToken).where(OneTimeToken.purpose == "password_reset")).all()
    assert [(t.user_id, t.token_hash, t.expires_at, t.used_at) for t in stored] == [
        (user_id, hash_token(token), now() + timedelta(minutes=60), None)
    ]

    # And both requests are audited
    actors = db.scalars(
        select(AuditEntry.actor_user_id)
        .where(AuditEntry.action == "auth.password_reset_requested")
        .order_by(AuditEntry.target_id)
    ).all()
    assert sorted(actors, key=str) == sorted([user_id, None], key=str)


def test_a_second_forgot_retires_the_first_token(api: Api, db: Session, owner: dict[str, Any]) -> None:
    email = owner["user"]["email"]
    forgot(api, email)
    first = latest_token(db, "PasswordResetRequested", email)
    forgot(api, email)
    second = latest_token(db, "PasswordResetRequested", email)

    assert first != second
    retired = reset(api, first)
    assert (retired.status_code, retired.json_body) == (400, INVALID_TOKEN)
    assert events(db, "PasswordChanged") == 0
    assert reset(api, second).status_code == 204


# --- reset -----------------------------------------------------------------------------------


def test_reset_sets_the_new_password_and_ends_every_session(
    clock: Any, api: Api, db: Session, owner: dict[str, Any]
) -> None:
    # Given an owner signed in twice who asked for a reset link
    email, user_id = owner["user"]["email"], owner["user"]["id"]
    second_session = login(api, email).json_body
    forgot(api, email)
    token = latest_token(db, "PasswordResetRequested", email)

    # When the link is used with a good new password
    clock.shift(timedelta(minutes=10))
    response = reset(api, token)

    # Then the password is changed
    assert response.status_code == 204
    assert response.headers["Cache-Control"] == "no-store"
    user = user_row(db, user_id)
    assert user.password_changed_at == now()
    assert user.email_verified_at == now()  # the link proved the address

    # And every earlier session is ended
    assert not session_alive(api, owner)
    assert not session_alive(api, second_session)
    reasons = db.scalars(select(AuthSession.revoked_reason).where(AuthSession.user_id == user.id)).all()
    assert reasons == ["password_changed", "password_changed"]

    # And the change is recorded: token spent, event and audit written
    assert db.scalar(select(OneTimeToken.used_at).where(OneTimeToken.token_hash == hash_token(token))) == now()
    changed = db.scalars(select(OutboxEvent).where(OutboxEvent.event_type == "PasswordChanged")).all()
    assert [(e.aggregate_id, e.payload) for e in changed] == [(user.id, {"user_id": user_id})]
    assert count(db, AuditEntry, AuditEntry.action == "auth.password_changed") == 1

    # And the old password no longer signs in; the new one does
    assert login(api, email, PASSWORD).json_body == INVALID_CREDENTIALS
    assert login(api, email, NEW_PASSWORD).status_code == 200


def test_a_reset_token_works_once(api: Api, db: Session, owner: dict[str, Any]) -> None:
    # Given a reset already done with the token
    email = owner["user"]["email"]
    forgot(api, email)
    token = latest_token(db, "PasswordResetRequested", email)
    assert reset(api, token).status_code == 204

    # When the token is used again
    response = reset(api, token, "Another-Good-Password-31")

    # Then it is refused and the first new password stands
    assert (response.status_code, response.json_body) == (400, INVALID_TOKEN)
    assert events(db, "PasswordChanged") == 1
    assert login(api, email, "Another-Good-Password-31").status_code == 401
    assert login(api, email, NEW_PASSWORD).status_code == 200


def test_a_reset_token_expires_after_60_minutes(clock: Any, api: Api, db: Session, owner: dict[str, Any]) -> None:
    # Given a reset link 60 minutes and one second old
    email = owner["user"]["email"]
    forgot(api, email)
    token = latest_token(db, "PasswordResetRequested", email)
    clock.shift(timedelta(minutes=60, seconds=1))

    # When it is used
    response = reset(api, token)

    # Then it is refused and nothing changes
    assert (response.status_code, response.json_body) == (400, INVALID_TOKEN)
    assert db.scalar(select(OneTimeToken.used_at).where(OneTimeToken.token_hash == hash_token(token))) is None
    assert events(db, "PasswordChanged") == 0
    assert count(db, AuthSession, AuthSession.revoked_at.is_not(None)) == 0
    assert api.post("/auth/refresh", {"refresh_token": owner["refresh_token"]}).status_code == 200
    assert login(api, email, PASSWORD).status_code == 200


def test_a_made_up_reset_token_is_refused(api: Api, db: Session, owner: dict[str, Any]) -> None:
    response = reset(api, "made-up-token-0123456789")

    assert (response.status_code, response.json_body) == (400, INVALID_TOKEN)
    assert events(db, "PasswordChanged") == 0
    assert session_alive(api, owner)


def test_an_email_verification_token_cannot_reset_the_password(api: Api, db: Session, owner: dict[str, Any]) -> None:
    # Given the e-mail verification token sent at registration
    email = owner["user"]["email"]
    token = latest_token(db, "EmailVerificationRequested", email)

    # When it is used as a reset token
    response = reset(api, token)

    # Then it is refused; the password and the token are untouched
    assert (response.status_code, response.json_body) == (400, INVALID_TOKEN)
    assert events(db, "PasswordChanged") == 0
    assert db.scalar(select(OneTimeToken.used_at).where(OneTimeToken.token_hash == hash_token(token))) is None
    assert login(api, email, PASSWORD).status_code == 200


def test_a_weak_new_password_is_refused_and_the_token_stays_usable(
    api: Api, db: Session, owner: dict[str, Any]
) -> None:
    # Given a reset link
    email, user_id = owner["user"]["email"], owner["user"]["id"]
    forgot(api, email)
    token = latest_token(db, "PasswordResetRequested", email)
    hash_before = user_row(db, user_id).password_hash

    for password, code, message in weak_passwords(email):
        # When a weak password is chosen
        response = reset(api, token, password)

        # Then it is refused with the reason, and nothing changes
        assert (response.status_code, response.json_body) == (400, weak_password_error("password", code, message))
        assert user_row(db, user_id).password_hash == hash_before
        assert db.scalar(select(OneTimeToken.used_at).where(OneTimeToken.token_hash == hash_token(token))) is None
        assert events(db, "PasswordChanged") == 0
        assert count(db, AuthSession, AuthSession.revoked_at.is_not(None)) == 0

    # And the same link still works with a good password
    assert reset(api, token).status_code == 204


# --- change while signed in ------------------------------------------------------------------


def test_changing_the_password_keeps_this_session_and_ends_the_others(
    clock: Any, api: Api, db: Session, owner: dict[str, Any]
) -> None:
    # Given an owner signed in on a laptop (registration) and a phone
    email, user_id = owner["user"]["email"], owner["user"]["id"]
    phone = login(api, email).json_body

    # When they change their password from the phone
    response = api.post(
        "/me/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD}, token=phone["access_token"]
    )

    # Then it is changed; the phone's session lives on, the laptop's is ended
    assert response.status_code == 204
    assert response.headers["Cache-Control"] == "no-store"
    assert session_alive(api, phone)
    assert not session_alive(api, owner)
    laptop_row = db.get(AuthSession, sid(owner["access_token"]))
    assert laptop_row is not None
    db.refresh(laptop_row)
    assert (laptop_row.revoked_at, laptop_row.revoked_reason) == (now(), "password_changed")
    assert user_row(db, user_id).password_changed_at == now()
    assert events(db, "PasswordChanged") == 1
    assert count(db, AuditEntry, AuditEntry.action == "auth.password_changed") == 1

    # And only the new password signs in
    assert login(api, email, PASSWORD).status_code == 401
    assert login(api, email, NEW_PASSWORD).status_code == 200


def test_changing_the_password_with_a_wrong_current_password_is_refused(
    api: Api, db: Session, owner: dict[str, Any]
) -> None:
    # Given an owner signed in twice
    email, user_id = owner["user"]["email"], owner["user"]["id"]
    phone = login(api, email).json_body
    hash_before = user_row(db, user_id).password_hash

    # When they try to change the password giving a wrong current one
    response = api.post(
        "/me/password",
        {"current_password": "Not-The-Right-One-99", "new_password": NEW_PASSWORD},
        token=phone["access_token"],
    )

    # Then it is refused and nothing changes
    assert (response.status_code, response.json_body) == (
        400,
        {
            "error": {
                "code": "validation_failed",
                "message": "The current password is not correct.",
                "details": [
                    {"field": "current_password", "code": "invalid_password", "message": "Check your current password."}
                ],
            }
        },
    )
    assert user_row(db, user_id).password_hash == hash_before
    assert events(db, "PasswordChanged") == 0
    assert count(db, AuditEntry, AuditEntry.action == "auth.password_changed") == 0
    assert session_alive(api, owner)
    assert session_alive(api, phone)
    assert login(api, email, PASSWORD).status_code == 200


def test_changing_to_a_weak_password_is_refused(api: Api, db: Session, owner: dict[str, Any]) -> None:
    email, user_id = owner["user"]["email"], owner["user"]["id"]
    phone = login(api, email).json_body
    hash_before = user_row(db, user_id).password_hash

    for password, code, message in weak_passwords(email):
        response = api.post(
            "/me/password", {"current_password": PASSWORD, "new_password": password}, token=phone["access_token"]
        )

        assert (response.status_code, response.json_body) == (400, weak_password_error("new_password", code, message))
        assert user_row(db, user_id).password_hash == hash_before
        assert events(db, "PasswordChanged") == 0

    assert session_alive(api, owner)
    assert login(api, email, PASSWORD).status_code == 200


def test_changing_the_password_needs_a_signed_in_user(api: Api, db: Session, owner: dict[str, Any]) -> None:
    response = api.post("/me/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD})

    assert (response.status_code, response.json_body) == (
        401,
        {"error": {"code": "not_authenticated", "message": "Sign in to continue.", "details": []}},
    )
    assert events(db, "PasswordChanged") == 0
    assert login(api, owner["user"]["email"], PASSWORD).status_code == 200
