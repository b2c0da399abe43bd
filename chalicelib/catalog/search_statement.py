"""The catalog search statement: one SQL statement answers a page, the total and the facets.

    WITH matched AS MATERIALIZED (          -- the whole result, narrow rows
        SELECT product_id, category_id, brand, <sort key> FROM catalog_listings
        WHERE <listed> AND <text match> AND <filters>)
    , pairs AS (SELECT category_id, brand, count(*) FROM matched GROUP BY category_id, brand)
    , counts AS (SELECT ... sum(n) FROM pairs GROUP BY GROUPING SETS ((), (category_id), (brand)))
    , page AS (SELECT id, sort_key FROM matched
               WHERE (sort_key, id) < (:key, :id) ORDER BY sort_key, id LIMIT :n)
    SELECT <total>, <facets as JSON, first row only>, page.sort_key, products.*, wholesaler, category
    FROM (SELECT 1) LEFT JOIN (page JOIN products JOIN businesses JOIN categories) ON true

The matched set is computed once, from `catalog_listings` (narrow rows of active products,
kept by the database; only the page's rows are read from `products`); the total and both
facets (over the whole result) come from one aggregation pass over it (`search_facets`), and
the number of statements does not depend on the page size. The statement is built once per
shape (`search_shape.Shape`: which filters, sort, match mode, cursor) and run with bind
parameters. What matches and how it ranks: `search_matching`; a broad word by relevance:
`search_broad_word`; the keyset page: `search_paging`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Text, case, cast, func, literal_column, select, true

from chalicelib.accounts.models import Business
from chalicelib.catalog.models import Category, Product
from chalicelib.catalog.repository import PRODUCT_COLUMNS
from chalicelib.catalog.search_broad_word import broad_word_first, broad_word_or_general
from chalicelib.catalog.search_facets import brand_facets, category_facets, facet_counts, pairs, total
from chalicelib.catalog.search_matching import matched
from chalicelib.catalog.search_paging import order, page_of
from chalicelib.catalog.search_shape import Shape

PAGE_COLUMNS = (
    *PRODUCT_COLUMNS,
    Product.category_id,
    Category.name.label("category_name"),
    Category.slug.label("category_slug"),
)


@lru_cache(maxsize=512)
def search_statement(shape: Shape) -> Any:
    """Built once per shape: building the statement costs more than executing a cached one."""
    if broad_word_first(shape):
        page_rows, facet_pairs, match = broad_word_or_general(shape)
    else:
        matched_rows, match = matched(shape)
        page_rows, facet_pairs = page_of(matched_rows, shape), pairs(matched_rows.c.category_id, matched_rows.c.brand)
    page = page_rows.cte("page")

    # The facets ride on the first row only (or on the one all-NULL row of an empty page).
    first_row = func.row_number().over(order_by=order(page, shape.descending)) == 1
    one = select(literal_column("1").label("one")).subquery("one")
    products_of_page = (
        page.join(Product, Product.id == page.c.id)
        .join(Business, Business.id == Product.wholesaler_id)
        .join(Category, Category.id == Product.category_id)
    )
    counts = facet_counts(facet_pairs.cte("pairs"))
    return (
        select(
            match.label("match"),
            total(counts).label("total"),
            case((first_row, cast(category_facets(counts), Text))).label("category_facets"),
            case((first_row, cast(brand_facets(counts), Text))).label("brand_facets"),
            page.c.sort_key,
            *PAGE_COLUMNS,
        )
        .select_from(one.outerjoin(products_of_page, true()))
        .order_by(*order(page, shape.descending))
    )
