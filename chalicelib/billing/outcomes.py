"""What a subscription charge's outcome does (called by the payments webhook's dispatch).

Success pays the invoice and, for a period invoice (first or renewal), starts that period:
the plan and interval on the invoice become the subscription's (a scheduled change takes
effect here). A subscription that was `incomplete` or `suspended` had no service, so its
paid period restarts at the moment of payment (and the invoice's period says so); one that
was `past_due` keeps its billing cycle (it was served during the grace period).

A trial ended early (`trial`) is paid by an *early* invoice: its success ends the trial
and starts the paid period at the moment of payment; its failure leaves the subscription
trialing with the invoice open.

Failure moves a trialing/active subscription to `past_due`; the grace period runs from
that first failure (`billing_grace_days`, default 7) and automatic retries are due 1, 3 and
5 days after it. Every failure announces `SubscriptionPaymentFailed`.

Both are idempotent: an invoice that is no longer open is left alone (a duplicate or late
outcome is logged; a success for it is refunded by `payments_port`).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from chalicelib.billing import repository, state
from chalicelib.billing.models import Subscription, SubscriptionInvoice
from chalicelib.billing.periods import period_end
from chalicelib.billing.presenters import invoice_number
from chalicelib.core.clock import utcnow
from chalicelib.core.invariants import InvariantBroken
from chalicelib.core.observability import logger
from chalicelib.core.outbox import record_event
from chalicelib.core.settings import get_settings

RETRY_AFTER_DAYS = (1, 3, 5)


def _locked(session: Session, invoice_id: uuid.UUID) -> tuple[Subscription, SubscriptionInvoice] | None:
    """Subscription, then invoice, both locked (the order every billing writer uses)."""
    invoice = repository.get_invoice(session, invoice_id)
    if invoice is None:
        logger.warning("payment outcome for an unknown subscription invoice", extra={"invoice_id": str(invoice_id)})
        return None
    subscription = repository.get_subscription(session, invoice.subscription_id, for_update=True)
    invoice = repository.get_invoice(session, invoice_id, for_update=True)
    if subscription is None:
        raise InvariantBroken("subscription is missing")
    if invoice is None:
        raise InvariantBroken("invoice is missing")
    if invoice.status != "open":
        logger.warning(
            "payment outcome for an invoice that is not open",
            extra={"invoice_id": str(invoice_id), "invoice_status": invoice.status},
        )
        return None
    return subscription, invoice


def is_early(subscription: Subscription, invoice: SubscriptionInvoice) -> bool:
    """`invoice` pays for a trialing subscription's first period before its trial ends."""
    return (
        subscription.status == "trialing"
        and invoice.kind == "first"
        and invoice.period_start < subscription.current_period_end
    )


def payment_succeeded(session: Session, *, invoice_id: uuid.UUID, payment_id: uuid.UUID | None) -> bool:
    """True when the payment paid the invoice; False when the invoice was no longer open
    (already paid by another payment, or void): the money must then go back."""
    locked = _locked(session, invoice_id)
    if locked is None:
        return False
    subscription, invoice = locked
    settle_paid(session, subscription, invoice, payment_id=payment_id)
    return True


