"""Two-factor authentication: TOTP setup and confirmation, signing in with an app code or a
recovery code (each usable once), and turning it off."""

from __future__ import annotations

import re
import urllib.parse
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pyotp
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.accounts.models import AuthSession, LoginThrottle, RecoveryCode, User
from chalicelib.core.audit import AuditEntry
from chalicelib.core.security import decrypt
from tests.support.api import PASSWORD, Api, count, login, register

INVALID_CREDENTIALS = {
    "error": {"code": "invalid_credentials", "message": "The e-mail address or password is incorrect.", "details": []}
}
OTP_REQUIRED = {
    "error": {
        "code": "otp_required",
        "message": "Enter the code from your authenticator app or a recovery code.",
        "details": [],
    }
}
INVALID_CODE = {
    "error": {
        "code": "validation_failed",
        "message": "The code is not correct.",
        "details": [{"field": "code", "code": "invalid_code", "message": "Check the code and try again."}],
    }
}
RECOVERY_CODE = re.compile(r"[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}")


@pytest.fixture
def owner(api: Api) -> dict[str, Any]:
    return register(api)


def user_row(db: Session, user_id: str) -> User:
    user = db.scalar(select(User).where(User.id == uuid.UUID(user_id)).execution_options(populate_existing=True))
    assert user is not None
    return user


def current_step() -> int:
    return int(datetime.now(UTC).timestamp()) // 30


def wrong_code(secret: str) -> str:
    """A six-digit code that is valid in none of the accepted time steps."""
    totp, step = pyotp.TOTP(secret), current_step()
    valid = {totp.at((step + offset) * 30) for offset in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in valid)


def sessions_of(db: Session, user_id: str) -> int:
    return count(db, AuthSession, AuthSession.user_id == uuid.UUID(user_id))


def enable_two_factor(api: Api, owner: dict[str, Any]) -> tuple[str, list[str]]:
    secret = api.post("/me/2fa/setup", token=owner["access_token"]).json_body["secret"]
    confirmed = api.post("/me/2fa/confirm", {"code": pyotp.TOTP(secret).now()}, token=owner["access_token"])
    assert confirmed.status_code == 200
    return secret, confirmed.json_body["recovery_codes"]


# --- setup and confirmation -----------------------------------------------------------------


def test_setup_returns_a_secret_and_its_otpauth_uri_and_stores_it_encrypted(
    api: Api, db: Session, owner: dict[str, Any]
) -> None:
    # When a signed-in owner starts two-factor setup
    response = api.post("/me/2fa/setup", token=owner["access_token"])

    # Then they get a base32 secret and the otpauth URI naming the platform and their e-mail
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    body = response.json_body
    assert set(body) == {"secret", "otpauth_uri"}
    secret = body["secret"]
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    email = owner["user"]["email"]
    assert body["otpauth_uri"] == pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name="Soko Wholesale")
    uri = urllib.parse.urlsplit(body["otpauth_uri"])
    assert (uri.scheme, uri.netloc) == ("otpauth", "totp")
    assert urllib.parse.unquote(uri.path) == f"/Soko Wholesale:{email}"
    assert urllib.parse.parse_qs(uri.query) == {"secret": [secret], "issuer": ["Soko Wholesale"]}

    # And the secret is stored encrypted, but two-factor is not on yet
    user = user_row(db, owner["user"]["id"])
    assert user.totp_secret_encrypted is not None
    assert secret not in user.totp_secret_encrypted
    assert decrypt(user.totp_secret_encrypted) == secret
    assert (user.totp_enabled_at, user.totp_last_step) == (None, None)
    assert count(db, RecoveryCode) == 0
    assert api.get("/me", token=owner["access_token"]).json_body["two_factor_enabled"] is False


def test_confirming_with_a_wrong_code_leaves_two_factor_off(api: Api, db: Session, owner: dict[str, Any]) -> None:
    # Given a started setup
    secret = api.post("/me/2fa/setup", token=owner["access_token"]).json_body["secret"]

    # When it is confirmed with a wrong code
    response = api.post("/me/2fa/confirm", {"code": wrong_code(secret)}, token=owner["access_token"])

    # Then it is refused and two-factor stays off
    assert (response.status_code, response.json_body) == (400, INVALID_CODE)
    user = user_row(db, owner["user"]["id"])
    assert (user.totp_enabled_at, user.totp_last_step) == (None, None)
    assert decrypt(user.totp_secret_encrypted or "") == secret
    assert count(db, RecoveryCode) == 0
    assert count(db, AuditEntry, AuditEntry.action == "auth.two_factor_enabled") == 0
    assert login(api, owner["user"]["email"]).status_code == 200


