"""The notifications consumer: partial batch failures, nothing lost or doubled, poison
messages parked in the dead-letter queue, and who gets what for each accounts event."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from chalicelib.core.db import get_session_factory
from chalicelib.core.outbox import OutboxEvent, record_event
from chalicelib.core.relay import publish_pending
from chalicelib.core.security import encrypt
from chalicelib.core.settings import get_settings
from chalicelib.notifications.models import Notification, NotificationDelivery
from chalicelib.notifications.recipients import NOTIFIED_EVENTS
from chalicelib.notifications.rendering import TEMPLATES_DIR, environment
from functions import notifications
from tests.integration.notifications.conftest import People, Person
from tests.integration.notifications.edge import AwsEdge, ThrottleOnce, queued_event, receive, send_raw


def ask_to_verify(db: Session, person: Person, token: str | None = None) -> uuid.UUID:
    event = record_event(
        db,
        "EmailVerificationRequested",
        aggregate_type="user",
        aggregate_id=person.user.id,
        payload={
            "user_id": str(person.user.id),
            "email": person.email,
            "full_name": person.user.full_name,
            "token_sealed": encrypt(token or f"token-{uuid.uuid4().hex}"),
        },
    )
    db.flush()
    return event.id


def publish(db: Session) -> int:
    db.flush()
    return publish_pending(get_session_factory())


def deliveries(db: Session, event_id: uuid.UUID | None = None) -> list[NotificationDelivery]:
    db.expire_all()
    statement = select(NotificationDelivery).order_by(NotificationDelivery.created_at)
    if event_id is not None:
        statement = statement.where(NotificationDelivery.event_id == event_id)
    return list(db.scalars(statement))


def in_app(db: Session, user_id: uuid.UUID) -> list[Notification]:
    return list(db.scalars(select(Notification).where(Notification.user_id == user_id)))


def test_of_ten_messages_three_throttled_once_fail_alone_and_on_redelivery_everyone_has_one_email(
    db: Session, edge: AwsEdge, people: People
) -> None:
    users = [people.owner("retailer") for _ in range(10)]
    event_ids = [ask_to_verify(db, person) for person in users]
    assert publish(db) == 10
    throttled = ThrottleOnce(person.email for person in users[2:5])
    throttled.install()

    first = edge.poll_once(notifications.handler)

    assert first.received == 10
    assert first.failed_event_ids == {str(event_id) for event_id in event_ids[2:5]}
    assert sorted(throttled.refused) == sorted(person.email for person in users[2:5])
    assert sorted(m.destinations["ToAddresses"][0] for m in edge.emails) == sorted(
        person.email for person in users[:2] + users[5:]
    )

    second = edge.poll_once(notifications.handler)  # SQS redelivers the three failed ones

    assert second.received == 3
    assert second.failed_ids == []
    assert edge.poll_once(notifications.handler).received == 0
    assert sorted(m.destinations["ToAddresses"][0] for m in edge.emails) == sorted(person.email for person in users)
    rows = deliveries(db)
    assert (
        sorted((r.status, r.channel, r.attempts) for r in rows)
        == [("sent", "email", 1)] * 7 + [("sent", "email", 2)] * 3
    )
    assert all(r.provider_message_id for r in rows)

    db.execute(update(OutboxEvent).values(published_at=None))  # the relay publishes all ten again
    assert publish(db) == 10
    assert [result.failed_ids for result in edge.drain(notifications.handler)] == [[]]
    assert len(edge.emails) == 10


def test_garbage_and_unknown_event_types_go_to_the_dead_letter_queue_without_blocking_the_batch(
    db: Session, edge: AwsEdge, people: People
) -> None:
    person = people.owner("retailer")
    ask_to_verify(db, person)
    publish(db)
    send_raw(edge.queue_url, "this is not json")
    send_raw(edge.queue_url, queued_event("MysteryHappened", {"user_id": str(person.user.id)}), "MysteryHappened")
    send_raw(edge.queue_url, queued_event("PasswordChanged", {"no_user_id": True}), "PasswordChanged")

    result = edge.poll_once(notifications.handler)

    assert result.received == 4
    assert result.failed_ids == []
    assert [m.destinations["ToAddresses"] for m in edge.emails] == [[person.email]]
    dead = sorted(edge.dead_letters(), key=lambda d: d["reason"])
    assert [d["reason"].split(":")[0] for d in dead] == [
        "payload field 'user_id' is missing or not a UUID",
        "unknown event type 'MysteryHappened'",
        "unparseable message",
    ]
    assert dead[2]["body"] == "this is not json"
    assert receive(edge.queue_url) == []


def test_without_a_dead_letter_queue_a_poison_message_is_reported_failed_and_the_rest_succeed(
    db: Session, edge: AwsEdge, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "notifications_dlq_url", None)
    person = people.owner("retailer")
    ask_to_verify(db, person)
    publish(db)
    send_raw(edge.queue_url, "{broken")

    result = edge.poll_once(notifications.handler)

    assert result.received == 2
    assert len(result.failed_ids) == 1
    assert len(edge.emails) == 1


def test_a_message_ses_refuses_outright_is_recorded_failed_and_not_retried(
    db: Session, edge: AwsEdge, people: People
) -> None:
    person = people.owner("retailer")
    event = record_event(
        db,
        "PasswordResetRequested",
        aggregate_type="user",
        aggregate_id=person.user.id,
        payload={
            "user_id": str(person.user.id),
            "email": "no-domain-address",
            "full_name": person.user.full_name,
            "token_sealed": encrypt("reset-token-123456"),
        },
    )
    publish(db)

    result = edge.poll_once(notifications.handler)

    assert result.failed_ids == []
    assert edge.emails == []
    [row] = deliveries(db, event.id)
    assert (row.status, row.attempts, row.destination) == ("failed", 1, "no-domain-address")
    assert row.last_error is not None
    assert row.last_error.startswith("InvalidParameterValue")


def test_wholesaler_verification_reaches_the_active_owner_and_staff_in_app_and_by_email(
    db: Session, edge: AwsEdge, people: People
) -> None:
    owner = people.owner("wholesaler")
    staff = people.user(owner.business, role="staff")
    gone = people.user(owner.business, role="staff", status="deactivated")
    stranger = people.owner("wholesaler")
    assert owner.business is not None
    record_event(
        db,
        "WholesalerVerificationChanged",
        aggregate_type="business",
        aggregate_id=owner.business.id,
        payload={"business_id": str(owner.business.id), "status": "rejected", "reason": "Permit <expired>"},
    )
    publish(db)

    assert edge.poll_once(notifications.handler).failed_ids == []

    assert sorted(a for m in edge.emails for a in m.destinations["ToAddresses"]) == sorted([owner.email, staff.email])
    [email] = edge.emails_to(owner.email)
    assert email.subject == f"{owner.business.name} could not be verified"
    assert "Permit &lt;expired&gt;" in email.body  # HTML part, autoescaped
    assert f'href="{get_settings().spa_url}/business"' in email.body
    for person in (owner, staff):
        [note] = in_app(db, person.user.id)
        assert (note.title, note.category, note.link, note.business_id) == (
            "Your business could not be verified",
            "account",
            "/business",
            owner.business.id,
        )
        assert note.body == f"{owner.business.name} could not be verified: Permit <expired>. Update your business " + (
            "details and contact support."
        )
        assert note.data == {"business_id": str(owner.business.id), "status": "rejected", "reason": "Permit <expired>"}
    assert in_app(db, gone.user.id) == []
    assert in_app(db, stranger.user.id) == []


def test_a_registered_business_owner_gets_an_in_app_welcome_and_no_email(
    db: Session, edge: AwsEdge, people: People
) -> None:
    owner = people.owner("retailer")
    assert owner.business is not None
    record_event(
        db,
        "BusinessRegistered",
        aggregate_type="business",
        aggregate_id=owner.business.id,
        payload={
            "business_id": str(owner.business.id),
            "kind": "retailer",
            "name": owner.business.name,
            "owner_user_id": str(owner.user.id),
        },
    )
    publish(db)

    edge.poll_once(notifications.handler)

    [note] = in_app(db, owner.user.id)
    assert note.title == f"Welcome to {get_settings().platform_name}, {owner.business.name}"
    assert note.body.startswith("Your retailer account is registered.")
    assert note.read_at is None
    assert edge.emails == []
    assert edge.sms == []

    db.execute(update(OutboxEvent).values(published_at=None))  # delivered again
    publish(db)
    edge.poll_once(notifications.handler)
    assert [n.id for n in in_app(db, owner.user.id)] == [note.id]


def test_a_password_change_is_announced_by_email_and_sms_to_the_user(
    db: Session, edge: AwsEdge, people: People
) -> None:
    person = people.owner("retailer")
    no_phone = people.user(None, role="admin", phone=None)
    for someone in (person, no_phone):
        record_event(
            db,
            "PasswordChanged",
            aggregate_type="user",
            aggregate_id=someone.user.id,
            payload={"user_id": str(someone.user.id)},
        )
    publish(db)

    edge.poll_once(notifications.handler)

    name = get_settings().platform_name
    assert sorted((m.destinations["ToAddresses"][0], m.subject) for m in edge.emails) == sorted(
        [(person.email, f"Your {name} password was changed"), (no_phone.email, f"Your {name} password was changed")]
    )
    assert edge.sms == [
        (
            "+254722000111",
            f"{name}: your password was changed. Not you? Reset it now at {get_settings().spa_url}/forgot-password",
        )
    ]


def test_sign_in_lock_out_and_staff_invitation_emails(db: Session, edge: AwsEdge, people: People) -> None:
    owner = people.owner("wholesaler")
    invitee = people.user(owner.business, role="staff", status="invited")
    assert owner.business is not None
    record_event(
        db,
        "SignInLockedOut",
        aggregate_type="user",
        aggregate_id=owner.user.id,
        payload={"user_id": str(owner.user.id), "locked_until": "2026-11-24T10:15:00+00:00"},
    )
    record_event(
        db,
        "StaffInvited",
        aggregate_type="user",
        aggregate_id=invitee.user.id,
        payload={
            "user_id": str(invitee.user.id),
            "email": invitee.email,
            "full_name": invitee.user.full_name,
            "business_id": str(owner.business.id),
            "business_name": owner.business.name,
            "invited_by_name": owner.user.full_name,
            "token_sealed": encrypt("invitation-token-abc_123"),
        },
    )
    publish(db)

    edge.poll_once(notifications.handler)

    [locked] = edge.emails_to(owner.email)
    assert "24 Nov 2026, 10:15 UTC" in locked.body
    [invitation] = edge.emails_to(invitee.email)
    assert invitation.subject == (
        f"{owner.user.full_name} invited you to {owner.business.name} on {get_settings().platform_name}"
    )
    assert f"{get_settings().spa_url}/accept-invitation?token=invitation-token-abc_123" in invitation.body
    assert edge.sms == []


def test_a_token_that_cannot_be_unsealed_is_undeliverable(db: Session, edge: AwsEdge, people: People) -> None:
    person = people.owner("retailer")
    payload: dict[str, Any] = {"user_id": str(person.user.id), "email": person.email, "token_sealed": "not-sealed"}
    send_raw(edge.queue_url, queued_event("EmailVerificationRequested", payload))

    assert edge.poll_once(notifications.handler).failed_ids == []

    assert edge.emails == []
    assert [d["reason"] for d in edge.dead_letters()] == [
        "payload field 'token_sealed' is missing or cannot be unsealed"
    ]
    assert deliveries(db) == []


@pytest.mark.parametrize("event_type", sorted(NOTIFIED_EVENTS))
def test_every_notified_event_has_the_templates_its_channels_need(event_type: str) -> None:
    channels = NOTIFIED_EVENTS[event_type].channels
    blocks = set(environment().get_template(f"{event_type}.txt.j2").blocks)
    needed = {"in_app": {"title", "body"}, "email": {"subject", "text"}, "sms": {"sms"}}
    assert set().union(*(needed[c] for c in channels)) <= blocks
    assert ("email" in channels) == (TEMPLATES_DIR / f"{event_type}.html.j2").exists()


def test_a_refund_opened_for_a_late_subscription_payment_reaches_the_active_admins_only(
    db: Session, edge: AwsEdge, people: People
) -> None:
    admin = people.user(None, role="admin")
    gone = people.user(None, role="admin", status="deactivated")
    support = people.user(None, role="support")
    subscriber = people.owner("wholesaler")
    assert subscriber.business is not None
    payment_id = uuid.uuid4()
    payload = {
        "business_id": str(subscriber.business.id), "subscription_id": str(uuid.uuid4()),
        "invoice_id": str(uuid.uuid4()), "invoice_number": "SUB-000007", "invoice_status": "paid",
        "payment_id": str(payment_id), "provider": "sandbox", "receipt": "SBX1234", "amount": "3000.00",
        "currency": "KES", "refund_id": str(uuid.uuid4()), "refund_amount": "3000.00",
    }  # fmt: skip
    record_event(
        db, "SubscriptionPaymentRefundOpened", aggregate_type="payment", aggregate_id=payment_id, payload=payload
    )
    publish(db)

    assert edge.poll_once(notifications.handler).failed_ids == []

    assert [a for m in edge.emails for a in m.destinations["ToAddresses"]] == [admin.email]
    [email] = edge.emails_to(admin.email)
    assert email.subject == "Refund to pay out: KES 3000.00 for a late subscription payment"
    assert f'href="{get_settings().spa_url}/admin/payments/{payment_id}"' in email.body
    [note] = in_app(db, admin.user.id)
    assert (note.title, note.category, note.link, note.business_id) == (
        "Subscription refund to pay out", "payments", f"/admin/payments/{payment_id}", None,
    )  # fmt: skip
    assert note.body == (
        "A subscription payment of KES 3000.00 (receipt SBX1234) arrived after invoice SUB-000007 was already "
        "paid. A refund of KES 3000.00 is open: pay it out to the subscriber and complete it."
    )
    for someone in (gone, support, subscriber):
        assert in_app(db, someone.user.id) == []
    assert edge.sms == []
