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
facets (over the whole result) come from one aggregation pass over it, and the number of
statements does not depend on the page size. The statement is built once per shape
(which filters, sort, match mode, cursor) and run with bind parameters. Text matching:

* `full_text`: `search_vector @@ websearch_to_tsquery('english', q)` (GIN), ranked by
  `ts_rank` with weights {D 0.01, C 0.05, B 0.2, A 1.0}: for a one-word query, the word in
  the name or brand (A) always outranks the word only in the description (C): ts_rank
  scores one word's occurrences at most pi^2/6 times their weight, normalised, so a
  description alone scores < 0.05 and a name >= 0.6. (`ts_rank_cd`, cover density, cost
  about twice as much per row, and a broad word ranks 100,000 rows.)
  A broad word (one word in at least 5% of listings, by the planner's statistics) ranks
  only the listings where it is salient, not its whole result (`_broad_word_first`).
* `fuzzy`: the typo-tolerant fallback, run only when full text found nothing:
  `name %> q` (pg_trgm word similarity >= `pg_trgm.word_similarity_threshold`, 0.6 by
  default, through the GIN trigram index), ranked by `word_similarity(q, name)`.

Relevance is the `real` the ranking function returns, unrounded (rounding 100,000 ranks to
numeric took longer than ranking them): the cursor keeps the text PostgreSQL sent for it,
which cast back to `real` is that very value.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from sqlalchemy import (
    REAL,
    BigInteger,
    ColumnElement,
    DateTime,
    Integer,
    Numeric,
    Row,
    Text,
    Uuid,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal_column,
    or_,
    select,
    true,
    tuple_,
    union_all,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import ColumnClause
from sqlalchemy.types import TypeEngine

from chalicelib.accounts.models import Business
from chalicelib.catalog.models import CatalogListing, Category, Product
from chalicelib.catalog.repository import listed, visibility_variant

Listing = CatalogListing
RANK_WEIGHTS: ColumnClause[Any] = literal_column("'{0.01,0.05,0.2,1.0}'::real[]")
EMPTY_JSON_ARRAY: ColumnClause[Any] = literal_column("'[]'::json")
ENGLISH: ColumnClause[Any] = literal_column("'english'::regconfig")
BRAND_FACET_LIMIT = 50
# What ts_rank gives one mention of a word in a description (see _broad_word_first).
SINGLE_MENTION_RANK: ColumnElement[Any] = func.ts_rank(
    RANK_WEIGHTS, literal_column("'x:1C'::tsvector"), literal_column("'x'::tsquery"), type_=REAL
)
MAX_UUID: ColumnClause[Any] = literal_column("'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid")
# The broad-word path pays when the word is in at least this share of listings (statistics).
BROAD_WORD_SHARE = 0.05
# Single mentions are read in primary-key order when a page of them costs at most this many
# listings read: when they are at least page / DENSE_SCAN_ROWS of all listings.
DENSE_SCAN_ROWS = 2000
LISTINGS_ESTIMATE: ColumnClause[Any] = literal_column(
    "(SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = 'catalog_listings'::regclass)"
)
# grouping(category_id, brand): a bit set for each column NOT grouped by in that row's set.
TOTAL, BY_CATEGORY, BY_BRAND = 3, 1, 2
DESCENDING_SORTS = frozenset({"relevance", "price_desc", "newest"})

MatchMode = Literal["full_text", "fuzzy", "all"]
# What a statement looks for: `text` is full text with the fuzzy fallback in the same statement.
StatementMode = Literal["text", "full_text", "fuzzy", "all"]


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


@dataclass(frozen=True)
class Shape:
    """What decides the text of the statement; the values go in as bind parameters."""

    match: StatementMode
    sort: str
    category: bool
    wholesaler: bool
    brand: bool
    min_price: bool
    max_price: bool
    in_stock: bool
    after: Literal["none", "numeric", "real", "timestamp"]
    visibility: bool  # repository.visibility_variant()


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


def _key_kind(after: Keyset | None) -> Literal["none", "numeric", "real", "timestamp"]:
    if after is None:
        return "none"
    if isinstance(after.key, datetime):
        return "timestamp"
    return "real" if isinstance(after.key, float) else "numeric"


def _relevance(mode: str) -> ColumnElement[Any]:
    if mode == "full_text":
        return func.ts_rank(RANK_WEIGHTS, Listing.search_vector, _tsquery(), type_=REAL)
    return func.word_similarity(bindparam("q", type_=Text), Listing.name, type_=REAL)


def _tsquery() -> ColumnElement[Any]:
    """A scalar subquery (an InitPlan): parsed once per execution, also in a generic plan.

    A plain `websearch_to_tsquery('english', $1)` is folded to a constant only when the
    planner sees the value; in the generic plan PostgreSQL switches to after five runs
    of a prepared statement, it would be parsed again for every ranked row.
    """
    return select(func.websearch_to_tsquery(ENGLISH, bindparam("q", type_=Text))).scalar_subquery()


def _conditions(shape: Shape, mode: str) -> list[ColumnElement[bool]]:
    conditions = [listed()]
    if mode == "full_text":
        conditions.append(Listing.search_vector.op("@@")(_tsquery()))
    elif mode == "salient":
        conditions.append(func.catalog_salient_lexemes(Listing.search_vector).op("@@")(_tsquery()))
    elif mode == "single_mention":
        conditions.append(func.catalog_single_mention(Listing.search_vector, _tsquery(), RANK_WEIGHTS))
    elif mode == "fuzzy":
        conditions.append(Listing.name.op("%>")(bindparam("q", type_=Text)))
    if shape.category:
        conditions.append(Listing.category_id.in_(bindparam("category_ids", expanding=True, type_=Uuid())))
    if shape.wholesaler:
        conditions.append(Listing.wholesaler_id == bindparam("wholesaler_id", type_=Uuid()))
    if shape.brand:
        conditions.append(func.lower(Listing.brand) == bindparam("brand", type_=Text))
    if shape.min_price:
        conditions.append(Listing.price_at_moq >= bindparam("min_price", type_=Numeric()))
    if shape.max_price:
        conditions.append(Listing.price_at_moq <= bindparam("max_price", type_=Numeric()))
    if shape.in_stock:
        conditions.append(Listing.in_stock.is_(True))
    return conditions


def _sort_key(shape: Shape, mode: str) -> ColumnElement[Any] | InstrumentedAttribute[Any]:
    if shape.sort == "relevance":
        return _relevance(mode)
    if shape.sort in ("price_asc", "price_desc"):
        return Listing.price_at_moq
    return Listing.created_at


@lru_cache(maxsize=512)
def search_statement(shape: Shape) -> Any:
    """Built once per shape: building the statement costs more than executing a cached one."""
    descending = shape.sort in DESCENDING_SORTS
    if _broad_word_first(shape):
        page_rows, pairs, match = _broad_word_or_general(shape)
    else:
        matched, match = _matched(shape)
        page_rows, pairs = _page_of(matched, shape), _pairs(matched.c.category_id, matched.c.brand)
    page = page_rows.cte("page")

    # The facets ride on the first row only (or on the one all-NULL row of an empty page).
    first_row = func.row_number().over(order_by=_order(page, descending)) == 1
    one = select(literal_column("1").label("one")).subquery("one")
    products_of_page = (
        page.join(Product, Product.id == page.c.id)
        .join(Business, Business.id == Product.wholesaler_id)
        .join(Category, Category.id == Product.category_id)
    )
    counts = _facet_counts(pairs.cte("pairs"))
    return (
        select(
            match.label("match"),
            select(counts.c.n).where(counts.c.g == TOTAL).scalar_subquery().label("total"),
            case((first_row, cast(_category_facets(counts), Text))).label("category_facets"),
            case((first_row, cast(_brand_facets(counts), Text))).label("brand_facets"),
            page.c.sort_key,
            *PAGE_COLUMNS,
        )
        .select_from(one.outerjoin(products_of_page, true()))
        .order_by(*_order(page, descending))
    )


def _page_of(rows: Any, shape: Shape) -> Any:
    """The rows after the cursor, in the sort's order, `page_limit` of them."""
    descending = shape.sort in DESCENDING_SORTS
    page_rows = select(rows.c.id, rows.c.sort_key)
    if shape.after != "none":
        position = tuple_(rows.c.sort_key, rows.c.id)
        key_types: dict[str, TypeEngine[Any]] = {
            "timestamp": DateTime(timezone=True),
            "real": REAL(),
            "numeric": Numeric(),
        }
        key_type = key_types[shape.after]
        # Cast in SQL: the cursor holds a rank as the shortest text of its `real` (what PostgreSQL
        # sends), which is that `real` again only once cast back to real, not as a float8.
        boundary = tuple_(cast(bindparam("after_key", type_=key_type), key_type), bindparam("after_id", type_=Uuid()))
        page_rows = page_rows.where(position < boundary if descending else position > boundary)
    return page_rows.order_by(*_order(rows, descending)).limit(_page_limit())


def _page_limit() -> Any:
    return bindparam("page_limit", type_=Integer)


def _broad_word_first(shape: Shape) -> bool:
    """Whether a broad one-word query may be answered without ranking its whole result.

    With the rank weights (A 1.0, B 0.2, C 0.05), ts_rank scores one word's occurrences in a
    listing by their weights, largest first, each further one counting less: a listing where
    the word is *salient* (in the title or SKU/GTIN, or more than once) scores more than one
    that mentions it once in its description (two mentions: 0.038; one B: 0.12; one A: 0.61),
    and every single description mention scores exactly the same (0.0304). So the results in
    rank order are the salient matches, ranked (found through the GIN index on
    `catalog_salient_lexemes(search_vector)`), then the single mentions by id, descending.
    A page is taken from the salient ones when they fill it, else completed with single
    mentions, walking the primary key backwards until the page is full, when they are dense
    enough among listings for that walk to be short; otherwise every match is ranked (the
    general path). The total and the facets are one aggregate over the matches: no ranking,
    no materialised result.

    That takes two passes over the salient matches (counting, ranking): it pays for a word
    in many listings, where ranking every match is the cost, and the statement takes it only
    for a word in at least `BROAD_WORD_SHARE` of listings (`catalog_word_share`, from the
    statistics ANALYZE keeps); otherwise, one pass ranks every match (the general path).
    """
    return shape.sort == "relevance" and shape.match in ("text", "full_text")


def _broad_word_or_general(shape: Shape) -> tuple[Any, Any, ColumnElement[Any]]:
    """(page rows, facet pairs, match mode): one-time filters run the broad-word path when
    the query is a broad word with full-text matches, else the general one (a narrower word,
    several words, the fuzzy fallback of a misspelt word)."""
    word = (
        select((func.coalesce(func.catalog_word_share(_tsquery()), 0) >= BROAD_WORD_SHARE).label("broad"))
        .cte("word")
        .prefix_with("MATERIALIZED")
    )
    broad_word = select(word.c.broad).scalar_subquery()  # the statistics are read once
    direct_pairs = (
        _pairs(Listing.category_id, Listing.brand)
        .where(*_conditions(shape, "full_text"), broad_word)
        .cte("direct_pairs")
        .prefix_with("MATERIALIZED")
    )
    found = select(func.coalesce(func.sum(direct_pairs.c.n), 0)).scalar_subquery()
    broad_found = and_(broad_word, found > 0)

    salient = _matches(shape, "salient", "salient_matches", broad_word)
    salient_page = _page_of(salient, shape).cte("salient_page")
    salient_fills = select(func.count()).select_from(salient_page).scalar_subquery() == _page_limit()
    singles = found - select(func.count()).select_from(salient).scalar_subquery()
    dense = singles * DENSE_SCAN_ROWS >= _page_limit() * LISTINGS_ESTIMATE
    tiers = and_(broad_found, or_(salient_fills, dense))
    general, general_match = _matched(shape)
    page_rows = union_all(
        select(*salient_page.c).where(tiers),
        _single_mentions(shape, and_(tiers, ~salient_fills)),
        _page_of(general, shape).where(~tiers),
    ).subquery("page_rows")
    descending = shape.sort in DESCENDING_SORTS
    page = select(*page_rows.c).order_by(*_order(page_rows, descending)).limit(_page_limit())
    pairs = union_all(
        select(*direct_pairs.c).where(broad_found),
        _pairs(general.c.category_id, general.c.brand).where(~broad_found),
    )
    return page, pairs, case((broad_found, literal_column("'full_text'")), else_=general_match)


def _single_mentions(shape: Shape, gate: ColumnElement[bool]) -> Any:
    """The page's single mentions, in primary-key order (`catalog_single_mention` is opaque to
    the planner, so it does not trade that walk for the GIN index and a sort)."""
    return (
        select(Listing.product_id.label("id"), SINGLE_MENTION_RANK.label("sort_key"))
        .where(*_conditions(shape, "single_mention"), gate, *_after_single(shape))
        .order_by(Listing.product_id.desc())
        .limit(_page_limit())
    )


def _after_single(shape: Shape) -> list[ColumnElement[bool]]:
    """After the cursor: every single mention when the cursor is on a salient match (a higher
    rank), else those with a lower id, as a primary-key range."""
    if shape.after == "none":
        return []
    key = cast(bindparam("after_key", type_=REAL()), REAL)
    bound = case((key > SINGLE_MENTION_RANK, MAX_UUID), else_=bindparam("after_id", type_=Uuid()))
    return [key >= SINGLE_MENTION_RANK, Listing.product_id < bound]


def _pairs(category_id: Any, brand: Any) -> Any:
    """(category, brand, n): the result counted per pair, what the facets are summed from."""
    return select(category_id, brand, func.count().label("n")).group_by(category_id, brand)


def _matches(shape: Shape, mode: str, name: str, *extra: ColumnElement[bool]) -> Any:
    ranked_as = "full_text" if mode == "salient" else mode
    return (
        select(
            Listing.product_id.label("id"),
            Listing.category_id,
            Listing.brand,
            _sort_key(shape, ranked_as).label("sort_key"),
        )
        .where(*_conditions(shape, mode), *extra)
        .cte(name)
        .prefix_with("MATERIALIZED")
    )


def _matched(shape: Shape) -> tuple[Any, ColumnElement[Any]]:
    """The whole result, and which match mode produced it.

    In `text` mode the fuzzy matches are computed only when the full-text matches are
    empty: their CTE carries `NOT EXISTS (SELECT 1 FROM full_text_matches)`, a one-time
    filter that skips its scan entirely otherwise. One statement, one round trip.
    """
    if shape.match != "text":
        return _matches(shape, shape.match, "matched"), literal_column(f"'{shape.match}'")
    exact = _matches(shape, "full_text", "full_text_matches")
    found = select(literal_column("1")).select_from(exact).exists()
    similar = _matches(shape, "fuzzy", "fuzzy_matches", ~found)
    both = select(*exact.c).union_all(select(*similar.c)).cte("matched").prefix_with("NOT MATERIALIZED")
    return both, case((found, literal_column("'full_text'")), else_=literal_column("'fuzzy'"))


PAGE_COLUMNS = (
    Product.id,
    Product.name,
    Product.brand,
    Product.sku,
    Product.gtin,
    Product.unit_of_sale,
    Product.pack_size,
    Product.min_order_qty,
    Product.order_increment,
    Product.price_at_moq,
    Product.stock_on_hand,
    Product.low_stock_threshold,
    Product.lead_time_days,
    Product.image_keys,
    Product.wholesaler_id,
    Business.name.label("wholesaler_name"),
    Product.category_id,
    Category.name.label("category_name"),
    Category.slug.label("category_slug"),
)


def _order(rows: Any, descending: bool) -> tuple[Any, Any]:
    """Sort key then id, both in the sort's direction, so a (key, id) row comparison pages."""
    if descending:
        return rows.c.sort_key.desc(), rows.c.id.desc()
    return rows.c.sort_key.asc(), rows.c.id.asc()


def _json_object(**fields: Any) -> Any:
    arguments: list[Any] = []
    for key, value in fields.items():
        arguments += [literal_column(f"'{key}'"), value]
    return func.json_build_object(*arguments)


def _json_array(entry: Any, *order_by: Any) -> Any:
    return func.coalesce(func.json_agg(aggregate_order_by(entry, *order_by)), EMPTY_JSON_ARRAY)


def _facet_counts(pairs: Any) -> Any:
    """The total, per category and per brand, from the result's (category, brand) pairs and
    their counts (GROUPING SETS): one hash lookup per matched row (in `pairs`) instead of one
    per grouping set."""
    return (
        select(
            pairs.c.category_id,
            pairs.c.brand,
            func.grouping(pairs.c.category_id, pairs.c.brand).label("g"),
            cast(func.coalesce(func.sum(pairs.c.n), 0), BigInteger).label("n"),  # the total of nothing is 0
        )
        .group_by(func.grouping_sets(tuple_(), tuple_(pairs.c.category_id), tuple_(pairs.c.brand)))
        .cte("counts")
    )


def _category_facets(counts: Any) -> Any:
    entry = _json_object(id=Category.id, name=Category.name, slug=Category.slug, count=counts.c.n)
    return (
        select(_json_array(entry, counts.c.n.desc(), Category.name))
        .select_from(counts.join(Category, Category.id == counts.c.category_id))
        .where(counts.c.g == BY_CATEGORY)
        .scalar_subquery()
    )


def _brand_facets(counts: Any) -> Any:
    top = (
        select(counts.c.brand, counts.c.n)
        .where(counts.c.g == BY_BRAND, counts.c.brand.is_not(None))
        .order_by(counts.c.n.desc(), counts.c.brand)
        .limit(BRAND_FACET_LIMIT)
        .subquery("top_brands")
    )
    entry = _json_object(brand=top.c.brand, count=top.c.n)
    return select(_json_array(entry, top.c.n.desc(), top.c.brand)).select_from(top).scalar_subquery()
