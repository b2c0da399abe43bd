"""Which listings a search matches and how they rank: full text, the typo fallback, filters.

* `full_text`: `search_vector @@ websearch_to_tsquery('english', q)` (GIN), ranked by
  `ts_rank` with weights {D 0.01, C 0.05, B 0.2, A 1.0}: for a one-word query, the word in
  the name or brand (A) always outranks the word only in the description (C): ts_rank
  scores one word's occurrences at most pi^2/6 times their weight, normalised, so a
  description alone scores < 0.05 and a name >= 0.6. (`ts_rank_cd`, cover density, cost
  about twice as much per row, and a broad word ranks 100,000 rows.)
  A broad word ranks only the listings where it is salient (`search_broad_word`).
* `fuzzy`: the typo-tolerant fallback, run only when full text found nothing:
  `name %> q` (pg_trgm word similarity >= `pg_trgm.word_similarity_threshold`, 0.6 by
  default, through the GIN trigram index), ranked by `word_similarity(q, name)`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import REAL, ColumnElement, Numeric, Text, Uuid, bindparam, case, func, literal_column, select
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import ColumnClause

from chalicelib.catalog.models import CatalogListing
from chalicelib.catalog.repository import listed
from chalicelib.catalog.search_shape import Shape

Listing = CatalogListing
RANK_WEIGHTS: ColumnClause[Any] = literal_column("'{0.01,0.05,0.2,1.0}'::real[]")
ENGLISH: ColumnClause[Any] = literal_column("'english'::regconfig")


def tsquery() -> ColumnElement[Any]:
    """A scalar subquery (an InitPlan): parsed once per execution, also in a generic plan.

    A plain `websearch_to_tsquery('english', $1)` is folded to a constant only when the
    planner sees the value; in the generic plan PostgreSQL switches to after five runs
    of a prepared statement, it would be parsed again for every ranked row.
    """
    return select(func.websearch_to_tsquery(ENGLISH, bindparam("q", type_=Text))).scalar_subquery()


def conditions(shape: Shape, mode: str) -> list[ColumnElement[bool]]:
    """Visibility, the text match of `mode` (`full_text`, `salient`, `single_mention`, `fuzzy`;
    anything else matches every listing) and the shape's filters."""
    found = [listed()]
    if mode == "full_text":
        found.append(Listing.search_vector.op("@@")(tsquery()))
    elif mode == "salient":
        found.append(func.catalog_salient_lexemes(Listing.search_vector).op("@@")(tsquery()))
    elif mode == "single_mention":
        found.append(func.catalog_single_mention(Listing.search_vector, tsquery(), RANK_WEIGHTS))
    elif mode == "fuzzy":
        found.append(Listing.name.op("%>")(bindparam("q", type_=Text)))
    if shape.category:
        found.append(Listing.category_id.in_(bindparam("category_ids", expanding=True, type_=Uuid())))
    if shape.wholesaler:
        found.append(Listing.wholesaler_id == bindparam("wholesaler_id", type_=Uuid()))
    if shape.brand:
        found.append(func.lower(Listing.brand) == bindparam("brand", type_=Text))
    if shape.min_price:
        found.append(Listing.price_at_moq >= bindparam("min_price", type_=Numeric()))
    if shape.max_price:
        found.append(Listing.price_at_moq <= bindparam("max_price", type_=Numeric()))
    if shape.in_stock:
        found.append(Listing.in_stock.is_(True))
    return found


def matches(shape: Shape, mode: str, name: str, *extra: ColumnElement[bool]) -> Any:
    """The listings `mode` matches, as a materialised CTE of narrow rows: id, category, brand, sort key."""
    ranked_as = "full_text" if mode == "salient" else mode
    return (
        select(
            Listing.product_id.label("id"),
            Listing.category_id,
            Listing.brand,
            _sort_key(shape, ranked_as).label("sort_key"),
        )
        .where(*conditions(shape, mode), *extra)
        .cte(name)
        .prefix_with("MATERIALIZED")
    )


def matched(shape: Shape) -> tuple[Any, ColumnElement[Any]]:
    """The whole result, and which match mode produced it.

    In `text` mode the fuzzy matches are computed only when the full-text matches are
    empty: their CTE carries `NOT EXISTS (SELECT 1 FROM full_text_matches)`, a one-time
    filter that skips its scan entirely otherwise. One statement, one round trip.
    """
    if shape.match != "text":
        return matches(shape, shape.match, "matched"), literal_column(f"'{shape.match}'")
    exact = matches(shape, "full_text", "full_text_matches")
    found = select(literal_column("1")).select_from(exact).exists()
    similar = matches(shape, "fuzzy", "fuzzy_matches", ~found)
    both = select(*exact.c).union_all(select(*similar.c)).cte("matched").prefix_with("NOT MATERIALIZED")
    return both, case((found, literal_column("'full_text'")), else_=literal_column("'fuzzy'"))


def _relevance(mode: str) -> ColumnElement[Any]:
    if mode == "full_text":
        return func.ts_rank(RANK_WEIGHTS, Listing.search_vector, tsquery(), type_=REAL)
    return func.word_similarity(bindparam("q", type_=Text), Listing.name, type_=REAL)


def _sort_key(shape: Shape, mode: str) -> ColumnElement[Any] | InstrumentedAttribute[Any]:
    if shape.sort == "relevance":
        return _relevance(mode)
    if shape.sort in ("price_asc", "price_desc"):
        return Listing.price_at_moq
    return Listing.created_at
