"""All SQL of carts, checkouts and orders. Reads are scoped to the caller's business."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session, aliased

from chalicelib.accounts.models import Business, User
from chalicelib.catalog.models import PriceTier, Product
from chalicelib.catalog.repository import visible_products
from chalicelib.core.invariants import InvariantBroken
from chalicelib.orders.models import (
    Cart,
    CartDelivery,
    CartItem,
    Checkout,
    DeliveryOptions,
    InvoiceCounter,
    Order,
    OrderEvent,
    OrderLine,
)

# --- delivery options ------------------------------------------------------------------


def get_delivery_options(session: Session, wholesaler_id: uuid.UUID) -> DeliveryOptions | None:
    return session.get(DeliveryOptions, wholesaler_id)


def delivery_options_for(session: Session, wholesaler_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, DeliveryOptions]:
    if not wholesaler_ids:
        return {}
    rows = session.scalars(select(DeliveryOptions).where(DeliveryOptions.wholesaler_id.in_(wholesaler_ids)))
    return {row.wholesaler_id: row for row in rows}


# --- cart ------------------------------------------------------------------------------


def get_or_create_cart(session: Session, retailer_id: uuid.UUID, *, lock: bool = False) -> Cart:
    session.execute(insert(Cart).values(id=uuid.uuid4(), retailer_id=retailer_id).on_conflict_do_nothing())
    statement = select(Cart).where(Cart.retailer_id == retailer_id)
    if lock:
        statement = statement.with_for_update()
    cart = session.scalar(statement.execution_options(populate_existing=True))
    if cart is None:
        raise InvariantBroken("cart is missing")
    return cart


def cart_rows(session: Session, cart_id: uuid.UUID) -> Sequence[Any]:
    """Every cart item with its product and the product's wholesaler, in a stable order."""
    return session.execute(
        select(CartItem, Product, Business.name.label("wholesaler_name"), visible_products().label("visible"))
        .join(Product, Product.id == CartItem.product_id)
        .join(Business, Business.id == Product.wholesaler_id)
        .where(CartItem.cart_id == cart_id)
        .order_by(Business.name, Product.wholesaler_id, CartItem.added_at, CartItem.id)
    ).all()


def tiers_for(session: Session, product_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[tuple[int, Decimal]]]:
    tiers: dict[uuid.UUID, list[tuple[int, Decimal]]] = defaultdict(list)
    if product_ids:
        rows = session.execute(
            select(PriceTier.product_id, PriceTier.min_quantity, PriceTier.unit_price)
            .where(PriceTier.product_id.in_(product_ids))
            .order_by(PriceTier.product_id, PriceTier.min_quantity)
        )
        for product_id, min_quantity, unit_price in rows:
            tiers[product_id].append((min_quantity, unit_price))
    return tiers


def cart_product_ids(session: Session, cart_id: uuid.UUID) -> list[uuid.UUID]:
    return list(session.scalars(select(CartItem.product_id).where(CartItem.cart_id == cart_id)))


def cart_deliveries(session: Session, cart_id: uuid.UUID) -> dict[uuid.UUID, CartDelivery]:
    rows = session.scalars(select(CartDelivery).where(CartDelivery.cart_id == cart_id))
    return {row.wholesaler_id: row for row in rows}


def visible_product(session: Session, product_id: uuid.UUID) -> tuple[Product, str] | None:
    row = session.execute(
        select(Product, Business.name)
        .join(Business, Business.id == Product.wholesaler_id)
        .where(Product.id == product_id, visible_products())
    ).one_or_none()
    return (row[0], row[1]) if row else None


def visible_products_by_id(session: Session, product_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Product]:
    """The visible products among `product_ids`, in one query."""
    if not product_ids:
        return {}
    products = session.scalars(select(Product).where(Product.id.in_(product_ids), visible_products()))
    return {product.id: product for product in products}


def cart_items_by_product(
    session: Session, cart_id: uuid.UUID, product_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, CartItem]:
    items = session.scalars(select(CartItem).where(CartItem.cart_id == cart_id, CartItem.product_id.in_(product_ids)))
    return {item.product_id: item for item in items}


def get_cart_item(session: Session, cart_id: uuid.UUID, item_id: uuid.UUID) -> CartItem | None:
    return session.scalar(select(CartItem).where(CartItem.id == item_id, CartItem.cart_id == cart_id))


def get_cart_item_by_product(session: Session, cart_id: uuid.UUID, product_id: uuid.UUID) -> CartItem | None:
    return session.scalar(select(CartItem).where(CartItem.product_id == product_id, CartItem.cart_id == cart_id))


def empty_cart(session: Session, cart_id: uuid.UUID) -> None:
    session.execute(delete(CartItem).where(CartItem.cart_id == cart_id))
    session.execute(delete(CartDelivery).where(CartDelivery.cart_id == cart_id))


def upsert_cart_delivery(
    session: Session, cart_id: uuid.UUID, wholesaler_id: uuid.UUID, method: str, address: dict[str, str] | None
) -> None:
    statement = insert(CartDelivery).values(
        cart_id=cart_id, wholesaler_id=wholesaler_id, method=method, address=address
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[CartDelivery.cart_id, CartDelivery.wholesaler_id],
            set_={"method": statement.excluded.method, "address": statement.excluded.address},
        )
    )


def touch_cart(session: Session, cart: Cart, now: datetime) -> None:
    cart.updated_at = now


# --- checkout --------------------------------------------------------------------------