def test_confirming_without_a_setup_conflicts(api: Api, db: Session, owner: dict[str, Any]) -> None:
    response = api.post("/me/2fa/confirm", {"code": "123456"}, token=owner["access_token"])

    assert (response.status_code, response.json_body) == (
        409,
        {"error": {"code": "two_factor_setup_missing", "message": "Start two-factor setup first.", "details": []}},
    )
    assert user_row(db, owner["user"]["id"]).totp_enabled_at is None
    assert count(db, RecoveryCode) == 0


def test_confirming_with_the_right_code_turns_two_factor_on_with_ten_hashed_recovery_codes(
    clock: Any, api: Api, db: Session, owner: dict[str, Any]
) -> None:
    # Given a started setup
    secret = api.post("/me/2fa/setup", token=owner["access_token"]).json_body["secret"]

    # When it is confirmed with the app's current code
    response = api.post("/me/2fa/confirm", {"code": pyotp.TOTP(secret).now()}, token=owner["access_token"])

    # Then two-factor is on and ten distinct recovery codes are shown
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    codes = response.json_body["recovery_codes"]
    assert set(response.json_body) == {"recovery_codes"}
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert all(RECOVERY_CODE.fullmatch(code) for code in codes)

    # And they are stored only as hashes
    hashes = db.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == uuid.UUID(owner["user"]["id"])))
    stored = list(hashes)
    assert len(stored) == 10
    assert len(set(stored)) == 10
    assert all(re.fullmatch(r"[0-9a-f]{64}", value) for value in stored)
    assert not set(stored) & set(codes)
    assert not any(code in value for value in stored for code in codes)

    # And the user row records it, with the confirming code's time step spent
    user = user_row(db, owner["user"]["id"])
    assert user.totp_enabled_at == datetime.now(UTC)
    assert user.totp_last_step == current_step()
    assert count(db, AuditEntry, AuditEntry.action == "auth.two_factor_enabled") == 1
    assert api.get("/me", token=owner["access_token"]).json_body["two_factor_enabled"] is True


def test_setup_while_two_factor_is_on_conflicts(api: Api, db: Session, owner: dict[str, Any]) -> None:
    # Given two-factor is on
    secret, _ = enable_two_factor(api, owner)
    stored_before = user_row(db, owner["user"]["id"]).totp_secret_encrypted

    # When setup is started again, or confirmation is repeated
    setup = api.post("/me/2fa/setup", token=owner["access_token"])
    confirm = api.post("/me/2fa/confirm", {"code": pyotp.TOTP(secret).now()}, token=owner["access_token"])

    # Then both conflict and the secret and recovery codes stay as they were
    already_on = {
        "error": {
            "code": "two_factor_already_enabled",
            "message": "Two-factor authentication is already on.",
            "details": [],
        }
    }
    assert (setup.status_code, setup.json_body) == (409, already_on)
    assert (confirm.status_code, confirm.json_body) == (409, already_on)
    assert user_row(db, owner["user"]["id"]).totp_secret_encrypted == stored_before
    assert count(db, RecoveryCode) == 10
    assert count(db, AuditEntry, AuditEntry.action == "auth.two_factor_enabled") == 1


def test_two_factor_routes_need_a_signed_in_user(api: Api) -> None:
    for method, path in (("POST", "/me/2fa/setup"), ("POST", "/me/2fa/confirm"), ("DELETE", "/me/2fa")):
        response = api.request(method, path, {"code": "123456", "password": "x"})
        assert (response.status_code, response.json_body) == (
            401,
            {"error": {"code": "not_authenticated", "message": "Sign in to continue.", "details": []}},
        )


# --- signing in with a second factor ------------------------------------------------------------


def test_sign_in_without_a_code_asks_for_one_and_is_not_a_failure(api: Api, db: Session, owner: dict[str, Any]) -> None:
    # Given two-factor is on
    enable_two_factor(api, owner)

    # When the owner signs in with the right password only
    response = login(api, owner["user"]["email"])

    # Then they are asked for the code; no session starts and nothing is counted against them
    assert (response.status_code, response.json_body) == (401, OTP_REQUIRED)
    assert sessions_of(db, owner["user"]["id"]) == 1
    assert count(db, AuditEntry, AuditEntry.action == "auth.sign_in_failed") == 0
    assert count(db, LoginThrottle) == 0


