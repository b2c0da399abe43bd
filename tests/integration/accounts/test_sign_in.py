"""Signing in: tokens and their claims, refused credentials, forged access tokens,
lock-out with growing back-off per account and per source IP, and the audit trail.

chalice.test.Client always reports the caller's source IP as 127.0.0.1, so every
attempt in a test also counts against that IP (limit 20): tests that are not about the
IP limit stay below it.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from typing import Any

import jwt
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.accounts.models import AuthSession, LoginThrottle, RefreshToken, User
from chalicelib.core.audit import AuditEntry
from chalicelib.core.clock import utcnow as now
from chalicelib.core.outbox import OutboxEvent
from chalicelib.core.security import hash_token
from chalicelib.core.settings import get_settings
from tests.support.api import PASSWORD, Api, count, login, register, throttled
from tests.support.statements import counting_statements

SOURCE_IP = "127.0.0.1"
WRONG_PASSWORD = "Not-The-Right-One-99"
INVALID_CREDENTIALS = {
    "error": {"code": "invalid_credentials", "message": "The e-mail address or password is incorrect.", "details": []}
}
NOT_AUTHENTICATED = {"error": {"code": "not_authenticated", "message": "Sign in to continue.", "details": []}}


def too_many_attempts(seconds: int) -> dict[str, Any]:
    return throttled("too_many_attempts", seconds)


def audit_count(db: Session, action: str, *conditions: Any) -> int:
    return count(db, AuditEntry, AuditEntry.action == action, *conditions)


def sessions_of(db: Session, user_id: str) -> int:
    return count(db, AuthSession, AuthSession.user_id == uuid.UUID(user_id))


def throttle(db: Session, scope: str, key: str) -> LoginThrottle | None:
    return db.scalar(
        select(LoginThrottle)
        .where(LoginThrottle.scope == scope, LoginThrottle.key == key)
        .execution_options(populate_existing=True)
    )


def fail(api: Api, email: str, times: int) -> None:
    for _ in range(times):
        response = login(api, email, WRONG_PASSWORD)
        assert response.status_code == 401
        assert response.json_body == INVALID_CREDENTIALS


# --- success ---------------------------------------------------------------------------


def test_sign_in_returns_an_access_and_a_refresh_token(api: Api, db: Session, clock: Any) -> None:
    # Given a registered retailer owner
    registered = register(api)
    email, user_id = registered["user"]["email"], registered["user"]["id"]

    # When they sign in
    response = login(api, email)

    # Then they get a bearer access token for 15 minutes and a refresh token for 30 days
    assert response.status_code == 200
    body = response.json_body
    assert set(body) == {
        "access_token",
        "token_type",
        "expires_in",
        "refresh_token",
        "refresh_expires_at",
        "user",
        "business",
    }
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 900
    assert datetime.fromisoformat(body["refresh_expires_at"]) == now() + timedelta(days=30)
    assert body["user"] == registered["user"]
    assert body["business"] == registered["business"]
    assert response.headers["Cache-Control"] == "no-store"

    # And the access token is an HS256 JWT for this user and a new session
    settings = get_settings()
    assert jwt.get_unverified_header(body["access_token"]) == {"alg": "HS256", "typ": "JWT"}
    claims = jwt.decode(
        body["access_token"],
        settings.jwt_secret,
        algorithms=["HS256"],
        audience=settings.jwt_audience,
        issuer=settings.jwt_issuer,
    )
    jti = claims.pop("jti")
    assert re.fullmatch(r"[0-9a-f]{32}", jti)
    issued_at = int(now().timestamp())
    assert claims == {
        "sub": user_id,
        "sid": claims["sid"],
        "role": "owner",
        "bid": registered["business"]["id"],
        "bkind": "retailer",
        "iss": "marketplace-api",
        "aud": "marketplace-spa",
        "iat": issued_at,
        "exp": issued_at + 900,
    }
    registration_sid = jwt.decode(registered["access_token"], options={"verify_signature": False})["sid"]
    assert claims["sid"] != registration_sid

    # And the session and its refresh token (kept only as a hash) are stored
    auth_session = db.get(AuthSession, uuid.UUID(claims["sid"]))
    assert auth_session is not None
    assert auth_session.user_id == uuid.UUID(user_id)
    assert auth_session.revoked_at is None
    assert auth_session.expires_at == now() + timedelta(days=30)
    assert str(auth_session.source_ip) == SOURCE_IP
    refresh_rows = db.scalars(select(RefreshToken).where(RefreshToken.session_id == auth_session.id)).all()
    assert [row.token_hash for row in refresh_rows] == [hash_token(body["refresh_token"])]
    assert refresh_rows[0].rotated_at is None
    assert sessions_of(db, user_id) == 2  # the registration's and this one
    user = db.get(User, uuid.UUID(user_id))
    assert user is not None
    db.refresh(user)
    assert user.last_login_at == now()
    assert audit_count(db, "auth.signed_in", AuditEntry.actor_user_id == uuid.UUID(user_id)) == 1

    # And the access token opens /me
    me = api.get("/me", token=body["access_token"])
    assert me.status_code == 200
    assert me.json_body == registered["user"]


def test_the_email_is_matched_case_insensitively(api: Api, db: Session) -> None:
    # Given an owner registered as a lower-case address
    registered = register(api)
    email = registered["user"]["email"]

    # When they sign in with the address in capitals and surrounded by spaces
    response = login(api, "  " + email.upper() + " ")

    # Then it is the same account
    assert response.status_code == 200
    assert response.json_body["user"]["id"] == registered["user"]["id"]
    assert audit_count(db, "auth.sign_in_failed") == 0


# --- refused credentials ---------------------------------------------------------------


def test_a_wrong_password_is_refused_and_recorded(api: Api, db: Session) -> None:
    # Given a registered owner
    registered = register(api)
    email, user_id = registered["user"]["email"], registered["user"]["id"]

    # When they sign in with a wrong password
    response = login(api, email, WRONG_PASSWORD)

    # Then it is refused without saying which part was wrong
    assert response.status_code == 401
    assert response.json_body == INVALID_CREDENTIALS
    assert response.headers["Cache-Control"] == "no-store"

    # And no session was started, the failure is audited and counted
    assert sessions_of(db, user_id) == 1
    failures = db.scalars(select(AuditEntry).where(AuditEntry.action == "auth.sign_in_failed")).all()
    assert [(f.actor_user_id, f.target_type, f.target_id, str(f.source_ip), f.details) for f in failures] == [
        (uuid.UUID(user_id), "email", email, SOURCE_IP, {"reason": "bad_password"})
    ]
    account = throttle(db, "account", email)
    assert account is not None
    assert (len(account.failure_times), account.lockouts, account.locked_until) == (1, 0, None)
    ip = throttle(db, "ip", SOURCE_IP)
    assert ip is not None
    assert (len(ip.failure_times), ip.lockouts, ip.locked_until) == (1, 0, None)
    assert audit_count(db, "auth.signed_in") == 0


def test_an_unknown_email_gets_exactly_the_answer_of_a_wrong_password(api: Api, db: Session) -> None:
    # Given a registered owner
    registered = register(api)

    # When one attempt uses their e-mail with a wrong password and one an unknown e-mail
    wrong_password = login(api, registered["user"]["email"], WRONG_PASSWORD)
    unknown_email = login(api, "nobody-here@example.co.ke", PASSWORD)

    # Then both answers are identical
    assert (unknown_email.status_code, unknown_email.json_body) == (
        wrong_password.status_code,
        wrong_password.json_body,
    )
    assert unknown_email.status_code == 401
    assert unknown_email.json_body == INVALID_CREDENTIALS
    assert unknown_email.headers["Cache-Control"] == wrong_password.headers["Cache-Control"] == "no-store"

    # And the unknown e-mail's failure is audited without an actor and counted like any other
    assert audit_count(db, "auth.sign_in_failed", AuditEntry.actor_user_id.is_(None)) == 1
    assert audit_count(db, "auth.sign_in_failed", AuditEntry.target_id == "nobody-here@example.co.ke") == 1
    unknown = throttle(db, "account", "nobody-here@example.co.ke")
    assert unknown is not None
    assert len(unknown.failure_times) == 1
    assert count(db, AuthSession) == 1  # only the registration's


def test_a_request_without_a_password_is_invalid_and_not_counted(api: Api, db: Session) -> None:
    # Given a registered owner
    registered = register(api)

    # When the sign-in body misses the password
    response = api.post("/auth/login", {"email": registered["user"]["email"]})

    # Then it is a validation error, not a failed sign-in
    assert response.status_code == 400
    assert response.json_body == {
        "error": {
            "code": "validation_failed",
            "message": "Some fields are invalid.",
            "details": [{"field": "password", "code": "missing", "message": "Field required"}],
        }
    }
    assert audit_count(db, "auth.sign_in_failed") == 0
    assert count(db, LoginThrottle) == 0


# --- access tokens that must not open /me -----------------------------------------------


def _reissue(claims: dict[str, Any], *, key: str | None = None, algorithm: str = "HS256", **changes: Any) -> str:
    settings = get_settings()
    return jwt.encode({**claims, **changes}, settings.jwt_secret if key is None else key, algorithm=algorithm)


FORGERIES = {
    "signed_with_another_key": lambda c: _reissue(c, key="another-secret-that-is-long-enough-0123456789"),
    "alg_none": lambda c: jwt.encode(c, None, algorithm="none"),
    "alg_hs512_with_the_real_key": lambda c: _reissue(c, algorithm="HS512"),
    "wrong_audience": lambda c: _reissue(c, aud="someone-else"),
    "wrong_issuer": lambda c: _reissue(c, iss="someone-else"),
    "no_audience": lambda c: _reissue({k: v for k, v in c.items() if k != "aud"}),
    "no_session_id": lambda c: _reissue({k: v for k, v in c.items() if k != "sid"}),
    "role_raised_to_admin_under_another_key": lambda c: _reissue(
        c, key="another-secret-that-is-long-enough-0123456789", role="admin"
    ),
}


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
@pytest.mark.parametrize("forge", FORGERIES.values(), ids=FORGERIES.keys())
def test_a_forged_access_token_is_rejected(api: Api, forge: Any) -> None:
    # Given a signed-in owner whose real token opens /me
    registered = register(api)
    token = registered["access_token"]
    assert api.get("/me", token=token).status_code == 200
    claims = jwt.decode(token, options={"verify_signature": False})

    # When a token with the same claims but forged is presented
    response = api.get("/me", token=forge(claims))

    # Then it is refused as if no token had been given
    assert response.status_code == 401
    assert response.json_body == NOT_AUTHENTICATED


def test_an_access_token_expires_after_15_minutes(api: Api, clock: Any) -> None:
    # Given a token issued now
    token = register(api)["access_token"]

    # When 14 min 59 s have passed it still works
    clock.shift(timedelta(seconds=899))
    assert api.get("/me", token=token).status_code == 200

    # Then, once 15 minutes have passed, it is refused
    clock.shift(timedelta(seconds=2))
    response = api.get("/me", token=token)
    assert response.status_code == 401
    assert response.json_body == NOT_AUTHENTICATED


def test_a_token_that_is_not_a_jwt_is_rejected(api: Api) -> None:
    response = api.get("/me", token="not-a-jwt")
    assert response.status_code == 401
    assert response.json_body == NOT_AUTHENTICATED


# --- lock-out per account -------------------------------------------------------------------


def test_five_failures_lock_the_account_even_against_the_right_password(api: Api, db: Session, clock: Any) -> None:
    # Given a registered owner
    registered = register(api)
    email, user_id = registered["user"]["email"], uuid.UUID(registered["user"]["id"])

    # When five sign-ins fail (each answered as a plain wrong password)
    fail(api, email, 5)

    # Then the sixth, with the right password, is refused for the lock length
    response = login(api, email)
    assert response.status_code == 429
    assert response.json_body == too_many_attempts(60)
    assert response.headers["Retry-After"] == "60"
    assert response.headers["Cache-Control"] == "no-store"

    # And no session was started; five failures, one lock-out and one blocked attempt are audited
    assert sessions_of(db, str(user_id)) == 1
    assert audit_count(db, "auth.signed_in") == 0
    assert audit_count(db, "auth.sign_in_failed", AuditEntry.actor_user_id == user_id) == 5
    lockouts = db.scalars(select(AuditEntry).where(AuditEntry.action == "auth.locked_out")).all()
    assert [(e.actor_user_id, e.target_type, e.target_id, str(e.source_ip), e.details) for e in lockouts] == [
        (user_id, "account", email, SOURCE_IP, {"seconds": 60, "lockouts": 1})
    ]
    assert audit_count(db, "auth.sign_in_blocked") == 1

    # And the owner is told through the outbox
    events = db.scalars(select(OutboxEvent).where(OutboxEvent.event_type == "SignInLockedOut")).all()
    assert [(e.aggregate_type, e.aggregate_id, e.payload) for e in events] == [
        ("user", user_id, {"user_id": str(user_id), "locked_until": (now() + timedelta(seconds=60)).isoformat()})
    ]

    # And the account's throttle holds the lock
    account = throttle(db, "account", email)
    assert account is not None
    assert (len(account.failure_times), account.lockouts, account.locked_until) == (0, 1, now() + timedelta(seconds=60))


def test_attempts_during_a_lock_are_not_counted_and_retry_after_counts_down(api: Api, db: Session, clock: Any) -> None:
    # Given an account locked a moment ago
    email = register(api)["user"]["email"]
    fail(api, email, 5)

    # When 25 seconds later a wrong password is tried
    clock.shift(timedelta(seconds=25))
    response = login(api, email, WRONG_PASSWORD)

    # Then it is refused for the remaining 35 seconds and not counted as a failure
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "35"
    assert response.json_body == too_many_attempts(35)
    assert audit_count(db, "auth.sign_in_failed") == 5
    assert audit_count(db, "auth.locked_out") == 1
    assert audit_count(db, "auth.sign_in_blocked") == 1


def test_after_the_lock_the_right_password_works_and_clears_the_counter(api: Api, db: Session, clock: Any) -> None:
    # Given an account locked for 60 seconds
    registered = register(api)
    email = registered["user"]["email"]
    fail(api, email, 5)

    # When the lock has passed and the right password is used
    clock.shift(timedelta(seconds=61))
    response = login(api, email)

    # Then the sign-in succeeds and the account's counters are cleared (no row is a clean one)
    assert response.status_code == 200
    assert response.json_body["user"]["id"] == registered["user"]["id"]
    assert throttle(db, "account", email) is None

    # And a later run of failures starts again from the base lock length
    fail(api, email, 5)
    again = login(api, email)
    assert again.status_code == 429
    assert again.headers["Retry-After"] == "60"


def test_a_sign_in_clears_the_account_counter_with_one_statement(api: Api, db: Session) -> None:
    # Given an account with two recent failures
    registered = register(api)
    email = registered["user"]["email"]
    fail(api, email, 2)

    # When the right password is used
    with counting_statements() as statements:
        response = login(api, email)

    # Then the account's throttle row is removed by a single DELETE and nothing else touches it
    assert response.status_code == 200
    touching = [s.split(None, 1)[0].upper() for s in statements if "login_throttles" in s]
    assert touching == ["SELECT", "DELETE"]  # the lock check before the password, the reset after it
    assert throttle(db, "account", email) is None

    # And the source IP keeps its failures: only the account is cleared
    ip = throttle(db, "ip", SOURCE_IP)
    assert ip is not None
    assert len(ip.failure_times) == 2


def test_each_new_lock_out_lasts_twice_as_long(api: Api, db: Session, clock: Any) -> None:
    # Given an account locked once (60 s), whose lock has passed
    registered = register(api)
    email, user_id = registered["user"]["email"], uuid.UUID(registered["user"]["id"])
    fail(api, email, 5)
    clock.shift(timedelta(seconds=61))

    # When five more sign-ins fail
    fail(api, email, 5)

    # Then the second lock lasts 120 seconds
    response = login(api, email)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "120"
    assert response.json_body == too_many_attempts(120)
    details = db.scalars(
        select(AuditEntry.details).where(AuditEntry.action == "auth.locked_out").order_by(AuditEntry.created_at)
    ).all()
    assert details == [{"seconds": 60, "lockouts": 1}, {"seconds": 120, "lockouts": 2}]
    assert count(db, OutboxEvent, OutboxEvent.event_type == "SignInLockedOut", OutboxEvent.aggregate_id == user_id) == 2
    assert audit_count(db, "auth.sign_in_failed") == 10

    # And 61 seconds are not enough, 121 are
    clock.shift(timedelta(seconds=61))
    still_locked = login(api, email)
    assert still_locked.status_code == 429
    assert still_locked.headers["Retry-After"] == "59"
    clock.shift(timedelta(seconds=60))
    assert login(api, email).status_code == 200


def test_five_failures_within_fifteen_minutes_lock(api: Api, db: Session, clock: Any) -> None:
    # Given four failures, then a fifth 14 minutes later
    email = register(api)["user"]["email"]
    fail(api, email, 4)
    clock.shift(timedelta(minutes=14))
    fail(api, email, 1)

    # When the right password is tried
    response = login(api, email)

    # Then the account is locked
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "60"
    assert audit_count(db, "auth.locked_out") == 1


def test_failures_outside_the_fifteen_minute_window_do_not_accumulate(api: Api, db: Session, clock: Any) -> None:
    # Given four failures, then four more 15 min 1 s later
    registered = register(api)
    email = registered["user"]["email"]
    fail(api, email, 4)
    clock.shift(timedelta(minutes=15, seconds=1))
    fail(api, email, 4)

    # When the right password is used
    response = login(api, email)

    # Then nothing was locked and the sign-in succeeds
    assert response.status_code == 200
    assert audit_count(db, "auth.sign_in_failed") == 8
    assert audit_count(db, "auth.locked_out") == 0
    assert count(db, OutboxEvent, OutboxEvent.event_type == "SignInLockedOut") == 0


def test_five_failures_within_fifteen_minutes_lock_even_across_the_window_boundary(
    api: Api, db: Session, clock: Any
) -> None:
    # Given one failure, then three just before 15 minutes have passed and two just after
    email = register(api)["user"]["email"]
    fail(api, email, 1)
    clock.shift(timedelta(minutes=14, seconds=50))
    fail(api, email, 3)
    clock.shift(timedelta(seconds=20))
    fail(api, email, 2)

    # When the right password is tried (five failures fell within the last 20 seconds)
    response = login(api, email)

    # Then the account is locked
    assert response.status_code == 429


def test_a_lock_out_does_not_reveal_whether_the_email_exists(api: Api, db: Session, clock: Any) -> None:
    # Given one registered e-mail and one unknown
    email = register(api)["user"]["email"]
    unknown = "ghost-account@example.co.ke"

    # When both fail five times
    known_failures = [login(api, email, WRONG_PASSWORD) for _ in range(5)]
    unknown_failures = [login(api, unknown, WRONG_PASSWORD) for _ in range(5)]

    # Then every answer is the same
    assert [(r.status_code, r.json_body) for r in known_failures] == [(401, INVALID_CREDENTIALS)] * 5
    assert [(r.status_code, r.json_body) for r in unknown_failures] == [(401, INVALID_CREDENTIALS)] * 5

    # And the lock-outs look the same too
    known_locked, unknown_locked = login(api, email), login(api, unknown, PASSWORD)
    assert (known_locked.status_code, known_locked.json_body) == (429, too_many_attempts(60))
    assert (unknown_locked.status_code, unknown_locked.json_body) == (429, too_many_attempts(60))
    assert known_locked.headers["Retry-After"] == unknown_locked.headers["Retry-After"] == "60"

    # And both are audited, but only the real account gets a lock-out event
    lockouts = db.scalars(
        select(AuditEntry.target_id).where(AuditEntry.action == "auth.locked_out").order_by(AuditEntry.target_id)
    ).all()
    assert lockouts == sorted([email, unknown])
    assert count(db, OutboxEvent, OutboxEvent.event_type == "SignInLockedOut") == 1
    assert count(db, AuthSession) == 1  # only the registration's


# --- lock-out per source IP -----------------------------------------------------------------


def test_twenty_failures_from_one_ip_lock_that_ip_for_every_account(api: Api, db: Session, clock: Any) -> None:
    # Given a registered owner, and twenty failures from the same IP spread over five other
    # e-mails (four each, so that no account is locked)
    registered = register(api)
    email = registered["user"]["email"]
    for n in range(5):
        fail(api, f"spray-{n}@example.co.ke", 4)

    # When the owner signs in with the right password from that IP
    response = login(api, email)

    # Then the IP is locked
    assert response.status_code == 429
    assert response.json_body == too_many_attempts(60)
    assert response.headers["Retry-After"] == "60"
    assert sessions_of(db, registered["user"]["id"]) == 1

    # And the failures and the one IP lock-out are audited; no account was locked
    assert audit_count(db, "auth.sign_in_failed") == 20
    lockouts = db.scalars(select(AuditEntry).where(AuditEntry.action == "auth.locked_out")).all()
    assert [(e.actor_user_id, e.target_type, e.target_id, e.details) for e in lockouts] == [
        (None, "ip", SOURCE_IP, {"seconds": 60, "lockouts": 1})
    ]
    assert audit_count(db, "auth.sign_in_blocked") == 1
    assert count(db, OutboxEvent, OutboxEvent.event_type == "SignInLockedOut") == 0
    ip = throttle(db, "ip", SOURCE_IP)
    assert ip is not None
    assert (len(ip.failure_times), ip.lockouts, ip.locked_until) == (0, 1, now() + timedelta(seconds=60))

    # And once the lock has passed the owner can sign in
    clock.shift(timedelta(seconds=61))
    assert login(api, email).status_code == 200


def test_nineteen_failures_from_one_ip_do_not_lock_it(api: Api, db: Session, clock: Any) -> None:
    # Given nineteen failures from one IP over five e-mails
    email = register(api)["user"]["email"]
    for n in range(4):
        fail(api, f"spray-{n}@example.co.ke", 4)
    fail(api, "spray-4@example.co.ke", 3)

    # When the owner signs in from that IP
    response = login(api, email)

    # Then the sign-in succeeds
    assert response.status_code == 200
    assert audit_count(db, "auth.locked_out") == 0
