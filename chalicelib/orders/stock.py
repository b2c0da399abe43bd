"""Orders take and give back stock through the inventory's ledger (`apply_movements`):
one `sale` movement per line at checkout, one `cancel` movement per line when an order is
cancelled. All lines or none; a short product refuses the whole checkout (409
`insufficient_stock`, every short product in the details)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from chalicelib.inventory.stock import Movement, apply_movements


@dataclass(frozen=True)
class StockLine:
    product_id: uuid.UUID
    quantity: int
    order_id: uuid.UUID


def reserve_stock(session: Session, lines: Sequence[StockLine], *, actor_user_id: uuid.UUID) -> None:
    apply_movements(
        session,
        [
            Movement(
                product_id=line.product_id,
                kind="sale",
                delta=-line.quantity,
                reference_type="order",
                reference_id=line.order_id,
            )
            for line in lines
        ],
        wholesaler_id=None,
        actor_user_id=actor_user_id,
    )


def return_stock(session: Session, lines: Sequence[StockLine], *, actor_user_id: uuid.UUID | None, note: str) -> None:
    apply_movements(
        session,
        [
            Movement(
                product_id=line.product_id,
                kind="cancel",
                delta=line.quantity,
                note=note[:500],
                reference_type="order",
                reference_id=line.order_id,
            )
            for line in lines
        ],
        wholesaler_id=None,
        actor_user_id=actor_user_id,
    )
