"""The total and the facets of a search, over its whole result, in one aggregation pass.

The result is first counted per (category, brand) pair; the total and the per-category and
per-brand counts are then summed from those pairs with GROUPING SETS: one hash lookup per
matched row instead of one per grouping set. The facets are built as JSON in SQL, so they
travel on the first row of the page.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, cast, func, literal_column, select, tuple_
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.sql.elements import ColumnClause

from chalicelib.catalog.models import Category

EMPTY_JSON_ARRAY: ColumnClause[Any] = literal_column("'[]'::json")
BRAND_FACET_LIMIT = 50
# grouping(category_id, brand): a bit set for each column NOT grouped by in that row's set.
TOTAL, BY_CATEGORY, BY_BRAND = 3, 1, 2


def pairs(category_id: Any, brand: Any) -> Any:
    """(category, brand, n): the result counted per pair, what the facets are summed from."""
    return select(category_id, brand, func.count().label("n")).group_by(category_id, brand)


def facet_counts(counted: Any) -> Any:
    """The total (`g` = TOTAL), per category and per brand, summed from `counted` pairs."""
    return (
        select(
            counted.c.category_id,
            counted.c.brand,
            func.grouping(counted.c.category_id, counted.c.brand).label("g"),
            cast(func.coalesce(func.sum(counted.c.n), 0), BigInteger).label("n"),  # the total of nothing is 0
        )
        .group_by(func.grouping_sets(tuple_(), tuple_(counted.c.category_id), tuple_(counted.c.brand)))
        .cte("counts")
    )


def total(counts: Any) -> Any:
    return select(counts.c.n).where(counts.c.g == TOTAL).scalar_subquery()


def category_facets(counts: Any) -> Any:
    entry = _json_object(id=Category.id, name=Category.name, slug=Category.slug, count=counts.c.n)
    return (
        select(_json_array(entry, counts.c.n.desc(), Category.name))
        .select_from(counts.join(Category, Category.id == counts.c.category_id))
        .where(counts.c.g == BY_CATEGORY)
        .scalar_subquery()
    )


def brand_facets(counts: Any) -> Any:
    """The `BRAND_FACET_LIMIT` brands with the most matches."""
    top = (
        select(counts.c.brand, counts.c.n)
        .where(counts.c.g == BY_BRAND, counts.c.brand.is_not(None))
        .order_by(counts.c.n.desc(), counts.c.brand)
        .limit(BRAND_FACET_LIMIT)
        .subquery("top_brands")
    )
    entry = _json_object(brand=top.c.brand, count=top.c.n)
    return select(_json_array(entry, top.c.n.desc(), top.c.brand)).select_from(top).scalar_subquery()


def _json_object(**fields: Any) -> Any:
    arguments: list[Any] = []
    for key, value in fields.items():
        arguments += [literal_column(f"'{key}'"), value]
    return func.json_build_object(*arguments)


def _json_array(entry: Any, *order_by: Any) -> Any:
    return func.coalesce(func.json_agg(aggregate_order_by(entry, *order_by)), EMPTY_JSON_ARRAY)
