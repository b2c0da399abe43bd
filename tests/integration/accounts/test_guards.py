"""Role and ownership guards: who may call which route, and that a refused call changes
nothing. Staff join through an invitation; admins and support are created by the operator."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.accounts.models import AuthSession, Business, User
from chalicelib.accounts.service import create_platform_user
from chalicelib.core.audit import AuditEntry
from chalicelib.core.outbox import OutboxEvent
from tests.support.api import PASSWORD, Api, count, latest_token, login, register
from tests.support.factories import subscribed

NOT_AUTHENTICATED = {"error": {"code": "not_authenticated", "message": "Sign in to continue.", "details": []}}
ROLE_NOT_ALLOWED = {"error": {"code": "role_not_allowed", "message": "Your role does not allow this.", "details": []}}
INVALID_REFRESH_TOKEN = {
    "error": {
        "code": "invalid_refresh_token",
        "message": "Your session has ended. Please sign in again.",
        "details": [],
    }
}


def business_row(db: Session, business_id: str) -> dict[str, Any]:
    business = db.scalar(
        select(Business).where(Business.id == uuid.UUID(business_id)).execution_options(populate_existing=True)
    )
    assert business is not None
    return {column.key: getattr(business, column.key) for column in Business.__table__.columns}


def user_row(db: Session, user_id: str) -> User:
    user = db.scalar(select(User).where(User.id == uuid.UUID(user_id)).execution_options(populate_existing=True))
    assert user is not None
    return user


def invite_staff(api: Api, db: Session, owner: dict[str, Any], email: str = "clerk@example.co.ke") -> dict[str, Any]:
    """Invites a staff member and accepts the invitation: answers the staff's sign-in. The
    owner's business is given a subscription in good standing first (staff seats are gated)."""
    subscribed(db, owner)
    invited = api.post("/business/users", {"email": email, "full_name": "Wanjiru Clerk"}, token=owner["access_token"])
    assert invited.status_code == 201, invited.json_body
    token = latest_token(db, "StaffInvited", email)
    accepted = api.post("/auth/accept-invitation", {"token": token, "password": PASSWORD})
    assert accepted.status_code == 201, accepted.json_body
    return accepted.json_body  # type: ignore[no-any-return]


def platform_user(api: Api, db: Session, role: str) -> dict[str, Any]:
    email = f"{role}-desk@soko.example"
    create_platform_user(db, email=email, full_name=f"Platform {role.title()}", password=PASSWORD, role=role)
    response = login(api, email)
    assert response.status_code == 200, response.json_body
    return response.json_body  # type: ignore[no-any-return]


# --- no token ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [{}, {"authorization": "Basic b3duZXI6cGFzcw=="}, {"authorization": "Bearer"}, {"authorization": "Bearer "}],
    ids=["no_header", "basic_scheme", "bearer_without_token", "bearer_blank"],
)
def test_me_without_a_bearer_token_is_refused(api: Api, headers: dict[str, str]) -> None:
    response = api.get("/me", headers=headers)

    assert (response.status_code, response.json_body) == (401, NOT_AUTHENTICATED)


def test_a_refused_call_without_a_token_changes_nothing(api: Api, db: Session) -> None:
    owner = register(api)
    before = business_row(db, owner["business"]["id"])

    response = api.patch("/business", {"name": "Nobody's Business"})

    assert (response.status_code, response.json_body) == (401, NOT_AUTHENTICATED)
    assert business_row(db, owner["business"]["id"]) == before


# --- business users and admin routes --------------------------------------------------------------


def test_a_retailer_owner_cannot_reach_admin_routes(api: Api, db: Session) -> None:
    # Given a retailer owner and a wholesaler awaiting verification
    retailer = register(api)
    wholesaler = register(api, "wholesaler")
    before = business_row(db, wholesaler["business"]["id"])

    # When the retailer lists businesses or tries to verify the wholesaler
    listing = api.get("/admin/businesses", token=retailer["access_token"])
    decision = api.post(
        f"/admin/businesses/{wholesaler['business']['id']}/verification",
        {"status": "verified"},
        token=retailer["access_token"],
    )

    # Then both are forbidden and the wholesaler is still pending
    assert (listing.status_code, listing.json_body) == (403, ROLE_NOT_ALLOWED)
    assert (decision.status_code, decision.json_body) == (403, ROLE_NOT_ALLOWED)
    after = business_row(db, wholesaler["business"]["id"])
    assert after == before
    assert after["verification_status"] == "pending"
    assert count(db, AuditEntry, AuditEntry.action.like("admin.%")) == 0
    assert count(db, OutboxEvent, OutboxEvent.event_type == "WholesalerVerificationChanged") == 0


def test_staff_can_read_the_business_but_not_change_it(api: Api, db: Session) -> None:
    # Given an owner and an invited staff member who accepted
    owner = register(api)
    staff = invite_staff(api, db, owner)
    assert staff["user"]["role"] == "staff"
    business_id = owner["business"]["id"]
    before = business_row(db, business_id)

    # When the staff member reads the business, it is the owner's
    read = api.get("/business", token=staff["access_token"])
    assert read.status_code == 200
    assert read.json_body == owner["business"]

    # And when they try to change it
    response = api.patch(
        "/business", {"name": "Staff Takeover Ltd", "phone": "+254733000111"}, token=staff["access_token"]
    )

    # Then it is forbidden and the row is exactly as it was
    assert (response.status_code, response.json_body) == (403, ROLE_NOT_ALLOWED)
    assert business_row(db, business_id) == before
    assert count(db, AuditEntry, AuditEntry.action == "business.updated") == 0
    assert api.get("/business", token=owner["access_token"]).json_body == owner["business"]


