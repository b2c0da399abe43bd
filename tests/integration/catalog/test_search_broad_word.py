"""A broad word ranks only its salient matches (search_broad_word.broad_word_first): its pages, total
and facets are those of ranking every match, whichever way the page is completed."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business
from tests.integration.catalog.builders import add_category, add_product, all_pages
from tests.support.api import Api
from tests.support.factories import Actor

EVERY_MATCH_RANKED = text(
    """
    SELECT name FROM catalog_listings
    WHERE search_vector @@ websearch_to_tsquery('english', :q)
    ORDER BY ts_rank('{0.01,0.05,0.2,1.0}', search_vector, websearch_to_tsquery('english', :q)) DESC,
             product_id DESC
    """
)
WORD_SHARE = text("SELECT catalog_word_share(websearch_to_tsquery('english', :q))")


@pytest.fixture
def mangoes(db: Session, wholesaler: Business) -> None:
    juices, snacks = add_category(db, "Juices"), add_category(db, "Snacks")
    for n in range(7):  # in the name, and 0-2 more times in the description
        add_product(db, wholesaler, juices, f"Mango Juice {n}", description="Ripe mango. " * (n % 3))
    add_product(db, wholesaler, snacks, "Tropical Nectar", brand="Mango")  # the brand is title too
    for n in range(9):  # only in the description, once (n % 3 == 0) or 2-3 times
        add_product(db, wholesaler, snacks, f"Dried Fruit {n}", description="Sweet mango pieces. " * (1 + n % 3))
    for n in range(4):  # once, in the description
        add_product(db, wholesaler, juices, f"Orange Juice {n}", description="With a hint of mango.")
    add_product(db, wholesaler, juices, "Orange Juice 4", description="No mango: mango.", status="draft")
    add_product(db, wholesaler, juices, "Pineapple Juice", description="Pineapple only.")


@pytest.fixture(params=["general", "broad, single mentions by id", "broad, single mentions too sparse"])
def path(request: pytest.FixtureRequest, db: Session, mangoes: None) -> str:
    """How the statement finds the page: statistics make the word broad, and a large listings
    estimate makes single mentions too sparse to walk the primary key for (all are ranked)."""
    if request.param != "general":
        db.execute(text("ANALYZE catalog_listings"))
        assert db.execute(WORD_SHARE, {"q": "mango"}).scalar_one() >= 0.05
    if request.param.endswith("sparse"):
        db.execute(text("UPDATE pg_class SET reltuples = 1e9 WHERE oid = 'catalog_listings'::regclass"))
    return str(request.param)


@pytest.mark.parametrize("query", ["mango", "mango juice", "dried mango"])
@pytest.mark.parametrize("limit", [1, 3, 7, 30])
def test_pages_follow_the_rank_of_every_match(
    api: Api, db: Session, retailer: Actor, path: str, query: str, limit: int
) -> None:
    """ "mango", limit 3: salient pages (titles, then repeated mentions), a page across the
    last salient matches and the first single mentions, then single mentions by id."""
    expected = list(db.execute(EVERY_MATCH_RANKED, {"q": query}).scalars())

    pages = all_pages(api, retailer, f"q={query}&limit={limit}")

    assert [name for page in pages for name in page] == expected
    assert all(len(page) == limit for page in pages[:-1])


@pytest.mark.parametrize("limit", [2, 5])
def test_filters_apply_to_every_tier(api: Api, db: Session, retailer: Actor, path: str, limit: int) -> None:
    """Juices: 7 title matches and 4 single mentions; in stock: one of each is sold out."""
    db.execute(text("UPDATE products SET stock_on_hand = 0 WHERE name IN ('Mango Juice 3', 'Orange Juice 1')"))
    expected = list(
        db.execute(
            text(
                "SELECT l.name FROM catalog_listings l JOIN categories c ON c.id = l.category_id "
                "WHERE c.slug = 'juices' AND l.in_stock "
                "AND l.search_vector @@ websearch_to_tsquery('english', 'mango') "
                "ORDER BY ts_rank('{0.01,0.05,0.2,1.0}', l.search_vector, websearch_to_tsquery('english', 'mango')) "
                "DESC, l.product_id DESC"
            )
        ).scalars()
    )

    pages = all_pages(api, retailer, f"q=mango&category=juices&in_stock=true&limit={limit}")

    assert [name for page in pages for name in page] == expected
    assert len(expected) == 9


def test_the_total_and_facets_count_every_match(api: Api, retailer: Actor, path: str) -> None:
    page = api.get("/catalog/search?q=mango&limit=3", token=retailer.token).json_body
    last = api.get("/catalog/search?q=mango&limit=30", token=retailer.token).json_body

    assert page["items"][0]["name"].startswith("Mango Juice")
    assert page["total"] == last["total"] == 21
    assert page["match"] == last["match"] == "full_text"
    assert [(c["name"], c["count"]) for c in page["facets"]["categories"]] == [("Juices", 11), ("Snacks", 10)]
    assert page["facets"] == last["facets"]


def test_a_misspelt_word_still_falls_back_to_similar_names(api: Api, retailer: Actor, path: str) -> None:
    page = api.get("/catalog/search?q=pineaple", token=retailer.token).json_body

    assert (page["match"], [i["name"] for i in page["items"]]) == ("fuzzy", ["Pineapple Juice"])
