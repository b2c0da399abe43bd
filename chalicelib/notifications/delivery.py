"""Turns one queued event into in-app notifications, e-mails and SMS, each exactly once.

The order of work is what makes redelivery safe:

1. Resolve recipients, read preferences and render every message *before* any side
   effect, so a bad payload or template is an undeliverable message with nothing half-sent.
2. Insert the in-app notifications (unique per event and user) and one `pending` delivery
   row per (event, user, channel) with ON CONFLICT DO NOTHING; commit.
3. For each delivery: lock the row if still pending, send, mark it `sent`, commit: one
   transaction per send, so a failure later in the list cannot roll back the record of
   an e-mail already accepted by SES. A redelivered message finds those rows `sent`.

A transient provider error is recorded on its row and re-raised (the queue retries the
record); a permanent one marks the row `failed` and the rest carries on. The one window
left is a crash between the provider accepting a message and the commit: the message is
then sent again on redelivery (at-least-once; SES and SNS offer no idempotency key).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.core.clock import utcnow
from chalicelib.core.db import UnitOfWork
from chalicelib.core.invariants import InvariantBroken
from chalicelib.core.observability import logger
from chalicelib.core.security import decrypt
from chalicelib.core.settings import get_settings
from chalicelib.notifications import channels, repository
from chalicelib.notifications.errors import UndeliverableMessage
from chalicelib.notifications.preferences import EMAIL, IN_APP, SMS, is_enabled
from chalicelib.notifications.recipients import NotifiedEvent, notified_event
from chalicelib.notifications.rendering import Email, render_email, render_in_app, render_sms
from chalicelib.notifications.repository import Recipient
from chalicelib.notifications.schemas import QueuedEvent


@dataclass(frozen=True)
class PlannedDelivery:
    recipient: Recipient
    channel: str
    destination: str
    email: Email | None = None
    sms: str | None = None


@dataclass
class DeliveryReport:
    recipients: int = 0
    in_app: int = 0
    sent: int = 0
    already_done: int = 0
    failed: int = 0


def _public_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload without sealed secrets: what templates and in-app `data` may see."""
    return {key: value for key, value in payload.items() if not key.endswith("_sealed")}


def _unseal_token(payload: dict[str, Any]) -> str:
    sealed = payload.get("token_sealed")
    token = decrypt(sealed) if isinstance(sealed, str) else None
    if token is None:
        raise UndeliverableMessage("payload field 'token_sealed' is missing or cannot be unsealed")
    return token


def _plan(
    uow: UnitOfWork, event: QueuedEvent, spec: NotifiedEvent, recipients: list[Recipient]
) -> tuple[list[dict[str, Any]], list[PlannedDelivery]]:
    settings = get_settings()
    path = spec.link_path(event.payload, _unseal_token(event.payload) if spec.needs_token else None)
    public = _public_payload(event.payload)
    stored = repository.stored_preferences(uow.session, [r.user_id for r in recipients], spec.category)
    notifications: list[dict[str, Any]] = []
    planned: list[PlannedDelivery] = []
    for recipient in recipients:
        context = {
            "platform_name": settings.platform_name,
            "spa_url": settings.spa_url,
            "link": settings.spa_url.rstrip("/") + path if path else None,
            "recipient": recipient,
            "payload": public,
            "event_type": event.event_type,
            "occurred_at": event.occurred_at,
            "validity": {
                "email_token_hours": settings.email_token_ttl_hours,
                "password_reset_minutes": settings.password_reset_ttl_minutes,
                "invitation_days": settings.invitation_ttl_days,
            },
        }

        def wanted(channel: str, recipient: Recipient = recipient) -> bool:
            return channel in spec.channels and is_enabled(spec.category, channel, stored[recipient.user_id])

        if wanted(IN_APP):
            message = render_in_app(event.event_type, context)
            notifications.append(
                {
                    "user_id": recipient.user_id,
                    "business_id": recipient.business_id,
                    "event_id": event.event_id,
                    "event_type": event.event_type,
                    "category": spec.category,
                    "title": message.title,
                    "body": message.body,
                    "link": path,
                    "data": public,
                    "created_at": utcnow(),
                }
            )
        if wanted(EMAIL):
            email = render_email(event.event_type, context)
            planned.append(PlannedDelivery(recipient, EMAIL, recipient.email, email=email))
        if wanted(SMS) and recipient.phone:
            planned.append(PlannedDelivery(recipient, SMS, recipient.phone, sms=render_sms(event.event_type, context)))
    return notifications, planned


def deliver_event(uow: UnitOfWork, event: QueuedEvent) -> DeliveryReport:
    spec = notified_event(event.event_type)
    recipients = spec.recipients(uow.session, event.payload)
    report = DeliveryReport(recipients=len(recipients))
    if not recipients:
        logger.info("event has no one to notify", extra={"event_id": str(event.event_id)})
        return report
    notifications, planned = _plan(uow, event, spec, recipients)
    report.in_app = repository.add_notifications(uow.session, notifications)
    repository.add_deliveries(
        uow.session,
        [
            {
                "event_id": event.event_id,
                "event_type": event.event_type,
                "user_id": p.recipient.user_id,
                "channel": p.channel,
                "destination": p.destination,
                "created_at": utcnow(),
            }
            for p in planned
        ],
    )
    uow.commit()
    for delivery in planned:
        outcome = _send_once(uow, event, delivery)
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def _send(delivery: PlannedDelivery) -> str:
    if delivery.email is not None:
        return channels.send_email(delivery.destination, delivery.email)
    if delivery.sms is None:
        raise InvariantBroken("delivery.sms is missing")
    return channels.send_sms(delivery.destination, delivery.sms)


def _send_once(uow: UnitOfWork, event: QueuedEvent, planned: PlannedDelivery) -> str:
    row = repository.lock_pending_delivery(uow.session, event.event_id, planned.recipient.user_id, planned.channel)
    if row is None:
        uow.commit()
        return "already_done"
    row.attempts += 1
    row.destination = planned.destination
    try:
        row.provider_message_id = _send(planned)
    except (ClientError, BotoCoreError) as exc:
        row.last_error = channels.error_summary(exc)
        log = {"event_id": str(event.event_id), "channel": planned.channel, "error": row.last_error}
        if channels.is_transient(exc):
            uow.commit()
            logger.warning("delivery failed, will retry", extra=log)
            raise
        row.status = "failed"
        uow.commit()
        logger.error("delivery refused by the provider", extra=log)
        return "failed"
    row.status, row.sent_at, row.last_error = "sent", utcnow(), None
    uow.commit()
    return "sent"
