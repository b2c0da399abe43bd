"""The stock movements ledger: every change of a product's stock on hand, with its kind
(restock, adjustment, return, damage, sale, cancel; restock/return/cancel add, damage/sale
remove, adjustment either), its delta and the stock after it. Written only by
`inventory.stock`, in the same statement as the product's stock."""

from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from chalicelib.core.db import Base
from chalicelib.core.types import CreatedAt, UUIDPk, one_of

MOVEMENT_KINDS = ("restock", "adjustment", "return", "damage", "sale", "cancel")


class StockMovement(Base):
    __tablename__ = "stock_movements"
    __table_args__ = (
        CheckConstraint(one_of("kind", MOVEMENT_KINDS), name="kind"),
        CheckConstraint("delta <> 0", name="delta_not_zero"),
        CheckConstraint("stock_after >= 0", name="stock_after_not_negative"),
        CheckConstraint(
            "(kind NOT IN ('restock', 'return', 'cancel') OR delta > 0)"
            " AND (kind NOT IN ('damage', 'sale') OR delta < 0)",
            name="delta_sign",
        ),
        Index("ix_stock_movements_product_created", "product_id", "created_at", "id"),
        Index("ix_stock_movements_sales", "product_id", "created_at", postgresql_where="kind = 'sale'"),
    )

    id: Mapped[UUIDPk]
    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    wholesaler_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(12))
    delta: Mapped[int] = mapped_column(Integer)
    stock_after: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String(500))
    reference_type: Mapped[str | None] = mapped_column(String(20))
    reference_id: Mapped[uuid.UUID | None] = mapped_column()
    actor_user_id: Mapped[uuid.UUID | None] = mapped_column()
    created_at: Mapped[CreatedAt]
