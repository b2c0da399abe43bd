"""The retailer side of the catalog: search, storefronts, product detail and price comparison.

Only visible products appear (`repository.visible_products`). Search pages are keyset
paginated: the cursor holds the match mode, the sort, a fingerprint of the query and
filters, and the last row's sort key and id; a cursor used with another query, or
tampered with, is a 400. The typo-tolerant fallback runs only when full text found
nothing, and only for queries of 3 characters or more.
"""

from __future__ import annotations

import hashlib
import json
import math
import uuid
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.orm import Session

from chalicelib.catalog import repository
from chalicelib.catalog.errors import ProductNotFound, WholesalerNotFound, invalid_cursor, unknown_category
from chalicelib.catalog.presenters import (
    catalog_item,
    image_urls,
    product_detail,
    seller_of,
    tiers_of,
    wholesaler_profile,
)
from chalicelib.catalog.pricing import money, unit_price_at
from chalicelib.catalog.schemas import (
    BrandFacet,
    CatalogFilters,
    CategoryFacet,
    CompareQuery,
    Comparison,
    Facets,
    Offer,
    ProductDetail,
    SearchPage,
    Storefront,
)
from chalicelib.catalog.search import (
    Keyset,
    MatchMode,
    SearchFilters,
    SearchResult,
    SearchSpec,
    StatementMode,
    run_search,
)
from chalicelib.core.pagination import decode_cursor, encode_cursor
from chalicelib.core.settings import get_settings

FUZZY_MIN_LENGTH = 3


def search_catalog(session: Session, *, query: CatalogFilters, wholesaler_id: uuid.UUID | None) -> SearchPage:
    """One search statement per page: the first page of a text search falls back to similar
    names within the same statement; later pages follow the mode their cursor records."""
    sort = query.sort or ("relevance" if query.q else "newest")
    if sort == "relevance" and not query.q:
        sort = "newest"  # nothing to rank by
    fingerprint = _fingerprint(query, wholesaler_id, sort)
    mode: StatementMode = "all"
    if query.q:
        mode = "text" if len(query.q) >= FUZZY_MIN_LENGTH else "full_text"
    after = None
    if query.cursor:
        mode, after = _read_cursor(query.cursor, fingerprint=fingerprint, sort=sort, has_text=bool(query.q))
    spec = SearchSpec(
        text=query.q,
        match=mode,
        sort=sort,
        filters=_filters(session, query, wholesaler_id),
        after=after,
        limit=query.limit,
    )
    return _page(run_search(session, spec), spec, fingerprint)


def storefront(session: Session, *, wholesaler_id: uuid.UUID, query: CatalogFilters) -> Storefront:
    business = repository.get_selling_wholesaler(session, wholesaler_id)
    if business is None:
        raise WholesalerNotFound()
    products = search_catalog(session, query=query, wholesaler_id=wholesaler_id)
    return Storefront(wholesaler=wholesaler_profile(business), products=products)


def get_product(session: Session, *, product_id: uuid.UUID) -> ProductDetail:
    row = repository.get_visible_product(session, product_id)
    if row is None:
        raise ProductNotFound()
    return product_detail(row)


def compare_offers(session: Session, *, query: CompareQuery) -> Comparison:
    gtin = query.gtin
    if query.product_id is not None:
        found, gtin = repository.visible_gtin_of(session, query.product_id)
        if not found:
            raise ProductNotFound()
    rows = repository.visible_offers(session, gtin=gtin, product_id=query.product_id)
    offers = [_offer(row, query.quantity) for row in rows]
    offers.sort(key=lambda o: (not o.meets_min_order, o.unit_price, o.lead_time_days, o.wholesaler.name, o.product_id))
    return Comparison(gtin=gtin, quantity=query.quantity, offers=offers)


# --- helpers ------------------------------------------------------------------------------


