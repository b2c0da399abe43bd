"""The catalog search the service calls: a spec in, one statement run, a page, total and facets out.

The statement (`search_statement`) is built once per shape (`search_shape`) and run with the
spec's values as bind parameters; the total and the facets come back on its first row.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import Row
from sqlalchemy.orm import Session

from chalicelib.catalog.repository import visibility_variant
from chalicelib.catalog.search_shape import KeyKind, Shape, StatementMode
from chalicelib.catalog.search_statement import search_statement

__all__ = ["Keyset", "MatchMode", "SearchFilters", "SearchResult", "SearchSpec", "StatementMode", "run_search"]

MatchMode = Literal["full_text", "fuzzy", "all"]


@dataclass(frozen=True)
class SearchFilters:
    category_ids: tuple[uuid.UUID, ...] | None = None
    wholesaler_id: uuid.UUID | None = None
    brand: str | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    in_stock: bool = False


@dataclass(frozen=True)
class Keyset:
    """The last row of the previous page: its sort key and id."""

    key: Decimal | datetime | float
    id: uuid.UUID


@dataclass(frozen=True)
class SearchSpec:
    text: str | None
    match: StatementMode
    sort: str
    filters: SearchFilters
    after: Keyset | None
    limit: int


@dataclass(frozen=True)
class SearchResult:
    match: MatchMode
    rows: list[Row[Any]]
    total: int
    category_facets: list[dict[str, Any]]
    brand_facets: list[dict[str, Any]]


def run_search(session: Session, spec: SearchSpec) -> SearchResult:
    """The page (up to `limit + 1` rows, to tell whether another page follows), total and facets."""
    shape, parameters = _shape_and_parameters(spec)
    rows = session.connection().execute(search_statement(shape), parameters).all()
    first = rows[0]
    return SearchResult(
        match=first.match,
        rows=[row for row in rows if row.id is not None],
        total=int(first.total),
        category_facets=json.loads(first.category_facets),
        brand_facets=json.loads(first.brand_facets),
    )


def _shape_and_parameters(spec: SearchSpec) -> tuple[Shape, dict[str, Any]]:
    f, after = spec.filters, spec.after
    shape = Shape(
        match=spec.match,
        sort=spec.sort,
        category=f.category_ids is not None,
        wholesaler=f.wholesaler_id is not None,
        brand=f.brand is not None,
        min_price=f.min_price is not None,
        max_price=f.max_price is not None,
        in_stock=f.in_stock,
        after=_key_kind(after),
        visibility=visibility_variant(),
    )
    parameters = {
        "q": spec.text,
        "category_ids": list(f.category_ids or ()),
        "wholesaler_id": f.wholesaler_id,
        "brand": f.brand.lower() if f.brand else None,
        "min_price": f.min_price,
        "max_price": f.max_price,
        "after_key": after.key if after else None,
        "after_id": after.id if after else None,
        "page_limit": spec.limit + 1,
    }
    return shape, {name: value for name, value in parameters.items() if value is not None}


def _key_kind(after: Keyset | None) -> KeyKind:
    if after is None:
        return "none"
    if isinstance(after.key, datetime):
        return "timestamp"
    return "real" if isinstance(after.key, float) else "numeric"
