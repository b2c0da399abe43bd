"""The retailer's server-side cart: one per retailer business, shared by its users."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business
from chalicelib.catalog.models import Product
from chalicelib.catalog.pricing import unit_price_at
from chalicelib.core.clock import utcnow
from chalicelib.core.errors import ValidationFailed, field_error
from chalicelib.core.invariants import InvariantBroken
from chalicelib.core.principal import Principal
from chalicelib.core.settings import get_settings
from chalicelib.orders import repository
from chalicelib.orders.cart_view import PricedCart, price_cart
from chalicelib.orders.errors import (
    CartItemNotFound,
    DeliveryOptionUnavailable,
    ProductNotFound,
    WholesalerNotInCart,
)
from chalicelib.orders.models import Cart, CartItem
from chalicelib.orders.pricing import nearest_valid_quantities
from chalicelib.orders.schemas import ChooseDelivery

MAX_QUANTITY = 1_000_000


def retailer_of(session: Session, principal: Principal) -> Business:
    business = session.get(Business, principal.require_business_id())
    if business is None:
        raise InvariantBroken("business is missing")
    return business


def priced_cart(session: Session, *, principal: Principal) -> PricedCart:
    retailer = retailer_of(session, principal)
    cart = repository.get_or_create_cart(session, retailer.id)
    return price_cart(session, cart, retailer, get_settings().currency)


def check_quantity(quantity: int, min_order_qty: int, increment: int) -> None:
    nearest = nearest_valid_quantities(quantity, min_order_qty, increment)
    if nearest is not None:
        raise ValidationFailed(
            "This quantity cannot be ordered.",
            details=[
                field_error("quantity", "invalid_quantity", f"Order at least {min_order_qty}, in steps of {increment}.")
            ],
            extra={"valid_quantities": nearest},
        )
    if quantity > MAX_QUANTITY:
        raise ValidationFailed(details=[field_error("quantity", "too_large", "At most 1,000,000 per product.")])


def _visible(session: Session, product_id: uuid.UUID) -> Product:
    found = repository.visible_product(session, product_id)
    if found is None:
        raise ProductNotFound()
    return found[0]


def _put(session: Session, cart: Cart, product: Product, quantity: int, item: CartItem | None) -> None:
    """Sets the line of `product` to `quantity` at today's tier price."""
    tiers = repository.tiers_for(session, [product.id]).get(product.id, [])
    _set_line(session, cart, product, quantity, item, tiers)
    repository.touch_cart(session, cart, utcnow())
    session.flush()


def _set_line(
    session: Session,
    cart: Cart,
    product: Product,
    quantity: int,
    item: CartItem | None,
    tiers: Sequence[tuple[int, Decimal]],
) -> CartItem:
    check_quantity(quantity, product.min_order_qty, product.order_increment)
    price = unit_price_at(tiers, quantity, price_at_moq=product.price_at_moq)
    if item is None:
        item = CartItem(
            id=uuid.uuid4(), cart_id=cart.id, product_id=product.id, quantity=quantity, unit_price_when_added=price
        )
        session.add(item)
    else:
        item.quantity, item.unit_price_when_added = quantity, price
    return item


def add_item(session: Session, *, principal: Principal, product_id: uuid.UUID, quantity: int) -> PricedCart:
    """Adds to the line of that product if the cart already has one."""
    cart = repository.get_or_create_cart(session, principal.require_business_id(), lock=True)
    product = _visible(session, product_id)
    existing = repository.get_cart_item_by_product(session, cart.id, product_id)
    _put(session, cart, product, quantity + (existing.quantity if existing else 0), existing)
    return priced_cart(session, principal=principal)


def set_quantities(session: Session, *, principal: Principal, lines: Sequence[tuple[Product, int]]) -> None:
    """Sets the line of each product to its quantity at today's tier price (reorder): one cart
    lock, one query for the tiers and one for the existing lines, whatever the number of lines."""
    if not lines:
        return
    cart = repository.get_or_create_cart(session, principal.require_business_id(), lock=True)
    product_ids = [product.id for product, _ in lines]
    tiers = repository.tiers_for(session, product_ids)
    items = repository.cart_items_by_product(session, cart.id, product_ids)
    for product, quantity in lines:
        items[product.id] = _set_line(
            session, cart, product, quantity, items.get(product.id), tiers.get(product.id, [])
        )
    repository.touch_cart(session, cart, utcnow())
    session.flush()


def update_item(session: Session, *, principal: Principal, item_id: uuid.UUID, quantity: int) -> PricedCart:
    cart = repository.get_or_create_cart(session, principal.require_business_id(), lock=True)
    item = repository.get_cart_item(session, cart.id, item_id)
    if item is None:
        raise CartItemNotFound()
    _put(session, cart, _visible(session, item.product_id), quantity, item)
    return priced_cart(session, principal=principal)


def remove_item(session: Session, *, principal: Principal, item_id: uuid.UUID) -> PricedCart:
    cart = repository.get_or_create_cart(session, principal.require_business_id(), lock=True)
    item = repository.get_cart_item(session, cart.id, item_id)
    if item is None:
        raise CartItemNotFound()
    session.delete(item)
    repository.touch_cart(session, cart, utcnow())
    session.flush()
    return priced_cart(session, principal=principal)


def choose_delivery(session: Session, *, principal: Principal, request: ChooseDelivery) -> PricedCart:
    cart = repository.get_or_create_cart(session, principal.require_business_id(), lock=True)
    current = price_cart(session, cart, retailer_of(session, principal), get_settings().currency)
    group = next((g for g in current.groups if g.wholesaler_id == request.wholesaler_id), None)
    if group is None:
        raise WholesalerNotInCart()
    if request.method not in group.options:
        raise DeliveryOptionUnavailable()
    address = request.address.model_dump() if request.address is not None else None
    repository.upsert_cart_delivery(session, cart.id, request.wholesaler_id, request.method, address)
    session.flush()
    return priced_cart(session, principal=principal)
