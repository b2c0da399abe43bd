"""A one-word search pages the listings with the word in their title first (search._title_first):
the pages, the total and the facets are those of ranking every match."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business
from tests.integration.catalog.builders import add_category, add_product
from tests.integration.catalog.test_search_paging import all_pages
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


@pytest.fixture
def mangoes(db: Session, wholesaler: Business) -> None:
    juices, snacks = add_category(db, "Juices"), add_category(db, "Snacks")
    for n in range(7):  # the word in the name, and 0-2 more times in the description
        add_product(db, wholesaler, juices, f"Mango Juice {n}", description="Ripe mango. " * (n % 3))
    add_product(db, wholesaler, snacks, "Tropical Nectar", brand="Mango")  # the brand is title too
    for n in range(5):  # the word only in the description, 1-3 times
        add_product(db, wholesaler, snacks, f"Dried Fruit {n}", description="Sweet mango pieces. " * (1 + n % 3))
    add_product(db, wholesaler, juices, "Orange Juice", description="No mango here? Yes: mango.", status="draft")


@pytest.mark.usefixtures("mangoes")
@pytest.mark.parametrize("query", ["mango", "mango juice", "dried mango"])
@pytest.mark.parametrize("limit", [1, 3, 5, 20])
def test_pages_follow_the_rank_of_every_match(api: Api, db: Session, retailer: Actor, query: str, limit: int) -> None:
    """limit 3: two pages from the 8 title matches, then a page that starts with the last two
    of them and goes on with description-only matches (the general path)."""
    expected = list(db.execute(EVERY_MATCH_RANKED, {"q": query}).scalars())

    pages = all_pages(api, retailer, f"q={query}&limit={limit}")

    assert [name for page in pages for name in page] == expected
    assert all(len(page) == limit for page in pages[:-1])


@pytest.mark.usefixtures("mangoes")
def test_a_page_of_title_matches_counts_every_match_in_total_and_facets(api: Api, retailer: Actor) -> None:
    page = api.get("/catalog/search?q=mango&limit=3", token=retailer.token).json_body
    beyond_titles = api.get("/catalog/search?q=mango&limit=10", token=retailer.token).json_body

    assert page["items"][0]["name"].startswith("Mango Juice")
    assert page["total"] == beyond_titles["total"] == 13
    assert page["match"] == beyond_titles["match"] == "full_text"
    assert [(c["name"], c["count"]) for c in page["facets"]["categories"]] == [("Juices", 7), ("Snacks", 6)]
    assert page["facets"] == beyond_titles["facets"]
