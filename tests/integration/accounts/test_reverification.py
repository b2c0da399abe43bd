"""A verified wholesaler that changes its legal identity (name, tax id) is verified again:
PATCH /business puts it back to pending, hides its products and asks the admins."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business
from chalicelib.accounts.service import create_platform_user
from chalicelib.core.audit import AuditEntry
from chalicelib.core.outbox import OutboxEvent
from chalicelib.notifications.recipients import notified_event
from tests.support.api import PASSWORD, Api, count, login, register
from tests.support.factories import Actor, make_actor, make_category, make_product, subscribed

PRODUCT = "Zanzibar Clove Oil 500 ml"
NAME_CHANGED = "The legal name changed; our team will verify the business again."


def sign_in_admin(api: Api, db: Session) -> tuple[uuid.UUID, str]:
    admin = create_platform_user(db, email="ada@soko.example", full_name="Ada Admin", password=PASSWORD)
    response = login(api, "ada@soko.example")
    assert response.status_code == 200, response.json_body
    return admin.id, response.json_body["access_token"]


def verify(api: Api, admin_token: str, business_id: str) -> None:
    response = api.post(f"/admin/businesses/{business_id}/verification", {"status": "verified"}, token=admin_token)
    assert response.status_code == 200, response.json_body


def found_in_search(api: Api, retailer: Actor) -> list[str]:
    response = api.get("/catalog/search?q=clove", token=retailer.token)
    assert response.status_code == 200, response.json_body
    return [item["name"] for item in response.json_body["items"]]


def business_row(db: Session, business_id: str) -> Business:
    db.expire_all()
    business = db.get(Business, uuid.UUID(business_id))
    assert business is not None
    return business


def events(db: Session, event_type: str) -> list[dict[str, Any]]:
    return [e.payload for e in db.scalars(select(OutboxEvent).where(OutboxEvent.event_type == event_type))]


@pytest.fixture
def selling(api: Api, db: Session) -> dict[str, Any]:
    """A wholesaler registered through the API, subscribed and verified by an admin, with one
    active product."""
    registered = register(api, "wholesaler", business__name="Pwani Wholesale Ltd", business__tax_id="P051234567X")
    subscribed(db, registered)
    business_id = registered["business"]["id"]
    admin_id, admin_token = sign_in_admin(api, db)
    verify(api, admin_token, business_id)
    make_product(db, business_row(db, business_id), category=make_category(db), name=PRODUCT, status="active")
    return {
        "id": business_id,
        "owner_token": registered["access_token"],
        "admin_id": admin_id,
        "admin_token": admin_token,
    }


@pytest.fixture
def retailer(db: Session) -> Actor:
    return make_actor(db, "retailer")


def test_a_new_legal_name_sends_the_wholesaler_back_to_review_and_out_of_search(
    api: Api, db: Session, selling: dict[str, Any], retailer: Actor
) -> None:
    # Given a verified wholesaler whose product retailers find
    assert found_in_search(api, retailer) == [PRODUCT]
    assert business_row(db, selling["id"]).verified_by == selling["admin_id"]

    # When its owner changes the legal name
    response = api.patch("/business", {"name": "Pwani Traders Ltd"}, token=selling["owner_token"])

    # Then it is pending review again, with the reason, and no longer verified by anyone
    assert response.status_code == 200, response.json_body
    assert (response.json_body["name"], response.json_body["verification_status"]) == ("Pwani Traders Ltd", "pending")
    assert response.json_body["verification_reason"] == NAME_CHANGED
    business = business_row(db, selling["id"])
    assert (business.verification_status, business.verified_at, business.verified_by) == ("pending", None, None)
    # And its products drop out of search at once
    assert found_in_search(api, retailer) == []
    # And the business is told why, the admins are asked to verify it again, and it is audited
    assert events(db, "WholesalerVerificationChanged")[-1] == {
        "business_id": selling["id"],
        "status": "pending",
        "reason": NAME_CHANGED,
    }
    assert events(db, "WholesalerReverificationRequested") == [
        {
            "business_id": selling["id"],
            "business_name": "Pwani Traders Ltd",
            "previous_name": "Pwani Wholesale Ltd",
            "changed_fields": ["name"],
        }
    ]
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "business.reverification_requested")).one()
    assert (entry.target_type, entry.target_id, entry.details) == ("business", selling["id"], {"fields": ["name"]})

    # When an admin verifies it again, its products are found again
    verify(api, selling["admin_token"], selling["id"])
    assert found_in_search(api, retailer) == [PRODUCT]
    assert business_row(db, selling["id"]).verification_status == "verified"


@pytest.mark.parametrize(
    ("change", "fields", "reason"),
    [
        ({"tax_id": "P059999999Z"}, ["tax_id"], "The tax id changed; our team will verify the business again."),
        (
            {"name": "Pwani Traders Ltd", "tax_id": "P059999999Z", "phone": "+254733000111"},
            ["name", "tax_id"],
            "The legal name and tax id changed; our team will verify the business again.",
        ),
    ],
)
def test_a_new_tax_id_sends_the_wholesaler_back_to_review_too(
    api: Api,
    db: Session,
    selling: dict[str, Any],
    retailer: Actor,
    change: dict[str, str],
    fields: list[str],
    reason: str,
) -> None:
    response = api.patch("/business", change, token=selling["owner_token"])

    assert response.status_code == 200, response.json_body
    assert (response.json_body["verification_status"], response.json_body["verification_reason"]) == ("pending", reason)
    assert [e["changed_fields"] for e in events(db, "WholesalerReverificationRequested")] == [fields]
    assert found_in_search(api, retailer) == []


@pytest.mark.parametrize(
    "change",
    [
        {"phone": "+254733000111"},
        {"email": "orders@pwani.co.ke"},
        {"address": {"line": "2 Moi Avenue", "city": "Mombasa", "region": "Mombasa", "country": "KE"}},
        {"name": "Pwani Wholesale Ltd", "tax_id": "P051234567X"},
    ],
    ids=["phone", "email", "address", "same-identity"],
)
def test_contact_details_change_without_a_new_review(
    api: Api, db: Session, selling: dict[str, Any], retailer: Actor, change: dict[str, Any]
) -> None:
    response = api.patch("/business", change, token=selling["owner_token"])

    assert response.status_code == 200, response.json_body
    assert (response.json_body["verification_status"], response.json_body["verification_reason"]) == ("verified", None)
    assert business_row(db, selling["id"]).verified_by == selling["admin_id"]
    assert count(db, OutboxEvent, OutboxEvent.event_type == "WholesalerReverificationRequested") == 0
    assert len(events(db, "WholesalerVerificationChanged")) == 1  # the first verification only
    assert found_in_search(api, retailer) == [PRODUCT]


def test_a_wholesaler_still_pending_just_changes_its_name(api: Api, db: Session) -> None:
    registered = register(api, "wholesaler")

    response = api.patch("/business", {"name": "Pwani Traders Ltd"}, token=registered["access_token"])

    assert response.status_code == 200, response.json_body
    assert (response.json_body["verification_status"], response.json_body["verification_reason"]) == ("pending", None)
    assert count(db, OutboxEvent, OutboxEvent.event_type.like("Wholesaler%")) == 0


def test_a_retailer_changes_its_name_without_any_review(api: Api, db: Session) -> None:
    registered = register(api, "retailer")

    response = api.patch("/business", {"name": "Mama Njeri Mini Mart"}, token=registered["access_token"])

    assert response.status_code == 200, response.json_body
    assert response.json_body["verification_status"] == "not_required"
    assert count(db, OutboxEvent, OutboxEvent.event_type.like("Wholesaler%")) == 0


def test_the_admins_are_the_ones_told_with_a_link_to_the_business(
    api: Api, db: Session, selling: dict[str, Any]
) -> None:
    api.patch("/business", {"name": "Pwani Traders Ltd"}, token=selling["owner_token"])
    [payload] = events(db, "WholesalerReverificationRequested")
    notified = notified_event("WholesalerReverificationRequested")

    recipients = notified.recipients(db, payload)

    assert [r.user_id for r in recipients] == [selling["admin_id"]]
    assert notified.link_path(payload, None) == f"/admin/businesses/{selling['id']}"
    assert notified.channels == frozenset({"in_app", "email"})
