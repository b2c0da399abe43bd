"""A broad word by relevance: the page without ranking the whole result.

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

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    REAL,
    ColumnElement,
    Uuid,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.sql.elements import ColumnClause

from chalicelib.catalog.search_facets import pairs
from chalicelib.catalog.search_matching import RANK_WEIGHTS, Listing, conditions, matched, matches, tsquery
from chalicelib.catalog.search_paging import order, page_limit, page_of
from chalicelib.catalog.search_shape import Shape

# What ts_rank gives one mention of a word in a description.
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


def broad_word_first(shape: Shape) -> bool:
    """Whether a broad one-word query may be answered without ranking its whole result: a
    text search by relevance (whether the word is broad is decided in SQL)."""
    return shape.sort == "relevance" and shape.match in ("text", "full_text")


def broad_word_or_general(shape: Shape) -> tuple[Any, Any, ColumnElement[Any]]:
    """(page rows, facet pairs, match mode): one-time filters run the broad-word path when
    the query is a broad word with full-text matches, else the general one (a narrower word,
    several words, the fuzzy fallback of a misspelt word)."""
    word = (
        select((func.coalesce(func.catalog_word_share(tsquery()), 0) >= BROAD_WORD_SHARE).label("broad"))
        .cte("word")
        .prefix_with("MATERIALIZED")
    )
    broad_word = select(word.c.broad).scalar_subquery()  # the statistics are read once
    direct_pairs = (
        pairs(Listing.category_id, Listing.brand)
        .where(*conditions(shape, "full_text"), broad_word)
        .cte("direct_pairs")
        .prefix_with("MATERIALIZED")
    )
    found = select(func.coalesce(func.sum(direct_pairs.c.n), 0)).scalar_subquery()
    broad_found = and_(broad_word, found > 0)

    salient = matches(shape, "salient", "salient_matches", broad_word)
    salient_page = page_of(salient, shape).cte("salient_page")
    salient_fills = select(func.count()).select_from(salient_page).scalar_subquery() == page_limit()
    singles = found - select(func.count()).select_from(salient).scalar_subquery()
    dense = singles * DENSE_SCAN_ROWS >= page_limit() * LISTINGS_ESTIMATE
    tiers = and_(broad_found, or_(salient_fills, dense))
    general, general_match = matched(shape)
    page_rows = union_all(
        select(*salient_page.c).where(tiers),
        _single_mentions(shape, and_(tiers, ~salient_fills)),
        page_of(general, shape).where(~tiers),
    ).subquery("page_rows")
    page = select(*page_rows.c).order_by(*order(page_rows, shape.descending)).limit(page_limit())
    facet_pairs = union_all(
        select(*direct_pairs.c).where(broad_found),
        pairs(general.c.category_id, general.c.brand).where(~broad_found),
    )
    return page, facet_pairs, case((broad_found, literal_column("'full_text'")), else_=general_match)


def _single_mentions(shape: Shape, gate: ColumnElement[bool]) -> Any:
    """The page's single mentions, in primary-key order (`catalog_single_mention` is opaque to
    the planner, so it does not trade that walk for the GIN index and a sort)."""
    return (
        select(Listing.product_id.label("id"), SINGLE_MENTION_RANK.label("sort_key"))
        .where(*conditions(shape, "single_mention"), gate, *_after_single(shape))
        .order_by(Listing.product_id.desc())
        .limit(page_limit())
    )


def _after_single(shape: Shape) -> list[ColumnElement[bool]]:
    """After the cursor: every single mention when the cursor is on a salient match (a higher
    rank), else those with a lower id, as a primary-key range."""
    if shape.after == "none":
        return []
    key = cast(bindparam("after_key", type_=REAL()), REAL)
    bound = case((key > SINGLE_MENTION_RANK, MAX_UUID), else_=bindparam("after_id", type_=Uuid()))
    return [key >= SINGLE_MENTION_RANK, Listing.product_id < bound]
