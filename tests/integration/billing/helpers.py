"""Shared steps of the billing tests.

Payment outcomes are driven the way the payments webhook will: the pending payment row is
settled (succeeded / failed with a reason) and billing's outcome handler is called with it
(`payments_port.on_payment_succeeded` / `on_payment_failed`), each in its own unit of work.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.billing import payments_port, schedule
from chalicelib.billing.models import Plan, Subscription, SubscriptionHistory, SubscriptionInvoice
from chalicelib.billing.seed_data import seed_plans
from chalicelib.core.db import unit_of_work
from chalicelib.core.outbox import OutboxEvent
from chalicelib.core.principal import Principal
from chalicelib.payments.models import Payment
from tests.support.factories import Actor, make_plan, subscribe

PHONE = "+254712345670"


def principal(actor: Actor, role: str | None = None) -> Principal:
    return Principal(
        user_id=actor.user.id,
        session_id=uuid.uuid4(),
        role=role or actor.user.role,
        business_id=actor.business.id,
        business_kind=actor.business.kind,
        email_verified=True,
    )


def seeded(session: Session) -> dict[str, Plan]:
    seed_plans(session)
    return {plan.code: plan for plan in session.scalars(select(Plan))}


def subscription_of(session: Session, business_id: uuid.UUID) -> Subscription:
    session.expire_all()
    row = session.scalars(
        select(Subscription).where(Subscription.business_id == business_id).order_by(Subscription.created_at.desc())
    ).first()
    assert row is not None
    return row


def invoices_of(session: Session, subscription_id: uuid.UUID) -> list[SubscriptionInvoice]:
    session.expire_all()
    return list(
        session.scalars(
            select(SubscriptionInvoice)
            .where(SubscriptionInvoice.subscription_id == subscription_id)
            .order_by(SubscriptionInvoice.period_start, SubscriptionInvoice.number)
        )
    )


def open_invoice(session: Session, subscription_id: uuid.UUID) -> SubscriptionInvoice:
    found = [i for i in invoices_of(session, subscription_id) if i.status == "open"]
    assert len(found) == 1, found
    return found[0]


def payments_for(session: Session, invoice_id: uuid.UUID) -> list[Payment]:
    session.expire_all()
    return list(
        session.scalars(
            select(Payment).where(Payment.subscription_invoice_id == invoice_id).order_by(Payment.created_at)
        )
    )


def settle(invoice_id: uuid.UUID | str, *, succeeded: bool, reason: str = "insufficient_funds") -> uuid.UUID:
    """The newest pending payment of the invoice settles as the payments webhook would."""
    invoice_id = uuid.UUID(str(invoice_id))
    with unit_of_work() as uow:
        payment = uow.session.scalars(
            select(Payment)
            .where(Payment.subscription_invoice_id == invoice_id, Payment.status == "pending")
            .order_by(Payment.created_at.desc())
            .limit(1)
        ).one()
        payment.status = "succeeded" if succeeded else "failed"
        payment.failure_reason = None if succeeded else reason
        if succeeded:
            payments_port.on_payment_succeeded(uow.session, payment)
        else:
            payments_port.on_payment_failed(uow.session, payment)
        uow.commit()
        return payment.id


def run(now: datetime | None = None) -> dict[str, int]:
    return schedule.run_billing(now=now).counts


def events(session: Session, event_type: str, aggregate_id: uuid.UUID) -> list[dict[str, Any]]:
    session.expire_all()
    rows = session.scalars(
        select(OutboxEvent)
        .where(OutboxEvent.event_type == event_type, OutboxEvent.aggregate_id == aggregate_id)
        .order_by(OutboxEvent.occurred_at, OutboxEvent.id)
    )
    return [row.payload for row in rows]


def history(session: Session, subscription_id: uuid.UUID) -> list[tuple[str | None, str, str]]:
    session.expire_all()
    rows = session.scalars(
        select(SubscriptionHistory)
        .where(SubscriptionHistory.subscription_id == subscription_id)
        .order_by(SubscriptionHistory.created_at, SubscriptionHistory.id)
    )
    return [(row.from_status, row.to_status, row.reason) for row in rows]


def start(actor: Actor, plan_code: str, interval: str = "month", phone: str = PHONE) -> Any:
    """POST /subscription through the service, committed in its own unit of work."""
    from chalicelib.billing import service
    from chalicelib.billing.schemas import StartSubscription

    body = StartSubscription(plan_code=plan_code, interval=interval, provider="sandbox", payer_phone=phone)
    with unit_of_work() as uow:
        result = service.start_subscription(uow.session, principal=principal(actor), request=body, source_ip=None)
        uow.commit()
    return result


def grant_subscription(
    session: Session, business_id: uuid.UUID, *, plan: Plan | None = None, status: str = "active", **limits: Any
) -> Subscription:
    """An active (or `status`) monthly subscription written directly, replacing the business's
    live one. Without `plan`, a new plan of the business's audience with `limits` (features
    off unless they say) is created."""
    from chalicelib.accounts.models import Business

    if plan is None:
        business = session.get(Business, business_id)
        assert business is not None
        plan = make_plan(session, f"test-{uuid.uuid4().hex[:8]}", business.kind, **limits)
    return subscribe(session, business_id, plan=plan, status=status)
