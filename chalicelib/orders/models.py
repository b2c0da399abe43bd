"""Delivery options, the retailer's cart, checkouts (idempotency), orders and their timeline."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    Sequence,
    String,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from chalicelib.core.db import Base
from chalicelib.core.types import CreatedAt, UUIDPk, one_of

ORDER_STATUSES = (
    "pending_payment",
    "placed",
    "accepted",
    "packed",
    "dispatched",
    "delivered",
    "completed",
    "cancelled",
)
PAYMENT_METHODS = ("mobile_money", "pay_on_delivery")
DELIVERY_METHODS = ("pickup", "delivery")
ORDER_EVENT_KINDS = ("status_changed", "collection_recorded")

order_number_seq = Sequence("order_number_seq", metadata=Base.metadata)


class DeliveryOptions(Base):
    """How a wholesaler hands over goods, and whether it takes payment on delivery."""

    __tablename__ = "delivery_options"
    __table_args__ = (
        CheckConstraint("pickup_enabled OR delivery_enabled", name="some_option"),
        CheckConstraint("delivery_fee >= 0", name="fee_not_negative"),
    )

    wholesaler_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True)
    pickup_enabled: Mapped[bool] = mapped_column(default=True)
    pickup_address: Mapped[str | None] = mapped_column(String(300))
    pickup_hours: Mapped[str | None] = mapped_column(String(200))
    delivery_enabled: Mapped[bool] = mapped_column(default=False)
    delivery_fee: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0.00"))
    free_delivery_threshold: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    regions: Mapped[list[str]] = mapped_column(ARRAY(String(120)), default=list)
    lead_time_days: Mapped[int] = mapped_column(Integer, default=1)
    pay_on_delivery_enabled: Mapped[bool] = mapped_column(default=False)
    pay_on_delivery_max: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    updated_at: Mapped[CreatedAt]


class Cart(Base):
    __tablename__ = "carts"
    __table_args__ = (UniqueConstraint("retailer_id"),)

    id: Mapped[UUIDPk]
    retailer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    updated_at: Mapped[CreatedAt]


class CartItem(Base):
    __tablename__ = "cart_items"
    __table_args__ = (
        UniqueConstraint("cart_id", "product_id"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )

    id: Mapped[UUIDPk]
    cart_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("carts.id", ondelete="CASCADE"))
    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_when_added: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    added_at: Mapped[CreatedAt]


class CartDelivery(Base):
    """The retailer's choice of delivery for one wholesaler's group in the cart."""

    __tablename__ = "cart_deliveries"
    __table_args__ = (CheckConstraint(one_of("method", DELIVERY_METHODS), name="method"),)

    cart_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("carts.id", ondelete="CASCADE"), primary_key=True)
    wholesaler_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True)
    method: Mapped[str] = mapped_column(String(10))
    address: Mapped[dict[str, Any] | None] = mapped_column(JSONB)


class Checkout(Base):
    """One checkout attempt, keyed by the client's Idempotency-Key: the stored answer is
    replayed for the same key and body."""

    __tablename__ = "checkouts"
    __table_args__ = (UniqueConstraint("retailer_id", "idempotency_key"),)

    id: Mapped[UUIDPk]
    retailer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    idempotency_key: Mapped[str] = mapped_column(String(100))
    request_hash: Mapped[str] = mapped_column(String(64))
    response: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    created_at: Mapped[CreatedAt]


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("number"),
        UniqueConstraint("wholesaler_id", "invoice_number"),
        CheckConstraint(one_of("status", ORDER_STATUSES), name="status"),
        CheckConstraint(one_of("payment_method", PAYMENT_METHODS), name="payment_method"),
        CheckConstraint(one_of("delivery_method", DELIVERY_METHODS), name="delivery_method"),
        CheckConstraint("total = subtotal + delivery_fee", name="total_adds_up"),
        Index("ix_orders_wholesaler_created", "wholesaler_id", "created_at", "id"),
        Index("ix_orders_wholesaler_status_created", "wholesaler_id", "status", "created_at", "id"),
        Index("ix_orders_wholesaler_delivery_date", "wholesaler_id", "expected_delivery_date", "number"),
        Index("ix_orders_wholesaler_retailer", "wholesaler_id", "retailer_id", "created_at"),
        Index("ix_orders_retailer_created", "retailer_id", "created_at", "id"),
        Index("ix_orders_checkout_id", "checkout_id"),
        Index("ix_orders_pending_expiry", "expires_at", postgresql_where="status = 'pending_payment'"),
    )

    id: Mapped[UUIDPk]
    number: Mapped[str] = mapped_column(String(20))
    checkout_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("checkouts.id", ondelete="RESTRICT"))
    retailer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id", ondelete="RESTRICT"))
    wholesaler_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id", ondelete="RESTRICT"))
    status: Mapped[str] = mapped_column(String(20))
    payment_method: Mapped[str] = mapped_column(String(20))
    currency: Mapped[str] = mapped_column(String(3))
    subtotal: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    delivery_fee: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    total: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    amount_collected: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0.00"))
    delivery_method: Mapped[str] = mapped_column(String(10))
    delivery_address: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    delivery_lead_time_days: Mapped[int] = mapped_column(Integer)
    driver_name: Mapped[str | None] = mapped_column(String(120))
    driver_phone: Mapped[str | None] = mapped_column(String(20))
    vehicle: Mapped[str | None] = mapped_column(String(20))
    expected_delivery_date: Mapped[date | None] = mapped_column(Date)
    cancel_reason: Mapped[str | None] = mapped_column(String(500))
    invoice_number: Mapped[int | None] = mapped_column(Integer)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    placed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[CreatedAt]


class OrderLine(Base):
    """A snapshot of what was bought: later price or name changes never alter it."""

    __tablename__ = "order_lines"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("line_total = unit_price * quantity", name="line_total_adds_up"),
        Index("ix_order_lines_order_id", "order_id"),
        Index("ix_order_lines_product_id", "product_id"),
    )

    id: Mapped[UUIDPk]
    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id", ondelete="RESTRICT"))
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    unit_of_sale: Mapped[str] = mapped_column(String(120))
    unit_price: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    quantity: Mapped[int] = mapped_column(Integer)
    line_total: Mapped[Decimal] = mapped_column(Numeric(14, 2))


class OrderEvent(Base):
    """The order's timeline: every status change (who made it, when and why) and every collection on delivery."""

    __tablename__ = "order_events"
    __table_args__ = (
        Index("ix_order_events_order_created", "order_id", "created_at"),
        CheckConstraint(one_of("kind", ORDER_EVENT_KINDS), name="kind"),
    )

    id: Mapped[UUIDPk]
    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30), default="status_changed", server_default="status_changed")
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    actor_user_id: Mapped[uuid.UUID | None] = mapped_column()
    actor: Mapped[str] = mapped_column(String(20), comment="retailer | wholesaler | system | admin")
    note: Mapped[str | None] = mapped_column(String(500))
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    created_at: Mapped[CreatedAt]


class InvoiceCounter(Base):
    """The last invoice number per wholesaler, taken under a row lock: no gaps, no reuse."""

    __tablename__ = "invoice_counters"

    wholesaler_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)
