"""Bad input is a 400 in the one error envelope, never a 500, and leaves nothing behind:
control characters anywhere in a request, JSON too deep or not JSON, money as numbers."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chalicelib.accounts.models import User
from chalicelib.all_models import Base
from chalicelib.catalog.models import Product
from chalicelib.core.settings import get_settings
from chalicelib.orders.models import CartItem, Checkout, DeliveryOptions, Order
from tests.integration.inventory.conftest import make_category, product_body
from tests.integration.orders.helpers import POD_OPTIONS, add
from tests.support.api import Api, count, registration_body
from tests.support.factories import Actor, make_actor, make_product, make_user, signed_in
from tests.support.statements import counting_statements

AS_STRING = 'Send amounts as strings, e.g. "120.00".'
INVALID_MONEY = 'An amount is up to 12 digits with at most 2 decimals, as a string, e.g. "120.00".'


def row_counts(db: Session) -> dict[str, int]:
    """Rows per table: equal before and after means the request wrote nothing."""
    db.expire_all()
    return {
        table.name: db.scalar(select(func.count()).select_from(table)) or 0 for table in Base.metadata.sorted_tables
    }


def invalid_characters(*fields: tuple[str, str]) -> dict[str, Any]:
    return {
        "error": {
            "code": "invalid_characters",
            "message": "The request contains control characters.",
            "details": [
                {
                    "field": field,
                    "code": "invalid_characters",
                    "message": f"Remove the control character U+{character}; it is not allowed here.",
                }
                for field, character in fields
            ],
        }
    }


def nested(levels: int) -> str:
    """`levels` objects inside each other, as JSON text (json.dumps cannot write 1,000 levels)."""
    return '{"a": ' * (levels - 1) + "{}" + "}" * (levels - 1)


def patch_me_with(levels: int) -> str:
    """A PATCH /me body whose extra field makes the whole body `levels` levels deep."""
    return '{"full_name": "Deep", "x": ' + nested(levels - 1) + "}"


@pytest.fixture
def retailer(db: Session) -> Actor:
    return make_actor(db, "retailer")


@pytest.fixture
def wholesaler(db: Session) -> Actor:
    return make_actor(db, "wholesaler")


def full_name(db: Session, actor: Actor) -> str:
    db.expire_all()
    user = db.get(User, actor.user.id)
    assert user is not None
    return user.full_name


# --- control characters in JSON bodies ----------------------------------------------------


def test_a_nul_in_a_registration_field_is_refused_before_the_database(api: Api, db: Session) -> None:
    before = row_counts(db)

    with counting_statements() as statements:
        response = api.post("/auth/register", registration_body("wholesaler", business__name="Duka\u0000 Supplies"))

    assert response.status_code == 400
    assert response.json_body == invalid_characters(("business.name", "0000"))
    assert statements == []
    assert row_counts(db) == before


@pytest.mark.parametrize(
    ("body", "field", "character"),
    [
        ({"full_name": "Amina\u0000"}, "full_name", "0000"),
        ({"full_name": "Amina \u001b[31mAchieng"}, "full_name", "001B"),
        ({"phone": "+254712345678\u007f"}, "phone", "007F"),
        ({"full_name": "Amina", "x\u0001": "1"}, "x\\u0001", "0001"),
    ],
)
def test_patch_me_refuses_control_characters_in_values_and_keys(
    api: Api, db: Session, retailer: Actor, body: dict[str, str], field: str, character: str
) -> None:
    name = full_name(db, retailer)

    response = api.patch("/me", body, token=retailer.token)

    assert response.status_code == 400
    assert response.json_body == invalid_characters((field, character))
    assert full_name(db, retailer) == name


def test_tabs_and_line_breaks_in_free_text_are_kept(api: Api, db: Session, wholesaler: Actor) -> None:
    category = make_category(db, "bad-input-drinks", "Drinks")
    description = "Carbonated.\r\n\tStore below 25 C."

    response = api.post("/inventory/products", product_body(category, description=description), token=wholesaler.token)

    assert response.status_code == 201, response.json_body
    db.expire_all()
    stored = db.get(Product, uuid.UUID(response.json_body["id"]))
    assert stored is not None
    assert stored.description == description


# --- control characters in query, headers and path ---------------------------------------


@pytest.mark.parametrize(
    ("query", "field", "character"),
    [("q=soda%00", "query.q", "0000"), ("q=%1B%5B2J", "query.q", "001B"), ("q%01=soda", "query.q\\u0001", "0001")],
)
def test_a_control_character_in_a_search_is_refused_before_the_database(
    api: Api, retailer: Actor, query: str, field: str, character: str
) -> None:
    with counting_statements() as statements:
        response = api.get(f"/catalog/search?{query}", token=retailer.token)

    assert response.status_code == 400
    assert response.json_body == invalid_characters((field, character))
    assert statements == []


@pytest.mark.parametrize(("key", "character"), [("order-1\u0000", "0000"), ("order\t1\n", "000A")])
def test_a_control_character_in_the_idempotency_key_places_nothing(
    api: Api, db: Session, retailer: Actor, wholesaler: Actor, key: str, character: str
) -> None:
    assert api.put("/business/delivery-options", POD_OPTIONS, token=wholesaler.token).status_code == 200
    soda = make_product(db, wholesaler.business, tiers=[(10, "50.00")], stock=100)
    add(api, retailer.token, soda, 10)
    version = api.get("/cart", token=retailer.token).json_body["version"]
    before = row_counts(db)

    with counting_statements() as statements:
        response = api.post(
            "/checkout",
            {"cart_version": version, "payment": {"method": "pay_on_delivery"}},
            token=retailer.token,
            headers={"idempotency-key": key},
        )

    assert response.status_code == 400
    assert response.json_body == invalid_characters(("header.Idempotency-Key", character))
    assert statements == []
    assert row_counts(db) == before
    assert (count(db, Checkout), count(db, Order), count(db, CartItem)) == (0, 0, 1)


def test_a_tab_in_a_header_value_is_whitespace(api: Api, retailer: Actor) -> None:
    response = api.get("/me", token=retailer.token, headers={"user-agent": "Duka-App/1.0\t(Android)"})

    assert response.status_code == 200, response.json_body


def test_a_control_character_in_the_authorization_header_is_refused_first(api: Api, retailer: Actor) -> None:
    response = api.get("/me", headers={"authorization": f"Bearer {retailer.token}\u0000"})

    assert response.status_code == 400
    assert response.json_body == invalid_characters(("header.Authorization", "0000"))


def test_a_control_character_in_a_path_parameter_is_a_400_not_a_404(api: Api, retailer: Actor) -> None:
    with counting_statements() as statements:
        response = api.get(f"/catalog/products/{uuid.uuid4()}\u0000", token=retailer.token)

    assert response.status_code == 400
    assert response.json_body == invalid_characters(("path.id", "0000"))
    assert statements == []


def test_a_webhook_path_with_a_control_character_stores_nothing(api: Api, db: Session) -> None:
    before = row_counts(db)

    response = api.post(f"/webhooks/payments/mpesa\u0000/{get_settings().mpesa_webhook_token}", {"Body": {}})

    assert response.status_code == 400
    assert response.json_body == invalid_characters(("path.provider", "0000"))
    assert row_counts(db) == before


# --- JSON shape ---------------------------------------------------------------------------


@pytest.mark.parametrize("levels", [33, 1_000, 20_000])
def test_json_nested_deeper_than_32_levels_is_refused(api: Api, db: Session, retailer: Actor, levels: int) -> None:
    name = full_name(db, retailer)

    response = api.patch("/me", patch_me_with(levels), token=retailer.token)

    assert response.status_code == 400
    assert response.json_body == {
        "error": {
            "code": "too_deeply_nested",
            "message": "The request body is nested too deeply.",
            "details": [
                {
                    "field": "body",
                    "code": "too_deeply_nested",
                    "message": "Nest objects and arrays at most 32 levels deep.",
                }
            ],
        }
    }
    assert full_name(db, retailer) == name


def test_json_nested_32_levels_is_read(api: Api, retailer: Actor) -> None:
    response = api.patch("/me", patch_me_with(32), token=retailer.token)

    assert response.status_code == 400
    assert [(d["field"], d["code"]) for d in response.json_body["error"]["details"]] == [("x", "extra_forbidden")]


def test_nan_is_not_json(api: Api, db: Session, wholesaler: Actor) -> None:
    raw = json.dumps(POD_OPTIONS).replace('"300.00"', "NaN")

    response = api.put("/business/delivery-options", raw, token=wholesaler.token)

    assert response.status_code == 400
    assert response.json_body["error"]["details"] == [
        {"field": "body", "code": "invalid_json", "message": "Send a JSON object."}
    ]
    assert count(db, DeliveryOptions) == 0


# --- money --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fee", "code", "message"),
    [
        (300, "money_as_string", AS_STRING),
        (300.5, "money_as_string", AS_STRING),
        (1e3, "money_as_string", AS_STRING),
        ("1_000", "invalid_money", INVALID_MONEY),
        ("1e3", "invalid_money", INVALID_MONEY),
        ("NaN", "invalid_money", INVALID_MONEY),
        ("Infinity", "invalid_money", INVALID_MONEY),
        (" 10", "invalid_money", INVALID_MONEY),
        ("+10", "invalid_money", INVALID_MONEY),
        ("10.505", "invalid_money", INVALID_MONEY),
    ],
)
def test_a_delivery_fee_that_is_not_a_money_string_is_refused(
    api: Api, db: Session, wholesaler: Actor, fee: Any, code: str, message: str
) -> None:
    response = api.put("/business/delivery-options", {**POD_OPTIONS, "delivery_fee": fee}, token=wholesaler.token)

    assert response.status_code == 400
    assert response.json_body == {
        "error": {
            "code": "validation_failed",
            "message": "Some fields are invalid.",
            "details": [{"field": "delivery_fee", "code": code, "message": message}],
        }
    }
    assert count(db, DeliveryOptions) == 0


def test_a_delivery_fee_as_a_money_string_is_saved(api: Api, db: Session, wholesaler: Actor) -> None:
    response = api.put("/business/delivery-options", {**POD_OPTIONS, "delivery_fee": "10.5"}, token=wholesaler.token)

    assert response.status_code == 200, response.json_body
    db.expire_all()
    options = db.get(DeliveryOptions, wholesaler.business.id)
    assert options is not None
    assert options.delivery_fee == Decimal("10.50")


def test_a_plan_price_as_a_json_number_is_refused(api: Api, db: Session) -> None:
    token = signed_in(db, make_user(db, None, role="admin"))
    before = row_counts(db)
    body = {"code": "pro", "name": "Pro", "audience": "retailer", "price_monthly": 1500, "price_yearly": "15000.00"}

    response = api.post("/admin/plans", body, token=token)

    assert response.status_code == 400
    assert response.json_body["error"]["details"] == [
        {"field": "price_monthly", "code": "money_as_string", "message": AS_STRING}
    ]
    assert row_counts(db) == before


@pytest.mark.parametrize(
    ("query", "status"), [("min_price=10.5", 200), ("min_price=1e3", 400), ("max_price=1_000", 400)]
)
def test_search_price_filters_are_money_strings(api: Api, retailer: Actor, query: str, status: int) -> None:
    response = api.get(f"/catalog/search?{query}", token=retailer.token)

    assert response.status_code == status, response.json_body
    if status == 400:
        assert [d["code"] for d in response.json_body["error"]["details"]] == ["invalid_money"]
