"""Categories and products with price tiers: what a product is (the catalog's records; what
a wholesaler does with them, stock movements included, is the inventory package's).

Stock on hand changes only together with a movement row (`inventory.models.StockMovement`)
through `chalicelib.inventory.stock`; a CHECK keeps it from going below zero even if a
conditional update were ever forgotten. `low_stock_alerted` is set by the movement that
takes stock from above `low_stock_threshold` to or below it (the one that wrote the
`LowStock` event) and cleared when stock rises above the threshold again.
`price_at_moq` (the unit price at the minimum order quantity) is kept on the product for
filtering and sorting.

`CatalogListing` is the narrow row retailer-side search reads: one per active product, kept
by database triggers (migration 0009) in the same transaction as the product, its
wholesaler's verification or its subscriptions change; the application never writes it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    literal_column,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from chalicelib.core.clock import utcnow
from chalicelib.core.db import Base
from chalicelib.core.types import CreatedAt, UUIDPk, one_of

PRODUCT_STATUSES = ("draft", "active", "archived")


class Category(Base):
    __tablename__ = "categories"
    __table_args__ = (UniqueConstraint("slug"), Index("ix_categories_parent_position", "parent_id", "position"))

    id: Mapped[UUIDPk]
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("categories.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(140))
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[CreatedAt]


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (
        UniqueConstraint("wholesaler_id", "sku"),
        CheckConstraint(one_of("status", PRODUCT_STATUSES), name="status"),
        CheckConstraint("stock_on_hand >= 0", name="stock_not_negative"),
        CheckConstraint("pack_size >= 1", name="pack_size_positive"),
        CheckConstraint("min_order_qty >= 1", name="moq_positive"),
        CheckConstraint("order_increment >= 1", name="increment_positive"),
        CheckConstraint("low_stock_threshold >= 0", name="threshold_not_negative"),
        CheckConstraint("lead_time_days >= 0", name="lead_time_not_negative"),
        CheckConstraint("price_at_moq > 0", name="price_positive"),
        Index("ix_products_wholesaler_status_created", "wholesaler_id", "status", "created_at"),
        Index("ix_products_category_id", "category_id"),
        Index("ix_products_gtin", "gtin", postgresql_where="gtin IS NOT NULL"),
        Index("ix_products_wholesaler_created", "wholesaler_id", "created_at", "id"),
        Index(
            "ix_products_low_stock",
            "wholesaler_id",
            "stock_on_hand",
            postgresql_where=text("stock_on_hand <= low_stock_threshold AND status <> 'archived'"),
        ),
    )

    id: Mapped[UUIDPk]
    wholesaler_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id", ondelete="RESTRICT"))
    sku: Mapped[str] = mapped_column(String(64))
    gtin: Mapped[str | None] = mapped_column(String(14))
    name: Mapped[str] = mapped_column(String(200))
    brand: Mapped[str | None] = mapped_column(String(120))
    category_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("categories.id", ondelete="RESTRICT"))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    unit_of_sale: Mapped[str] = mapped_column(String(120))
    pack_size: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    min_order_qty: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    order_increment: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    price_at_moq: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    low_stock_threshold: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    lead_time_days: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    status: Mapped[str] = mapped_column(String(10), default="draft", server_default="draft")
    attributes: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default=text("'{}'::jsonb"))
    image_keys: Mapped[list[str]] = mapped_column(
        ARRAY(String(300)), default=list, server_default=text("'{}'::varchar[]")
    )
    stock_on_hand: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    low_stock_alerted: Mapped[bool] = mapped_column(
        default=False,
        server_default=text("false"),
        comment="Set when a movement crossed down to the threshold (LowStock sent); cleared above it.",
    )
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), default=utcnow, onupdate=utcnow
    )


class CatalogListing(Base):
    """An active product as search sees it. `search_vector` weighs name and brand A, SKU and
    GTIN B, description C. Visible to retailers when `wholesaler_verified` and (subscriptions
    enforced) `wholesaler_in_good_standing`."""

    __tablename__ = "catalog_listings"
    __table_args__ = (
        Index("ix_catalog_listings_search_vector", "search_vector", postgresql_using="gin"),
        Index("ix_catalog_listings_name_trgm", "name", postgresql_using="gin", postgresql_ops={"name": "gin_trgm_ops"}),
        Index("ix_catalog_listings_category_id", "category_id"),
        Index("ix_catalog_listings_wholesaler_created", "wholesaler_id", "created_at"),
        Index("ix_catalog_listings_created_at", "created_at"),
        Index(
            "ix_catalog_listings_salient_lexemes",
            func.catalog_salient_lexemes(literal_column("search_vector")),
            postgresql_using="gin",
        ),
        {"comment": "Active products as search sees them; kept by triggers (0009)."},
    )

    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    wholesaler_id: Mapped[uuid.UUID] = mapped_column()
    category_id: Mapped[uuid.UUID] = mapped_column()
    name: Mapped[str] = mapped_column(String(200))
    brand: Mapped[str | None] = mapped_column(String(120))
    price_at_moq: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    in_stock: Mapped[bool] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    wholesaler_verified: Mapped[bool] = mapped_column()
    wholesaler_in_good_standing: Mapped[bool] = mapped_column()
    search_vector: Mapped[str] = mapped_column(TSVECTOR)


class PriceTier(Base):
    """From `min_quantity` units on, each unit costs `unit_price`."""

    __tablename__ = "price_tiers"
    __table_args__ = (
        CheckConstraint("min_quantity >= 1", name="min_quantity_positive"),
        CheckConstraint("unit_price > 0", name="unit_price_positive"),
    )

    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    min_quantity: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_price: Mapped[Decimal] = mapped_column(Numeric(14, 2))