def _offer(row: Any, quantity: int | None) -> Offer:
    """An offer below its minimum order quantity is priced at that minimum and flagged."""
    meets_min_order = quantity is None or quantity >= row.min_order_qty
    priced = quantity if quantity is not None and meets_min_order else row.min_order_qty
    unit_price = unit_price_at(tiers_of(row), priced, price_at_moq=row.price_at_moq)
    return Offer(
        product_id=row.id,
        name=row.name,
        brand=row.brand,
        sku=row.sku,
        unit_of_sale=row.unit_of_sale,
        wholesaler=seller_of(row),
        min_order_qty=row.min_order_qty,
        order_increment=row.order_increment,
        quantity=priced,
        meets_min_order=meets_min_order,
        unit_price=unit_price,
        line_total=money(unit_price * priced),
        currency=get_settings().currency,
        available_quantity=row.stock_on_hand,
        can_fulfil=row.stock_on_hand >= priced,
        lead_time_days=row.lead_time_days,
        image_urls=image_urls(row.image_keys),
    )


def _filters(session: Session, query: CatalogFilters, wholesaler_id: uuid.UUID | None) -> SearchFilters:
    category_ids = None
    if query.category is not None:
        category_ids = tuple(_category_and_descendants(session, query.category))
    return SearchFilters(
        category_ids=category_ids,
        wholesaler_id=wholesaler_id,
        brand=query.brand,
        min_price=query.min_price,
        max_price=query.max_price,
        in_stock=bool(query.in_stock),
    )


def _category_and_descendants(session: Session, category: str) -> list[uuid.UUID]:
    try:
        ids = repository.category_with_descendants(session, category_id=uuid.UUID(category), slug=None)
    except ValueError:
        ids = repository.category_with_descendants(session, category_id=None, slug=category)
    if not ids:
        raise unknown_category("category")
    return ids


def _fingerprint(query: CatalogFilters, wholesaler_id: uuid.UUID | None, sort: str) -> str:
    scope = query.model_dump(mode="json", exclude={"cursor", "limit", "sort"})
    scope["wholesaler_id"] = str(wholesaler_id) if wholesaler_id else None
    scope["sort"] = sort
    raw = json.dumps(scope, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(raw).hexdigest()[:16]


def _read_cursor(cursor: str, *, fingerprint: str, sort: str, has_text: bool) -> tuple[MatchMode, Keyset]:
    position = decode_cursor(cursor)
    if position.get("f") != fingerprint or position.get("s") != sort:
        raise invalid_cursor("cursor_mismatch", "This cursor belongs to another search; start again from page one.")
    match = position.get("m")
    if match not in ("full_text", "fuzzy", "all") or (match == "all") == has_text:
        raise invalid_cursor()
    try:
        return match, Keyset(key=_cursor_key(sort, position["k"]), id=uuid.UUID(position["id"]))
    except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
        raise invalid_cursor() from exc


def _cursor_key(sort: str, raw_key: str) -> Decimal | datetime | float:
    """Newest: a timestamp; price: a Decimal; relevance: a `real` rank (cast back to real in SQL)."""
    if sort == "newest":
        return datetime.fromisoformat(raw_key)
    if sort == "relevance":
        key = float(raw_key)
        if not math.isfinite(key):
            raise ValueError(raw_key)
        return key
    return Decimal(raw_key)


def _next_cursor(result: SearchResult, spec: SearchSpec, fingerprint: str) -> str | None:
    if len(result.rows) <= spec.limit:
        return None
    last = result.rows[spec.limit - 1]
    key: Any = last.sort_key
    return encode_cursor(
        {
            "m": result.match,
            "s": spec.sort,
            "f": fingerprint,
            "k": key.isoformat() if isinstance(key, datetime) else str(key),
            "id": str(last.id),
        }
    )


def _page(result: SearchResult, spec: SearchSpec, fingerprint: str) -> SearchPage:
    return SearchPage(
        items=[catalog_item(row) for row in result.rows[: spec.limit]],
        next_cursor=_next_cursor(result, spec, fingerprint),
        total=result.total,
        match=result.match,
        facets=Facets(
            categories=[CategoryFacet(**entry) for entry in result.category_facets],
            brands=[BrandFacet(**entry) for entry in result.brand_facets],
        ),
    )
