"""Refresh-token rotation and reuse detection, signing out, and listing and ending sessions."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import jwt
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.accounts.models import AuthSession, RefreshToken
from chalicelib.core.audit import AuditEntry
from chalicelib.core.clock import utcnow as now
from chalicelib.core.security import hash_token
from tests.support.api import PASSWORD, Api, count, login, register

INVALID_REFRESH_TOKEN = {
    "error": {
        "code": "invalid_refresh_token",
        "message": "Your session has ended. Please sign in again.",
        "details": [],
    }
}
REFRESH_TOKEN_REUSED = {
    "error": {
        "code": "refresh_token_reused",
        "message": ("This session was ended for your safety because its token was used twice. Please sign in again."),
        "details": [],
    }
}
NOT_AUTHENTICATED = {"error": {"code": "not_authenticated", "message": "Sign in to continue.", "details": []}}
SESSION_NOT_FOUND = {"error": {"code": "session_not_found", "message": "No such session.", "details": []}}


def sid(access_token: str) -> uuid.UUID:
    return uuid.UUID(jwt.decode(access_token, options={"verify_signature": False})["sid"])


def auth_session(db: Session, session_id: uuid.UUID) -> AuthSession:
    row = db.scalar(select(AuthSession).where(AuthSession.id == session_id).execution_options(populate_existing=True))
    assert row is not None
    return row


def refresh(api: Api, token: str, **kw: Any) -> Any:
    return api.post("/auth/refresh", {"refresh_token": token}, **kw)


def assert_session_alive(api: Api, tokens: dict[str, Any]) -> dict[str, Any]:
    """Its access token opens /me and its refresh token rotates; answers the new pair."""
    assert api.get("/me", token=tokens["access_token"]).status_code == 200
    rotated = refresh(api, tokens["refresh_token"])
    assert rotated.status_code == 200
    return rotated.json_body  # type: ignore[no-any-return]


def assert_session_dead(api: Api, tokens: dict[str, Any]) -> None:
    me = api.get("/me", token=tokens["access_token"])
    assert (me.status_code, me.json_body) == (401, NOT_AUTHENTICATED)
    rotated = refresh(api, tokens["refresh_token"])
    assert (rotated.status_code, rotated.json_body) == (401, INVALID_REFRESH_TOKEN)


# --- rotation --------------------------------------------------------------------------------


def test_refresh_rotates_the_refresh_token_within_the_same_session(api: Api, db: Session, clock: Any) -> None:
    # Given a signed-in owner
    first = register(api)
    session_id = sid(first["access_token"])

    # When they refresh a minute later
    clock.shift(timedelta(minutes=1))
    response = refresh(api, first["refresh_token"])

    # Then they get a new access token and a new refresh token for the same session
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    second = response.json_body
    assert second["token_type"] == "Bearer"
    assert second["expires_in"] == 900
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    assert sid(second["access_token"]) == session_id
    assert second["user"] == first["user"]
    assert second["business"] == first["business"]
    assert second["refresh_expires_at"] == first["refresh_expires_at"]

    # And the old refresh token is marked rotated, the new one stored hashed, the session touched
    tokens = db.scalars(
        select(RefreshToken)
        .where(RefreshToken.session_id == session_id)
        .order_by(RefreshToken.created_at)
        .execution_options(populate_existing=True)
    ).all()
    assert [(t.token_hash, t.rotated_at) for t in tokens] == [
        (hash_token(first["refresh_token"]), now()),
        (hash_token(second["refresh_token"]), None),
    ]
    row = auth_session(db, session_id)
    assert (row.last_used_at, row.revoked_at) == (now(), None)
    assert count(db, AuthSession) == 1

    # And the new access token works
    assert api.get("/me", token=second["access_token"]).status_code == 200


def test_an_unknown_refresh_token_is_refused(api: Api, db: Session) -> None:
    # Given a signed-in owner
    first = register(api)

    # When a refresh token that was never issued is presented
    response = refresh(api, "x" * 43)

    # Then it is refused and nothing changes
    assert (response.status_code, response.json_body) == (401, INVALID_REFRESH_TOKEN)
    assert response.headers["Cache-Control"] == "no-store"
    assert count(db, RefreshToken) == 1
    assert count(db, RefreshToken, RefreshToken.rotated_at.is_not(None)) == 0
    assert auth_session(db, sid(first["access_token"])).revoked_at is None


def test_a_reused_refresh_token_ends_its_whole_session_family(api: Api, db: Session, clock: Any) -> None:
    # Given an owner with two sessions; the second rotated twice (R1 -> R2 -> R3)
    other_session = register(api)
    email = other_session["user"]["email"]
    r1 = login(api, email).json_body
    r2 = refresh(api, r1["refresh_token"]).json_body
    r3 = refresh(api, r2["refresh_token"]).json_body
    family = sid(r1["access_token"])

    # When the first, already rotated refresh token is presented again
    clock.shift(timedelta(seconds=5))
    response = refresh(api, r1["refresh_token"])

    # Then it is refused as reuse, and the session is revoked
    assert (response.status_code, response.json_body) == (401, REFRESH_TOKEN_REUSED)
    row = auth_session(db, family)
    assert (row.revoked_at, row.revoked_reason) == (now(), "refresh_token_reuse")
    audits = db.scalars(select(AuditEntry).where(AuditEntry.action == "auth.refresh_token_reused")).all()
    assert [(a.actor_user_id, a.target_type, a.target_id) for a in audits] == [
        (uuid.UUID(other_session["user"]["id"]), "session", str(family))
    ]

    # And the newest refresh token of the family no longer works, nor any of its access tokens
    newest = refresh(api, r3["refresh_token"])
    assert (newest.status_code, newest.json_body) == (401, INVALID_REFRESH_TOKEN)
    for tokens in (r1, r2, r3):
        me = api.get("/me", token=tokens["access_token"])
        assert (me.status_code, me.json_body) == (401, NOT_AUTHENTICATED)
    assert count(db, RefreshToken, RefreshToken.session_id == family) == 3

    # But the owner's other session is untouched
    assert auth_session(db, sid(other_session["access_token"])).revoked_at is None
    assert_session_alive(api, other_session)


def test_a_refresh_token_expires_after_30_days(api: Api, db: Session, clock: Any) -> None:
    # Given a session started now
    first = register(api)

    # When 30 days have passed
    clock.shift(timedelta(days=30, seconds=1))
    response = refresh(api, first["refresh_token"])

    # Then its refresh token is refused and not rotated
    assert (response.status_code, response.json_body) == (401, INVALID_REFRESH_TOKEN)
    assert count(db, RefreshToken) == 1
    assert count(db, RefreshToken, RefreshToken.rotated_at.is_not(None)) == 0


# --- signing out ------------------------------------------------------------------------------


def test_logout_ends_the_session(api: Api, db: Session, clock: Any) -> None:
    # Given an owner signed in twice
    other_session = register(api)
    tokens = login(api, other_session["user"]["email"]).json_body

    # When they sign out of the second session
    response = api.post("/auth/logout", token=tokens["access_token"])

    # Then the session is revoked: its access and refresh tokens stop working
    assert response.status_code == 204
    assert response.headers["Cache-Control"] == "no-store"
    row = auth_session(db, sid(tokens["access_token"]))
    assert (row.revoked_at, row.revoked_reason) == (now(), "signed_out")
    assert count(db, AuditEntry, AuditEntry.action == "auth.signed_out") == 1
    assert_session_dead(api, tokens)

    # And the other session is untouched
    assert_session_alive(api, other_session)


def test_logout_without_a_token_is_refused(api: Api, db: Session) -> None:
    register(api)

    response = api.post("/auth/logout")

    assert (response.status_code, response.json_body) == (401, NOT_AUTHENTICATED)
    assert count(db, AuthSession, AuthSession.revoked_at.is_not(None)) == 0
    assert count(db, AuditEntry, AuditEntry.action == "auth.signed_out") == 0


# --- listing and ending sessions ---------------------------------------------------------------


def test_my_sessions_lists_only_my_live_sessions_and_marks_the_current_one(api: Api, db: Session, clock: Any) -> None:
    # Given an owner with a registration session, a phone session, a session since ended,
    # and another user with a session of their own
    mine = register(api)
    email = mine["user"]["email"]
    clock.shift(timedelta(minutes=1))
    phone = api.post(
        "/auth/login", {"email": email, "password": PASSWORD}, headers={"user-agent": "SokoApp/2.1 (Android)"}
    ).json_body
    clock.shift(timedelta(minutes=1))
    ended = login(api, email).json_body
    assert api.post("/auth/logout", token=ended["access_token"]).status_code == 204
    register(api)

    # When they list their sessions from the phone
    clock.shift(timedelta(minutes=1))
    response = api.get("/me/sessions", token=phone["access_token"])

    # Then exactly the two live sessions are listed, most recently used first, the phone marked current
    assert response.status_code == 200
    items = response.json_body["items"]
    assert [(item["id"], item["current"]) for item in items] == [
        (str(sid(phone["access_token"])), True),
        (str(sid(mine["access_token"])), False),
    ]
    phone_item, registration_item = items
    registered_at = now() - timedelta(minutes=3)
    assert phone_item == {
        "id": str(sid(phone["access_token"])),
        "created_at": phone_item["created_at"],
        "last_used_at": phone_item["last_used_at"],
        "expires_at": phone_item["expires_at"],
        "user_agent": "SokoApp/2.1 (Android)",
        "source_ip": "127.0.0.1",
        "current": True,
    }
    assert datetime.fromisoformat(phone_item["created_at"]) == registered_at + timedelta(minutes=1)
    assert datetime.fromisoformat(phone_item["last_used_at"]) == registered_at + timedelta(minutes=1)
    assert datetime.fromisoformat(phone_item["expires_at"]) == registered_at + timedelta(minutes=1, days=30)
    assert datetime.fromisoformat(registration_item["created_at"]) == registered_at


def test_i_can_end_another_of_my_sessions(api: Api, db: Session, clock: Any) -> None:
    # Given an owner signed in on two devices
    laptop = register(api)
    phone = login(api, laptop["user"]["email"]).json_body
    phone_sid = sid(phone["access_token"])

    # When they end the phone's session from the laptop
    response = api.delete(f"/me/sessions/{phone_sid}", token=laptop["access_token"])

    # Then it is revoked and its tokens stop working
    assert response.status_code == 204
    row = auth_session(db, phone_sid)
    assert (row.revoked_at, row.revoked_reason) == (now(), "revoked_by_user")
    audits = db.scalars(select(AuditEntry).where(AuditEntry.action == "auth.session_revoked")).all()
    assert [(a.actor_user_id, a.target_id) for a in audits] == [(uuid.UUID(laptop["user"]["id"]), str(phone_sid))]
    assert_session_dead(api, phone)

    # And it is no longer listed; the laptop's session is untouched
    listed = api.get("/me/sessions", token=laptop["access_token"]).json_body["items"]
    assert [item["id"] for item in listed] == [str(sid(laptop["access_token"]))]

    # And ending it a second time answers 404
    again = api.delete(f"/me/sessions/{phone_sid}", token=laptop["access_token"])
    assert (again.status_code, again.json_body) == (404, SESSION_NOT_FOUND)
    assert count(db, AuditEntry, AuditEntry.action == "auth.session_revoked") == 1


def test_ending_my_current_session_signs_me_out(api: Api, db: Session) -> None:
    tokens = register(api)

    response = api.delete(f"/me/sessions/{sid(tokens['access_token'])}", token=tokens["access_token"])

    assert response.status_code == 204
    assert auth_session(db, sid(tokens["access_token"])).revoked_reason == "revoked_by_user"
    assert_session_dead(api, tokens)


def test_i_cannot_see_or_end_another_users_session(api: Api, db: Session) -> None:
    # Given two owners of different businesses
    me = register(api)
    someone_else = register(api)
    their_sid = sid(someone_else["access_token"])

    # When I try to end the other owner's session
    response = api.delete(f"/me/sessions/{their_sid}", token=me["access_token"])

    # Then it answers as if it did not exist, and the session stays alive
    assert (response.status_code, response.json_body) == (404, SESSION_NOT_FOUND)
    row = auth_session(db, their_sid)
    assert (row.revoked_at, row.revoked_reason) == (None, None)
    assert count(db, AuditEntry, AuditEntry.action == "auth.session_revoked") == 0
    assert_session_alive(api, someone_else)

    # And my list does not show it
    listed = api.get("/me/sessions", token=me["access_token"]).json_body["items"]
    assert [item["id"] for item in listed] == [str(sid(me["access_token"]))]


@pytest.mark.parametrize(
    ("session_id", "code", "message"),
    [
        ("not-a-uuid", "not_found", "Not found."),
        ("12345", "not_found", "Not found."),
        ("00000000-0000-4000-8000-000000000000", "session_not_found", "No such session."),
    ],
)
def test_ending_a_malformed_or_unknown_session_id_answers_404(
    api: Api, db: Session, session_id: str, code: str, message: str
) -> None:
    tokens = register(api)

    response = api.delete(f"/me/sessions/{session_id}", token=tokens["access_token"])

    assert (response.status_code, response.json_body) == (
        404,
        {"error": {"code": code, "message": message, "details": []}},
    )
    assert count(db, AuthSession, AuthSession.revoked_at.is_not(None)) == 0
    assert count(db, AuditEntry, AuditEntry.action == "auth.session_revoked") == 0
    assert_session_alive(api, tokens)


def test_listing_sessions_needs_a_signed_in_user(api: Api) -> None:
    response = api.get("/me/sessions")

    assert (response.status_code, response.json_body) == (401, NOT_AUTHENTICATED)