def test_a_wrong_code_is_refused_and_counts_as_a_failed_sign_in(
    clock: Any, api: Api, db: Session, owner: dict[str, Any]
) -> None:
    # Given two-factor is on
    secret, _ = enable_two_factor(api, owner)
    email = owner["user"]["email"]

    # When the owner signs in with the right password and a wrong code
    response = login(api, email, otp=wrong_code(secret))

    # Then it is refused like a wrong password, audited and counted
    assert (response.status_code, response.json_body) == (401, INVALID_CREDENTIALS)
    assert sessions_of(db, owner["user"]["id"]) == 1
    reasons = db.scalars(select(AuditEntry.details).where(AuditEntry.action == "auth.sign_in_failed")).all()
    assert reasons == [{"reason": "bad_second_factor"}]
    throttle = db.get(LoginThrottle, ("account", email))
    assert throttle is not None
    assert len(throttle.failure_times) == 1

    # And four more wrong codes lock the account, even against the right code
    for _ in range(4):
        assert login(api, email, otp=wrong_code(secret)).status_code == 401
    clock.shift(timedelta(seconds=30))
    locked = login(api, email, otp=pyotp.TOTP(secret).now())
    assert locked.status_code == 429
    assert locked.headers["Retry-After"] == "30"
    assert sessions_of(db, owner["user"]["id"]) == 1


def test_the_right_code_signs_in_once(clock: Any, api: Api, db: Session, owner: dict[str, Any]) -> None:
    # Given two-factor was turned on in this 30-second step
    secret, _ = enable_two_factor(api, owner)
    email, totp = owner["user"]["email"], pyotp.TOTP(secret)

    # When the code that confirmed the setup is replayed to sign in
    replayed_confirmation = login(api, email, otp=totp.now())

    # Then it is refused: its time step is spent
    assert (replayed_confirmation.status_code, replayed_confirmation.json_body) == (401, INVALID_CREDENTIALS)

    # When, in the next step, the owner signs in with the app's new code
    clock.shift(timedelta(seconds=30))
    code = totp.now()
    response = login(api, email, otp=code)

    # Then they are in, and that step is spent
    assert response.status_code == 200
    assert response.json_body["user"]["two_factor_enabled"] is True
    assert user_row(db, owner["user"]["id"]).totp_last_step == current_step()
    assert sessions_of(db, owner["user"]["id"]) == 2

    # And the same code presented again within its window is refused
    clock.shift(timedelta(seconds=10))
    replay = login(api, email, otp=code)
    assert (replay.status_code, replay.json_body) == (401, INVALID_CREDENTIALS)
    assert sessions_of(db, owner["user"]["id"]) == 2
    assert count(db, AuditEntry, AuditEntry.action == "auth.sign_in_failed") == 2


def test_a_code_from_the_previous_step_is_accepted_for_clock_drift(clock: Any, api: Api, owner: dict[str, Any]) -> None:
    # Given two-factor turned on two steps ago
    secret, _ = enable_two_factor(api, owner)
    clock.shift(timedelta(seconds=60))

    # When the owner types the code of the previous step
    previous = pyotp.TOTP(secret).at(datetime.now(UTC) - timedelta(seconds=30))

    # Then it is accepted
    assert login(api, owner["user"]["email"], otp=previous).status_code == 200


def test_a_recovery_code_signs_in_once(clock: Any, api: Api, db: Session, owner: dict[str, Any]) -> None:
    # Given two-factor is on
    _, codes = enable_two_factor(api, owner)
    email = owner["user"]["email"]

    # When the owner signs in with a recovery code
    response = login(api, email, recovery_code=codes[3])

    # Then they are in, and that code is spent (only that one)
    assert response.status_code == 200
    used = db.scalars(
        select(RecoveryCode).where(RecoveryCode.used_at.is_not(None)).execution_options(populate_existing=True)
    ).all()
    assert len(used) == 1
    assert count(db, RecoveryCode, RecoveryCode.used_at.is_(None)) == 9

    # And the same code again is refused
    again = login(api, email, recovery_code=codes[3])
    assert (again.status_code, again.json_body) == (401, INVALID_CREDENTIALS)
    assert sessions_of(db, owner["user"]["id"]) == 2
    assert count(db, RecoveryCode, RecoveryCode.used_at.is_(None)) == 9

    # And another code, typed in capitals, still works
    assert login(api, email, recovery_code=codes[4].upper()).status_code == 200
    assert count(db, RecoveryCode, RecoveryCode.used_at.is_(None)) == 8


