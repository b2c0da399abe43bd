"""Keyset pages of the catalog: every sort, stability under inserts, bad input, statements."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business
from chalicelib.catalog.models import Category
from tests.integration.catalog.builders import add_category, add_product, all_pages, names
from tests.support.api import Api
from tests.support.factories import Actor
from tests.support.statements import counting_statements

T0 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


@pytest.fixture
def soda(db: Session) -> Category:
    return add_category(db, "Soft Drinks")


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("price_asc", ["P1", "P2", "P3", "P4", "P5"]),
        ("price_desc", ["P5", "P4", "P3", "P2", "P1"]),
        ("newest", ["P1", "P3", "P5", "P4", "P2"]),
    ],
)
def test_each_sort_pages_through_every_product_once(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, soda: Category, sort: str, expected: list[str]
) -> None:
    created = {"P1": 5, "P2": 1, "P3": 4, "P4": 2, "P5": 3}  # hours after T0
    for n, name in enumerate(["P1", "P2", "P3", "P4", "P5"], start=1):
        add_product(db, wholesaler, soda, name, price=f"{n}00.00", created_at=T0 + timedelta(hours=created[name]))

    pages = all_pages(api, retailer, f"sort={sort}&limit=2")

    assert pages == [expected[0:2], expected[2:4], expected[4:5]]


def test_relevance_pages_break_ties_by_id(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, soda: Category
) -> None:
    same_rank = [add_product(db, wholesaler, soda, f"Soda {n}") for n in range(5)]
    best = add_product(db, wholesaler, soda, "Soda Soda Water")
    expected = [best.name] + [p.name for p in sorted(same_rank, key=lambda p: p.id, reverse=True)]

    pages = all_pages(api, retailer, "q=soda&limit=4")

    assert pages == [expected[:4], expected[4:]]


def test_rows_inserted_between_pages_do_not_duplicate_or_skip_existing_rows(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, soda: Category
) -> None:
    existing = [
        add_product(db, wholesaler, soda, f"Cola {n}", created_at=T0 + timedelta(minutes=n)).name for n in range(6)
    ]
    first = api.get("/catalog/search?q=cola&sort=newest&limit=3", token=retailer.token).json_body

    # New products arrive before and inside the range already served, and after it
    add_product(db, wholesaler, soda, "Cola newest", created_at=T0 + timedelta(days=1))
    add_product(db, wholesaler, soda, "Cola in between", created_at=T0 + timedelta(minutes=4, seconds=30))
    add_product(db, wholesaler, soda, "Cola oldest", created_at=T0 - timedelta(days=1))
    second = api.get(f"/catalog/search?q=cola&sort=newest&limit=3&cursor={first['next_cursor']}", token=retailer.token)
    third = api.get(
        f"/catalog/search?q=cola&sort=newest&limit=3&cursor={second.json_body['next_cursor']}", token=retailer.token
    )

    assert names(first) == ["Cola 5", "Cola 4", "Cola 3"]
    assert names(second.json_body) == ["Cola 2", "Cola 1", "Cola 0"]
    assert names(third.json_body) == ["Cola oldest"]
    assert third.json_body["next_cursor"] is None
    served = names(first) + names(second.json_body) + names(third.json_body)
    assert sorted(set(existing) & set(served)) == sorted(existing)
    assert len(served) == len(set(served))


@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ("limit=101", "limit", "less_than_equal"),
        ("limit=0", "limit", "greater_than_equal"),
        ("sort=cheapest", "sort", "literal_error"),
        ("min_price=-1", "min_price", "greater_than_equal"),
        ("min_price=20&max_price=10", "body", "price_range_reversed"),
        ("in_stock=maybe", "in_stock", "bool_parsing"),
        ("wholesaler_id=nope", "wholesaler_id", "uuid_parsing"),
        ("colour=red", "colour", "extra_forbidden"),
        ("category=no-such-category", "category", "unknown_category"),
        (f"category={'1' * 8}-1111-4111-8111-{'1' * 12}", "category", "unknown_category"),
        ("cursor=not-a-cursor", "cursor", "invalid_cursor"),
    ],
)
def test_bad_input_is_a_400_with_details(
    api: Api, retailer: Actor, soda: Category, query: str, field: str, code: str
) -> None:
    response = api.get(f"/catalog/search?{query}", token=retailer.token)

    assert response.status_code == 400, response.json_body
    assert response.json_body["error"]["code"] == "validation_failed"
    assert [(d["field"], d["code"]) for d in response.json_body["error"]["details"]] == [(field, code)]


def test_a_tampered_or_foreign_cursor_is_refused(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, soda: Category
) -> None:
    for n in range(3):
        add_product(db, wholesaler, soda, f"Soda {n}")
    cursor = api.get("/catalog/search?q=soda&limit=1", token=retailer.token).json_body["next_cursor"]
    tampered = cursor[:-2] + ("AA" if cursor[-2:] != "AA" else "BB")

    forged = api.get(f"/catalog/search?q=soda&limit=1&cursor={tampered}", token=retailer.token)
    other_query = api.get(f"/catalog/search?q=cola&limit=1&cursor={cursor}", token=retailer.token)
    other_sort = api.get(f"/catalog/search?q=soda&sort=newest&limit=1&cursor={cursor}", token=retailer.token)

    assert forged.status_code == 400
    assert forged.json_body["error"]["details"] == [
        {"field": "cursor", "code": "invalid_cursor", "message": "Start again from the first page."}
    ]
    for response in (other_query, other_sort):
        assert response.status_code == 400
        assert response.json_body["error"]["details"][0]["code"] == "cursor_mismatch"


@pytest.mark.parametrize(
    "query", ["q=chocolate", "q=chocolte", "category=soft-drinks", "q=chocolate&category=soft-drinks"]
)
def test_statements_per_request_do_not_grow_with_the_page_size(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, soda: Category, query: str
) -> None:
    for n in range(120):
        add_product(db, wholesaler, soda, f"Chocolate Bar {n}", brand=f"Brand {n % 7}")

    counts: dict[int, int] = {}
    sizes: dict[int, int] = {}
    for limit in (5, 100):
        with counting_statements() as statements:
            response = api.get(f"/catalog/search?{query}&limit={limit}", token=retailer.token)
        assert response.status_code == 200
        sizes[limit] = len(response.json_body["items"])
        counts[limit] = len([s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))])

    assert sizes == {5: 5, 100: 100}
    assert counts[5] == counts[100]
    # principal + search (+ the category lookup); the fuzzy fallback is inside the search statement
    assert counts[5] == 2 + ("category=" in query)


def test_a_page_past_the_end_is_empty_but_keeps_total_and_facets(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, soda: Category
) -> None:
    products = {p.name: p for p in (add_product(db, wholesaler, soda, f"Soda {n}", brand="Krest") for n in (1, 2))}
    first = api.get("/catalog/search?q=soda&limit=1", token=retailer.token).json_body
    (shown,) = names(first)

    # The product of the next page is archived before the client asks for it
    (hidden,) = set(products) - {shown}
    products[hidden].status = "archived"
    db.flush()
    again = api.get(f"/catalog/search?q=soda&limit=1&cursor={first['next_cursor']}", token=retailer.token)

    assert again.status_code == 200
    assert (again.json_body["items"], again.json_body["total"], again.json_body["next_cursor"]) == ([], 1, None)
    assert again.json_body["facets"]["brands"] == [{"brand": "Krest", "count": 1}]


def test_a_misspelt_search_pages_through_similar_names(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, soda: Category
) -> None:
    for n in range(5):
        add_product(db, wholesaler, soda, f"Hellmanns Mayonnaise {n}00 g")
    add_product(db, wholesaler, soda, "Mayo Sauce 200 g")

    first = api.get("/catalog/search?q=mayonaise&limit=3", token=retailer.token).json_body
    second = api.get(f"/catalog/search?q=mayonaise&limit=3&cursor={first['next_cursor']}", token=retailer.token)

    assert (first["match"], first["total"], len(first["items"])) == ("fuzzy", 5, 3)
    assert (second.json_body["match"], len(second.json_body["items"]), second.json_body["next_cursor"]) == (
        "fuzzy",
        2,
        None,
    )
    assert sorted(names(first) + names(second.json_body)) == [f"Hellmanns Mayonnaise {n}00 g" for n in range(5)]
