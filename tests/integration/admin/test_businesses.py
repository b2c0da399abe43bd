"""Platform staff and businesses: search, the support view of one business, suspension, and the
verification history that every decision writes."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.accounts.models import AuthSession, Business, BusinessVerificationEvent
from chalicelib.core.audit import AuditEntry
from tests.integration.admin.conftest import Staff
from tests.support.api import Api, count, login, register
from tests.support.factories import make_actor, staff_of

REASON = {"reason": "Selling counterfeit goods"}


def envelope(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": []}}


def business_row(db: Session, business_id: Any) -> Business:
    db.expire_all()
    business = db.get(Business, uuid.UUID(str(business_id)))
    assert business is not None
    return business


def test_businesses_are_found_by_part_of_their_name_tax_id_or_phone(api: Api, support: Staff) -> None:
    pwani = register(api, "wholesaler", business__name="Pwani Traders Ltd", business__tax_id="P051234567Q")
    register(api, "retailer", business__name="Mama Njeri Mini Mart", business__phone="+254799111222")

    by_name = api.get("/admin/businesses?q=pwani+TRADERS", token=support.token)
    by_tax_id = api.get("/admin/businesses?q=p051234567q", token=support.token)
    by_phone = api.get("/admin/businesses?q=799111", token=support.token)
    pending_retailers = api.get("/admin/businesses?q=a&kind=retailer&verification=pending", token=support.token)

    assert [b["id"] for b in by_name.json_body["items"]] == [pwani["business"]["id"]]
    assert [b["id"] for b in by_tax_id.json_body["items"]] == [pwani["business"]["id"]]
    assert [b["name"] for b in by_phone.json_body["items"]] == ["Mama Njeri Mini Mart"]
    assert pending_retailers.json_body == {"items": [], "next_cursor": None}


def test_support_sees_a_business_with_its_people_verification_history_and_counts(
    api: Api, db: Session, admin: Staff, support: Staff
) -> None:
    registered = register(api, "wholesaler")
    business_id = registered["business"]["id"]
    rejected = api.post(
        f"/admin/businesses/{business_id}/verification",
        {"status": "rejected", "reason": "The tax certificate is unreadable"},
        token=admin.token,
    )
    assert rejected.status_code == 200

    response = api.get(f"/admin/businesses/{business_id}", token=support.token)

    assert response.status_code == 200, response.json_body
    body = response.json_body
    assert body["business"]["name"] == registered["business"]["name"]
    assert body["business"]["suspension"] is None
    assert [(u["email"], u["role"]) for u in body["users"]] == [(registered["user"]["email"], "owner")]
    assert body["verification_status"] == "rejected"
    assert [
        (e["previous_status"], e["status"], e["reason"], e["actor_email"]) for e in body["verification_history"]
    ] == [
        ("pending", "rejected", "The tax certificate is unreadable", admin.user.email),
        (None, "pending", None, registered["user"]["email"]),
    ]
    assert body["documents"] == []
    assert body["counts"] == {"users": 1, "active_users": 1, "documents": 0}


def test_an_unknown_business_is_not_found(api: Api, support: Staff) -> None:
    response = api.get(f"/admin/businesses/{uuid.uuid4()}", token=support.token)

    assert (response.status_code, response.json_body) == (404, envelope("business_not_found", "No such business."))


def test_a_verification_decision_is_kept_in_the_history_with_who_decided(api: Api, db: Session, admin: Staff) -> None:
    business_id = register(api, "wholesaler")["business"]["id"]

    api.post(f"/admin/businesses/{business_id}/verification", {"status": "verified"}, token=admin.token)
    history = api.get(f"/admin/businesses/{business_id}/verification", token=admin.token)

    assert history.status_code == 200
    assert history.json_body["status"] == "verified"
    assert history.json_body["verified_by"] == str(admin.user.id)
    newest = history.json_body["history"][0]
    assert (newest["previous_status"], newest["status"], newest["actor_user_id"]) == (
        "pending",
        "verified",
        str(admin.user.id),
    )


def test_a_rejection_without_a_reason_is_refused_and_leaves_no_history(api: Api, db: Session, admin: Staff) -> None:
    business_id = register(api, "wholesaler")["business"]["id"]

    response = api.post(f"/admin/businesses/{business_id}/verification", {"status": "rejected"}, token=admin.token)

    assert response.status_code == 400
    assert response.json_body["error"]["details"][0]["code"] == "reason_required"
    assert count(db, BusinessVerificationEvent, BusinessVerificationEvent.business_id == uuid.UUID(business_id)) == 1


def test_a_suspended_business_cannot_sign_in_and_its_sessions_end(api: Api, db: Session, admin: Staff) -> None:
    registered = register(api, "retailer")
    business_id = registered["business"]["id"]

    suspended = api.post(f"/admin/businesses/{business_id}/suspend", REASON, token=admin.token)

    assert suspended.status_code == 200, suspended.json_body
    assert suspended.json_body["suspension"]["reason"] == REASON["reason"]
    assert suspended.json_body["suspension"]["suspended_by"] == str(admin.user.id)
    [listed] = api.get(f"/admin/businesses?q={registered['business']['name']}", token=admin.token).json_body["items"]
    assert listed["suspension"]["reason"] == REASON["reason"]
    assert api.get("/business", token=registered["access_token"]).status_code == 401
    assert (
        count(
            db,
            AuthSession,
            AuthSession.revoked_at.is_(None),
            AuthSession.user_id == uuid.UUID(registered["user"]["id"]),
        )
        == 0
    )
    sign_in = login(api, registered["user"]["email"])
    assert (sign_in.status_code, sign_in.json_body) == (
        403,
        envelope("business_suspended", "Your business's account is suspended. Contact support to find out why."),
    )
    [entry] = db.scalars(select(AuditEntry).where(AuditEntry.action == "admin.business_suspended")).all()
    assert (entry.actor_user_id, entry.target_id, entry.details) == (
        admin.user.id,
        business_id,
        {"reason": REASON["reason"], "sessions_ended": 1},
    )


def test_an_access_token_of_a_suspended_business_stops_working_at_once(api: Api, db: Session, admin: Staff) -> None:
    actor = make_actor(db, "wholesaler")
    staff = staff_of(db, actor)
    assert api.get("/business", token=staff.token).status_code == 200

    api.post(f"/admin/businesses/{actor.business.id}/suspend", REASON, token=admin.token)

    assert api.get("/business", token=staff.token).json_body["error"]["code"] == "not_authenticated"


def test_a_reactivated_business_signs_in_again(api: Api, db: Session, admin: Staff) -> None:
    registered = register(api, "retailer")
    path = f"/admin/businesses/{registered['business']['id']}"
    api.post(f"{path}/suspend", REASON, token=admin.token)

    reactivated = api.post(f"{path}/reactivate", {"reason": "Appeal accepted"}, token=admin.token)

    assert reactivated.status_code == 200
    assert reactivated.json_body["suspension"] is None
    assert business_row(db, registered["business"]["id"]).suspended_at is None
    assert login(api, registered["user"]["email"]).status_code == 200
    assert count(db, AuditEntry, AuditEntry.action == "admin.business_reactivated") == 1


def test_suspending_twice_or_reactivating_a_business_in_good_standing_is_a_conflict(
    api: Api, db: Session, admin: Staff
) -> None:
    path = f"/admin/businesses/{register(api, 'retailer')['business']['id']}"

    not_suspended = api.post(f"{path}/reactivate", REASON, token=admin.token)
    api.post(f"{path}/suspend", REASON, token=admin.token)
    twice = api.post(f"{path}/suspend", REASON, token=admin.token)

    assert (not_suspended.status_code, not_suspended.json_body) == (
        409,
        envelope("business_not_suspended", "This business is not suspended."),
    )
    assert (twice.status_code, twice.json_body) == (
        409,
        envelope("business_already_suspended", "This business is already suspended."),
    )
    assert count(db, AuditEntry, AuditEntry.action == "admin.business_suspended") == 1