def test_a_made_up_recovery_code_is_refused(api: Api, db: Session, owner: dict[str, Any]) -> None:
    enable_two_factor(api, owner)

    response = login(api, owner["user"]["email"], recovery_code="abcde-fghjk")

    assert (response.status_code, response.json_body) == (401, INVALID_CREDENTIALS)
    assert count(db, RecoveryCode, RecoveryCode.used_at.is_(None)) == 10
    assert sessions_of(db, owner["user"]["id"]) == 1


# --- turning it off ------------------------------------------------------------------------------


def test_turning_off_with_a_wrong_password_is_refused(clock: Any, api: Api, db: Session, owner: dict[str, Any]) -> None:
    # Given two-factor is on
    secret, _ = enable_two_factor(api, owner)
    clock.shift(timedelta(seconds=30))

    # When it is turned off with a wrong password and a right code
    response = api.delete(
        "/me/2fa", {"password": "Not-The-Right-One-99", "code": pyotp.TOTP(secret).now()}, token=owner["access_token"]
    )

    # Then it is refused and stays on
    assert (response.status_code, response.json_body) == (
        400,
        {
            "error": {
                "code": "validation_failed",
                "message": "The password is not correct.",
                "details": [{"field": "password", "code": "invalid_password", "message": "Check your password."}],
            }
        },
    )
    user = user_row(db, owner["user"]["id"])
    assert user.totp_enabled_at is not None
    assert decrypt(user.totp_secret_encrypted or "") == secret
    assert count(db, RecoveryCode) == 10
    assert count(db, AuditEntry, AuditEntry.action == "auth.two_factor_disabled") == 0
    assert login(api, owner["user"]["email"]).json_body == OTP_REQUIRED


def test_turning_off_with_a_wrong_code_is_refused(api: Api, db: Session, owner: dict[str, Any]) -> None:
    secret, _ = enable_two_factor(api, owner)

    for code in (wrong_code(secret), "zzzzz-zzzzz"):
        response = api.delete("/me/2fa", {"password": PASSWORD, "code": code}, token=owner["access_token"])
        assert (response.status_code, response.json_body) == (400, INVALID_CODE)

    assert user_row(db, owner["user"]["id"]).totp_enabled_at is not None
    assert count(db, RecoveryCode, RecoveryCode.used_at.is_(None)) == 10
    assert login(api, owner["user"]["email"]).json_body == OTP_REQUIRED


def test_turning_off_with_password_and_app_code(clock: Any, api: Api, db: Session, owner: dict[str, Any]) -> None:
    # Given two-factor is on
    secret, _ = enable_two_factor(api, owner)
    clock.shift(timedelta(seconds=30))

    # When it is turned off with the password and the app's current code
    response = api.delete(
        "/me/2fa", {"password": PASSWORD, "code": pyotp.TOTP(secret).now()}, token=owner["access_token"]
    )

    # Then it is off: secret, step and recovery codes are gone
    assert response.status_code == 204
    user = user_row(db, owner["user"]["id"])
    assert (user.totp_secret_encrypted, user.totp_enabled_at, user.totp_last_step) == (None, None, None)
    assert count(db, RecoveryCode) == 0
    assert count(db, AuditEntry, AuditEntry.action == "auth.two_factor_disabled") == 1

    # And sign-in no longer asks for a code
    signed_in = login(api, owner["user"]["email"])
    assert signed_in.status_code == 200
    assert signed_in.json_body["user"]["two_factor_enabled"] is False


def test_turning_off_with_password_and_recovery_code(api: Api, db: Session, owner: dict[str, Any]) -> None:
    _, codes = enable_two_factor(api, owner)

    response = api.delete("/me/2fa", {"password": PASSWORD, "code": codes[0]}, token=owner["access_token"])

    assert response.status_code == 204
    assert user_row(db, owner["user"]["id"]).totp_enabled_at is None
    assert count(db, RecoveryCode) == 0
    assert login(api, owner["user"]["email"]).status_code == 200


def test_turning_off_when_it_is_not_on_conflicts(api: Api, db: Session, owner: dict[str, Any]) -> None:
    response = api.delete("/me/2fa", {"password": PASSWORD, "code": "123456"}, token=owner["access_token"])

    assert (response.status_code, response.json_body) == (
        409,
        {"error": {"code": "two_factor_not_enabled", "message": "Two-factor authentication is not on.", "details": []}},
    )
    assert count(db, AuditEntry, AuditEntry.action == "auth.two_factor_disabled") == 0
