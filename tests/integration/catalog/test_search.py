"""GET /catalog/search: relevance, typo fallback, categories, filters, facets, visibility."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business
from tests.integration.catalog.builders import add_category, add_product, names
from tests.support.api import Api
from tests.support.factories import Actor, make_actor, make_business


@pytest.fixture
def tree(db: Session) -> dict[str, Any]:
    drinks = add_category(db, "Beverages")
    soda = add_category(db, "Soft Drinks", parent=drinks)
    colas = add_category(db, "Colas", parent=soda)
    food = add_category(db, "Dry Foods")
    return {"drinks": drinks, "soda": soda, "colas": colas, "food": food}


def search(api: Api, actor: Actor, query: str) -> dict[str, Any]:
    response = api.get(f"/catalog/search?{query}", token=actor.token)
    assert response.status_code == 200, response.json_body
    return response.json_body  # type: ignore[no-any-return]


def test_a_name_match_ranks_above_a_description_match(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, tree: dict[str, Any]
) -> None:
    # Given a product naming the word and others mentioning it only in their description
    add_product(
        db, wholesaler, tree["food"], "Mumias Sugar 2 kg", description="Mango mango mango: tastes like mango juice."
    )
    add_product(db, wholesaler, tree["soda"], "Minute Maid Mango 1 L", description="A fruit drink.")
    add_product(db, wholesaler, tree["soda"], "Orange Squash 1 L", description="Orange, mango and passion flavours.")
    add_product(db, wholesaler, tree["food"], "Basmati Rice 5 kg", description="Long grain rice.")

    page = search(api, retailer, "q=mango")

    assert names(page) == ["Minute Maid Mango 1 L", "Mumias Sugar 2 kg", "Orange Squash 1 L"]
    assert (page["total"], page["match"]) == (3, "full_text")


def test_a_brand_and_a_gtin_are_searchable(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, tree: dict[str, Any]
) -> None:
    add_product(db, wholesaler, tree["soda"], "Cola 500 ml", brand="Krest", gtin="6161100123456")
    add_product(db, wholesaler, tree["soda"], "Bitter Lemon 500 ml", brand="Schweppes")

    assert names(search(api, retailer, "q=krest")) == ["Cola 500 ml"]
    assert names(search(api, retailer, "q=6161100123456")) == ["Cola 500 ml"]


def test_a_misspelt_word_falls_back_to_similar_names(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, tree: dict[str, Any]
) -> None:
    add_product(db, wholesaler, tree["food"], "Cadbury Dairy Milk Chocolate 100 g")
    add_product(db, wholesaler, tree["food"], "Hellmanns Mayonnaise 400 g")
    add_product(db, wholesaler, tree["food"], "Chapati Flour 2 kg", description="No chocolate here.")

    typo = search(api, retailer, "q=mayonaise")
    unrelated = search(api, retailer, "q=xylophone")

    assert (names(typo), typo["match"], typo["total"]) == (["Hellmanns Mayonnaise 400 g"], "fuzzy", 1)
    assert (names(unrelated), unrelated["match"], unrelated["total"]) == ([], "fuzzy", 0)


def test_the_fallback_does_not_run_when_full_text_finds_something(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, tree: dict[str, Any]
) -> None:
    add_product(db, wholesaler, tree["food"], "Chocolate Spread 400 g")
    add_product(db, wholesaler, tree["food"], "Chocolte Cookies 200 g")  # a typo in a product name

    page = search(api, retailer, "q=chocolate")

    assert (names(page), page["match"]) == (["Chocolate Spread 400 g"], "full_text")


def test_a_category_filter_includes_its_descendants(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, tree: dict[str, Any]
) -> None:
    add_product(db, wholesaler, tree["drinks"], "Tonic Water 500 ml")
    add_product(db, wholesaler, tree["soda"], "Ginger Ale 500 ml")
    add_product(db, wholesaler, tree["colas"], "Coca-Cola 500 ml")
    add_product(db, wholesaler, tree["food"], "Water Biscuits 200 g")

    by_slug = search(api, retailer, "category=beverages&sort=price_asc")
    by_id = search(api, retailer, f"category={tree['soda'].id}&sort=price_asc")
    leaf = search(api, retailer, "category=colas")

    assert sorted(names(by_slug)) == ["Coca-Cola 500 ml", "Ginger Ale 500 ml", "Tonic Water 500 ml"]
    assert sorted(names(by_id)) == ["Coca-Cola 500 ml", "Ginger Ale 500 ml"]
    assert names(leaf) == ["Coca-Cola 500 ml"]
    assert by_slug["match"] == "all"


def test_facets_count_the_whole_result_not_the_page(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, tree: dict[str, Any]
) -> None:
    for brand in ("Krest", "Krest", "Krest", "Stoney", None):
        add_product(db, wholesaler, tree["soda"], f"{brand or 'Plain'} Soda 500 ml", brand=brand)
    add_product(db, wholesaler, tree["colas"], "Pepsi Soda 500 ml", brand="Pepsi")
    add_product(db, wholesaler, tree["food"], "Soda Crackers 200 g", brand="Krest")

    page = search(api, retailer, "q=soda&limit=2")

    assert len(page["items"]) == 2
    assert page["total"] == 7
    assert [(c["slug"], c["count"]) for c in page["facets"]["categories"]] == [
        ("soft-drinks", 5),
        ("colas", 1),
        ("dry-foods", 1),
    ]
    assert page["facets"]["brands"] == [
        {"brand": "Krest", "count": 4},
        {"brand": "Pepsi", "count": 1},
        {"brand": "Stoney", "count": 1},
    ]
    second = search(api, retailer, f"q=soda&limit=2&cursor={page['next_cursor']}")
    assert second["facets"] == page["facets"]
    assert second["total"] == 7


def test_filters_brand_price_range_stock_and_wholesaler(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, tree: dict[str, Any]
) -> None:
    other = make_business(db, "wholesaler", verified=True)
    add_product(db, wholesaler, tree["soda"], "Krest Bitter Lemon", brand="Krest", price="950.00")
    add_product(db, wholesaler, tree["soda"], "Krest Soda Water", brand="Krest", price="1200.00", stock=0)
    add_product(db, wholesaler, tree["soda"], "Stoney Tangawizi", brand="Stoney", price="1100.00")
    add_product(db, other, tree["soda"], "Krest Tonic", brand="Krest", price="1000.00")

    assert sorted(names(search(api, retailer, "brand=KREST"))) == [
        "Krest Bitter Lemon",
        "Krest Soda Water",
        "Krest Tonic",
    ]
    assert names(search(api, retailer, "min_price=1000&max_price=1100&sort=price_asc")) == [
        "Krest Tonic",
        "Stoney Tangawizi",
    ]
    assert sorted(names(search(api, retailer, "brand=krest&in_stock=true"))) == ["Krest Bitter Lemon", "Krest Tonic"]
    assert names(search(api, retailer, f"wholesaler_id={other.id}")) == ["Krest Tonic"]


def test_only_active_products_of_verified_wholesalers_are_visible(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, tree: dict[str, Any]
) -> None:
    pending = make_business(db, "wholesaler", verified=False)
    add_product(db, wholesaler, tree["soda"], "Visible Soda")
    add_product(db, wholesaler, tree["soda"], "Draft Soda", status="draft")
    add_product(db, wholesaler, tree["soda"], "Archived Soda", status="archived")
    add_product(db, pending, tree["soda"], "Unverified Soda")

    page = search(api, retailer, "q=soda")
    browse = search(api, retailer, "category=soft-drinks")

    assert (names(page), page["total"]) == (["Visible Soda"], 1)
    assert names(browse) == ["Visible Soda"]
    assert page["facets"]["categories"][0]["count"] == 1


def test_an_item_carries_what_a_result_card_shows(
    api: Api, db: Session, retailer: Actor, wholesaler: Business, tree: dict[str, Any]
) -> None:
    product = add_product(
        db,
        wholesaler,
        tree["colas"],
        "Coca-Cola Original 500 ml",
        brand="Coca-Cola",
        gtin="5449000000996",
        price="1150.00",
        min_order_qty=2,
        stock=4,
        low_stock_threshold=5,
        image_keys=["products/a/1.jpg"],
    )

    (item,) = search(api, retailer, "q=cola")["items"]

    assert item == {
        "id": str(product.id),
        "name": "Coca-Cola Original 500 ml",
        "brand": "Coca-Cola",
        "sku": product.sku,
        "gtin": "5449000000996",
        "unit_of_sale": "carton of 24",
        "pack_size": 24,
        "min_order_qty": 2,
        "order_increment": 1,
        "price_at_moq": "1150.00",
        "currency": "KES",
        "in_stock": True,
        "availability": "low_stock",
        "lead_time_days": 2,
        "image_urls": ["https://marketplace-product-images.s3.eu-west-1.amazonaws.com/products/a/1.jpg"],
        "wholesaler": {"id": str(wholesaler.id), "name": wholesaler.name},
        "category": {"id": str(tree["colas"].id), "name": "Colas", "slug": "colas"},
    }


def test_any_signed_in_role_may_search_but_not_anonymous_callers(api: Api, db: Session) -> None:
    seller = make_actor(db, "wholesaler")

    assert api.get("/catalog/search?q=x", token=seller.token).status_code == 200
    anonymous = api.get("/catalog/search?q=x")
    assert anonymous.status_code == 401
    assert anonymous.json_body["error"]["code"] == "not_authenticated"
