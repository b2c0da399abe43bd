"""Who is told about which event, in which category and on which channels.

`NOTIFIED_EVENTS` is the one table a new event type is added to, to reach people:
add an entry and the templates `templates/<EventType>.txt.j2` (blocks `subject`, `text`,
`sms`, `title`, `body`, as its channels need) and, for e-mail, `templates/<EventType>.html.j2`.
An event type missing from the table is undeliverable (dead-letter queue).

Recipients are resolved at delivery time from the payload:
- `the_user`: the single user `payload["user_id"]` (at `payload["email"]` when the event
  names the address, e.g. the one being verified);
- `business_owner` / `business_team`: the active owner (and staff) of `payload["business_id"]`;
- `platform_admins`: every active platform admin (for what only an admin can act on).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote

from sqlalchemy.orm import Session

from chalicelib.notifications import repository
from chalicelib.notifications.errors import UndeliverableMessage
from chalicelib.notifications.preferences import EMAIL, IN_APP, SMS
from chalicelib.notifications.repository import Recipient

Resolver = Callable[[Session, Mapping[str, Any]], list[Recipient]]


def _uuid(payload: Mapping[str, Any], key: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(payload[key]))
    except (KeyError, ValueError) as exc:
        raise UndeliverableMessage(f"payload field {key!r} is missing or not a UUID") from exc


def the_user(session: Session, payload: Mapping[str, Any]) -> list[Recipient]:
    recipient = repository.get_recipient(session, _uuid(payload, "user_id"))
    if recipient is None:
        return []
    address = payload.get("email")
    return [replace(recipient, email=address) if isinstance(address, str) and address else recipient]


def business_owner(session: Session, payload: Mapping[str, Any]) -> list[Recipient]:
    return repository.business_recipients(session, _uuid(payload, "business_id"), roles=("owner",))


def business_team(session: Session, payload: Mapping[str, Any]) -> list[Recipient]:
    return repository.business_recipients(session, _uuid(payload, "business_id"), roles=("owner", "staff"))


def platform_admins(session: Session, payload: Mapping[str, Any]) -> list[Recipient]:
    """The active admins (role `admin`: the ones who pay out and complete refunds)."""
    return repository.platform_recipients(session, roles=("admin",))


def both_parties(session: Session, payload: Mapping[str, Any]) -> list[Recipient]:
    """The teams of the retailer and of the wholesaler of an order."""
    retailer = repository.business_recipients(session, _uuid(payload, "retailer_id"), roles=("owner", "staff"))
    wholesaler = repository.business_recipients(session, _uuid(payload, "wholesaler_id"), roles=("owner", "staff"))
    return retailer + wholesaler


def payer_of_an_order(session: Session, payload: Mapping[str, Any]) -> list[Recipient]:
    """The paying business's team for order payments; subscription charges are told by the
    billing events instead (so nobody hears of one failure twice)."""
    if payload.get("purpose") == "subscription":
        return []
    return business_team(session, payload)


@dataclass(frozen=True)
class NotifiedEvent:
    category: str
    channels: frozenset[str]
    recipients: Resolver
    link: str | None = None
    """SPA path; `{token}` (the unsealed `token_sealed`) and payload fields are filled in, URL-quoted."""

    @property
    def needs_token(self) -> bool:
        return self.link is not None and "{token}" in self.link

    def link_path(self, payload: Mapping[str, Any], token: str | None) -> str | None:
        if self.link is None:
            return None
        values = {key: quote(str(value), safe="") for key, value in payload.items()}
        if token is not None:
            values["token"] = quote(token, safe="")
        try:
            return self.link.format(**values)
        except (KeyError, IndexError) as exc:
            raise UndeliverableMessage(f"link field {exc} is missing from the payload") from exc


def _on(*channels: str) -> frozenset[str]:
    return frozenset(channels)


NOTIFIED_EVENTS: dict[str, NotifiedEvent] = {
    # accounts
    "EmailVerificationRequested": NotifiedEvent("security", _on(EMAIL), the_user, "/verify-email?token={token}"),
    "PasswordResetRequested": NotifiedEvent("security", _on(EMAIL), the_user, "/reset-password?token={token}"),
    "StaffInvited": NotifiedEvent("security", _on(EMAIL), the_user, "/accept-invitation?token={token}"),
    "SignInLockedOut": NotifiedEvent("security", _on(EMAIL), the_user, "/forgot-password"),
    "PasswordChanged": NotifiedEvent("security", _on(EMAIL, SMS), the_user, "/forgot-password"),
    "TwoFactorReset": NotifiedEvent("security", _on(EMAIL), the_user, "/account/security"),
    "BusinessRegistered": NotifiedEvent("account", _on(IN_APP), business_owner, "/business"),
    "WholesalerVerificationChanged": NotifiedEvent("account", _on(IN_APP, EMAIL), business_team, "/business"),
    "WholesalerReverificationRequested": NotifiedEvent(
        "account", _on(IN_APP, EMAIL), platform_admins, "/admin/businesses/{business_id}"
    ),
    # orders: business_id is the wholesaler for OrderPlaced, the retailer otherwise (OrdersPlaced
    # confirms a pay-on-delivery checkout to its retailer)
    "OrderPlaced": NotifiedEvent("orders", _on(IN_APP, EMAIL, SMS), business_team, "/orders/{order_id}"),
    "OrdersPlaced": NotifiedEvent("orders", _on(IN_APP, EMAIL, SMS), business_team, "/orders"),
    "OrderStatusChanged": NotifiedEvent("orders", _on(IN_APP, SMS), business_team, "/orders/{order_id}"),
    "OrderCancelled": NotifiedEvent("orders", _on(IN_APP, EMAIL, SMS), both_parties, "/orders/{order_id}"),
    "OrderExpired": NotifiedEvent("orders", _on(IN_APP, EMAIL, SMS), business_team, "/orders/{order_id}"),
    # payments: business_id is the payer (the wholesaler for a payout)
    "PaymentSucceeded": NotifiedEvent("payments", _on(IN_APP, EMAIL, SMS), payer_of_an_order, "/payments/{payment_id}"),
    "PaymentFailed": NotifiedEvent("payments", _on(IN_APP, EMAIL, SMS), payer_of_an_order, "/payments/{payment_id}"),
    "PaymentNeedsReview": NotifiedEvent("payments", _on(IN_APP), payer_of_an_order, "/payments/{payment_id}"),
    "PaymentArrivedLate": NotifiedEvent("payments", _on(IN_APP, EMAIL, SMS), business_team, "/payments/{payment_id}"),
    "RefundOpened": NotifiedEvent("payments", _on(IN_APP, EMAIL), business_team, "/payments/{payment_id}"),
    "RefundCompleted": NotifiedEvent("payments", _on(IN_APP, EMAIL), business_team, "/payments/{payment_id}"),
    "OrphanCollectionReceived": NotifiedEvent(
        "payments", _on(IN_APP, EMAIL), platform_admins, "/admin/refunds?status=open&cause=orphan_collection"
    ),
    "SettlementPaidOut": NotifiedEvent("payments", _on(IN_APP, EMAIL), business_owner, "/console/money"),
    "PayoutSent": NotifiedEvent("payments", _on(IN_APP, EMAIL), business_owner, "/console/money?tab=payouts"),
    # billing: business_id is the subscriber; the owner handles the plan
    "SubscriptionStarted": NotifiedEvent("billing", _on(IN_APP, EMAIL), business_owner, "/subscription"),
    "SubscriptionStatusChanged": NotifiedEvent("billing", _on(IN_APP, EMAIL), business_owner, "/subscription"),
    "SubscriptionSuspended": NotifiedEvent("billing", _on(IN_APP, EMAIL, SMS), business_owner, "/subscription"),
    "SubscriptionPaymentFailed": NotifiedEvent("billing", _on(IN_APP, EMAIL, SMS), business_owner, "/subscription"),
    "SubscriptionPaymentReceived": NotifiedEvent("billing", _on(IN_APP, EMAIL), business_owner, "/subscription"),
    "SubscriptionRenewalReminder": NotifiedEvent("billing", _on(IN_APP, EMAIL), business_owner, "/subscription"),
    "SubscriptionTrialEnding": NotifiedEvent("billing", _on(IN_APP, EMAIL), business_owner, "/subscription"),
    "SubscriptionCancellationScheduled": NotifiedEvent("billing", _on(IN_APP, EMAIL), business_owner, "/subscription"),
    # billing, for admins: business_id is the subscriber who paid
    "SubscriptionPaymentRefundOpened": NotifiedEvent(
        "payments", _on(IN_APP, EMAIL), platform_admins, "/admin/payments/{payment_id}"
    ),
    # inventory: business_id is the wholesaler
    "LowStock": NotifiedEvent("inventory", _on(IN_APP, EMAIL), business_team, "/inventory/products/{product_id}"),
}


def notified_event(event_type: str) -> NotifiedEvent:
    try:
        return NOTIFIED_EVENTS[event_type]
    except KeyError:
        raise UndeliverableMessage(f"unknown event type {event_type!r}") from None
