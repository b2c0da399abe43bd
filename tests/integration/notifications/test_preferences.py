"""Notification preferences: defaults, changes, the security lock, and the consumer
honouring them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.core.db import get_session_factory
from chalicelib.core.outbox import record_event
from chalicelib.core.relay import publish_pending
from chalicelib.core.security import encrypt
from chalicelib.notifications.models import Notification, NotificationPreference
from functions import notifications
from tests.integration.notifications.conftest import People, Person
from tests.integration.notifications.edge import AwsEdge
from tests.support.api import Api

PATH = "/me/notification-preferences"


def switches(body: dict[str, Any]) -> dict[str, tuple[bool, bool, bool, bool]]:
    return {
        c["category"]: (c["locked"], c["channels"]["in_app"], c["channels"]["email"], c["channels"]["sms"])
        for c in body["categories"]
    }


DEFAULTS = {
    "security": (True, True, True, True),
    "account": (False, True, True, False),
    "orders": (False, True, True, True),
    "payments": (False, True, True, True),
    "inventory": (False, True, False, False),
    "billing": (False, True, True, True),
}


def stored(db: Session, person: Person) -> list[tuple[str, str, bool]]:
    rows = db.scalars(select(NotificationPreference).where(NotificationPreference.user_id == person.user.id))
    return sorted((row.category, row.channel, row.enabled) for row in rows)


def test_a_new_user_sees_the_defaults(api: Api, people: People) -> None:
    person = people.owner("retailer")

    response = api.get(PATH, token=person.token)

    assert response.status_code == 200
    assert switches(response.json_body) == DEFAULTS
    assert [c["category"] for c in response.json_body["categories"]] == list(DEFAULTS)
    assert all(c["description"] for c in response.json_body["categories"])


def test_a_user_turns_channels_on_and_off_and_the_rest_stays(api: Api, db: Session, people: People) -> None:
    person = people.owner("retailer")
    changes = [
        {"category": "orders", "channel": "sms", "enabled": False},
        {"category": "inventory", "channel": "email", "enabled": True},
        {"category": "security", "channel": "email", "enabled": True},  # allowed: it is on anyway
    ]

    response = api.put(PATH, {"preferences": changes}, token=person.token)

    assert response.status_code == 200
    expected = {**DEFAULTS, "orders": (False, True, True, False), "inventory": (False, True, True, False)}
    assert switches(response.json_body) == expected
    assert switches(api.get(PATH, token=person.token).json_body) == expected
    assert stored(db, person) == [("inventory", "email", True), ("orders", "sms", False)]

    api.put(PATH, {"preferences": [{"category": "orders", "channel": "sms", "enabled": True}]}, token=person.token)
    assert stored(db, person) == [("inventory", "email", True), ("orders", "sms", True)]


def test_security_messages_cannot_be_turned_off_and_nothing_is_changed(api: Api, db: Session, people: People) -> None:
    person = people.owner("retailer")
    changes = [
        {"category": "orders", "channel": "email", "enabled": False},
        {"category": "security", "channel": "email", "enabled": False},
        {"category": "security", "channel": "sms", "enabled": False},
    ]

    response = api.put(PATH, {"preferences": changes}, token=person.token)

    assert response.status_code == 422
    assert response.json_body == {
        "error": {
            "code": "cannot_disable_security",
            "message": "Security messages (verification, password reset, sign-in alerts) cannot be turned off.",
            "details": [
                {
                    "field": "preferences.1.enabled",
                    "code": "cannot_disable_security",
                    "message": "Security messages are always sent.",
                },
                {
                    "field": "preferences.2.enabled",
                    "code": "cannot_disable_security",
                    "message": "Security messages are always sent.",
                },
            ],
        }
    }
    assert stored(db, person) == []


def test_unknown_categories_and_channels_are_validation_errors(api: Api, people: People) -> None:
    person = people.owner("retailer")

    bad_category = api.put(
        PATH, {"preferences": [{"category": "gossip", "channel": "email", "enabled": False}]}, token=person.token
    )
    bad_channel = api.put(
        PATH, {"preferences": [{"category": "orders", "channel": "pigeon", "enabled": False}]}, token=person.token
    )
    empty = api.put(PATH, {"preferences": []}, token=person.token)

    assert [r.status_code for r in (bad_category, bad_channel, empty)] == [400, 400, 400]
    assert bad_category.json_body["error"]["details"][0]["field"] == "preferences.0.category"
    assert bad_channel.json_body["error"]["details"][0]["field"] == "preferences.0.channel"


def test_preferences_need_a_signed_in_user(api: Api) -> None:
    assert api.get(PATH).status_code == 401
    assert (
        api.put(PATH, {"preferences": [{"category": "orders", "channel": "sms", "enabled": False}]}).status_code == 401
    )


def test_email_off_for_a_category_sends_no_email_but_the_in_app_alert_still_arrives(
    api: Api, db: Session, edge: AwsEdge, people: People
) -> None:
    owner = people.owner("wholesaler")
    staff = people.user(owner.business, role="staff")
    assert owner.business is not None
    off = {"preferences": [{"category": "account", "channel": "email", "enabled": False}]}
    assert api.put(PATH, off, token=owner.token).status_code == 200
    record_event(
        db,
        "WholesalerVerificationChanged",
        aggregate_type="business",
        aggregate_id=owner.business.id,
        payload={"business_id": str(owner.business.id), "status": "verified", "reason": None},
    )
    db.flush()
    publish_pending(get_session_factory())

    assert edge.poll_once(notifications.handler).failed_ids == []

    assert edge.emails_to(owner.email) == []
    assert len(edge.emails_to(staff.email)) == 1
    titles = {
        n.user_id: n.title for n in db.scalars(select(Notification).where(Notification.event_type.like("Wholesaler%")))
    }
    assert titles == {owner.user.id: "Your business is verified", staff.user.id: "Your business is verified"}


def test_a_security_email_arrives_even_if_a_stored_preference_says_off(
    db: Session, edge: AwsEdge, people: People
) -> None:
    person = people.owner("retailer")
    db.add(NotificationPreference(user_id=person.user.id, category="security", channel="email", enabled=False))
    record_event(
        db,
        "PasswordResetRequested",
        aggregate_type="user",
        aggregate_id=person.user.id,
        payload={
            "user_id": str(person.user.id),
            "email": person.email,
            "full_name": person.user.full_name,
            "token_sealed": encrypt("reset-me-please-123"),
        },
    )
    db.flush()
    publish_pending(get_session_factory())

    edge.poll_once(notifications.handler)

    assert len(edge.emails_to(person.email)) == 1
