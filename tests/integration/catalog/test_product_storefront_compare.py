"""GET /catalog/products/{id}, /catalog/wholesalers/{id} and /catalog/compare."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business
from chalicelib.catalog.models import Category
from tests.integration.catalog.builders import add_category, add_product, names
from tests.support.api import Api
from tests.support.factories import Actor, make_business
from tests.support.statements import counting_statements

GTIN = "6161234567890"
NOT_FOUND = {"error": {"code": "product_not_found", "message": "No such product in the catalog.", "details": []}}


@pytest.fixture
def soda(db: Session) -> Category:
    return add_category(db, "Soft Drinks")


def test_the_detail_has_tiers_availability_and_the_wholesaler(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, soda: Category
) -> None:
    product = add_product(
        db,
        wholesaler,
        soda,
        "Krest Bitter Lemon 500 ml",
        brand="Krest",
        description="Sparkling bitter lemon.",
        price="1200.00",
        min_order_qty=5,
        tiers=[(5, "1200.00"), (50, "1150.00"), (100, "1100.00")],
        stock=0,
        lead_time_days=3,
    )

    response = api.get(f"/catalog/products/{product.id}", token=retailer.token)

    assert response.status_code == 200
    body = response.json_body
    assert body["price_tiers"] == [
        {"min_quantity": 5, "unit_price": "1200.00"},
        {"min_quantity": 50, "unit_price": "1150.00"},
        {"min_quantity": 100, "unit_price": "1100.00"},
    ]
    assert (body["availability"], body["in_stock"], body["available_quantity"]) == ("out_of_stock", False, 0)
    assert (body["description"], body["min_order_qty"], body["lead_time_days"]) == ("Sparkling bitter lemon.", 5, 3)
    assert body["wholesaler_summary"] == {
        "id": str(wholesaler.id),
        "name": wholesaler.name,
        "city": "Nairobi",
        "region": "Nairobi",
        "country": "KE",
        "verified": True,
    }
    assert body["category"] == {"id": str(soda.id), "name": "Soft Drinks", "slug": "soft-drinks"}


@pytest.mark.parametrize("case", ["draft", "archived", "unverified", "unknown"])
def test_a_product_retailers_cannot_see_is_not_found(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, soda: Category, case: str
) -> None:
    owner = make_business(db, "wholesaler", verified=False) if case == "unverified" else wholesaler
    status = case if case in ("draft", "archived") else "active"
    product = add_product(db, owner, soda, "Hidden Soda", status=status)
    product_id = "5b0e2f43-4f60-4c8e-9a34-0d5c3e6b0a11" if case == "unknown" else product.id

    response = api.get(f"/catalog/products/{product_id}", token=retailer.token)

    assert response.status_code == 404
    assert response.json_body == NOT_FOUND


def test_the_detail_takes_two_statements(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, soda: Category
) -> None:
    product = add_product(db, wholesaler, soda, "Soda", tiers=[(1, "10.00"), (10, "9.00")])

    with counting_statements() as statements:
        response = api.get(f"/catalog/products/{product.id}", token=retailer.token)

    assert response.status_code == 200
    assert len([s for s in statements if "SAVEPOINT" not in s]) == 2  # principal; product with its tiers
    assert response.json_body["price_tiers"] == [
        {"min_quantity": 1, "unit_price": "10.00"},
        {"min_quantity": 10, "unit_price": "9.00"},
    ]


def test_a_storefront_shows_the_profile_and_only_its_visible_products(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, soda: Category
) -> None:
    other = make_business(db, "wholesaler", verified=True)
    add_product(db, wholesaler, soda, "Krest Tonic", brand="Krest", price="900.00")
    add_product(db, wholesaler, soda, "Krest Soda Water", brand="Krest", price="800.00")
    add_product(db, wholesaler, soda, "Stoney", brand="Stoney", price="700.00")
    add_product(db, wholesaler, soda, "Draft Tonic", brand="Krest", status="draft")
    add_product(db, other, soda, "Other Tonic", brand="Krest")

    response = api.get(f"/catalog/wholesalers/{wholesaler.id}?brand=krest&sort=price_asc", token=retailer.token)

    assert response.status_code == 200
    body = response.json_body
    assert body["wholesaler"]["id"] == str(wholesaler.id)
    assert body["wholesaler"]["verified"] is True
    assert set(body["wholesaler"]) == {"id", "name", "city", "region", "country", "verified", "member_since"}
    assert names(body["products"]) == ["Krest Soda Water", "Krest Tonic"]
    assert body["products"]["total"] == 2


def test_an_unverified_or_unknown_wholesaler_has_no_storefront(api: Api, db: Session, retailer: Actor) -> None:
    pending = make_business(db, "wholesaler", verified=False)
    a_retailer = make_business(db, "retailer")

    for business_id in (pending.id, a_retailer.id, "0c8e1a6e-3f3e-4d5e-8f1a-2b9c7d6e5f40"):
        response = api.get(f"/catalog/wholesalers/{business_id}", token=retailer.token)
        assert response.status_code == 404
        assert response.json_body["error"]["code"] == "wholesaler_not_found"


@pytest.fixture
def offers(db: Session, soda: Category) -> dict[str, Any]:
    """Three wholesalers offer the same GTIN; a fourth is unverified, a fifth has it in draft."""
    a, b, c = (make_business(db, "wholesaler", verified=True) for _ in range(3))
    hidden = make_business(db, "wholesaler", verified=False)
    return {
        "a": add_product(
            db,
            a,
            soda,
            "Coke 500ml x24",
            gtin=GTIN,
            price="1300.00",
            tiers=[(1, "1300.00"), (100, "1150.00")],
            stock=500,
        ),
        "b": add_product(
            db,
            b,
            soda,
            "Coca-Cola 500 ml",
            gtin=GTIN,
            price="1250.00",
            tiers=[(1, "1250.00"), (50, "1240.00"), (200, "1100.00")],
            stock=60,
            lead_time_days=1,
        ),
        "c": add_product(
            db, c, soda, "Coca Cola 500ml", gtin=GTIN, price="1180.00", min_order_qty=120, stock=100, lead_time_days=4
        ),
        "hidden": add_product(db, hidden, soda, "Coke (unverified)", gtin=GTIN, price="900.00"),
        "draft": add_product(db, a, soda, "Coke (draft)", gtin=GTIN, price="800.00", status="draft"),
        "other": add_product(db, b, soda, "Fanta 500 ml", gtin="6161234567883", price="1000.00"),
    }


def offer_view(body: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (o["name"], o["quantity"], o["unit_price"], o["line_total"], o["meets_min_order"], o["can_fulfil"])
        for o in body["offers"]
    ]


def test_compare_at_each_offers_minimum_lists_the_cheapest_first(
    api: Api, retailer: Actor, offers: dict[str, Any]
) -> None:
    response = api.get(f"/catalog/compare?gtin={GTIN}", token=retailer.token)

    assert response.status_code == 200
    assert (response.json_body["gtin"], response.json_body["quantity"]) == (GTIN, None)
    assert offer_view(response.json_body) == [
        ("Coca Cola 500ml", 120, "1180.00", "141600.00", True, False),
        ("Coca-Cola 500 ml", 1, "1250.00", "1250.00", True, True),
        ("Coke 500ml x24", 1, "1300.00", "1300.00", True, True),
    ]


def test_compare_at_a_quantity_uses_the_tier_at_that_quantity(
    api: Api, retailer: Actor, offers: dict[str, Any]
) -> None:
    response = api.get(f"/catalog/compare?gtin={GTIN}&quantity=100", token=retailer.token)

    # a: tier 100 -> 1150; b: tier 50 (greatest <= 100) -> 1240; c: minimum 120 > 100, priced at 120 and last
    assert offer_view(response.json_body) == [
        ("Coke 500ml x24", 100, "1150.00", "115000.00", True, True),
        ("Coca-Cola 500 ml", 100, "1240.00", "124000.00", True, False),
        ("Coca Cola 500ml", 120, "1180.00", "141600.00", False, False),
    ]
    first = response.json_body["offers"][0]
    assert (first["available_quantity"], first["lead_time_days"], first["currency"]) == (500, 2, "KES")
    assert first["wholesaler"]["id"] == str(offers["a"].wholesaler_id)


def test_compare_by_product_id_finds_the_same_offers(api: Api, retailer: Actor, offers: dict[str, Any]) -> None:
    by_product = api.get(f"/catalog/compare?product_id={offers['b'].id}&quantity=200", token=retailer.token)

    assert by_product.json_body["gtin"] == GTIN
    assert [o["unit_price"] for o in by_product.json_body["offers"]] == ["1100.00", "1150.00", "1180.00"]


def test_compare_of_a_product_without_gtin_is_that_offer_alone(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, soda: Category
) -> None:
    product = add_product(db, wholesaler, soda, "Own-label soda", price="500.00")

    response = api.get(f"/catalog/compare?product_id={product.id}", token=retailer.token)

    assert response.json_body["gtin"] is None
    assert [o["product_id"] for o in response.json_body["offers"]] == [str(product.id)]


def test_compare_of_a_hidden_product_is_not_found(api: Api, retailer: Actor, offers: dict[str, Any]) -> None:
    response = api.get(f"/catalog/compare?product_id={offers['draft'].id}", token=retailer.token)

    assert response.status_code == 404
    assert response.json_body == NOT_FOUND


@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ("", "body", "gtin_or_product_id"),
        (f"gtin={GTIN}&product_id=5b0e2f43-4f60-4c8e-9a34-0d5c3e6b0a11", "body", "gtin_or_product_id"),
        ("gtin=12ab", "gtin", "string_pattern_mismatch"),
        (f"gtin={GTIN}&quantity=0", "quantity", "greater_than_equal"),
    ],
)
def test_compare_bad_input(api: Api, retailer: Actor, query: str, field: str, code: str) -> None:
    response = api.get(f"/catalog/compare?{query}", token=retailer.token)

    assert response.status_code == 400
    assert [(d["field"], d["code"]) for d in response.json_body["error"]["details"]] == [(field, code)]
