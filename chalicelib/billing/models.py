"""Plans, subscriptions, their invoices, their history and the reminders already sent.

A business has at most one *live* subscription (a partial unique index); ended ones
(`cancelled`, `expired`) stay as history. Invoices are unique per (subscription, kind,
period start): two billing runs can never bill the same period twice, and a partial
unique index keeps at most one invoice `open` per subscription. `billing_reminders` is the
idempotency ledger of the renewal and trial reminders (one row per subscription, kind and
period end).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    Sequence,
    String,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from chalicelib.core.db import Base
from chalicelib.core.types import CreatedAt, UUIDPk, one_of

AUDIENCES = ("retailer", "wholesaler")
PLAN_STATUSES = ("active", "retired")
INTERVALS = ("month", "year")
SUBSCRIPTION_STATUSES = ("incomplete", "trialing", "active", "past_due", "suspended", "cancelled", "expired")
LIVE_STATUSES = ("incomplete", "trialing", "active", "past_due", "suspended")
GOOD_STANDING = ("trialing", "active", "past_due")
"""The one definition of good standing. The catalog listings' triggers (migration 0009) hold
it in SQL too: change both, with a migration (tests/integration/billing/
test_good_standing_in_the_database.py fails while they disagree)."""
INVOICE_KINDS = ("first", "renewal", "proration")
INVOICE_STATUSES = ("open", "paid", "void")
REMINDER_KINDS = ("renewal_7d", "renewal_3d", "renewal_1d", "trial_ending")
INVOICE_DESCRIPTIONS = {
    "first": "{plan} plan, first {interval}",
    "renewal": "{plan} plan, {interval}ly renewal",
    "proration": "Upgrade to the {plan} plan for the rest of the period",
}

subscription_invoice_number_seq = Sequence("subscription_invoice_number_seq", metadata=Base.metadata)


class Plan(Base):
    __tablename__ = "plans"
    __table_args__ = (
        UniqueConstraint("code"),
        CheckConstraint(one_of("audience", AUDIENCES), name="audience"),
        CheckConstraint(one_of("status", PLAN_STATUSES), name="status"),
        CheckConstraint("price_monthly >= 0 AND price_yearly >= 0", name="prices_not_negative"),
        CheckConstraint("trial_days >= 0", name="trial_days_not_negative"),
        CheckConstraint(
            "audience = 'wholesaler' OR (max_active_products IS NULL AND NOT pay_on_delivery AND NOT sales_reports)",
            name="retailer_limits",
        ),
        CheckConstraint("audience = 'retailer' OR max_orders_per_month IS NULL", name="wholesaler_limits"),
        Index("ix_plans_audience_status", "audience", "status", "price_monthly"),
    )

    id: Mapped[UUIDPk]
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(100))
    audience: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="active")
    price_monthly: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    price_yearly: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    trial_days: Mapped[int] = mapped_column(Integer, default=0)
    max_active_products: Mapped[int | None] = mapped_column(Integer, comment="Wholesalers; NULL is unlimited.")
    max_staff_users: Mapped[int | None] = mapped_column(Integer, comment="NULL is unlimited.")
    max_orders_per_month: Mapped[int | None] = mapped_column(Integer, comment="Retailers; NULL is unlimited.")
    pay_on_delivery: Mapped[bool] = mapped_column(Boolean, default=False)
    sales_reports: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[CreatedAt]

    def price(self, interval: str) -> Decimal:
        return self.price_yearly if interval == "year" else self.price_monthly


class PlanTerms(Base):
    """The price, limits and features a plan had until an admin changed them at
    `valid_until`. A subscription keeps the terms in force when its current period started
    until that period ends (`billing.plan_terms`); the plan row holds the terms from now on."""

    __tablename__ = "plan_terms"
    __table_args__ = (Index("ix_plan_terms_plan_valid_until", "plan_id", "valid_until"),)

    id: Mapped[UUIDPk]
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    valid_until: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    price_monthly: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    price_yearly: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    max_active_products: Mapped[int | None] = mapped_column(Integer)
    max_staff_users: Mapped[int | None] = mapped_column(Integer)
    max_orders_per_month: Mapped[int | None] = mapped_column(Integer)
    pay_on_delivery: Mapped[bool] = mapped_column(Boolean)
    sales_reports: Mapped[bool] = mapped_column(Boolean)

    def price(self, interval: str) -> Decimal:
        return self.price_yearly if interval == "year" else self.price_monthly


class Subscription(Base):
    __tablename__ = "subscriptions"
    __table_args__ = (
        CheckConstraint(one_of("status", SUBSCRIPTION_STATUSES), name="status"),
        CheckConstraint(one_of("interval", INTERVALS), name="interval"),
        CheckConstraint(
            "scheduled_interval IS NULL OR " + one_of("scheduled_interval", INTERVALS), name="scheduled_interval"
        ),
        CheckConstraint("current_period_end > current_period_start", name="period_positive"),
        CheckConstraint("anchor_day BETWEEN 1 AND 31", name="anchor_day"),
        CheckConstraint("failed_attempts >= 0", name="failed_attempts_not_negative"),
        Index(
            "uq_subscriptions_live_business",
            "business_id",
            unique=True,
            postgresql_where="status IN ('incomplete', 'trialing', 'active', 'past_due', 'suspended')",
        ),
        Index("ix_subscriptions_business_created", "business_id", "created_at"),
        Index(
            "ix_subscriptions_period_end",
            "current_period_end",
            "id",
            postgresql_where="status IN ('trialing', 'active')",
        ),
        Index("ix_subscriptions_retry_due", "next_retry_at", postgresql_where="status = 'past_due'"),
        Index("ix_subscriptions_grace_ends", "grace_ends_at", postgresql_where="status IN ('incomplete', 'past_due')"),
        Index("ix_subscriptions_plan_id", "plan_id"),
    )

    id: Mapped[UUIDPk]
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id", ondelete="RESTRICT"))
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plans.id", ondelete="RESTRICT"))
    interval: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20))
    current_period_start: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    current_period_end: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    anchor_day: Mapped[int] = mapped_column(Integer, comment="Day of month periods end on (clamped to short months).")
    trial_end: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancel_at_period_end: Mapped[bool] = mapped_column(Boolean, default=False)
    cancel_requested_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    scheduled_plan_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("plans.id", ondelete="RESTRICT"))
    scheduled_interval: Mapped[str | None] = mapped_column(String(10))
    provider: Mapped[str] = mapped_column(String(20))
    payer_phone: Mapped[str] = mapped_column(String(20))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0, comment="Failed charges since the last payment.")
    past_due_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    next_retry_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    grace_ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[CreatedAt]


class SubscriptionInvoice(Base):
    __tablename__ = "subscription_invoices"
    __table_args__ = (
        UniqueConstraint("number"),
        UniqueConstraint("subscription_id", "kind", "period_start", name="uq_subscription_invoices_period"),
        CheckConstraint(one_of("kind", INVOICE_KINDS), name="kind"),
        CheckConstraint(one_of("status", INVOICE_STATUSES), name="status"),
        CheckConstraint(one_of("interval", INTERVALS), name="interval"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("period_end > period_start", name="period_positive"),
        Index("uq_subscription_invoices_one_open", "subscription_id", unique=True, postgresql_where="status = 'open'"),
        Index("ix_subscription_invoices_business_created", "business_id", "created_at", "id"),
    )

    id: Mapped[UUIDPk]
    number: Mapped[int] = mapped_column(BigInteger, server_default=subscription_invoice_number_seq.next_value())
    subscription_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("subscriptions.id", ondelete="RESTRICT"))
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id", ondelete="RESTRICT"))
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plans.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10))
    interval: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(200))
    period_start: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    period_end: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3))
    created_at: Mapped[CreatedAt]
    paid_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    paid_by_payment_id: Mapped[uuid.UUID | None] = mapped_column(comment="The payments ledger row that settled it.")
    voided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SubscriptionHistory(Base):
    """Every change of a subscription (status, plan, schedule), who made it and why."""

    __tablename__ = "subscription_history"
    __table_args__ = (Index("ix_subscription_history_subscription_created", "subscription_id", "created_at"),)

    id: Mapped[UUIDPk]
    subscription_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("subscriptions.id", ondelete="CASCADE"))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(60))
    actor: Mapped[str] = mapped_column(String(20), comment="owner | admin | system")
    actor_user_id: Mapped[uuid.UUID | None] = mapped_column()
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    created_at: Mapped[CreatedAt]


class BillingReminder(Base):
    """A reminder already announced: the primary key makes every reminder at most once."""

    __tablename__ = "billing_reminders"
    __table_args__ = (CheckConstraint(one_of("kind", REMINDER_KINDS), name="kind"),)

    subscription_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), primary_key=True)
    created_at: Mapped[CreatedAt]
