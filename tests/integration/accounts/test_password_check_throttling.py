"""The password typed again behind an access token (POST /me/password, DELETE /me/2fa) counts
in the sign-in throttle: a stolen token is no way to guess the password at leisure."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pyotp
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.accounts.models import LoginThrottle, User
from chalicelib.core.audit import AuditEntry
from chalicelib.core.outbox import OutboxEvent
from chalicelib.core.settings import get_settings
from tests.support.api import PASSWORD, Api, count, login, register, throttled

WRONG = "Not-The-Right-One-99"
NEW_PASSWORD = "Baobab-Matatu-Nakuru-77"
WRONG_CURRENT_PASSWORD = {
    "error": {
        "code": "validation_failed",
        "message": "The current password is not correct.",
        "details": [
            {"field": "current_password", "code": "invalid_password", "message": "Check your current password."}
        ],
    }
}


@pytest.fixture
def owner(api: Api) -> dict[str, Any]:
    return register(api)


def change_password(api: Api, owner: dict[str, Any], current: str) -> Any:
    body = {"current_password": current, "new_password": NEW_PASSWORD}
    return api.post("/me/password", body, token=owner["access_token"])


def password_hash(db: Session, owner: dict[str, Any]) -> str | None:
    db.expire_all()
    user = db.get(User, uuid.UUID(owner["user"]["id"]))
    assert user is not None
    return user.password_hash


def audited(db: Session, action: str) -> int:
    return count(db, AuditEntry, AuditEntry.action == action)


def test_five_wrong_current_passwords_lock_the_account_even_against_the_right_one(
    clock: Any, api: Api, db: Session, owner: dict[str, Any]
) -> None:
    # Given an owner whose access token someone else holds
    limit = get_settings().login_max_failures_per_account
    hash_before = password_hash(db, owner)

    # When the current password is guessed wrong five times
    for _ in range(limit):
        assert (change := change_password(api, owner, WRONG)).status_code == 400
        assert change.json_body == WRONG_CURRENT_PASSWORD

    # Then the next change is refused even with the right password, for the lock-out's length
    response = change_password(api, owner, PASSWORD)
    assert response.status_code == 429
    assert response.json_body == throttled("too_many_attempts", 60)
    assert response.headers["Retry-After"] == "60"
    assert password_hash(db, owner) == hash_before
    # And it is the sign-in lock: signing in is refused too
    assert login(api, owner["user"]["email"]).json_body == throttled("too_many_attempts", 60)
    # And the failures, the lock-out and the blocked attempt were kept, and the owner is told
    assert audited(db, "auth.password_check_failed") == limit
    assert audited(db, "auth.locked_out") == 1
    assert audited(db, "auth.password_check_blocked") == 1
    assert count(db, OutboxEvent, OutboxEvent.event_type == "SignInLockedOut") == 1
    assert count(db, OutboxEvent, OutboxEvent.event_type == "PasswordChanged") == 0

    # When the lock has passed, the right password changes it
    clock.shift(timedelta(seconds=61))
    assert change_password(api, owner, PASSWORD).status_code == 204
    assert password_hash(db, owner) != hash_before


def test_failed_sign_ins_and_wrong_current_passwords_add_up(api: Api, db: Session, owner: dict[str, Any]) -> None:
    email = owner["user"]["email"]
    for _ in range(3):
        assert login(api, email, WRONG).status_code == 401
    for _ in range(2):
        assert change_password(api, owner, WRONG).status_code == 400

    response = change_password(api, owner, PASSWORD)

    assert response.status_code == 429
    assert response.headers["Retry-After"] == "60"


def test_a_right_password_before_the_limit_still_changes_it(api: Api, db: Session, owner: dict[str, Any]) -> None:
    hash_before = password_hash(db, owner)
    for _ in range(get_settings().login_max_failures_per_account - 1):
        assert change_password(api, owner, WRONG).status_code == 400

    response = change_password(api, owner, PASSWORD)

    assert response.status_code == 204
    assert password_hash(db, owner) != hash_before
    assert login(api, owner["user"]["email"], NEW_PASSWORD).status_code == 200
    account = db.scalar(
        select(LoginThrottle)
        .where(LoginThrottle.scope == "account", LoginThrottle.key == owner["user"]["email"])
        .execution_options(populate_existing=True)
    )
    assert account is None  # the completed sign-in cleared the failures


def test_turning_two_factor_off_counts_wrong_passwords_too(
    clock: Any, api: Api, db: Session, owner: dict[str, Any]
) -> None:
    # Given two-factor is on
    secret = api.post("/me/2fa/setup", token=owner["access_token"]).json_body["secret"]
    assert (
        api.post("/me/2fa/confirm", {"code": pyotp.TOTP(secret).now()}, token=owner["access_token"]).status_code == 200
    )
    clock.shift(timedelta(seconds=30))

    # When it is turned off with a wrong password five times
    limit = get_settings().login_max_failures_per_account
    for _ in range(limit):
        wrong = api.delete("/me/2fa", {"password": WRONG, "code": "000000"}, token=owner["access_token"])
        assert (wrong.status_code, wrong.json_body["error"]["details"][0]["code"]) == (400, "invalid_password")

    # Then the right password and a right code are refused until the lock ends, and it stays on
    response = api.delete(
        "/me/2fa", {"password": PASSWORD, "code": pyotp.TOTP(secret).now()}, token=owner["access_token"]
    )
    assert response.status_code == 429
    assert response.json_body == throttled("too_many_attempts", 60)
    assert response.headers["Retry-After"] == "60"
    db.expire_all()
    user = db.get(User, uuid.UUID(owner["user"]["id"]))
    assert user is not None
    assert user.totp_enabled_at is not None
    assert audited(db, "auth.password_check_failed") == limit
    assert audited(db, "auth.two_factor_disabled") == 0
