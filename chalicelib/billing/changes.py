"""Changing plan or interval, cancelling at the period end, and resuming.

- During a trial every change applies at once (nothing has been charged yet).
- An *upgrade* (same interval, a plan whose price for it is higher) applies at once and
  raises a proration invoice for the rest of the period (`proration.prorated_charge`),
  whose collection is requested immediately; a failed proration charge is dunned like a
  renewal.
- Anything else (a cheaper plan, or any interval change) is scheduled for the period end:
  the renewal invoice is raised for the new plan and interval, which become the
  subscription's when it is paid. Asking for the current plan and interval again cancels
  a scheduled change.
- A change is refused with `usage_exceeds_plan` (one detail per limit) when the business
  already uses more than the new plan allows; at the period end the change applies
  regardless (nothing is removed; only adding more is refused).
- No change while an invoice is open (pay it first), while cancelling (resume first),
  or unless the subscription is trialing or active.

`preview_change` answers what the same request would do now (when, the charge now, the
new price) through the same decision (`_decide`), refusing what the change would refuse.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from chalicelib.billing import gating, repository, state
from chalicelib.billing.errors import (
    NoChange,
    NotCancelling,
    OpenInvoiceUnpaid,
    SubscriptionNotChangeable,
    SubscriptionNotFound,
    UsageExceedsPlan,
)
from chalicelib.billing.models import Plan, Subscription
from chalicelib.billing.plan_terms import terms_in_force
from chalicelib.billing.presenters import invoice_out
from chalicelib.billing.proration import prorated_charge
from chalicelib.billing.schemas import (
    ChangeOutcome,
    ChangePreview,
    ChangeSubscription,
    ChangeWarning,
    SubscriptionResult,
)
from chalicelib.billing.service import charge, new_invoice, offered_plan, plan_of, present
from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.errors import field_error
from chalicelib.core.outbox import record_event
from chalicelib.core.principal import Principal
from chalicelib.core.settings import get_settings


def _live(session: Session, principal: Principal) -> Subscription:
    subscription = repository.live_subscription(session, principal.require_business_id(), for_update=True)
    if subscription is None:
        raise SubscriptionNotFound()
    return subscription


def _history(
    session: Session, subscription: Subscription, reason: str, principal: Principal, data: dict[str, str] | None = None
) -> None:
    state.record(
        session, subscription, reason, from_status=subscription.status, actor=state.OWNER,
        actor_user_id=principal.user_id, data=data,
    )  # fmt: skip


def _audit(
    session: Session,
    action: str,
    subscription: Subscription,
    principal: Principal,
    source_ip: str | None,
    details: dict[str, str] | None = None,
) -> None:
    record_audit(
        session, f"subscription.{action}", actor_user_id=principal.user_id, source_ip=source_ip,
        target_type="subscription", target_id=subscription.id, details=details,
    )  # fmt: skip


def over_limits(session: Session, business_id: uuid.UUID, plan: Plan) -> list[dict[str, str]]:
    details = []
    for name in gating.LIMITS_BY_AUDIENCE[plan.audience]:
        limit = gating.plan_limit(plan, name)
        used = gating.current_use(session, business_id, name)
        if limit is not None and used > limit:
            readable = name.replace("_", " ")
            details.append(
                field_error(name, "over_limit", f"You have {used} {readable}; the {plan.name} plan allows {limit}.")
            )
    return details


@dataclass(frozen=True)
class _Decision:
    """What a change asked for now would do; the real change applies it, the preview presents it."""

    outcome: ChangeOutcome
    current: Plan
    plan: Plan
    interval: str
    charge_now: Decimal


def _decide(
    session: Session, subscription: Subscription, principal: Principal, request: ChangeSubscription, now: datetime
) -> _Decision:
    """The one rule for every change, refusing what the change would refuse."""
    if subscription.status in ("incomplete", "past_due", "suspended"):
        raise OpenInvoiceUnpaid(extra={"subscription_status": subscription.status})
    if subscription.status not in ("trialing", "active") or subscription.cancel_at_period_end:
        raise SubscriptionNotChangeable(
            "Resume the subscription before changing it." if subscription.cancel_at_period_end else None
        )
    if repository.open_invoice(session, subscription.id) is not None:
        raise OpenInvoiceUnpaid()
    current = plan_of(session, subscription)
    plan = current
    if request.plan_code:
        plan = offered_plan(session, request.plan_code, principal.business_kind, current=current)
    interval = request.interval or subscription.interval
    none = Decimal("0.00")
    if plan.id == subscription.plan_id and interval == subscription.interval:
        if subscription.scheduled_plan_id is None and subscription.scheduled_interval is None:
            raise NoChange()
        return _Decision("withdraw_scheduled", current, plan, interval, none)
    problems = over_limits(session, subscription.business_id, plan)
    if problems:
        raise UsageExceedsPlan(details=problems)
    if subscription.status == "trialing":
        return _Decision("now_in_trial", current, plan, interval, none)
    paying = terms_in_force(session, subscription, current).price(subscription.interval)
    if interval == subscription.interval and plan.price(interval) > paying:
        amount = prorated_charge(
            old_price=paying,
            new_price=plan.price(subscription.interval),
            period_start=subscription.current_period_start,
            period_end=subscription.current_period_end,
            now=now,
        )
        return _Decision("upgrade_now", current, plan, interval, amount)
    return _Decision("at_period_end", current, plan, interval, none)


def preview_change(session: Session, *, principal: Principal, request: ChangeSubscription) -> ChangePreview:
    """What `change_subscription` with the same request would do now, without doing it."""
    subscription = repository.live_subscription(session, principal.require_business_id())
    if subscription is None:
        raise SubscriptionNotFound()
    now = utcnow()
    decision = _decide(session, subscription, principal, request, now)
    later = decision.outcome == "at_period_end"
    return ChangePreview(
        outcome=decision.outcome,
        applies="period_end" if later else "now",
        effective_at=subscription.current_period_end if later else now,
        charge_now=decision.charge_now,
        new_price=decision.plan.price(decision.interval),
        currency=get_settings().currency,
        plan_code=decision.plan.code,
        interval=decision.interval,
        warnings=_warnings(subscription, decision.current, decision.plan, decision.interval) if later else [],
    )


def change_subscription(
    session: Session, *, principal: Principal, request: ChangeSubscription, source_ip: str | None
) -> SubscriptionResult:
    subscription = _live(session, principal)
    now = utcnow()
    decision = _decide(session, subscription, principal, request, now)
    current, plan, interval = decision.current, decision.plan, decision.interval
    if decision.outcome == "withdraw_scheduled":
        subscription.scheduled_plan_id, subscription.scheduled_interval = None, None
        _history(session, subscription, "scheduled_change_withdrawn", principal)
        return SubscriptionResult(subscription=present(session, subscription))
    change = {
        "from_plan": current.code,
        "to_plan": plan.code,
        "from_interval": subscription.interval,
        "to_interval": interval,
    }
    subscription.scheduled_plan_id, subscription.scheduled_interval = None, None
    subscription.updated_at = now
    if decision.outcome == "now_in_trial":
        subscription.plan_id, subscription.interval = plan.id, interval
        _history(session, subscription, "changed_during_trial", principal, change)
        _audit(session, "changed", subscription, principal, source_ip, change)
        return SubscriptionResult(subscription=present(session, subscription))
    if decision.outcome == "upgrade_now":
        return _upgrade(session, subscription, plan, decision.charge_now, now, principal, source_ip, change)
    subscription.scheduled_plan_id = plan.id if plan.id != subscription.plan_id else None
    subscription.scheduled_interval = interval if interval != subscription.interval else None
    _history(session, subscription, "change_scheduled", principal, change)
    _audit(session, "change_scheduled", subscription, principal, source_ip, change)
    return SubscriptionResult(
        subscription=present(session, subscription), warnings=_warnings(subscription, current, plan, interval)
    )


def _upgrade(
    session: Session,
    subscription: Subscription,
    plan: Plan,
    amount: Decimal,
    now: datetime,
    principal: Principal,
    source_ip: str | None,
    change: dict[str, str],
) -> SubscriptionResult:
    subscription.plan_id = plan.id
    data = {**change, "prorated_charge": str(amount)}
    _history(session, subscription, "upgraded", principal, data)
    _audit(session, "upgraded", subscription, principal, source_ip, data)
    invoice, payment_id = None, None
    if amount > Decimal("0.00"):
        invoice = new_invoice(
            subscription, plan, kind="proration", interval=subscription.interval, start=now,
            end=subscription.current_period_end, amount=amount,
        )  # fmt: skip
        payment_id = charge(session, subscription, invoice)
    return SubscriptionResult(
        subscription=present(session, subscription),
        invoice=invoice_out(invoice, plan) if invoice is not None else None,
        payment_id=payment_id,
    )


def _warnings(subscription: Subscription, current: Plan, plan: Plan, interval: str) -> list[ChangeWarning]:
    when = f"{subscription.current_period_end:%d %b %Y}"
    warnings = [
        ChangeWarning(
            code="change_scheduled",
            message=f"Your subscription changes to the {plan.name} plan, billed {interval}ly, on {when}. "
            f"Until then you keep the {current.name} plan.",
        )
    ]
    lower = [
        name.replace("_", " ")
        for name in gating.LIMITS_BY_AUDIENCE[plan.audience]
        if (new := gating.plan_limit(plan, name)) is not None
        and ((old := gating.plan_limit(current, name)) is None or new < old)
    ]
    lost = [f for f in ("pay_on_delivery", "sales_reports") if getattr(current, f) and not getattr(plan, f)]
    if lower or lost:
        parts = [f"lower limits ({', '.join(lower)})"] if lower else []
        parts += [f"no {f.replace('_', ' ')}" for f in lost]
        warnings.append(
            ChangeWarning(code="limits_will_drop", message=f"From {when} your plan has " + " and ".join(parts) + ".")
        )
    return warnings


def cancel_subscription(session: Session, *, principal: Principal, source_ip: str | None) -> SubscriptionResult:
    """Trialing/active: cancels at the period end (idempotent). Not yet paid for
    (incomplete, past_due, suspended): cancels at once and voids the open invoice."""
    subscription = _live(session, principal)
    now = utcnow()
    if subscription.status in ("trialing", "active"):
        if not subscription.cancel_at_period_end:
            subscription.cancel_at_period_end = True
            subscription.cancel_requested_at = now
            subscription.scheduled_plan_id, subscription.scheduled_interval = None, None
            subscription.updated_at = now
            _history(session, subscription, "cancel_scheduled", principal)
            record_event(
                session,
                "SubscriptionCancellationScheduled",
                aggregate_type="subscription",
                aggregate_id=subscription.id,
                payload={
                    "subscription_id": str(subscription.id),
                    "business_id": str(subscription.business_id),
                    "plan_name": plan_of(session, subscription).name,
                    "ends_at": subscription.current_period_end.isoformat(),
                },
            )
            _audit(session, "cancel_scheduled", subscription, principal, source_ip)
        return SubscriptionResult(subscription=present(session, subscription))
    repository.void_open_invoices(session, subscription.id, now)
    state.move(
        session, subscription, "cancelled", reason="cancelled_by_owner", plan=plan_of(session, subscription),
        actor=state.OWNER, actor_user_id=principal.user_id,
    )  # fmt: skip
    _audit(session, "cancelled", subscription, principal, source_ip)
    return SubscriptionResult(subscription=present(session, subscription))


def resume_subscription(session: Session, *, principal: Principal, source_ip: str | None) -> SubscriptionResult:
    """Withdraws a cancellation before the period ends."""
    subscription = _live(session, principal)
    if not subscription.cancel_at_period_end:
        raise NotCancelling()
    subscription.cancel_at_period_end = False
    subscription.cancel_requested_at = None
    subscription.updated_at = utcnow()
    _history(session, subscription, "resumed", principal)
    _audit(session, "resumed", subscription, principal, source_ip)
    return SubscriptionResult(subscription=present(session, subscription))
