"""The order queue (`GET /orders`): filters, three sorts with their own keyset cursors,
and the pick list of a set of orders.

A cursor carries its sort's key and the sort's name: a cursor of one sort given with
another is refused (400 `invalid_cursor`) rather than answering a page from nowhere.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from chalicelib.core.clock import start_of_day, utcnow
from chalicelib.core.errors import ValidationFailed, field_error
from chalicelib.core.pagination import decode_cursor, encode_cursor
from chalicelib.core.principal import WHOLESALER, Principal
from chalicelib.orders import queue_repository
from chalicelib.orders.errors import OrderNotFound
from chalicelib.orders.presenters import list_item
from chalicelib.orders.queue_repository import QueueFilters, QueuePosition
from chalicelib.orders.queue_schemas import (
    OrderListQuery,
    PickListLine,
    PickListOrder,
    PickListOrderQuantity,
    PickListOut,
)
from chalicelib.orders.schemas import OrderPage
from chalicelib.orders.service import payments_of

ORDER_NUMBER = re.compile(r"^(?:ORD-?)?(\d{1,9})$", re.IGNORECASE)


def _invalid_cursor() -> ValidationFailed:
    return ValidationFailed(
        "The cursor is invalid.", details=[field_error("cursor", "invalid_cursor", "Start again from the first page.")]
    )


def encode_position(sort: str, row: Any) -> str:
    if sort == "delivery_date":
        day = row.expected_delivery_date
        return encode_cursor({"sort": sort, "date": day.isoformat() if day else None, "number": row.number})
    return encode_cursor({"sort": sort, "created_at": row.created_at.isoformat(), "id": str(row.id)})


def decode_position(sort: str, cursor: str | None) -> QueuePosition | None:
    if not cursor:
        return None
    position = decode_cursor(cursor)
    if position.get("sort") != sort:
        raise _invalid_cursor()
    try:
        if sort == "delivery_date":
            day = position["date"]
            number = position["number"]
            if not isinstance(number, str):
                raise TypeError
            return QueuePosition(delivery_date=date.fromisoformat(day) if day else None, number=number)
        return QueuePosition(created_at=datetime.fromisoformat(position["created_at"]), id=uuid.UUID(position["id"]))
    except (KeyError, ValueError, TypeError):
        raise _invalid_cursor() from None


def filters_of(query: OrderListQuery, statuses: list[str]) -> QueueFilters:
    number_match = ORDER_NUMBER.match(query.q) if query.q else None
    return QueueFilters(
        statuses=statuses,
        payment_method=query.payment_method,
        payment_status=query.payment_status,
        delivery_date_from=query.delivery_date_from,
        delivery_date_to=query.delivery_date_to,
        placed_from=start_of_day(query.placed_from) if query.placed_from else None,
        placed_before=start_of_day(query.placed_to + timedelta(days=1)) if query.placed_to else None,
        order_number=f"ORD-{int(number_match.group(1)):06d}" if number_match else None,
        name_contains=query.q,
    )


def list_orders(
    session: Session, *, principal: Principal, query: OrderListQuery, statuses: list[str] | None = None
) -> OrderPage:
    """`statuses` overrides the query's own (the route merges a repeated `status` parameter)."""
    rows = queue_repository.list_queue(
        session,
        business_id=principal.require_business_id(),
        as_wholesaler=principal.business_kind == WHOLESALER,
        filters=filters_of(query, statuses if statuses is not None else query.statuses),
        sort=query.sort,
        after=decode_position(query.sort, query.cursor),
        limit=query.limit + 1,
    )
    page = rows[: query.limit]
    next_cursor = encode_position(query.sort, page[-1].Order) if len(rows) > query.limit else None
    payments = payments_of(session, principal, [row.Order for row in page])
    return OrderPage(
        items=[
            list_item(
                row.Order,
                retailer_name=row.retailer_name,
                wholesaler_name=row.wholesaler_name,
                line_count=row.line_count,
                payments=payments,
            )
            for row in page
        ],
        next_cursor=next_cursor,
    )


def pick_list(session: Session, *, principal: Principal, order_ids: list[uuid.UUID]) -> PickListOut:
    """What to take off the shelves for `order_ids`: one line per product with each order's
    share. Any id that is not one of the wholesaler's orders makes the whole request a 404."""
    wanted = list(dict.fromkeys(order_ids))
    orders = queue_repository.orders_for_pick_list(session, principal.require_business_id(), wanted)
    if len(orders) != len(wanted):
        found = {row.Order.id for row in orders}
        raise OrderNotFound(extra={"order_ids": [str(i) for i in wanted if i not in found]})
    lines: dict[uuid.UUID, dict[str, Any]] = {}
    shares: dict[uuid.UUID, list[PickListOrderQuantity]] = defaultdict(list)
    for row in queue_repository.pick_lines(session, wanted):
        line = lines.setdefault(
            row.product_id,
            {
                "product_id": row.product_id,
                "sku": row.sku,
                "gtin": row.gtin,
                "name": row.name,
                "unit_of_sale": row.unit_of_sale,
                "pack_size": row.pack_size,
                "total_quantity": 0,
            },
        )
        line["total_quantity"] += row.quantity
        shares[row.product_id].append(
            PickListOrderQuantity(order_id=row.order_id, number=row.number, quantity=row.quantity)
        )
    return PickListOut(
        generated_at=utcnow(),
        orders=[
            PickListOrder(
                id=row.Order.id,
                number=row.Order.number,
                status=row.Order.status,
                retailer_name=row.retailer_name,
                delivery_method=row.Order.delivery_method,
                delivery_address=row.Order.delivery_address,
                expected_delivery_date=row.Order.expected_delivery_date,
                line_count=row.line_count,
            )
            for row in orders
        ],
        lines=[PickListLine(**line, orders=shares[product_id]) for product_id, line in lines.items()],
    )
