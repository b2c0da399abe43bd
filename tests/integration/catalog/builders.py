"""Catalog rows for the retailer-side tests, written directly with the ORM (the inventory API
is tested on its own)."""

from __future__ import annotations

import itertools
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business
from chalicelib.catalog.models import Category, PriceTier, Product

_seq = itertools.count(1)


def add_category(session: Session, name: str, *, parent: Category | None = None, position: int = 0) -> Category:
    category = Category(
        id=uuid.uuid4(),
        parent_id=parent.id if parent else None,
        name=name,
        slug=name.lower().replace(" ", "-").replace("&", "and"),
        position=position,
    )
    session.add(category)
    session.flush()
    return category


def add_product(
    session: Session,
    wholesaler: Business,
    category: Category,
    name: str,
    *,
    description: str = "",
    brand: str | None = None,
    price: str = "100.00",
    tiers: list[tuple[int, str]] | None = None,
    min_order_qty: int = 1,
    stock: int = 50,
    low_stock_threshold: int = 5,
    status: str = "active",
    gtin: str | None = None,
    lead_time_days: int = 2,
    created_at: datetime | None = None,
    image_keys: list[str] | None = None,
) -> Product:
    n = next(_seq)
    product = Product(
        id=uuid.uuid4(),
        wholesaler_id=wholesaler.id,
        sku=f"CAT-{n:05d}",
        gtin=gtin,
        name=name,
        brand=brand,
        category_id=category.id,
        description=description,
        unit_of_sale="carton of 24",
        pack_size=24,
        min_order_qty=min_order_qty,
        order_increment=1,
        price_at_moq=Decimal(price),
        low_stock_threshold=low_stock_threshold,
        lead_time_days=lead_time_days,
        status=status,
        attributes={},
        image_keys=image_keys or [],
        stock_on_hand=stock,
    )
    if created_at is not None:
        product.created_at = created_at
    session.add(product)
    session.flush()
    for quantity, unit_price in tiers or [(min_order_qty, price)]:
        session.add(PriceTier(product_id=product.id, min_quantity=quantity, unit_price=Decimal(unit_price)))
    session.flush()
    return product


def names(page: dict[str, Any]) -> list[str]:
    return [item["name"] for item in page["items"]]


def all_pages(api: Any, actor: Any, query: str) -> list[list[str]]:
    """The item names of every page of `/catalog/search?{query}`, following the cursor."""
    pages, cursor = [], None
    while True:
        response = api.get(f"/catalog/search?{query}" + (f"&cursor={cursor}" if cursor else ""), token=actor.token)
        assert response.status_code == 200, response.json_body
        pages.append(names(response.json_body))
        cursor = response.json_body["next_cursor"]
        if cursor is None:
            return pages
