"""Domain rows to response models."""

from __future__ import annotations

from chalicelib.billing.models import GOOD_STANDING, Plan, Subscription, SubscriptionInvoice
from chalicelib.billing.schemas import (
    InvoiceOut,
    NextCharge,
    PlanFeatures,
    PlanLimits,
    PlanOut,
    ScheduledChange,
    SubscriptionOut,
)
from chalicelib.core.settings import get_settings


def invoice_number(invoice: SubscriptionInvoice) -> str:
    return f"SUB-{invoice.number:06d}"


def plan_out(plan: Plan) -> PlanOut:
    return PlanOut(
        id=plan.id,
        code=plan.code,
        name=plan.name,
        audience=plan.audience,
        status=plan.status,
        currency=get_settings().currency,
        price_monthly=plan.price_monthly,
        price_yearly=plan.price_yearly,
        trial_days=plan.trial_days,
        limits=PlanLimits(
            active_products=plan.max_active_products,
            staff_users=plan.max_staff_users,
            orders_per_month=plan.max_orders_per_month,
        ),
        features=PlanFeatures(pay_on_delivery=plan.pay_on_delivery, sales_reports=plan.sales_reports),
    )


def invoice_out(invoice: SubscriptionInvoice, plan: Plan) -> InvoiceOut:
    return InvoiceOut(
        id=invoice.id,
        number=invoice_number(invoice),
        kind=invoice.kind,
        status=invoice.status,
        description=invoice.description,
        plan_code=plan.code,
        plan_name=plan.name,
        interval=invoice.interval,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        amount=invoice.amount,
        currency=invoice.currency,
        created_at=invoice.created_at,
        paid_at=invoice.paid_at,
        voided_at=invoice.voided_at,
    )


def subscription_out(
    subscription: Subscription,
    *,
    plan: Plan,
    scheduled_plan: Plan | None,
    open_invoice: tuple[SubscriptionInvoice, Plan] | None,
) -> SubscriptionOut:
    return SubscriptionOut(
        id=subscription.id,
        status=subscription.status,
        in_good_standing=subscription.status in GOOD_STANDING,
        plan=plan_out(plan),
        interval=subscription.interval,
        current_period_start=subscription.current_period_start,
        current_period_end=subscription.current_period_end,
        trial_end=subscription.trial_end,
        cancel_at_period_end=subscription.cancel_at_period_end,
        ended_at=subscription.ended_at,
        next_charge=_next_charge(subscription, plan, scheduled_plan, open_invoice),
        scheduled_change=_scheduled_change(subscription, plan, scheduled_plan),
        open_invoice=invoice_out(*open_invoice) if open_invoice else None,
        next_retry_at=subscription.next_retry_at,
        grace_ends_at=subscription.grace_ends_at,
        provider=subscription.provider,
        payer_phone=subscription.payer_phone,
        created_at=subscription.created_at,
    )


def _next_charge(
    subscription: Subscription,
    plan: Plan,
    scheduled_plan: Plan | None,
    open_invoice: tuple[SubscriptionInvoice, Plan] | None,
) -> NextCharge | None:
    currency = get_settings().currency
    if open_invoice is not None:
        invoice, invoice_plan = open_invoice
        at = subscription.next_retry_at or invoice.created_at
        return NextCharge(
            at=at, amount=invoice.amount, currency=invoice.currency, plan_code=invoice_plan.code,
            interval=invoice.interval,
        )  # fmt: skip
    if subscription.status not in ("trialing", "active") or subscription.cancel_at_period_end:
        return None
    next_plan = scheduled_plan or plan
    interval = subscription.scheduled_interval or subscription.interval
    return NextCharge(
        at=subscription.current_period_end, amount=next_plan.price(interval), currency=currency,
        plan_code=next_plan.code, interval=interval,
    )  # fmt: skip


def _scheduled_change(subscription: Subscription, plan: Plan, scheduled_plan: Plan | None) -> ScheduledChange | None:
    if scheduled_plan is None and subscription.scheduled_interval is None:
        return None
    return ScheduledChange(
        plan=plan_out(scheduled_plan or plan),
        interval=(subscription.scheduled_interval or subscription.interval),
        effective_at=subscription.current_period_end,
    )
