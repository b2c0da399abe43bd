"""Platform administration: GET /admin/businesses and POST /admin/businesses/{id}/verification."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business
from chalicelib.accounts.service import create_platform_user
from chalicelib.core.audit import AuditEntry
from chalicelib.core.outbox import OutboxEvent
from chalicelib.core.pagination import encode_cursor
from tests.support.api import PASSWORD, Api, count, latest_token, login, register
from tests.support.factories import subscribed

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
ROLE_NOT_ALLOWED = {"error": {"code": "role_not_allowed", "message": "Your role does not allow this.", "details": []}}


def sign_in_platform_user(api: Api, db: Session, role: str = "admin", email: str = "ada@soko.example") -> Any:
    """Create an admin (or support) user as the operator CLI would, and sign in."""
    user = create_platform_user(db, email=email, full_name="Ada Admin", password=PASSWORD, role=role)
    response = login(api, email)
    assert response.status_code == 200, response.json_body
    return user, response.json_body["access_token"]


def validation_failed(field: str, code: str, message: str, *, summary: str = "Some fields are invalid.") -> Any:
    return {
        "error": {
            "code": "validation_failed",
            "message": summary,
            "details": [{"field": field, "code": code, "message": message}],
        }
    }


def business_state(db: Session, business_id: Any) -> tuple[Any, ...]:
    db.expire_all()
    b = db.get(Business, uuid.UUID(str(business_id)))
    assert b is not None
    return (b.verification_status, b.verification_reason, b.verified_at, b.verified_by, b.updated_at)


def decision_side_effects(db: Session) -> tuple[int, int]:
    return (
        count(db, AuditEntry, AuditEntry.action.like("admin.%")),
        count(db, OutboxEvent, OutboxEvent.event_type == "WholesalerVerificationChanged"),
    )


def register_at(api: Api, moment: datetime, kind: str, **overrides: Any) -> Any:
    with time_machine.travel(moment, tick=False):
        return register(api, kind, **overrides)


# --- listing ---------------------------------------------------------------------------


def test_admin_lists_pending_wholesalers_newest_first(api: Api, db: Session) -> None:
    # Given three pending wholesalers, a retailer and a verified wholesaler
    oldest = register_at(api, NOW, "wholesaler")["business"]
    register_at(api, NOW + timedelta(minutes=1), "retailer")
    middle = register_at(api, NOW + timedelta(minutes=2), "wholesaler")["business"]
    verified = register_at(api, NOW + timedelta(minutes=3), "wholesaler")["business"]
    newest = register_at(api, NOW + timedelta(minutes=4), "wholesaler")["business"]
    _admin, token = sign_in_platform_user(api, db)
    decided = api.post(f"/admin/businesses/{verified['id']}/verification", {"status": "verified"}, token=token)
    assert decided.status_code == 200

    # When the admin lists pending wholesalers
    response = api.get("/admin/businesses?kind=wholesaler&status=pending", token=token)

    # Then exactly those three come back, newest first, in full
    assert response.status_code == 200, response.json_body
    unsuspended = [{**business, "suspension": None} for business in (newest, middle, oldest)]
    assert response.json_body == {"items": unsuspended, "next_cursor": None}


@pytest.mark.parametrize(
    ("query", "expected_names"),
    [
        ("", ["W2", "R2", "W1", "R1"]),
        ("?kind=retailer", ["R2", "R1"]),
        ("?status=not_required", ["R2", "R1"]),
        ("?kind=wholesaler", ["W2", "W1"]),
        ("?kind=retailer&status=pending", []),
    ],
)
def test_admin_list_filters_by_kind_and_status(api: Api, db: Session, query: str, expected_names: list[str]) -> None:
    register_at(api, NOW, "retailer", business__name="R1")
    register_at(api, NOW + timedelta(minutes=1), "wholesaler", business__name="W1")
    register_at(api, NOW + timedelta(minutes=2), "retailer", business__name="R2")
    register_at(api, NOW + timedelta(minutes=3), "wholesaler", business__name="W2")
    _admin, token = sign_in_platform_user(api, db)

    response = api.get(f"/admin/businesses{query}", token=token)

    assert response.status_code == 200, response.json_body
    assert [item["name"] for item in response.json_body["items"]] == expected_names
    assert response.json_body["next_cursor"] is None


def test_admin_list_paginates_with_a_cursor_returning_each_business_once(api: Api, db: Session) -> None:
    # Given five businesses registered a minute apart
    names = [f"Business {i}" for i in range(1, 6)]
    for i, name in enumerate(names):
        register_at(api, NOW + timedelta(minutes=i), "retailer" if i % 2 else "wholesaler", business__name=name)
    _admin, token = sign_in_platform_user(api, db)

    # When the admin pages through them two at a time
    pages: list[list[str]] = []
    cursors: list[str | None] = []
    path = "/admin/businesses?limit=2"
    while True:
        response = api.get(path, token=token)
        assert response.status_code == 200, response.json_body
        pages.append([item["name"] for item in response.json_body["items"]])
        cursor = response.json_body["next_cursor"]
        cursors.append(cursor)
        if cursor is None:
            break
        path = f"/admin/businesses?limit=2&cursor={cursor}"
        assert len(pages) < 10, "pagination does not terminate"

    # Then the pages hold all five exactly once, newest first
    assert pages == [["Business 5", "Business 4"], ["Business 3", "Business 2"], ["Business 1"]]
    assert cursors[-1] is None
    assert all(isinstance(c, str) for c in cursors[:-1])


def test_admin_list_paginates_businesses_created_in_the_same_instant(api: Api, db: Session) -> None:
    # Given four businesses with the same created_at (the id breaks the tie)
    for name in ("A", "B", "C", "D"):
        register_at(api, NOW, "retailer", business__name=name)
    _admin, token = sign_in_platform_user(api, db)
    expected = [item["name"] for item in api.get("/admin/businesses", token=token).json_body["items"]]

    # When they are paged one at a time
    seen: list[str] = []
    path = "/admin/businesses?limit=1"
    for _ in range(10):
        body = api.get(path, token=token).json_body
        seen.extend(item["name"] for item in body["items"])
        if body["next_cursor"] is None:
            break
        path = f"/admin/businesses?limit=1&cursor={body['next_cursor']}"

    # Then every business comes exactly once, in the unpaged order
    assert sorted(expected) == ["A", "B", "C", "D"]
    assert seen == expected


def _tamper(cursor: str) -> str:
    first = "B" if cursor[0] != "B" else "C"
    return first + cursor[1:]


def test_admin_list_rejects_a_tampered_cursor(api: Api, db: Session) -> None:
    # Given a real cursor
    for i in range(3):
        register_at(api, NOW + timedelta(minutes=i), "retailer")
    _admin, token = sign_in_platform_user(api, db)
    cursor = api.get("/admin/businesses?limit=1", token=token).json_body["next_cursor"]
    assert cursor is not None

    # When one character of it is changed
    response = api.get(f"/admin/businesses?limit=1&cursor={_tamper(cursor)}", token=token)

    # Then 400 invalid_cursor
    assert response.status_code == 400
    assert response.json_body == validation_failed(
        "cursor", "invalid_cursor", "Start again from the first page.", summary="The cursor is invalid."
    )


@pytest.mark.parametrize("cursor", ["not-base64!!", "AAAA", "x"])
def test_admin_list_rejects_a_garbage_cursor(api: Api, db: Session, cursor: str) -> None:
    _admin, token = sign_in_platform_user(api, db)

    response = api.get(f"/admin/businesses?cursor={cursor}", token=token)

    assert response.status_code == 400
    assert response.json_body == validation_failed(
        "cursor", "invalid_cursor", "Start again from the first page.", summary="The cursor is invalid."
    )


def test_admin_list_rejects_a_signed_cursor_without_a_position(api: Api, db: Session) -> None:
    # Given a correctly signed cursor whose content is not a position
    _admin, token = sign_in_platform_user(api, db)
    cursor = encode_cursor({"created_at": "yesterday", "id": "nope"})

    response = api.get(f"/admin/businesses?cursor={cursor}", token=token)

    assert response.status_code == 400
    assert response.json_body == validation_failed(
        "cursor", "invalid_cursor", "Start again from the first page.", summary="The cursor is invalid."
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("limit=101", validation_failed("limit", "less_than_equal", "Input should be less than or equal to 100")),
        ("limit=0", validation_failed("limit", "greater_than_equal", "Input should be greater than or equal to 1")),
        (
            "limit=ten",
            validation_failed(
                "limit", "int_parsing", "Input should be a valid integer, unable to parse string as an integer"
            ),
        ),
        ("kind=distributor", validation_failed("kind", "literal_error", "Input should be 'retailer' or 'wholesaler'")),
        (
            "status=approved",
            validation_failed(
                "status", "literal_error", "Input should be 'not_required', 'pending', 'verified' or 'rejected'"
            ),
        ),
        ("sort=name", validation_failed("sort", "extra_forbidden", "Extra inputs are not permitted")),
    ],
)
def test_admin_list_rejects_invalid_query_parameters(api: Api, db: Session, query: str, expected: Any) -> None:
    _admin, token = sign_in_platform_user(api, db)

    response = api.get(f"/admin/businesses?{query}", token=token)

    assert response.status_code == 400
    assert response.json_body == expected


def test_admin_list_accepts_limit_100(api: Api, db: Session) -> None:
    register(api, "retailer")
    _admin, token = sign_in_platform_user(api, db)

    response = api.get("/admin/businesses?limit=100", token=token)

    assert response.status_code == 200
    assert len(response.json_body["items"]) == 1


def test_support_can_list_businesses(api: Api, db: Session) -> None:
    business = register(api, "wholesaler")["business"]
    _support, token = sign_in_platform_user(api, db, role="support", email="sam@soko.example")

    response = api.get("/admin/businesses", token=token)

    assert response.status_code == 200
    assert response.json_body == {"items": [{**business, "suspension": None}], "next_cursor": None}


# --- verification decisions ------------------------------------------------------------


def test_admin_verifies_a_pending_wholesaler(api: Api, db: Session) -> None:
    # Given a pending wholesaler and a signed-in admin
    with time_machine.travel(NOW, tick=False):
        wholesaler = register(api, "wholesaler")
        admin, token = sign_in_platform_user(api, db)
    business_id = wholesaler["business"]["id"]
    decided_at = NOW + timedelta(minutes=5)

    # When the admin verifies it
    with time_machine.travel(decided_at, tick=False):
        response = api.post(f"/admin/businesses/{business_id}/verification", {"status": "verified"}, token=token)

    # Then the business is verified
    assert response.status_code == 200, response.json_body
    assert response.json_body == {
        **wholesaler["business"],
        "verification_status": "verified",
        "verification_reason": None,
    }
    assert business_state(db, business_id) == ("verified", None, decided_at, admin.id, decided_at)
    # And the decision is audited
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action.like("admin.%"))).one()
    assert (
        entry.action,
        entry.actor_user_id,
        entry.target_type,
        entry.target_id,
        str(entry.source_ip),
        entry.details,
    ) == ("admin.business_verified", admin.id, "business", business_id, "127.0.0.1", {"reason": None})
    # And announced through the outbox
    event = db.scalars(select(OutboxEvent).where(OutboxEvent.event_type == "WholesalerVerificationChanged")).one()
    assert (event.aggregate_type, str(event.aggregate_id), event.payload) == (
        "business",
        business_id,
        {"business_id": business_id, "status": "verified", "reason": None},
    )
    # And the wholesaler's owner sees it
    with time_machine.travel(decided_at, tick=False):
        seen = api.get("/business", token=wholesaler["access_token"])
    assert seen.json_body["verification_status"] == "verified"


def test_admin_rejection_without_a_reason_is_400_and_changes_nothing(api: Api, db: Session) -> None:
    # Given a pending wholesaler
    business_id = register(api, "wholesaler")["business"]["id"]
    _admin, token = sign_in_platform_user(api, db)
    before = business_state(db, business_id)
    effects_before = decision_side_effects(db)

    # When the admin rejects it without (or with a blank) reason
    missing = api.post(f"/admin/businesses/{business_id}/verification", {"status": "rejected"}, token=token)
    blank = api.post(
        f"/admin/businesses/{business_id}/verification", {"status": "rejected", "reason": "   "}, token=token
    )

    # Then 400 reason_required, and nothing changes
    expected = validation_failed("reason", "reason_required", "Say why the business is rejected.")
    assert (missing.status_code, missing.json_body) == (400, expected)
    assert (blank.status_code, blank.json_body) == (400, expected)
    assert business_state(db, business_id) == before
    assert decision_side_effects(db) == effects_before


def test_admin_rejects_a_wholesaler_with_a_reason(api: Api, db: Session) -> None:
    # Given a pending wholesaler
    wholesaler = register(api, "wholesaler")["business"]
    admin, token = sign_in_platform_user(api, db)
    reason = "The KRA PIN does not match the registration certificate."

    # When the admin rejects it with a reason
    response = api.post(
        f"/admin/businesses/{wholesaler['id']}/verification", {"status": "rejected", "reason": reason}, token=token
    )

    # Then it is rejected with that reason, audited and announced
    assert response.status_code == 200, response.json_body
    assert response.json_body == {**wholesaler, "verification_status": "rejected", "verification_reason": reason}
    status, stored_reason, verified_at, verified_by, _updated = business_state(db, wholesaler["id"])
    assert (status, stored_reason, verified_at, verified_by) == ("rejected", reason, None, admin.id)
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action.like("admin.%"))).one()
    assert (entry.action, entry.details) == ("admin.business_rejected", {"reason": reason})
    event = db.scalars(select(OutboxEvent).where(OutboxEvent.event_type == "WholesalerVerificationChanged")).one()
    assert event.payload == {"business_id": wholesaler["id"], "status": "rejected", "reason": reason}


def test_admin_can_verify_a_previously_rejected_wholesaler(api: Api, db: Session) -> None:
    # Given a rejected wholesaler
    business_id = register(api, "wholesaler")["business"]["id"]
    _admin, token = sign_in_platform_user(api, db)
    path = f"/admin/businesses/{business_id}/verification"
    assert api.post(path, {"status": "rejected", "reason": "Blurry certificate."}, token=token).status_code == 200

    # When it is verified after all
    response = api.post(path, {"status": "verified"}, token=token)

    # Then the rejection reason is cleared
    assert response.status_code == 200, response.json_body
    assert (response.json_body["verification_status"], response.json_body["verification_reason"]) == (
        "verified",
        None,
    )
    assert decision_side_effects(db) == (2, 2)


@pytest.mark.parametrize(
    "decision",
    [{"status": "verified"}, {"status": "rejected", "reason": "Still blurry."}],
)
def test_admin_deciding_the_same_status_again_is_409(api: Api, db: Session, decision: dict[str, str]) -> None:
    # Given a wholesaler already given that status
    business_id = register(api, "wholesaler")["business"]["id"]
    _admin, token = sign_in_platform_user(api, db)
    path = f"/admin/businesses/{business_id}/verification"
    assert api.post(path, decision, token=token).status_code == 200
    before = business_state(db, business_id)
    effects_before = decision_side_effects(db)

    # When the same decision is posted again
    response = api.post(path, decision, token=token)

    # Then 409 verification_unchanged, and nothing more is written
    assert response.status_code == 409
    assert response.json_body == {
        "error": {
            "code": "verification_unchanged",
            "message": "The business already has this verification status.",
            "details": [],
        }
    }
    assert business_state(db, business_id) == before
    assert decision_side_effects(db) == effects_before


def test_admin_verifying_a_retailer_is_422(api: Api, db: Session) -> None:
    # Given a retailer
    business_id = register(api, "retailer")["business"]["id"]
    _admin, token = sign_in_platform_user(api, db)
    before = business_state(db, business_id)

    # When the admin tries to verify it
    response = api.post(f"/admin/businesses/{business_id}/verification", {"status": "verified"}, token=token)

    # Then 422 not_a_wholesaler, and it stays not_required
    assert response.status_code == 422
    assert response.json_body == {
        "error": {"code": "not_a_wholesaler", "message": "Only wholesalers go through verification.", "details": []}
    }
    assert business_state(db, business_id) == before
    assert before[0] == "not_required"
    assert decision_side_effects(db) == (0, 0)


def test_admin_deciding_an_unknown_business_is_404(api: Api, db: Session) -> None:
    _admin, token = sign_in_platform_user(api, db)

    unknown = api.post(f"/admin/businesses/{uuid.uuid4()}/verification", {"status": "verified"}, token=token)
    malformed = api.post("/admin/businesses/123/verification", {"status": "verified"}, token=token)

    assert (unknown.status_code, unknown.json_body) == (
        404,
        {"error": {"code": "business_not_found", "message": "No such business.", "details": []}},
    )
    assert (malformed.status_code, malformed.json_body["error"]["code"]) == (404, "not_found")
    assert decision_side_effects(db) == (0, 0)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {"status": "approved"},
            validation_failed("status", "literal_error", "Input should be 'verified' or 'rejected'"),
        ),
        (
            {"status": "pending"},
            validation_failed("status", "literal_error", "Input should be 'verified' or 'rejected'"),
        ),
        ({}, validation_failed("status", "missing", "Field required")),
        (
            {"status": "rejected", "reason": "x" * 501},
            validation_failed("reason", "string_too_long", "String should have at most 500 characters"),
        ),
    ],
)
def test_admin_decision_body_is_validated(api: Api, db: Session, body: dict[str, Any], expected: Any) -> None:
    business_id = register(api, "wholesaler")["business"]["id"]
    _admin, token = sign_in_platform_user(api, db)
    before = business_state(db, business_id)

    response = api.post(f"/admin/businesses/{business_id}/verification", body, token=token)

    assert response.status_code == 400
    assert response.json_body == expected
    assert business_state(db, business_id) == before
    assert decision_side_effects(db) == (0, 0)


# --- who may call the admin routes -----------------------------------------------------


@pytest.mark.parametrize("kind", ["retailer", "wholesaler"])
def test_business_users_cannot_reach_admin_routes(api: Api, db: Session, kind: str) -> None:
    # Given a pending wholesaler and a business owner and staff member of `kind`
    target_id = register(api, "wholesaler")["business"]["id"]
    owner = subscribed(db, register(api, kind))
    invited = api.post(
        "/business/users", {"email": "staff@example.co.ke", "full_name": "Staff"}, token=owner["access_token"]
    )
    assert invited.status_code == 201
    staff = api.post(
        "/auth/accept-invitation",
        {"token": latest_token(db, "StaffInvited", "staff@example.co.ke"), "password": "Chapati-Matatu-Nyeri-77"},
    ).json_body
    before = business_state(db, target_id)

    for token in (owner["access_token"], staff["access_token"]):
        # When they list businesses or try to verify one
        listing = api.get("/admin/businesses", token=token)
        deciding = api.post(f"/admin/businesses/{target_id}/verification", {"status": "verified"}, token=token)

        # Then both are 403
        assert (listing.status_code, listing.json_body) == (403, ROLE_NOT_ALLOWED)
        assert (deciding.status_code, deciding.json_body) == (403, ROLE_NOT_ALLOWED)

    # And the wholesaler is still pending, with nothing audited or announced
    assert business_state(db, target_id) == before
    assert decision_side_effects(db) == (0, 0)


def test_wholesaler_owner_cannot_verify_itself(api: Api, db: Session) -> None:
    wholesaler = register(api, "wholesaler")
    business_id = wholesaler["business"]["id"]

    response = api.post(
        f"/admin/businesses/{business_id}/verification", {"status": "verified"}, token=wholesaler["access_token"]
    )

    assert (response.status_code, response.json_body) == (403, ROLE_NOT_ALLOWED)
    assert business_state(db, business_id)[0] == "pending"


def test_support_cannot_decide_verification(api: Api, db: Session) -> None:
    business_id = register(api, "wholesaler")["business"]["id"]
    _support, token = sign_in_platform_user(api, db, role="support", email="sam@soko.example")
    before = business_state(db, business_id)

    response = api.post(f"/admin/businesses/{business_id}/verification", {"status": "verified"}, token=token)

    assert (response.status_code, response.json_body) == (403, ROLE_NOT_ALLOWED)
    assert business_state(db, business_id) == before
    assert decision_side_effects(db) == (0, 0)


def test_admin_routes_without_a_token_are_401(api: Api, db: Session) -> None:
    business_id = register(api, "wholesaler")["business"]["id"]
    not_authenticated = {"error": {"code": "not_authenticated", "message": "Sign in to continue.", "details": []}}

    listing = api.get("/admin/businesses")
    deciding = api.post(f"/admin/businesses/{business_id}/verification", {"status": "verified"})

    assert (listing.status_code, listing.json_body) == (401, not_authenticated)
    assert (deciding.status_code, deciding.json_body) == (401, not_authenticated)
    assert business_state(db, business_id)[0] == "pending"


def test_admin_has_no_business_profile(api: Api, db: Session) -> None:
    _admin, token = sign_in_platform_user(api, db)

    response = api.get("/business", token=token)

    assert (response.status_code, response.json_body) == (403, ROLE_NOT_ALLOWED)