def claim_checkout(
    session: Session, *, checkout_id: uuid.UUID, retailer_id: uuid.UUID, key: str, request_hash: str, user_id: uuid.UUID
) -> bool:
    """True when this request owns the key. A concurrent request with the same key waits
    here until the first one commits or rolls back (PostgreSQL's ON CONFLICT semantics)."""
    inserted = session.execute(
        insert(Checkout)
        .values(
            id=checkout_id, retailer_id=retailer_id, idempotency_key=key, request_hash=request_hash, created_by=user_id
        )
        .on_conflict_do_nothing()
        .returning(Checkout.id)
    ).scalar_one_or_none()
    return inserted is not None


def get_checkout_by_key(session: Session, retailer_id: uuid.UUID, key: str) -> Checkout | None:
    return session.scalar(select(Checkout).where(Checkout.retailer_id == retailer_id, Checkout.idempotency_key == key))


def lock_products(session: Session, product_ids: Sequence[uuid.UUID]) -> None:
    """Row locks in primary-key order, so concurrent checkouts never deadlock."""
    session.execute(select(Product.id).where(Product.id.in_(product_ids)).order_by(Product.id).with_for_update())


def next_order_numbers(session: Session, count: int) -> list[int]:
    rows = session.execute(text("SELECT nextval('order_number_seq') FROM generate_series(1, :n)"), {"n": count})
    return [int(value) for (value,) in rows]


def next_invoice_numbers(session: Session, wholesaler_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
    """One new number per wholesaler, taken under the counter's row lock (no gaps)."""
    if not wholesaler_ids:
        return {}
    ordered = sorted(set(wholesaler_ids))
    session.execute(
        insert(InvoiceCounter)
        .values([{"wholesaler_id": w, "last_number": 0} for w in ordered])
        .on_conflict_do_nothing()
    )
    session.execute(
        select(InvoiceCounter.wholesaler_id)
        .where(InvoiceCounter.wholesaler_id.in_(ordered))
        .order_by(InvoiceCounter.wholesaler_id)
        .with_for_update()
    )
    rows = session.execute(
        update(InvoiceCounter)
        .where(InvoiceCounter.wholesaler_id.in_(ordered))
        .values(last_number=InvoiceCounter.last_number + 1)
        .returning(InvoiceCounter.wholesaler_id, InvoiceCounter.last_number)
    ).all()
    return {wholesaler_id: int(number) for wholesaler_id, number in rows}


# --- orders ----------------------------------------------------------------------------


def _party_clause(business_id: uuid.UUID) -> ColumnElement[bool]:
    return or_(Order.retailer_id == business_id, Order.wholesaler_id == business_id)


def get_order(session: Session, business_id: uuid.UUID, order_id: uuid.UUID, *, lock: bool = False) -> Order | None:
    statement = select(Order).where(Order.id == order_id, _party_clause(business_id))
    if lock:
        statement = statement.with_for_update()
    return session.scalar(statement)


def orders_of_checkout(session: Session, checkout_id: uuid.UUID, *, lock: bool = False) -> Sequence[Order]:
    statement = select(Order).where(Order.checkout_id == checkout_id).order_by(Order.id)
    if lock:
        statement = statement.with_for_update()
    return session.scalars(statement).all()


def list_orders(
    session: Session,
    *,
    business_id: uuid.UUID,
    as_wholesaler: bool,
    status: str | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> Sequence[Any]:
    retailer = aliased(Business)
    wholesaler = aliased(Business)
    owner_column = Order.wholesaler_id if as_wholesaler else Order.retailer_id
    statement = (
        select(Order, retailer.name.label("retailer_name"), wholesaler.name.label("wholesaler_name"))
        .join(retailer, retailer.id == Order.retailer_id)
        .join(wholesaler, wholesaler.id == Order.wholesaler_id)
        .where(owner_column == business_id)
    )
    if status:
        statement = statement.where(Order.status == status)
    if after is not None:
        created_at, last_id = after
        statement = statement.where(
            or_(Order.created_at < created_at, and_(Order.created_at == created_at, Order.id < last_id))
        )
    return session.execute(statement.order_by(Order.created_at.desc(), Order.id.desc()).limit(limit)).all()


def user_name(session: Session, user_id: uuid.UUID) -> str | None:
    return session.scalar(select(User.full_name).where(User.id == user_id))


def business_names(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
    rows = session.execute(select(Business.id, Business.name).where(Business.id.in_(ids)))
    return {business_id: str(name) for business_id, name in rows}


def order_lines(session: Session, order_id: uuid.UUID) -> Sequence[OrderLine]:
    return session.scalars(select(OrderLine).where(OrderLine.order_id == order_id).order_by(OrderLine.name)).all()


def count_orders_since(session: Session, retailer_id: uuid.UUID, since: datetime) -> int:
    """Orders placed (or awaiting their mobile money payment) since `since`; expired ones do not
    count: what the plan limit `orders_per_month` counts (billing's port)."""
    return int(
        session.scalar(
            select(func.count(Order.id)).where(
                Order.retailer_id == retailer_id,
                Order.created_at >= since,
                or_(Order.placed_at.is_not(None), Order.status == "pending_payment"),
            )
        )
        or 0
    )


def line_counts(session: Session, order_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
    rows = session.execute(
        select(OrderLine.order_id, func.count()).where(OrderLine.order_id.in_(order_ids)).group_by(OrderLine.order_id)
    )
    return {order_id: int(n) for order_id, n in rows}


def order_events(session: Session, order_id: uuid.UUID) -> Sequence[OrderEvent]:
    return session.scalars(
        select(OrderEvent).where(OrderEvent.order_id == order_id).order_by(OrderEvent.created_at, OrderEvent.id)
    ).all()


def expired_unpaid_orders(session: Session, now: datetime, limit: int) -> Sequence[Order]:
    return session.scalars(
        select(Order)
        .where(Order.status == "pending_payment", Order.expires_at <= now)
        .order_by(Order.expires_at, Order.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