def settle_paid(
    session: Session, subscription: Subscription, invoice: SubscriptionInvoice, *, payment_id: uuid.UUID | None
) -> None:
    """Marks `invoice` paid and applies it to `subscription` (both locked)."""
    now = utcnow()
    invoice.status = "paid"
    invoice.paid_at = now
    invoice.paid_by_payment_id = payment_id
    previous = subscription.status
    early = is_early(subscription, invoice)
    if early:
        subscription.trial_end = now
    if invoice.kind != "proration":
        _start_paid_period(subscription, invoice, now, restart=early or previous in ("incomplete", "suspended"))
    plan = repository.get_plan(session, subscription.plan_id)
    if plan is None:
        raise InvariantBroken("plan is missing")
    data = {"invoice_id": str(invoice.id), "payment_id": str(payment_id) if payment_id else None}
    if previous == "active":
        reason = "renewed" if invoice.kind == "renewal" else "payment_received"
        state.record(session, subscription, reason, from_status=previous, data=data)
    else:
        reason = {"incomplete": "first_payment_received", "trialing": "trial_converted"}.get(
            previous, "payment_received"
        )
        state.move(session, subscription, "active", reason=reason, plan=plan, data=data)
    record_event(
        session,
        "SubscriptionPaymentReceived",
        aggregate_type="subscription",
        aggregate_id=subscription.id,
        payload={
            "subscription_id": str(subscription.id),
            "business_id": str(subscription.business_id),
            "invoice_id": str(invoice.id),
            "invoice_number": invoice_number(invoice),
            "amount": str(invoice.amount),
            "currency": invoice.currency,
            "plan_name": plan.name,
            "period_end": subscription.current_period_end.isoformat(),
        },
    )


def _start_paid_period(
    subscription: Subscription, invoice: SubscriptionInvoice, now: datetime, *, restart: bool
) -> None:
    if restart:
        invoice.period_start = now
        invoice.period_end = period_end(now, invoice.interval, now.day)
        subscription.anchor_day = now.day
    subscription.current_period_start = invoice.period_start
    subscription.current_period_end = invoice.period_end
    subscription.plan_id = invoice.plan_id
    subscription.interval = invoice.interval
    subscription.scheduled_plan_id = None
    subscription.scheduled_interval = None
    subscription.updated_at = now


def payment_failed(
    session: Session, *, invoice_id: uuid.UUID, payment_id: uuid.UUID | None, reason: str | None
) -> None:
    locked = _locked(session, invoice_id)
    if locked is None:
        return
    subscription, invoice = locked
    now = utcnow()
    plan = repository.get_plan(session, subscription.plan_id)
    if plan is None:
        raise InvariantBroken("plan is missing")
    subscription.failed_attempts += 1
    data = {"invoice_id": str(invoice.id), "payment_id": str(payment_id) if payment_id else None, "reason": reason}
    if is_early(subscription, invoice):
        state.record(session, subscription, "payment_failed", from_status=subscription.status, data=data)
    elif subscription.status in ("trialing", "active"):
        subscription.past_due_since = now
        subscription.grace_ends_at = now + timedelta(days=get_settings().billing_grace_days)
        state.move(session, subscription, "past_due", reason="payment_failed", plan=plan, data=data)
    else:
        state.record(session, subscription, "payment_failed", from_status=subscription.status, data=data)
    subscription.next_retry_at = next_retry_at(subscription, now)
    record_event(
        session,
        "SubscriptionPaymentFailed",
        aggregate_type="subscription",
        aggregate_id=subscription.id,
        payload={
            "subscription_id": str(subscription.id),
            "business_id": str(subscription.business_id),
            "invoice_id": str(invoice.id),
            "invoice_number": invoice_number(invoice),
            "amount": str(invoice.amount),
            "currency": invoice.currency,
            "plan_name": plan.name,
            "reason": reason,
            "attempt": subscription.failed_attempts,
            "status": subscription.status,
            "next_retry_at": _iso(subscription.next_retry_at),
            "suspends_at": _iso(subscription.grace_ends_at if subscription.status == "past_due" else None),
        },
    )


def next_retry_at(subscription: Subscription, now: datetime) -> datetime | None:
    """The first of the 1/3/5-day retries after the grace period began that is still ahead
    (none while incomplete or suspended: those wait for the owner to pay)."""
    if subscription.status != "past_due" or subscription.past_due_since is None:
        return None
    for days in RETRY_AFTER_DAYS:
        due = subscription.past_due_since + timedelta(days=days)
        if due > now and (subscription.grace_ends_at is None or due < subscription.grace_ends_at):
            return due
    return None


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