def test_staff_cannot_invite_or_deactivate_people(api: Api, db: Session) -> None:
    owner = register(api)
    staff = invite_staff(api, db, owner)
    users_before = count(db, User)

    invite = api.post(
        "/business/users", {"email": "friend@example.co.ke", "full_name": "A Friend"}, token=staff["access_token"]
    )
    deactivate = api.delete(f"/business/users/{owner['user']['id']}", token=staff["access_token"])

    assert (invite.status_code, invite.json_body) == (403, ROLE_NOT_ALLOWED)
    assert (deactivate.status_code, deactivate.json_body) == (403, ROLE_NOT_ALLOWED)
    assert count(db, User) == users_before
    assert count(db, OutboxEvent, OutboxEvent.event_type == "StaffInvited") == 1
    assert user_row(db, owner["user"]["id"]).status == "active"


def test_an_owner_cannot_deactivate_another_businesss_staff(api: Api, db: Session) -> None:
    # Given two businesses, the first with a staff member
    first = register(api)
    staff = invite_staff(api, db, first)
    other_owner = register(api)

    # When the other business's owner tries to deactivate that staff member
    response = api.delete(f"/business/users/{staff['user']['id']}", token=other_owner["access_token"])

    # Then it answers as if there were no such user, and the staff member keeps working
    assert (response.status_code, response.json_body) == (
        404,
        {"error": {"code": "user_not_found", "message": "No such user in your business.", "details": []}},
    )
    assert user_row(db, staff["user"]["id"]).status == "active"
    assert count(db, AuthSession, AuthSession.revoked_at.is_not(None)) == 0
    assert api.get("/me", token=staff["access_token"]).status_code == 200


def test_a_deactivated_staff_members_access_token_is_rejected_at_once(api: Api, db: Session) -> None:
    # Given a staff member whose access token works
    owner = register(api)
    staff = invite_staff(api, db, owner)
    assert api.get("/me", token=staff["access_token"]).status_code == 200

    # When the owner deactivates them
    response = api.delete(f"/business/users/{staff['user']['id']}", token=owner["access_token"])
    assert response.status_code == 204

    # Then their unexpired access token is refused at once, and the session is gone
    me = api.get("/me", token=staff["access_token"])
    assert (me.status_code, me.json_body) == (401, NOT_AUTHENTICATED)
    rotated = api.post("/auth/refresh", {"refresh_token": staff["refresh_token"]})
    assert (rotated.status_code, rotated.json_body) == (401, INVALID_REFRESH_TOKEN)
    user = user_row(db, staff["user"]["id"])
    assert user.status == "deactivated"
    reasons = db.scalars(select(AuthSession.revoked_reason).where(AuthSession.user_id == user.id)).all()
    assert reasons == ["user_deactivated"]

    # And they cannot sign in again
    assert login(api, staff["user"]["email"]).status_code == 401
    assert count(db, AuthSession, AuthSession.user_id == user.id) == 1

    # But the owner is unaffected
    assert api.get("/me", token=owner["access_token"]).status_code == 200


# --- platform staff --------------------------------------------------------------------------------


def test_an_admin_can_list_and_verify_businesses(api: Api, db: Session) -> None:
    # Given a retailer, a wholesaler awaiting verification and a signed-in admin
    retailer = register(api)
    wholesaler = register(api, "wholesaler")
    admin = platform_user(api, db, "admin")
    assert (admin["user"]["role"], admin["user"]["business_id"], admin["business"]) == ("admin", None, None)

    # When the admin lists businesses
    listing = api.get("/admin/businesses", token=admin["access_token"])

    # Then both are listed, newest first
    assert listing.status_code == 200
    listed = [{**wholesaler["business"], "suspension": None}, {**retailer["business"], "suspension": None}]
    assert listing.json_body == {"items": listed, "next_cursor": None}

    # And the admin can verify the wholesaler
    decision = api.post(
        f"/admin/businesses/{wholesaler['business']['id']}/verification",
        {"status": "verified"},
        token=admin["access_token"],
    )
    assert decision.status_code == 200
    assert decision.json_body["verification_status"] == "verified"
    assert business_row(db, wholesaler["business"]["id"])["verified_by"] == uuid.UUID(admin["user"]["id"])


def test_support_can_list_businesses_but_not_decide_verification(api: Api, db: Session) -> None:
    # Given a wholesaler awaiting verification and a signed-in support agent
    wholesaler = register(api, "wholesaler")
    support = platform_user(api, db, "support")
    before = business_row(db, wholesaler["business"]["id"])

    # When support lists the pending wholesalers, it works
    listing = api.get("/admin/businesses?kind=wholesaler&status=pending", token=support["access_token"])
    assert listing.status_code == 200
    assert listing.json_body == {"items": [{**wholesaler["business"], "suspension": None}], "next_cursor": None}

    # But when support tries to verify one
    decision = api.post(
        f"/admin/businesses/{wholesaler['business']['id']}/verification",
        {"status": "verified"},
        token=support["access_token"],
    )

    # Then it is forbidden and nothing changes
    assert (decision.status_code, decision.json_body) == (403, ROLE_NOT_ALLOWED)
    assert business_row(db, wholesaler["business"]["id"]) == before
    assert count(db, AuditEntry, AuditEntry.action.like("admin.%")) == 0
    assert count(db, OutboxEvent, OutboxEvent.event_type == "WholesalerVerificationChanged") == 0


def test_platform_staff_have_no_business_profile(api: Api, db: Session) -> None:
    admin = platform_user(api, db, "admin")

    me = api.get("/me", token=admin["access_token"])
    business = api.get("/business", token=admin["access_token"])

    assert me.status_code == 200
    assert (me.json_body["role"], me.json_body["business_id"]) == ("admin", None)
    assert (business.status_code, business.json_body) == (403, ROLE_NOT_ALLOWED)
