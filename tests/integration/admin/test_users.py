"""Platform staff and people: finding them (GET /admin/users), one person's page, suspending,
reactivating and resetting two-factor sign-in."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pyotp
import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.accounts.models import AuthSession, RecoveryCode, User
from chalicelib.core.audit import AuditEntry
from chalicelib.core.outbox import OutboxEvent
from chalicelib.core.security import encrypt
from tests.integration.admin.conftest import Staff
from tests.support.api import Api, count, login, register

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
REASON = {"reason": "Reported for fraud by two retailers"}


def envelope(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": []}}


def user_row(db: Session, user_id: Any) -> User:
    db.expire_all()
    user = db.get(User, uuid.UUID(str(user_id)))
    assert user is not None
    return user


def audit_rows(db: Session, action: str, target_id: Any) -> list[AuditEntry]:
    return list(
        db.scalars(select(AuditEntry).where(AuditEntry.action == action, AuditEntry.target_id == str(target_id)))
    )


def live_sessions(db: Session, user_id: Any) -> int:
    return count(db, AuthSession, AuthSession.user_id == uuid.UUID(str(user_id)), AuthSession.revoked_at.is_(None))


def register_at(api: Api, moment: datetime, kind: str = "retailer", **overrides: Any) -> dict[str, Any]:
    with time_machine.travel(moment, tick=False):
        return register(api, kind, **overrides)


# --- search and paging ---------------------------------------------------------------


def test_support_finds_people_by_part_of_their_email_name_or_phone_in_any_case(
    api: Api, db: Session, support: Staff
) -> None:
    amina = register_at(api, NOW, owner__full_name="Amina Odhiambo", owner__email="amina@duka.co.ke")
    register_at(api, NOW + timedelta(minutes=1), owner__full_name="Brian Kamau", owner__phone="+254733999888")
    register_at(api, NOW + timedelta(minutes=2), "wholesaler", owner__full_name="Carol Wanjiku")

    by_name = api.get("/admin/users?q=odhIAMBO", token=support.token)
    by_email = api.get("/admin/users?q=AMINA@DUKA", token=support.token)
    by_phone = api.get("/admin/users?q=733999", token=support.token)
    nothing = api.get("/admin/users?q=100%25_", token=support.token)

    assert by_name.status_code == 200, by_name.json_body
    assert by_name.json_body == {
        "items": [
            {
                "id": amina["user"]["id"],
                "email": "amina@duka.co.ke",
                "full_name": "Amina Odhiambo",
                "phone": "+254722000111",
                "role": "owner",
                "status": "active",
                "business_id": amina["business"]["id"],
                "business_name": amina["business"]["name"],
                "business_kind": "retailer",
                "two_factor_enabled": False,
                "email_verified": False,
                "created_at": "2026-03-02T09:30:00Z",
                "last_sign_in_at": "2026-03-02T09:30:00Z",
            }
        ],
        "next_cursor": None,
    }
    assert [u["full_name"] for u in by_email.json_body["items"]] == ["Amina Odhiambo"]
    assert [u["full_name"] for u in by_phone.json_body["items"]] == ["Brian Kamau"]
    assert nothing.json_body == {"items": [], "next_cursor": None}


def test_people_are_filtered_by_role_status_and_business(api: Api, db: Session, admin: Staff) -> None:
    shop = register_at(api, NOW)
    other = register_at(api, NOW + timedelta(minutes=1), "wholesaler")
    support_user = db.scalar(select(User).where(User.id == admin.user.id))
    assert support_user is not None

    of_shop = api.get(f"/admin/users?business_id={shop['business']['id']}", token=admin.token)
    admins = api.get("/admin/users?role=admin", token=admin.token)
    api.post(f"/admin/users/{other['user']['id']}/suspend", REASON, token=admin.token)
    suspended = api.get("/admin/users?status=suspended", token=admin.token)

    assert [u["id"] for u in of_shop.json_body["items"]] == [shop["user"]["id"]]
    assert [u["id"] for u in admins.json_body["items"]] == [str(admin.user.id)]
    assert admins.json_body["items"][0]["business_name"] is None
    assert [u["id"] for u in suspended.json_body["items"]] == [other["user"]["id"]]


def test_people_come_newest_first_a_page_at_a_time(api: Api, db: Session, support: Staff) -> None:
    people = [
        register_at(api, NOW + timedelta(minutes=n), owner__full_name=f"Paged Person {n}")["user"]["id"]
        for n in range(5)
    ]

    first = api.get("/admin/users?q=paged+person&limit=2", token=support.token)
    second = api.get(
        f"/admin/users?q=paged+person&limit=2&cursor={first.json_body['next_cursor']}", token=support.token
    )
    third = api.get(
        f"/admin/users?q=paged+person&limit=2&cursor={second.json_body['next_cursor']}", token=support.token
    )

    pages = [[u["id"] for u in page.json_body["items"]] for page in (first, second, third)]
    assert pages == [people[4:2:-1], people[2:0:-1], people[:1]]
    assert third.json_body["next_cursor"] is None


def test_a_tampered_cursor_is_refused(api: Api, support: Staff) -> None:
    response = api.get("/admin/users?cursor=bm90LWEtY3Vyc29y", token=support.token)

    assert response.status_code == 400
    assert response.json_body["error"]["details"][0]["code"] == "invalid_cursor"


def test_a_persons_page_shows_their_live_sign_ins_and_recent_audit_entries(
    api: Api, db: Session, support: Staff
) -> None:
    person = register(api)
    assert login(api, person["user"]["email"]).status_code == 200

    response = api.get(f"/admin/users/{person['user']['id']}", token=support.token)

    assert response.status_code == 200
    body = response.json_body
    assert body["user"]["email"] == person["user"]["email"]
    assert body["active_sessions"] == 2
    assert [e["action"] for e in body["recent_audit"]] == ["auth.signed_in", "auth.registered"]
    assert body["recent_audit"][0]["actor_email"] == person["user"]["email"]


def test_an_unknown_person_is_not_found(api: Api, support: Staff) -> None:
    response = api.get(f"/admin/users/{uuid.uuid4()}", token=support.token)

    assert (response.status_code, response.json_body) == (404, envelope("user_not_found", "No such user."))


# --- suspend and reactivate ----------------------------------------------------------


def test_a_suspended_person_loses_every_sign_in_and_cannot_sign_in_again(api: Api, db: Session, admin: Staff) -> None:
    person = register(api)
    second = login(api, person["user"]["email"]).json_body

    suspended = api.post(
        f"/admin/users/{person['user']['id']}/suspend", REASON, token=admin.token, headers={"user-agent": "AdminUI/1"}
    )

    assert suspended.status_code == 200, suspended.json_body
    assert suspended.json_body["status"] == "suspended"
    assert live_sessions(db, person["user"]["id"]) == 0
    assert api.get("/me", token=person["access_token"]).status_code == 401
    refreshed = api.post("/auth/refresh", {"refresh_token": second["refresh_token"]})
    assert refreshed.json_body["error"]["code"] == "invalid_refresh_token"
    sign_in = login(api, person["user"]["email"])
    assert (sign_in.status_code, sign_in.json_body) == (
        403,
        envelope("account_suspended", "This account is suspended. Contact support to find out why."),
    )
    [entry] = audit_rows(db, "admin.user_suspended", person["user"]["id"])
    assert (entry.actor_user_id, str(entry.source_ip), entry.user_agent, entry.details) == (
        admin.user.id,
        "127.0.0.1",
        "AdminUI/1",
        {"reason": REASON["reason"], "sessions_ended": 2},
    )


def test_a_wrong_password_for_a_suspended_account_says_only_that_it_is_wrong(api: Api, admin: Staff) -> None:
    person = register(api)
    api.post(f"/admin/users/{person['user']['id']}/suspend", REASON, token=admin.token)

    response = login(api, person["user"]["email"], "Not-The-Password-123")

    assert response.json_body["error"]["code"] == "invalid_credentials"


def test_a_reactivated_person_can_sign_in_again(api: Api, db: Session, admin: Staff) -> None:
    person = register(api)
    api.post(f"/admin/users/{person['user']['id']}/suspend", REASON, token=admin.token)

    reactivated = api.post(
        f"/admin/users/{person['user']['id']}/reactivate", {"reason": "Cleared after review"}, token=admin.token
    )

    assert reactivated.status_code == 200
    assert reactivated.json_body["status"] == "active"
    assert login(api, person["user"]["email"]).status_code == 200
    [entry] = audit_rows(db, "admin.user_reactivated", person["user"]["id"])
    assert entry.details == {"reason": "Cleared after review"}


def test_an_admin_cannot_suspend_themselves(api: Api, db: Session, admin: Staff) -> None:
    response = api.post(f"/admin/users/{admin.user.id}/suspend", REASON, token=admin.token)

    assert (response.status_code, response.json_body) == (
        422,
        envelope("cannot_suspend_self", "You cannot suspend your own account."),
    )
    assert user_row(db, admin.user.id).status == "active"
    assert audit_rows(db, "admin.user_suspended", admin.user.id) == []


def test_suspending_twice_or_reactivating_an_active_person_is_a_conflict(api: Api, db: Session, admin: Staff) -> None:
    person = register(api)
    path = f"/admin/users/{person['user']['id']}"

    not_suspended = api.post(f"{path}/reactivate", REASON, token=admin.token)
    api.post(f"{path}/suspend", REASON, token=admin.token)
    twice = api.post(f"{path}/suspend", REASON, token=admin.token)

    assert (not_suspended.status_code, not_suspended.json_body) == (
        409,
        envelope("user_not_suspended", "This user is not suspended."),
    )
    assert (twice.status_code, twice.json_body) == (
        409,
        envelope("user_already_suspended", "This user is already suspended."),
    )
    assert len(audit_rows(db, "admin.user_suspended", person["user"]["id"])) == 1


def test_a_deactivated_person_cannot_be_suspended(api: Api, db: Session, admin: Staff) -> None:
    person = register(api)
    user = user_row(db, person["user"]["id"])
    user.status = "deactivated"
    db.flush()

    response = api.post(f"/admin/users/{user.id}/suspend", REASON, token=admin.token)

    assert (response.status_code, response.json_body) == (
        409,
        envelope("user_not_active", "Only an active user can be suspended."),
    )
    assert user_row(db, user.id).status == "deactivated"


def test_a_reason_is_required(api: Api, db: Session, admin: Staff) -> None:
    person = register(api)

    response = api.post(f"/admin/users/{person['user']['id']}/suspend", {"reason": ""}, token=admin.token)

    assert response.status_code == 400
    assert response.json_body["error"]["details"][0]["field"] == "reason"
    assert user_row(db, person["user"]["id"]).status == "active"


# --- reset two-factor ----------------------------------------------------------------


def with_two_factor(db: Session, user_id: Any) -> str:
    secret = pyotp.random_base32()
    user = user_row(db, user_id)
    user.totp_secret_encrypted = encrypt(secret)
    user.totp_enabled_at = datetime.now(UTC)
    db.add(RecoveryCode(id=uuid.uuid4(), user_id=user.id, code_hash="0" * 64))
    db.flush()
    return secret


def test_resetting_two_factor_turns_it_off_and_tells_the_person(api: Api, db: Session, admin: Staff) -> None:
    person = register(api)
    with_two_factor(db, person["user"]["id"])
    assert login(api, person["user"]["email"]).json_body["error"]["code"] == "otp_required"

    response = api.post(f"/admin/users/{person['user']['id']}/reset-2fa", {"reason": "Lost phone"}, token=admin.token)

    assert response.status_code == 200, response.json_body
    assert response.json_body["two_factor_enabled"] is False
    user = user_row(db, person["user"]["id"])
    assert (user.totp_secret_encrypted, user.totp_enabled_at, user.totp_last_step) == (None, None, None)
    assert count(db, RecoveryCode, RecoveryCode.user_id == user.id) == 0
    assert login(api, person["user"]["email"]).status_code == 200
    [event] = db.scalars(select(OutboxEvent).where(OutboxEvent.event_type == "TwoFactorReset")).all()
    assert event.payload == {"user_id": person["user"]["id"]}
    [entry] = audit_rows(db, "admin.user_two_factor_reset", person["user"]["id"])
    assert entry.details == {"reason": "Lost phone"}


def test_resetting_two_factor_that_is_off_is_a_conflict(api: Api, db: Session, admin: Staff) -> None:
    person = register(api)

    response = api.post(f"/admin/users/{person['user']['id']}/reset-2fa", REASON, token=admin.token)

    assert (response.status_code, response.json_body["error"]["code"]) == (409, "two_factor_not_enabled")
    assert count(db, OutboxEvent, OutboxEvent.event_type == "TwoFactorReset") == 0
