"""The business's subscription: start, read, usage, invoices and paying an open invoice.

Plan changes, cancelling and resuming are in `changes`; plans themselves in `plans`.
Services take the session first, never commit, and raise domain errors. Every writer
locks the business's live subscription first (then its invoice), so concurrent requests
and the billing run are serialised per subscription.

Starting: a plan with trial days starts `trialing` (once per business: a business that
already had a trial is charged at once), unless the owner asks for no trial (`trial:
false`, to pay now); otherwise the subscription is `incomplete`, its
first invoice is raised and the collection requested, and it becomes `active` when the
payment succeeds (`outcomes`). An incomplete subscription not paid within the grace
period expires; starting again replaces it.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chalicelib.billing import gating, outcomes, payments_port, repository, state
from chalicelib.billing.errors import (
    InvoiceNotFound,
    InvoiceNotOpen,
    PaymentInProgress,
    PlanNotFound,
    PlanNotOffered,
    SubscriptionExists,
    SubscriptionNotFound,
)
from chalicelib.billing.models import INVOICE_DESCRIPTIONS, Plan, Subscription, SubscriptionInvoice
from chalicelib.billing.periods import period_end
from chalicelib.billing.plan_terms import terms_in_force
from chalicelib.billing.presenters import invoice_out, subscription_out
from chalicelib.billing.schemas import (
    InvoicePage,
    InvoiceQuery,
    LimitUsage,
    PayInvoice,
    PaymentStarted,
    PlanFeatures,
    StartSubscription,
    SubscriptionOut,
    SubscriptionResult,
    UsageOut,
)
from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.invariants import InvariantBroken
from chalicelib.core.outbox import record_event
from chalicelib.core.pagination import after_created, created_cursor
from chalicelib.core.principal import Principal
from chalicelib.core.settings import get_settings

# --- reading ----------------------------------------------------------------------------


def present(session: Session, subscription: Subscription) -> SubscriptionOut:
    plans = repository.plans_by_id(
        session, [p for p in (subscription.plan_id, subscription.scheduled_plan_id) if p is not None]
    )
    invoice = repository.open_invoice(session, subscription.id)
    open_invoice = None
    if invoice is not None:
        invoice_plan = plans.get(invoice.plan_id) or repository.get_plan(session, invoice.plan_id)
        if invoice_plan is None:
            raise InvariantBroken("invoice_plan is missing")
        open_invoice = (invoice, invoice_plan)
    return subscription_out(
        subscription,
        plan=plans[subscription.plan_id],
        scheduled_plan=plans.get(subscription.scheduled_plan_id) if subscription.scheduled_plan_id else None,
        open_invoice=open_invoice,
    )


def get_subscription(session: Session, *, principal: Principal) -> SubscriptionOut:
    subscription = repository.latest_subscription(session, principal.require_business_id())
    if subscription is None:
        raise SubscriptionNotFound()
    return present(session, subscription)


def get_usage(session: Session, *, principal: Principal) -> UsageOut:
    business_id = principal.require_business_id()
    subscription = repository.live_subscription(session, business_id)
    if subscription is None:
        raise SubscriptionNotFound()
    plan = plan_of(session, subscription)
    terms = terms_in_force(session, subscription, plan)
    limits = []
    for name in gating.LIMITS_BY_AUDIENCE[plan.audience]:
        limit = gating.plan_limit(terms, name)
        used = gating.current_use(session, business_id, name)
        limits.append(
            LimitUsage(name=name, limit=limit, used=used, remaining=None if limit is None else max(0, limit - used))
        )
    return UsageOut(
        plan_code=plan.code,
        status=subscription.status,
        limits=limits,
        features=PlanFeatures(pay_on_delivery=terms.pay_on_delivery, sales_reports=terms.sales_reports),
    )


def plan_of(session: Session, subscription: Subscription) -> Plan:
    plan = repository.get_plan(session, subscription.plan_id)
    if plan is None:
        raise InvariantBroken("plan is missing")
    return plan


def list_invoices(session: Session, *, principal: Principal, query: InvoiceQuery) -> InvoicePage:
    after = after_created(query.cursor)
    rows = repository.list_invoices(session, principal.require_business_id(), after=after, limit=query.limit + 1)
    page = rows[: query.limit]
    next_cursor = created_cursor(page[-1][0]) if len(rows) > query.limit else None
    return InvoicePage(items=[invoice_out(invoice, plan) for invoice, plan in page], next_cursor=next_cursor)


# --- starting ---------------------------------------------------------------------------


def offered_plan(session: Session, code: str, business_kind: str | None, *, current: Plan | None = None) -> Plan:
    """The plan with `code` if the business may choose it (a retired plan only if it is `current`)."""
    plan = repository.get_plan_by_code(session, code)
    if plan is None or (plan.status != "active" and (current is None or plan.id != current.id)):
        raise PlanNotFound()
    if plan.audience != business_kind:
        raise PlanNotOffered()
    return plan


def new_invoice(
    subscription: Subscription, plan: Plan, *, kind: str, interval: str, start: datetime, end: datetime, amount: Decimal
) -> SubscriptionInvoice:
    return SubscriptionInvoice(
        id=uuid.uuid4(),
        subscription_id=subscription.id,
        business_id=subscription.business_id,
        plan_id=plan.id,
        kind=kind,
        status="open",
        interval=interval,
        description=INVOICE_DESCRIPTIONS[kind].format(plan=plan.name, interval=interval),
        period_start=start,
        period_end=end,
        amount=amount,
        currency=get_settings().currency,
        created_at=utcnow(),
    )


def charge(session: Session, subscription: Subscription, invoice: SubscriptionInvoice) -> uuid.UUID | None:
    """Adds `invoice` and asks for its collection; a zero amount is settled at once."""
    session.add(invoice)
    session.flush()
    if invoice.amount == 0:
        outcomes.settle_paid(session, subscription, invoice, payment_id=None)
        return None
    return payments_port.request_collection(session, invoice.id)


def start_subscription(
    session: Session, *, principal: Principal, request: StartSubscription, source_ip: str | None
) -> SubscriptionResult:
    business_id = principal.require_business_id()
    payments_port.check_payer(request.provider, request.payer_phone)
    plan = offered_plan(session, request.plan_code, principal.business_kind)
    existing = repository.live_subscription(session, business_id, for_update=True)
    if existing is not None:
        if existing.status != "incomplete":
            raise SubscriptionExists(extra={"subscription_status": existing.status})
        repository.void_open_invoices(session, existing.id, utcnow())
        state.move(
            session, existing, "expired", reason="replaced", plan=plan_of(session, existing),
            actor=state.OWNER, actor_user_id=principal.user_id,
        )  # fmt: skip
        session.flush()
    now = utcnow()
    trial = request.trial and plan.trial_days > 0 and not repository.had_trial(session, business_id)
    end = now + timedelta(days=plan.trial_days) if trial else period_end(now, request.interval, now.day)
    subscription = Subscription(
        id=uuid.uuid4(),
        business_id=business_id,
        plan_id=plan.id,
        interval=request.interval,
        status="trialing" if trial else "incomplete",
        current_period_start=now,
        current_period_end=end,
        anchor_day=end.day if trial else now.day,
        trial_end=end if trial else None,
        cancel_at_period_end=False,
        provider=request.provider,
        payer_phone=request.payer_phone,
        failed_attempts=0,
        grace_ends_at=None if trial else now + timedelta(days=get_settings().billing_grace_days),
        created_at=now,
        updated_at=now,
    )
    session.add(subscription)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:  # a concurrent start won the live-subscription index
        raise SubscriptionExists() from exc
    state.record(
        session, subscription, "started", from_status=None, actor=state.OWNER, actor_user_id=principal.user_id,
        data={"plan_code": plan.code, "interval": request.interval, "trial": trial},
    )  # fmt: skip
    record_event(
        session,
        "SubscriptionStarted",
        aggregate_type="subscription",
        aggregate_id=subscription.id,
        payload={
            "subscription_id": str(subscription.id),
            "business_id": str(business_id),
            "plan_code": plan.code,
            "plan_name": plan.name,
            "interval": request.interval,
            "status": subscription.status,
            "trial_end": end.isoformat() if trial else None,
            "amount": str(plan.price(request.interval)),
            "currency": get_settings().currency,
        },
    )
    invoice, payment_id = None, None
    if not trial:
        invoice = new_invoice(
            subscription, plan, kind="first", interval=request.interval, start=now, end=end,
            amount=plan.price(request.interval),
        )  # fmt: skip
        payment_id = charge(session, subscription, invoice)
    record_audit(
        session, "subscription.started", actor_user_id=principal.user_id, source_ip=source_ip,
        target_type="subscription", target_id=subscription.id, details={"plan": plan.code, "trial": trial},
    )  # fmt: skip
    return SubscriptionResult(
        subscription=present(session, subscription),
        invoice=invoice_out(invoice, plan) if invoice is not None else None,
        payment_id=payment_id,
    )


# --- paying an open invoice -------------------------------------------------------------


def pay_invoice(
    session: Session, *, principal: Principal, invoice_id: uuid.UUID, request: PayInvoice, source_ip: str | None
) -> PaymentStarted:
    """Requests the collection of an open invoice now (the owner's "pay now"). A provider or
    phone given here also becomes the subscription's for later renewals."""
    business_id = principal.require_business_id()
    invoice = repository.get_invoice(session, invoice_id, business_id=business_id)
    if invoice is None:
        raise InvoiceNotFound()
    subscription = repository.get_subscription(session, invoice.subscription_id, for_update=True)
    invoice = repository.get_invoice(session, invoice_id, business_id=business_id, for_update=True)
    if subscription is None:
        raise InvariantBroken("subscription is missing")
    if invoice is None:
        raise InvariantBroken("invoice is missing")
    if invoice.status != "open":
        raise InvoiceNotOpen(extra={"invoice_status": invoice.status})
    in_flight = payments_port.pending_payment_id(session, invoice.id)
    if in_flight is not None:
        raise PaymentInProgress(extra={"payment_id": str(in_flight)})
    payments_port.check_payer(
        request.provider or subscription.provider, request.payer_phone or subscription.payer_phone
    )
    subscription.provider = request.provider or subscription.provider
    subscription.payer_phone = request.payer_phone or subscription.payer_phone
    payment_id = payments_port.request_collection(session, invoice.id)
    # an open invoice with an amount to pay (a free one is paid at once)
    if payment_id is None:
        raise InvariantBroken("payment_id is missing")
    record_audit(
        session, "subscription.invoice_payment_requested", actor_user_id=principal.user_id, source_ip=source_ip,
        target_type="subscription_invoice", target_id=invoice.id, details={"payment_id": str(payment_id)},
    )  # fmt: skip
    plan = repository.get_plan(session, invoice.plan_id)
    if plan is None:
        raise InvariantBroken("plan is missing")
    return PaymentStarted(invoice=invoice_out(invoice, plan), payment_id=payment_id)
