"""Wholesaler products: /inventory/products CRUD, ownership, roles, validation, publishing."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.catalog.models import Category, PriceTier, Product
from chalicelib.core.audit import AuditEntry
from chalicelib.inventory.models import StockMovement
from tests.integration.inventory.conftest import Account, change_stock, create_product, product_body
from tests.support.api import Api, count


def tiers_in_db(db: Session, product_id: str) -> list[tuple[int, Decimal]]:
    rows = db.execute(
        select(PriceTier.min_quantity, PriceTier.unit_price)
        .where(PriceTier.product_id == uuid.UUID(product_id))
        .order_by(PriceTier.min_quantity)
    ).all()
    return [(q, p) for q, p in rows]


# --- create and read ---------------------------------------------------------------------


def test_a_wholesaler_creates_a_product_with_its_tiers(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    response = api.post("/inventory/products", product_body(beverages), token=wholesaler.token)

    assert response.status_code == 201, response.json_body
    body = response.json_body
    assert set(body) == {
        "id", "sku", "gtin", "name", "brand", "category_id", "description", "unit_of_sale", "pack_size",
        "min_order_qty", "order_increment", "tiers", "price_at_moq", "low_stock_threshold", "lead_time_days",
        "status", "attributes", "images", "stock_on_hand", "low_stock", "created_at", "updated_at",
    }  # fmt: skip
    assert body["sku"] == "SODA-500-24"
    assert body["gtin"] == "5449000000996"
    assert body["category_id"] == str(beverages.id)
    assert body["tiers"] == [
        {"min_quantity": 2, "unit_price": "1200.00"},
        {"min_quantity": 10, "unit_price": "1150.00"},
        {"min_quantity": 50, "unit_price": "1100.00"},
    ]
    assert body["price_at_moq"] == "1200.00"
    assert body["status"] == "draft"
    assert body["attributes"] == {"volume": "500 ml", "packaging": "PET"}
    assert body["images"] == []
    assert body["stock_on_hand"] == 0
    assert body["low_stock"] is True

    product = db.get(Product, uuid.UUID(body["id"]))
    assert product is not None
    assert product.wholesaler_id == wholesaler.business_id
    assert product.price_at_moq == Decimal("1200.00")
    assert tiers_in_db(db, body["id"]) == [(2, Decimal("1200.00")), (10, Decimal("1150.00")), (50, Decimal("1100.00"))]
    assert count(db, AuditEntry, AuditEntry.action == "product.created", AuditEntry.target_id == body["id"]) == 1

    fetched = api.get(f"/inventory/products/{body['id']}", token=wholesaler.token)
    assert fetched.status_code == 200
    assert fetched.json_body == body


def test_the_product_list_is_newest_first_filtered_and_paginated(
    api: Api, wholesaler: Account, other_wholesaler: Account, beverages: Category
) -> None:
    first = create_product(api, wholesaler, beverages, sku="COLA-1", name="Cola 300 ml")
    second = create_product(api, wholesaler, beverages, sku="JUICE-1", name="Mango juice", status="active")
    third = create_product(api, wholesaler, beverages, sku="COLA-2", name="Cola 1 l", low_stock_threshold=0)
    create_product(api, other_wholesaler, beverages, sku="COLA-9", name="Cola elsewhere")
    assert change_stock(api, wholesaler, third["id"], 5, "restock").status_code == 201

    page1 = api.get("/inventory/products?limit=2", token=wholesaler.token).json_body
    assert [p["sku"] for p in page1["items"]] == ["COLA-2", "JUICE-1"]
    page2 = api.get(f"/inventory/products?limit=2&cursor={page1['next_cursor']}", token=wholesaler.token).json_body
    assert [p["sku"] for p in page2["items"]] == ["COLA-1"]
    assert page2["next_cursor"] is None

    def skus(query: str) -> list[str]:
        response = api.get(f"/inventory/products?{query}", token=wholesaler.token)
        assert response.status_code == 200, response.json_body
        return [p["sku"] for p in response.json_body["items"]]

    assert skus("status=active") == ["JUICE-1"]
    assert skus("q=cola") == ["COLA-2", "COLA-1"]
    assert skus("q=mango") == ["JUICE-1"]
    assert skus("q=COLA-1") == ["COLA-1"]
    assert skus("q=%25") == []  # a literal %, not a wildcard
    assert skus("low_stock=true") == ["JUICE-1", "COLA-1"]
    assert skus("low_stock=false") == ["COLA-2"]
    assert first["id"] != second["id"]


def test_a_tampered_cursor_or_an_oversized_page_is_a_400(api: Api, wholesaler: Account) -> None:
    tampered = api.get("/inventory/products?cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", token=wholesaler.token)
    assert tampered.status_code == 400
    assert tampered.json_body["error"]["details"] == [
        {"field": "cursor", "code": "invalid_cursor", "message": "Start again from the first page."}
    ]
    too_big = api.get("/inventory/products?limit=101", token=wholesaler.token)
    assert too_big.status_code == 400
    assert too_big.json_body["error"]["details"][0]["field"] == "limit"


# --- who may call ----------------------------------------------------------------------


def test_a_retailer_is_refused_every_inventory_route(
    api: Api, db: Session, retailer: Account, beverages: Category
) -> None:
    calls = [
        ("GET", "/inventory/products", None),
        ("POST", "/inventory/products", product_body(beverages)),
        ("GET", f"/inventory/products/{uuid.uuid4()}", None),
        ("POST", f"/inventory/products/{uuid.uuid4()}/stock", {"delta": 1, "reason": "restock"}),
        ("GET", "/inventory/low-stock", None),
        ("GET", "/inventory/reorder-suggestions", None),
        ("GET", "/inventory/export", None),
        ("POST", "/inventory/import", "sku\n"),
    ]
    for method, path, body in calls:
        response = api.request(method, path, body, token=retailer.token)
        assert response.status_code == 403, (method, path)
        assert response.json_body["error"]["code"] == "wrong_business_kind"
    assert count(db, Product) == 0


def test_without_a_token_the_answer_is_401(api: Api) -> None:
    response = api.get("/inventory/products")
    assert response.status_code == 401
    assert response.json_body["error"]["code"] == "not_authenticated"


def test_another_wholesalers_product_is_not_found(
    api: Api, db: Session, wholesaler: Account, other_wholesaler: Account, beverages: Category
) -> None:
    product = create_product(api, wholesaler, beverages)
    path = f"/inventory/products/{product['id']}"
    not_found = {"error": {"code": "product_not_found", "message": "No such product in your catalog.", "details": []}}

    for method, sub, body in [
        ("GET", "", None),
        ("PATCH", "", {"name": "Stolen"}),
        ("DELETE", "", None),
        ("POST", "/stock", {"delta": 5, "reason": "restock"}),
        ("GET", "/movements", None),
        ("POST", "/images", {"content_type": "image/png", "size_bytes": 10}),
    ]:
        response = api.request(method, path + sub, body, token=other_wholesaler.token)
        assert response.status_code == 404, (method, sub, response.json_body)
        assert response.json_body == not_found

    db.expire_all()
    stored = db.get(Product, uuid.UUID(product["id"]))
    assert stored is not None
    assert (stored.name, stored.stock_on_hand, stored.image_keys) == ("Soda 500 ml", 0, [])
    assert count(db, StockMovement) == 0


def test_a_malformed_product_id_is_a_404(api: Api, wholesaler: Account) -> None:
    assert api.get("/inventory/products/not-a-uuid", token=wholesaler.token).status_code == 404


# --- validation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tiers", "moq", "details"),
    [
        (
            [{"min_quantity": 2, "unit_price": "-5.00"}],
            2,
            [{"field": "tiers.0.unit_price", "code": "not_positive",
             "message": "Tier 1: The unit price must be greater than zero."}],
        ),
        (
            [{"min_quantity": 2, "unit_price": "100.00"}, {"min_quantity": 2, "unit_price": "90.00"}],
            2,
            [{"field": "tiers.1.min_quantity", "code": "quantities_not_increasing",
              "message": "Tier 2 starts at 2: quantities must increase (tier 1 starts at 2)."}],
        ),
        (
            [{"min_quantity": 2, "unit_price": "100.00"}, {"min_quantity": 10, "unit_price": "100.01"}],
            2,
            [{"field": "tiers.1.unit_price", "code": "price_rises",
              "message": "Tier 2 costs 100.01, more than tier 1's 100.00: unit prices never rise with quantity."}],
        ),
        (
            [{"min_quantity": 1, "unit_price": "100.00"}],
            2,
            [{"field": "tiers.0.min_quantity", "code": "first_tier_not_moq",
              "message": "Tier 1 must start at the minimum order quantity (2), not 1."}],
        ),
        (
            [{"min_quantity": 5, "unit_price": "100.00"}, {"min_quantity": 3, "unit_price": "120.00"}],
            5,
            [{"field": "tiers.1.min_quantity", "code": "quantities_not_increasing",
              "message": "Tier 2 starts at 3: quantities must increase (tier 1 starts at 5)."},
             {"field": "tiers.1.unit_price", "code": "price_rises",
              "message": "Tier 2 costs 120.00, more than tier 1's 100.00: unit prices never rise with quantity."}],
        ),
    ],
    ids=["negative", "repeated-quantity", "rising-price", "first-tier-not-moq", "disordered"],
)  # fmt: skip
def test_bad_tiers_are_refused_with_every_problem(
    api: Api, db: Session, wholesaler: Account, beverages: Category, tiers: list[Any], moq: int, details: list[Any]
) -> None:
    response = api.post(
        "/inventory/products", product_body(beverages, tiers=tiers, min_order_qty=moq), token=wholesaler.token
    )

    assert response.status_code == 400
    assert response.json_body == {
        "error": {"code": "validation_failed", "message": "The price tiers are invalid.", "details": details}
    }
    assert count(db, Product) == 0
    assert count(db, PriceTier) == 0


def test_prices_sent_as_json_numbers_are_refused(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    response = api.post(
        "/inventory/products",
        product_body(beverages, tiers=[{"min_quantity": 2, "unit_price": 1200.5}]),
        token=wholesaler.token,
    )
    assert response.status_code == 400
    assert response.json_body["error"]["details"] == [
        {"field": "tiers.0.unit_price", "code": "money_as_string", "message": 'Send amounts as strings, e.g. "120.00".'}
    ]
    assert count(db, Product) == 0


@pytest.mark.parametrize(
    ("gtin", "message"),
    [
        ("5449000000997", "The check digit of this GTIN is wrong; check the barcode number."),
        ("12345", "A GTIN has 8, 12, 13 or 14 digits."),
        ("54490000009X6", "A GTIN has 8, 12, 13 or 14 digits."),
    ],
)
def test_an_invalid_gtin_is_refused(
    api: Api, db: Session, wholesaler: Account, beverages: Category, gtin: str, message: str
) -> None:
    response = api.post("/inventory/products", product_body(beverages, gtin=gtin), token=wholesaler.token)
    assert response.status_code == 400
    assert response.json_body["error"]["details"] == [{"field": "gtin", "code": "invalid_gtin", "message": message}]
    assert count(db, Product) == 0


@pytest.mark.parametrize("gtin", ["96385074", "036000291452", "5449000000996", "10012345678902", None])
def test_valid_gtins_of_every_length_or_none_are_accepted(
    api: Api, wholesaler: Account, beverages: Category, gtin: str | None
) -> None:
    assert create_product(api, wholesaler, beverages, gtin=gtin)["gtin"] == gtin


def test_an_unknown_category_is_refused(api: Api, db: Session, wholesaler: Account, beverages: Category) -> None:
    response = api.post(
        "/inventory/products", product_body(beverages, category_id=str(uuid.uuid4())), token=wholesaler.token
    )
    assert response.status_code == 400
    assert response.json_body == {
        "error": {
            "code": "unknown_category",
            "message": "The category does not exist.",
            "details": [
                {
                    "field": "category_id",
                    "code": "unknown_category",
                    "message": "Choose one of the categories of GET /categories.",
                }
            ],
        }
    }
    assert count(db, Product) == 0


def test_a_sku_is_unique_per_wholesaler(
    api: Api, db: Session, wholesaler: Account, other_wholesaler: Account, beverages: Category
) -> None:
    create_product(api, wholesaler, beverages, sku="DUP-1")

    clash = api.post("/inventory/products", product_body(beverages, sku="DUP-1", name="Other"), token=wholesaler.token)

    assert clash.status_code == 409
    assert clash.json_body == {
        "error": {
            "code": "sku_taken",
            "message": "Another of your products already uses this SKU.",
            "details": [
                {"field": "sku", "code": "sku_taken", "message": "SKU 'DUP-1' is already in use in your catalog."}
            ],
        }
    }
    assert count(db, Product, Product.sku == "DUP-1") == 1
    # Another wholesaler may use the same SKU.
    assert create_product(api, other_wholesaler, beverages, sku="DUP-1")["sku"] == "DUP-1"


def test_renaming_a_sku_to_one_in_use_is_a_409(api: Api, db: Session, wholesaler: Account, beverages: Category) -> None:
    create_product(api, wholesaler, beverages, sku="A-1")
    second = create_product(api, wholesaler, beverages, sku="B-1")

    response = api.patch(f"/inventory/products/{second['id']}", {"sku": "A-1", "name": "x"}, token=wholesaler.token)

    assert response.status_code == 409
    assert response.json_body["error"]["code"] == "sku_taken"
    db.expire_all()
    stored = db.get(Product, uuid.UUID(second["id"]))
    assert stored is not None
    assert (stored.sku, stored.name) == ("B-1", "Soda 500 ml")


def test_unknown_fields_and_oversized_attributes_are_refused(
    api: Api, wholesaler: Account, beverages: Category
) -> None:
    unknown = api.post("/inventory/products", product_body(beverages, colour="red"), token=wholesaler.token)
    assert unknown.status_code == 400
    assert unknown.json_body["error"]["details"][0]["field"] == "colour"

    many = {f"k{i}": "v" for i in range(31)}
    too_many = api.post("/inventory/products", product_body(beverages, attributes=many), token=wholesaler.token)
    assert too_many.status_code == 400
    assert too_many.json_body["error"]["details"][0]["field"] == "attributes"

    long_value = api.post(
        "/inventory/products", product_body(beverages, attributes={"note": "x" * 201}), token=wholesaler.token
    )
    assert long_value.status_code == 400
    assert long_value.json_body["error"]["details"][0]["field"] == "attributes.note"


# --- update ----------------------------------------------------------------------------


def test_patch_changes_only_the_fields_sent(
    api: Api, db: Session, wholesaler: Account, beverages: Category, snacks: Category
) -> None:
    product = create_product(api, wholesaler, beverages)

    response = api.patch(
        f"/inventory/products/{product['id']}",
        {
            "name": "Soda 500 ml (new look)",
            "brand": None,
            "category_id": str(snacks.id),
            "min_order_qty": 5,
            "tiers": [{"min_quantity": 5, "unit_price": "1180.00"}, {"min_quantity": 20, "unit_price": "1100.00"}],
        },
        token=wholesaler.token,
    )

    assert response.status_code == 200, response.json_body
    body = response.json_body
    assert body["name"] == "Soda 500 ml (new look)"
    assert body["brand"] is None
    assert body["category_id"] == str(snacks.id)
    assert body["min_order_qty"] == 5
    assert body["price_at_moq"] == "1180.00"
    assert body["tiers"] == [
        {"min_quantity": 5, "unit_price": "1180.00"},
        {"min_quantity": 20, "unit_price": "1100.00"},
    ]
    assert body["gtin"] == product["gtin"]
    assert body["description"] == product["description"]
    assert tiers_in_db(db, product["id"]) == [(5, Decimal("1180.00")), (20, Decimal("1100.00"))]


def test_patch_checks_the_tiers_against_a_new_minimum_order_quantity(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    product = create_product(api, wholesaler, beverages)

    response = api.patch(f"/inventory/products/{product['id']}", {"min_order_qty": 3}, token=wholesaler.token)

    assert response.status_code == 400
    assert response.json_body["error"]["details"] == [
        {"field": "tiers.0.min_quantity", "code": "first_tier_not_moq",
         "message": "Tier 1 must start at the minimum order quantity (3), not 2."}
    ]  # fmt: skip
    db.expire_all()
    stored = db.get(Product, uuid.UUID(product["id"]))
    assert stored is not None
    assert stored.min_order_qty == 2


def test_patch_refuses_null_for_required_fields(api: Api, wholesaler: Account, beverages: Category) -> None:
    product = create_product(api, wholesaler, beverages)
    response = api.patch(f"/inventory/products/{product['id']}", {"name": None}, token=wholesaler.token)
    assert response.status_code == 400
    assert response.json_body["error"]["details"] == [
        {"field": "name", "code": "null_not_allowed", "message": "This field cannot be null."}
    ]


# --- publishing --------------------------------------------------------------------------


def test_an_unverified_user_builds_drafts_but_cannot_publish(
    api: Api, db: Session, unverified_wholesaler: Account, beverages: Category
) -> None:
    draft = create_product(api, unverified_wholesaler, beverages)

    created_active = api.post(
        "/inventory/products",
        product_body(beverages, sku="ACTIVE-1", status="active"),
        token=unverified_wholesaler.token,
    )
    made_active = api.patch(
        f"/inventory/products/{draft['id']}", {"status": "active"}, token=unverified_wholesaler.token
    )

    expected = {
        "error": {
            "code": "email_not_verified",
            "message": "Verify your e-mail address before you publish products.",
            "details": [],
        }
    }
    assert (created_active.status_code, created_active.json_body) == (422, expected)
    assert (made_active.status_code, made_active.json_body) == (422, expected)
    assert count(db, Product, Product.sku == "ACTIVE-1") == 0
    db.expire_all()
    stored = db.get(Product, uuid.UUID(draft["id"]))
    assert stored is not None
    assert stored.status == "draft"


def test_a_verified_user_publishes(api: Api, wholesaler: Account, beverages: Category) -> None:
    product = create_product(api, wholesaler, beverages)
    response = api.patch(f"/inventory/products/{product['id']}", {"status": "active"}, token=wholesaler.token)
    assert response.status_code == 200
    assert response.json_body["status"] == "active"


# --- delete ------------------------------------------------------------------------------


def test_deleting_a_product_that_never_sold_removes_it(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    product = create_product(api, wholesaler, beverages)
    assert change_stock(api, wholesaler, product["id"], 30, "restock").status_code == 201

    response = api.delete(f"/inventory/products/{product['id']}", token=wholesaler.token)

    assert response.status_code == 200
    assert response.json_body == {"id": product["id"], "outcome": "deleted"}
    assert count(db, Product) == 0
    assert count(db, PriceTier) == 0
    assert count(db, StockMovement) == 0
    assert api.get(f"/inventory/products/{product['id']}", token=wholesaler.token).status_code == 404


def test_deleting_a_product_with_sales_archives_it(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    from chalicelib.inventory.stock import apply_movement

    product = create_product(api, wholesaler, beverages, status="active")
    product_id = uuid.UUID(product["id"])
    apply_movement(db, product_id=product_id, wholesaler_id=wholesaler.business_id, kind="restock", delta=10)
    apply_movement(db, product_id=product_id, wholesaler_id=wholesaler.business_id, kind="sale", delta=-2)
    db.flush()

    response = api.delete(f"/inventory/products/{product['id']}", token=wholesaler.token)

    assert response.status_code == 200
    assert response.json_body == {"id": product["id"], "outcome": "archived"}
    db.expire_all()
    stored = db.get(Product, product_id)
    assert stored is not None
    assert (stored.status, stored.stock_on_hand) == ("archived", 8)
    assert count(db, StockMovement, StockMovement.product_id == product_id) == 2


@pytest.mark.parametrize(
    ("tier", "field", "code"),
    [
        ({"min_quantity": 2, "unit_price": "999999999999.99"}, "tiers.0.unit_price", "too_large"),
        ({"min_quantity": 2, "unit_price": "100.001"}, "tiers.0.unit_price", "invalid_money"),
        ({"min_quantity": 2, "unit_price": "1e30"}, "tiers.0.unit_price", "invalid_money"),
        ({"min_quantity": 2, "unit_price": "1e400"}, "tiers.0.unit_price", "invalid_money"),
        ({"min_quantity": 2, "unit_price": "NaN"}, "tiers.0.unit_price", "invalid_money"),
        ({"min_quantity": 2, "unit_price": "1_200.00"}, "tiers.0.unit_price", "invalid_money"),
        ({"min_quantity": 2, "unit_price": 1200}, "tiers.0.unit_price", "money_as_string"),
        ({"min_quantity": 10**12, "unit_price": "1.00"}, "tiers.0.min_quantity", "less_than_equal"),
        ({"min_quantity": "two", "unit_price": "1.00"}, "tiers.0.min_quantity", "int_parsing"),
    ],
)
def test_absurd_tier_values_are_a_400_not_a_500(
    api: Api, db: Session, wholesaler: Account, beverages: Category, tier: dict[str, Any], field: str, code: str
) -> None:
    response = api.post("/inventory/products", product_body(beverages, tiers=[tier]), token=wholesaler.token)
    assert response.status_code == 400, response.json_body
    assert [(d["field"], d["code"]) for d in response.json_body["error"]["details"]] == [(field, code)]
    assert count(db, Product) == 0
