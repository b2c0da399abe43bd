"""Catalog rows to response schemas: stock buckets, image URLs, the shared item shape."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from chalicelib.accounts.models import Business
from chalicelib.catalog.images import public_url
from chalicelib.catalog.models import Category
from chalicelib.catalog.schemas import (
    Availability,
    CatalogItem,
    CategoryNode,
    CategoryOut,
    CategoryRef,
    ProductDetail,
    TierOut,
    WholesalerProfile,
    WholesalerRef,
    WholesalerSummary,
)
from chalicelib.core.settings import get_settings


def availability(stock_on_hand: int, low_stock_threshold: int) -> Availability:
    if stock_on_hand <= 0:
        return "out_of_stock"
    if stock_on_hand <= low_stock_threshold:
        return "low_stock"
    return "in_stock"


def image_urls(keys: Sequence[str] | None) -> list[str]:
    return [public_url(key) for key in keys or ()]


def _item_fields(row: Any) -> dict[str, Any]:
    """The fields every catalog answer shares, from a row of `PAGE_COLUMNS` or `OFFER_COLUMNS`."""
    return {
        "id": row.id,
        "name": row.name,
        "brand": row.brand,
        "sku": row.sku,
        "gtin": row.gtin,
        "unit_of_sale": row.unit_of_sale,
        "pack_size": row.pack_size,
        "min_order_qty": row.min_order_qty,
        "order_increment": row.order_increment,
        "price_at_moq": row.price_at_moq,
        "currency": get_settings().currency,
        "in_stock": row.stock_on_hand > 0,
        "availability": availability(row.stock_on_hand, row.low_stock_threshold),
        "lead_time_days": row.lead_time_days,
        "image_urls": image_urls(row.image_keys),
        "wholesaler": WholesalerRef(id=row.wholesaler_id, name=row.wholesaler_name),
        "category": CategoryRef(id=row.category_id, name=row.category_name, slug=row.category_slug),
    }


def catalog_item(row: Any) -> CatalogItem:
    """A search row (see `search_statement.search_statement`) as the item every list answers."""
    return CatalogItem(**_item_fields(row))


def seller_of(row: Any) -> WholesalerSummary:
    """The wholesaler of a product row carrying `OFFER_COLUMNS`."""
    return WholesalerSummary(
        id=row.wholesaler_id,
        name=row.wholesaler_name,
        city=row.city,
        region=row.region,
        country=row.country,
        verified=row.verification_status == "verified",
    )


def wholesaler_profile(business: Business) -> WholesalerProfile:
    return WholesalerProfile(
        id=business.id,
        name=business.name,
        city=business.city,
        region=business.region,
        country=business.country,
        verified=business.verification_status == "verified",
        member_since=business.created_at,
    )


def tiers_of(row: Any) -> list[tuple[int, Decimal]]:
    """(min_quantity, unit_price) pairs from the tier arrays of a row (`repository._tier_arrays`)."""
    return list(zip(row.tier_quantities or [], row.tier_prices or [], strict=True))


def product_detail(row: Any) -> ProductDetail:
    return ProductDetail(
        **_item_fields(row),
        description=row.description,
        attributes=row.attributes or {},
        available_quantity=row.stock_on_hand,
        price_tiers=[TierOut(min_quantity=q, unit_price=p) for q, p in tiers_of(row)],
        wholesaler_summary=seller_of(row),
        updated_at=row.updated_at,
    )


def category_out(category: Category) -> CategoryOut:
    return CategoryOut(
        id=category.id,
        parent_id=category.parent_id,
        name=category.name,
        slug=category.slug,
        position=category.position,
        created_at=category.created_at,
    )


def category_tree(categories: Sequence[Category]) -> list[CategoryNode]:
    """Nest categories (already ordered by position, name) under their parents."""
    nodes = {
        c.id: CategoryNode(id=c.id, name=c.name, slug=c.slug, position=c.position, children=[]) for c in categories
    }
    roots: list[CategoryNode] = []
    for category in categories:
        node = nodes[category.id]
        parent = nodes.get(category.parent_id) if category.parent_id is not None else None
        (parent.children if parent is not None else roots).append(node)
    return roots
