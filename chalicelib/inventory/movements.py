"""The wholesaler's stock: manual changes, the movement history and the low-stock list."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from chalicelib.core.invariants import InvariantBroken
from chalicelib.core.principal import Principal
from chalicelib.inventory import repository
from chalicelib.inventory.paging import after_created, after_low_stock, created_cursor, low_stock_cursor
from chalicelib.inventory.presenters import low_stock_item, movement_out
from chalicelib.inventory.schemas import LowStockPage, MovementPage, StockChange, StockChanged
from chalicelib.inventory.service import load_product
from chalicelib.inventory.stock import apply_movement


def change_stock(
    session: Session, *, principal: Principal, product_id: uuid.UUID, request: StockChange
) -> StockChanged:
    """A restock, adjustment, return or damage: one movement and the new stock on hand."""
    movement_id = uuid.uuid4()
    stock = apply_movement(
        session,
        product_id=product_id,
        wholesaler_id=principal.require_business_id(),
        kind=request.reason,
        delta=request.delta,
        note=request.note,
        actor_user_id=principal.user_id,
        movement_id=movement_id,
    )
    movement = repository.get_movement(session, movement_id)
    if movement is None:
        raise InvariantBroken("movement is missing")
    return StockChanged(product_id=product_id, stock_on_hand=stock, movement=movement_out(movement))


def list_movements(
    session: Session, *, principal: Principal, product_id: uuid.UUID, cursor: str | None, limit: int
) -> MovementPage:
    load_product(session, principal, product_id)
    rows = repository.list_movements(session, product_id, after=after_created(cursor), limit=limit + 1)
    page = rows[:limit]
    return MovementPage(
        items=[movement_out(row) for row in page],
        next_cursor=created_cursor(page[-1]) if len(rows) > limit else None,
    )


def list_low_stock(session: Session, *, principal: Principal, cursor: str | None, limit: int) -> LowStockPage:
    rows = repository.list_low_stock(
        session, principal.require_business_id(), after=after_low_stock(cursor), limit=limit + 1
    )
    page = rows[:limit]
    return LowStockPage(
        items=[low_stock_item(row) for row in page],
        next_cursor=low_stock_cursor(page[-1]) if len(rows) > limit else None,
    )
