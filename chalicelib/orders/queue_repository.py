"""The SQL of the order queue (`GET /orders` with its filters and sorts) and of the pick list.

Every statement is scoped to the caller's side of the order (`owner_column`). The
payment states are the SQL twin of `payment_state.payment_state`; a unit test holds the
two to the same answers.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.orm import Session, aliased

from chalicelib.accounts.models import Business
from chalicelib.catalog.models import Product
from chalicelib.orders.models import Order, OrderLine
from chalicelib.orders.payment_state import (
    AWAITING,
    COLLECTED,
    MOBILE_MONEY,
    NOT_DUE,
    PAID,
    PAY_ON_DELIVERY,
    TO_COLLECT,
)

RETAILER = aliased(Business, name="retailer")
WHOLESALER = aliased(Business, name="wholesaler")
LINE_COUNT = (
    select(func.count()).select_from(OrderLine).where(OrderLine.order_id == Order.id).scalar_subquery()
).label("line_count")
RETAILER_NAME = RETAILER.name.label("retailer_name")
WHOLESALER_NAME = WHOLESALER.name.label("wholesaler_name")
"""Built once per container: aliasing and labelling are a noticeable share of a page's Python time."""


@dataclass(frozen=True)
class QueueFilters:
    statuses: Sequence[str] = ()
    payment_method: str | None = None
    payment_status: str | None = None
    delivery_date_from: date | None = None
    delivery_date_to: date | None = None
    placed_from: datetime | None = None
    placed_before: datetime | None = None
    order_number: str | None = None
    name_contains: str | None = None


@dataclass(frozen=True)
class QueuePosition:
    """The last row of the previous page, in the sort's own key."""

    created_at: datetime | None = None
    delivery_date: date | None = None
    number: str | None = None
    id: uuid.UUID | None = None


def payment_state_clause(state: str) -> ColumnElement[bool]:
    mobile_money = Order.payment_method == MOBILE_MONEY
    on_delivery = Order.payment_method == PAY_ON_DELIVERY
    outstanding = Order.amount_collected < Order.total
    clauses: dict[str, ColumnElement[bool]] = {
        PAID: and_(mobile_money, Order.placed_at.is_not(None)),
        AWAITING: and_(mobile_money, Order.placed_at.is_(None), Order.status == "pending_payment"),
        COLLECTED: and_(on_delivery, Order.amount_collected >= Order.total),
        TO_COLLECT: and_(on_delivery, outstanding, Order.status != "cancelled"),
        NOT_DUE: or_(
            and_(mobile_money, Order.placed_at.is_(None), Order.status != "pending_payment"),
            and_(on_delivery, outstanding, Order.status == "cancelled"),
        ),
    }
    return clauses.get(state, false())


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filtered(statement: Any, filters: QueueFilters, other_party: Any) -> Any:
    if filters.statuses:
        statement = statement.where(Order.status.in_(filters.statuses))
    if filters.payment_method:
        statement = statement.where(Order.payment_method == filters.payment_method)
    if filters.payment_status:
        statement = statement.where(payment_state_clause(filters.payment_status))
    if filters.delivery_date_from is not None:
        statement = statement.where(Order.expected_delivery_date >= filters.delivery_date_from)
    if filters.delivery_date_to is not None:
        statement = statement.where(Order.expected_delivery_date <= filters.delivery_date_to)
    if filters.placed_from is not None:
        statement = statement.where(Order.placed_at >= filters.placed_from)
    if filters.placed_before is not None:
        statement = statement.where(Order.placed_at < filters.placed_before)
    searches = []
    if filters.order_number:
        searches.append(Order.number == filters.order_number)
    if filters.name_contains:
        searches.append(other_party.name.ilike(f"%{_like_escaped(filters.name_contains)}%", escape="\\"))
    if searches:
        statement = statement.where(or_(*searches))
    return statement


def _after(statement: Any, sort: str, position: QueuePosition) -> Any:
    if sort == "delivery_date":
        day, number = position.delivery_date, position.number
        if day is None:
            return statement.where(Order.expected_delivery_date.is_(None), Order.number > number)
        return statement.where(
            or_(
                Order.expected_delivery_date > day,
                and_(Order.expected_delivery_date == day, Order.number > number),
                Order.expected_delivery_date.is_(None),
            )
        )
    created_at, last_id = position.created_at, position.id
    if sort == "oldest":
        return statement.where(
            or_(Order.created_at > created_at, and_(Order.created_at == created_at, Order.id > last_id))
        )
    return statement.where(or_(Order.created_at < created_at, and_(Order.created_at == created_at, Order.id < last_id)))


def _ordered(statement: Any, sort: str) -> Any:
    if sort == "delivery_date":
        return statement.order_by(Order.expected_delivery_date.asc().nulls_last(), Order.number.asc())
    if sort == "oldest":
        return statement.order_by(Order.created_at.asc(), Order.id.asc())
    return statement.order_by(Order.created_at.desc(), Order.id.desc())


def list_queue(
    session: Session,
    *,
    business_id: uuid.UUID,
    as_wholesaler: bool,
    filters: QueueFilters,
    sort: str,
    after: QueuePosition | None,
    limit: int,
) -> Sequence[Any]:
    """One page of orders with both parties' names and the line count, in one statement."""
    owner_column = Order.wholesaler_id if as_wholesaler else Order.retailer_id
    statement = (
        select(Order, RETAILER_NAME, WHOLESALER_NAME, LINE_COUNT)
        .join(RETAILER, RETAILER.id == Order.retailer_id)
        .join(WHOLESALER, WHOLESALER.id == Order.wholesaler_id)
        .where(owner_column == business_id)
    )
    statement = _filtered(statement, filters, WHOLESALER if not as_wholesaler else RETAILER)
    if after is not None:
        statement = _after(statement, sort, after)
    return session.execute(_ordered(statement, sort).limit(limit)).all()


# --- pick list ---------------------------------------------------------------------------


def orders_for_pick_list(session: Session, wholesaler_id: uuid.UUID, order_ids: Sequence[uuid.UUID]) -> Sequence[Any]:
    """The wholesaler's orders among `order_ids` with the retailer's name and line count."""
    return session.execute(
        select(Order, RETAILER_NAME, LINE_COUNT)
        .join(RETAILER, RETAILER.id == Order.retailer_id)
        .where(Order.wholesaler_id == wholesaler_id, Order.id.in_(order_ids))
        .order_by(Order.expected_delivery_date.asc().nulls_last(), Order.number)
    ).all()


def pick_lines(session: Session, order_ids: Sequence[uuid.UUID]) -> Sequence[Any]:
    """Every line of `order_ids` with the product's current GTIN and pack size, by SKU."""
    return session.execute(
        select(
            OrderLine.order_id,
            OrderLine.product_id,
            OrderLine.sku,
            OrderLine.name,
            OrderLine.unit_of_sale,
            OrderLine.quantity,
            Product.gtin,
            Product.pack_size,
            Order.number,
        )
        .join(Product, Product.id == OrderLine.product_id)
        .join(Order, Order.id == OrderLine.order_id)
        .where(OrderLine.order_id.in_(order_ids))
        .order_by(OrderLine.sku, OrderLine.product_id, Order.number)
    ).all()
