"""Prices a cart: tier prices, line totals, per-wholesaler delivery and totals, warnings,
and the version the retailer confirms at checkout.

The version is a hash of every number the retailer agrees to (quantities, unit prices,
line totals, delivery method and fee, totals) and of each line's availability. Stock
levels are left out on purpose: they move with other retailers' purchases, and the
checkout re-checks them under lock (answering `insufficient_stock`), so a retailer is
not sent round in circles by a version that changes on every sale of a popular product.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business
from chalicelib.catalog.pricing import unit_price_at
from chalicelib.catalog.schemas import TierOut
from chalicelib.orders import repository
from chalicelib.orders.models import Cart, CartDelivery, DeliveryOptions
from chalicelib.orders.pricing import delivery_fee, money
from chalicelib.orders.schemas import CartDeliveryChoice, CartGroup, CartLine, CartOut, CartWarning

LOW_STOCK_LINE_FACTOR = 2


@dataclass
class PricedLine:
    item_id: uuid.UUID
    product_id: uuid.UUID
    sku: str
    name: str
    unit_of_sale: str
    quantity: int
    min_order_qty: int
    order_increment: int
    unit_price: Decimal
    unit_price_when_added: Decimal
    line_total: Decimal
    stock_on_hand: int
    available: bool
    warnings: list[CartWarning]
    price_tiers: list[TierOut]


@dataclass
class PricedGroup:
    wholesaler_id: uuid.UUID
    wholesaler_name: str
    lines: list[PricedLine]
    subtotal: Decimal
    method: str
    fee: Decimal
    address: dict[str, str] | None
    lead_time_days: int
    options: list[str]
    pickup_address: str | None
    pickup_hours: str | None
    pay_on_delivery_available: bool
    warnings: list[CartWarning] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.fee


@dataclass
class PricedCart:
    cart_id: uuid.UUID
    currency: str
    groups: list[PricedGroup]

    @property
    def items_total(self) -> Decimal:
        return sum((g.subtotal for g in self.groups), Decimal("0.00"))

    @property
    def delivery_total(self) -> Decimal:
        return sum((g.fee for g in self.groups), Decimal("0.00"))

    @property
    def grand_total(self) -> Decimal:
        return self.items_total + self.delivery_total

    @property
    def lines(self) -> list[PricedLine]:
        return [line for group in self.groups for line in group.lines]

    @property
    def version(self) -> str:
        material: list[Any] = [
            [
                str(g.wholesaler_id),
                g.method,
                str(g.fee),
                str(g.subtotal),
                sorted((g.address or {}).items()),
                [
                    [str(ln.product_id), ln.quantity, str(ln.unit_price), str(ln.line_total), ln.available]
                    for ln in g.lines
                ],
            ]
            for g in self.groups
        ]
        digest = hashlib.sha256(json.dumps(material, separators=(",", ":")).encode()).hexdigest()
        return digest[:20]

    def to_schema(self) -> CartOut:
        return CartOut(
            version=self.version,
            currency=self.currency,
            groups=[_group_schema(g) for g in self.groups],
            items_total=money(self.items_total),
            delivery_total=money(self.delivery_total),
            grand_total=money(self.grand_total),
            item_count=len(self.lines),
        )


def _group_schema(group: PricedGroup) -> CartGroup:
    return CartGroup(
        wholesaler_id=group.wholesaler_id,
        wholesaler_name=group.wholesaler_name,
        lines=[
            CartLine(id=ln.item_id, **{k: v for k, v in ln.__dict__.items() if k != "item_id"}) for ln in group.lines
        ],
        subtotal=money(group.subtotal),
        delivery=CartDeliveryChoice(
            method=group.method,
            fee=money(group.fee),
            address=group.address,
            lead_time_days=group.lead_time_days,
            pickup_address=group.pickup_address,
            pickup_hours=group.pickup_hours,
            options=group.options,
        ),
        total=money(group.total),
        pay_on_delivery_available=group.pay_on_delivery_available,
        warnings=group.warnings,
    )


def business_address(business: Business) -> dict[str, str]:
    return {
        "line": business.address_line,
        "city": business.city,
        "region": business.region,
        "country": business.country,
    }


def price_cart(session: Session, cart: Cart, retailer: Business, currency: str) -> PricedCart:
    rows = repository.cart_rows(session, cart.id)
    product_ids = [row.Product.id for row in rows]
    tiers = repository.tiers_for(session, product_ids)
    wholesaler_ids = list(dict.fromkeys(row.Product.wholesaler_id for row in rows))
    options = repository.delivery_options_for(session, wholesaler_ids)
    choices = repository.cart_deliveries(session, cart.id)

    groups: dict[uuid.UUID, PricedGroup] = {}
    for row in rows:
        item, product = row.CartItem, row.Product
        line = _price_line(item, product, tiers.get(product.id, []), bool(row.visible))
        group = groups.get(product.wholesaler_id)
        if group is None:
            group = groups[product.wholesaler_id] = _empty_group(product.wholesaler_id, row.wholesaler_name)
        group.lines.append(line)
        if line.available:
            group.subtotal += line.line_total
    for group in groups.values():
        _choose_delivery(group, options.get(group.wholesaler_id), choices.get(group.wholesaler_id), retailer)
    return PricedCart(cart_id=cart.id, currency=currency, groups=list(groups.values()))


def _empty_group(wholesaler_id: uuid.UUID, name: str) -> PricedGroup:
    return PricedGroup(
        wholesaler_id=wholesaler_id,
        wholesaler_name=name,
        lines=[],
        subtotal=Decimal("0.00"),
        method="pickup",
        fee=Decimal("0.00"),
        address=None,
        lead_time_days=0,
        options=[],
        pickup_address=None,
        pickup_hours=None,
        pay_on_delivery_available=False,
    )


def _price_line(item: Any, product: Any, tiers: Sequence[tuple[int, Decimal]], visible: bool) -> PricedLine:
    unit_price = unit_price_at(tiers, item.quantity, price_at_moq=product.price_at_moq)
    warnings: list[CartWarning] = []
    if not visible:
        warnings.append(CartWarning(code="unavailable", message="This product is no longer available."))
    elif product.stock_on_hand < item.quantity:
        warnings.append(
            CartWarning(code="insufficient_stock", message=f"Only {product.stock_on_hand} left; reduce the quantity.")
        )
    elif product.stock_on_hand < item.quantity * LOW_STOCK_LINE_FACTOR:
        warnings.append(CartWarning(code="low_stock", message="Stock is running low for this product."))
    if visible and unit_price != item.unit_price_when_added:
        warnings.append(
            CartWarning(
                code="price_changed", message=f"The price changed from {item.unit_price_when_added} to {unit_price}."
            )
        )
    return PricedLine(
        item_id=item.id,
        product_id=product.id,
        sku=product.sku,
        name=product.name,
        unit_of_sale=product.unit_of_sale,
        quantity=item.quantity,
        min_order_qty=product.min_order_qty,
        order_increment=product.order_increment,
        unit_price=unit_price,
        unit_price_when_added=item.unit_price_when_added,
        line_total=money(unit_price * item.quantity) if visible else Decimal("0.00"),
        stock_on_hand=product.stock_on_hand,
        available=visible,
        warnings=warnings,
        price_tiers=[TierOut(min_quantity=minimum, unit_price=price) for minimum, price in tiers],
    )


def _choose_delivery(
    group: PricedGroup, options: DeliveryOptions | None, choice: CartDelivery | None, retailer: Business
) -> None:
    """The retailer's choice if still offered, else pickup where offered, else delivery."""
    if options is None:
        group.options = ["pickup"]
        group.method = "pickup"
        return
    offered = [
        m for m, enabled in (("pickup", options.pickup_enabled), ("delivery", options.delivery_enabled)) if enabled
    ]
    group.options = offered
    group.method = choice.method if choice is not None and choice.method in offered else offered[0]
    group.pickup_address, group.pickup_hours = options.pickup_address, options.pickup_hours
    group.lead_time_days = options.lead_time_days
    if group.method == "delivery":
        group.address = (choice.address if choice is not None and choice.address else None) or business_address(
            retailer
        )
        served = {region.strip().lower() for region in options.regions}
        if group.address.get("region", "").strip().lower() not in served:
            group.warnings.append(
                CartWarning(code="region_not_served", message="This wholesaler does not deliver to your region.")
            )
    group.fee = delivery_fee(
        method=group.method,
        fee=options.delivery_fee,
        free_threshold=options.free_delivery_threshold,
        subtotal=group.subtotal,
    )
    group.pay_on_delivery_available = options.pay_on_delivery_enabled and (
        options.pay_on_delivery_max is None or group.subtotal + group.fee <= options.pay_on_delivery_max
    )
