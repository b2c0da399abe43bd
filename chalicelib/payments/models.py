"""The payments ledger: every collection (mobile money, on delivery, subscriptions), each
request sent to a provider (attempts), every message a provider sent us (the transaction
log), refunds and what the platform owes wholesalers (settlements)."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import INET, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from chalicelib.core.db import Base
from chalicelib.core.types import CreatedAt, UUIDPk, one_of

PAYMENT_STATUSES = ("pending", "succeeded", "failed", "needs_review", "refunded", "partially_refunded")
PAYMENT_METHODS = ("mobile_money", "cash", "mobile_money_on_delivery")
PAYMENT_PURPOSES = ("checkout", "order_collection", "subscription")
REFUND_STATUSES = ("open", "sent", "completed", "failed")
REFUND_CAUSES = (
    "cancelled_order",
    "late_payment",
    "duplicate_collection",
    "orphan_collection",
    "needs_review",
    "invoice_already_settled",
    "manual",
)
ATTEMPT_OUTCOMES = ("succeeded", "failed", "rejected", "review", "expired")
SETTLEMENT_STATUSES = ("due", "paid", "cancelled")
PAYOUT_METHODS = ("mpesa", "mtn_momo", "bank")
LOG_KINDS = ("callback", "status_query")


class Payment(Base):
    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint(one_of("status", PAYMENT_STATUSES), name="status"),
        CheckConstraint(one_of("method", PAYMENT_METHODS), name="method"),
        CheckConstraint(one_of("purpose", PAYMENT_PURPOSES), name="purpose"),
        CheckConstraint("amount > 0", name="amount_positive"),
        Index("ix_payments_checkout_id", "checkout_id"),
        Index("ix_payments_order_id", "order_id"),
        Index("ix_payments_pending_created", "created_at", postgresql_where="status = 'pending'"),
        Index("ix_payments_created_id", "created_at", "id"),
        Index("ix_payments_payer_created", "payer_business_id", "created_at"),
    )

    id: Mapped[UUIDPk]
    payer_business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id", ondelete="RESTRICT"))
    checkout_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("checkouts.id", ondelete="RESTRICT"))
    order_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("orders.id", ondelete="RESTRICT"), comment="Set for a collection recorded on delivery."
    )
    purpose: Mapped[str] = mapped_column(String(20), default="checkout")
    subscription_invoice_id: Mapped[uuid.UUID | None] = mapped_column(
        comment="Set for a subscription charge (the billing domain owns the invoice)."
    )
    method: Mapped[str] = mapped_column(String(30))
    provider: Mapped[str | None] = mapped_column(String(20))
    provider_reference: Mapped[str | None] = mapped_column(String(100))
    payer_phone: Mapped[str | None] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(20))
    failure_reason: Mapped[str | None] = mapped_column(String(300))
    external_receipt: Mapped[str | None] = mapped_column(String(100))
    recorded_by: Mapped[uuid.UUID | None] = mapped_column()
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    settled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[CreatedAt]
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    charged_amount: Mapped[Decimal | None] = mapped_column(
        Numeric(14, 2), comment="What the provider was asked for (whole units for M-Pesa); amount + rounding."
    )
    late: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default="false", comment="Money arrived after the orders had expired."
    )
    last_checked_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="When reconciliation last asked the provider."
    )
    hold_until: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True),
        comment="Until when the payer may still pay or retry (a checkout: its orders' expiry); NULL: nothing held.",
    )


class PaymentAttempt(Base):
    """One collection request sent to a provider. At most one is open (outcome NULL) per
    payment: that is the 'one STK Push in flight' rule."""

    __tablename__ = "payment_attempts"
    __table_args__ = (
        UniqueConstraint("payment_id", "number"),
        UniqueConstraint("provider", "reference"),
        CheckConstraint(one_of("outcome", ATTEMPT_OUTCOMES), name="outcome"),
        Index("ix_payment_attempts_open", "payment_id", unique=True, postgresql_where="outcome IS NULL"),
    )

    id: Mapped[UUIDPk]
    payment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("payments.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    provider: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str | None] = mapped_column(String(150))
    payer_phone: Mapped[str] = mapped_column(String(20))
    requested_at: Mapped[CreatedAt]
    response: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    outcome: Mapped[str | None] = mapped_column(String(20))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ProviderMessage(Base):
    """The transaction log: every webhook request, stored raw before anything else happens
    (even a forged or unreadable one, with the reason), and every status-query answer that
    settled a payment. (provider, provider_transaction_id) is unique, so a repeated
    delivery is recognised by `INSERT ... ON CONFLICT DO NOTHING`."""

    __tablename__ = "payment_provider_messages"
    __table_args__ = (
        UniqueConstraint("provider", "provider_transaction_id"),
        CheckConstraint(one_of("kind", LOG_KINDS), name="kind"),
        Index("ix_payment_provider_messages_received", "received_at"),
        Index("ix_payment_provider_messages_payment", "payment_id"),
        Index("ix_payment_provider_messages_reference", "provider", "reference"),
        Index(
            "ix_payment_provider_messages_orphans_awaiting",
            "processed_at",
            postgresql_where="outcome = 'orphan_awaiting_status'",
        ),
    )

    id: Mapped[UUIDPk]
    kind: Mapped[str] = mapped_column(String(20))
    provider: Mapped[str] = mapped_column(String(20))
    provider_transaction_id: Mapped[str | None] = mapped_column(String(200))
    received_at: Mapped[CreatedAt]
    source_ip: Mapped[str | None] = mapped_column(INET)
    method: Mapped[str | None] = mapped_column(String(10))
    path: Mapped[str | None] = mapped_column(String(300), comment="The token in it is redacted.")
    headers: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    body: Mapped[str | None] = mapped_column(Text, comment="Raw body, cut at the size limit.")
    body_bytes: Mapped[int] = mapped_column(Integer, default=0)
    body_sha256: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str | None] = mapped_column(String(300))
    payment_id: Mapped[uuid.UUID | None] = mapped_column(comment="No foreign key: the log never waits on a lock.")
    reference: Mapped[str | None] = mapped_column(String(150))
    result: Mapped[str | None] = mapped_column(String(20), comment="succeeded | failed | pending | unknown")
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    receipt: Mapped[str | None] = mapped_column(String(100))
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Refund(Base):
    """Money owed back to a payer: opened by the system (a paid order cancelled, money that
    arrived late, twice, or for no payment we know) or by an admin, then paid out by hand or
    through the provider. A refund of an orphan collection has no payment: it names the
    provider message that brought the money instead."""

    __tablename__ = "refunds"
    __table_args__ = (
        CheckConstraint(one_of("status", REFUND_STATUSES), name="status"),
        CheckConstraint(one_of("cause", REFUND_CAUSES), name="cause"),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("payment_id IS NOT NULL OR provider_message_id IS NOT NULL", name="has_source"),
        Index("ix_refunds_payment_id", "payment_id"),
        Index("ix_refunds_order_id", "order_id"),
        Index("ix_refunds_created_id", "created_at", "id"),
        Index("ix_refunds_status_created", "status", "created_at"),
        Index("ix_refunds_payer_created", "payer_business_id", "created_at"),
        Index("ix_refunds_provider_message", "provider_message_id", unique=True),
    )

    id: Mapped[UUIDPk]
    payment_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("payments.id", ondelete="RESTRICT"))
    order_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("orders.id", ondelete="RESTRICT"))
    order_number: Mapped[str | None] = mapped_column(String(20))
    payer_business_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("businesses.id", ondelete="RESTRICT"))
    provider_message_id: Mapped[uuid.UUID | None] = mapped_column(
        comment="The provider message of an orphan collection (no foreign key, as the log's own ids)."
    )
    cause: Mapped[str] = mapped_column(String(30), server_default="manual")
    provider: Mapped[str | None] = mapped_column(String(20))
    payer_phone: Mapped[str | None] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(500))
    reference: Mapped[str | None] = mapped_column(String(100))
    failure_reason: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[CreatedAt]
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_by: Mapped[uuid.UUID | None] = mapped_column()
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    requested_by: Mapped[uuid.UUID | None] = mapped_column(
        comment="The admin who asked; NULL when the system opened it."
    )
    completed_by: Mapped[uuid.UUID | None] = mapped_column()


class Settlement(Base):
    """What the platform owes a wholesaler for one order paid through the platform:
    the order total minus the platform's commission. `cancelled` once the order is cancelled
    before the payout (its retailer is refunded instead)."""

    __tablename__ = "settlements"
    __table_args__ = (
        UniqueConstraint("order_id"),
        CheckConstraint(one_of("status", SETTLEMENT_STATUSES), name="status"),
        CheckConstraint("amount_due = order_total - commission", name="amount_adds_up"),
        Index("ix_settlements_wholesaler_created", "wholesaler_id", "created_at", "id"),
        Index("ix_settlements_status_created", "status", "created_at", "id"),
        Index("ix_settlements_payment_id", "payment_id"),
        Index("ix_settlements_wholesaler_paid", "wholesaler_id", "paid_at", postgresql_where="status = 'paid'"),
    )

    id: Mapped[UUIDPk]
    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("orders.id", ondelete="RESTRICT"))
    order_number: Mapped[str] = mapped_column(String(20))
    wholesaler_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id", ondelete="RESTRICT"))
    payment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("payments.id", ondelete="RESTRICT"))
    currency: Mapped[str] = mapped_column(String(3))
    order_total: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    commission_rate: Mapped[Decimal] = mapped_column(Numeric(6, 4))
    commission: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    amount_due: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    status: Mapped[str] = mapped_column(String(20), default="due")
    payout_reference: Mapped[str | None] = mapped_column(String(100))
    paid_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    paid_by: Mapped[uuid.UUID | None] = mapped_column()
    created_at: Mapped[CreatedAt]


class PayoutAccount(Base):
    """Where a wholesaler's settlements are paid out: an M-Pesa (Kenya) or MTN MoMo (Uganda)
    number, or a bank account. One per wholesaler, set by its owner."""

    __tablename__ = "payout_accounts"
    __table_args__ = (
        CheckConstraint(one_of("method", PAYOUT_METHODS), name="method"),
        CheckConstraint(
            "(method = 'bank' AND bank_code IS NOT NULL AND account_number IS NOT NULL AND phone IS NULL)"
            " OR (method <> 'bank' AND phone IS NOT NULL AND bank_code IS NULL AND account_number IS NULL)",
            name="details_of_method",
        ),
    )

    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True)
    method: Mapped[str] = mapped_column(String(20))
    account_name: Mapped[str] = mapped_column(String(100), comment="Whose the number or account is.")
    phone: Mapped[str | None] = mapped_column(String(20), comment="E.164, for mpesa and mtn_momo.")
    bank_code: Mapped[str | None] = mapped_column(String(11))
    bank_name: Mapped[str | None] = mapped_column(String(100))
    account_number: Mapped[str | None] = mapped_column(String(34))
    updated_at: Mapped[CreatedAt]
    updated_by: Mapped[uuid.UUID | None] = mapped_column()
