"""Cart: grouped by wholesaler, tier-priced, versioned, with quantity rules."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import update

from chalicelib.catalog.models import PriceTier, Product
from chalicelib.orders.models import CartItem
from tests.support.api import count
from tests.support.factories import make_actor, make_product


@pytest.fixture
def world(db):
    retailer = make_actor(db, "retailer")
    w1 = make_actor(db, "wholesaler")
    w2 = make_actor(db, "wholesaler")
    soda = make_product(
        db,
        w1.business,
        name="Soda 500ml",
        tiers=[(10, "50.00"), (50, "45.00"), (100, "40.00")],
        order_increment=5,
        stock=500,
    )
    flour = make_product(db, w2.business, name="Maize flour 2kg", tiers=[(1, "180.00")], stock=30)
    return retailer, w1, w2, soda, flour


def test_lines_are_grouped_by_wholesaler_and_priced_at_their_tier(api, world):
    retailer, w1, w2, soda, flour = world
    api.post("/cart/items", {"product_id": str(soda.id), "quantity": 50}, token=retailer.token)
    r = api.post("/cart/items", {"product_id": str(flour.id), "quantity": 3}, token=retailer.token)

    assert r.status_code == 200, r.json_body
    cart = r.json_body
    groups = {g["wholesaler_id"]: g for g in cart["groups"]}
    assert set(groups) == {str(w1.business.id), str(w2.business.id)}
    soda_line = groups[str(w1.business.id)]["lines"][0]
    assert (soda_line["quantity"], soda_line["unit_price"], soda_line["line_total"]) == (50, "45.00", "2250.00")
    assert groups[str(w2.business.id)]["subtotal"] == "540.00"
    assert cart["items_total"] == "2790.00"
    assert cart["delivery_total"] == "0.00"
    assert cart["grand_total"] == "2790.00"
    assert cart["item_count"] == 2


def test_adding_the_same_product_again_adds_to_its_line(api, world, db):
    retailer, _, _, soda, _ = world
    api.post("/cart/items", {"product_id": str(soda.id), "quantity": 10}, token=retailer.token)
    r = api.post("/cart/items", {"product_id": str(soda.id), "quantity": 90}, token=retailer.token)

    line = r.json_body["groups"][0]["lines"][0]
    assert (line["quantity"], line["unit_price"], line["line_total"]) == (100, "40.00", "4000.00")
    assert count(db, CartItem) == 1


@pytest.mark.parametrize(("quantity", "valid"), [(7, [10]), (12, [10, 15]), (53, [50, 55])])
def test_a_quantity_off_the_order_steps_is_refused_with_the_nearest_valid_ones(api, world, db, quantity, valid):
    retailer, _, _, soda, _ = world
    r = api.post("/cart/items", {"product_id": str(soda.id), "quantity": quantity}, token=retailer.token)

    assert r.status_code == 400
    assert r.json_body["error"]["valid_quantities"] == valid
    assert r.json_body["error"]["details"][0]["code"] == "invalid_quantity"
    assert count(db, CartItem) == 0


@pytest.mark.parametrize("quantity", [0, -5, 2.5, "10", 1_000_001, None])
def test_quantities_that_are_not_positive_integers_up_to_a_million_are_refused(api, world, db, quantity):
    retailer, _, _, soda, _ = world
    r = api.post("/cart/items", {"product_id": str(soda.id), "quantity": quantity}, token=retailer.token)

    assert r.status_code == 400
    assert r.json_body["error"]["details"][0]["field"] == "quantity"
    assert count(db, CartItem) == 0


def test_unknown_hidden_or_draft_products_cannot_be_added(api, db, world):
    retailer, w1, _, _, _ = world
    draft = make_product(db, w1.business, status="draft")
    unverified = make_actor(db, "wholesaler", verified_business=False)
    hidden = make_product(db, unverified.business)
    for product_id in (draft.id, hidden.id, "6b1e1c2e-8d5c-4e0b-9d71-0c2b8f3b1a11"):
        r = api.post("/cart/items", {"product_id": str(product_id), "quantity": 1}, token=retailer.token)
        assert (r.status_code, r.json_body["error"]["code"]) == (404, "product_not_found")
    assert count(db, CartItem) == 0


def test_the_version_changes_when_a_price_changes_and_the_line_warns(api, db, world):
    retailer, _, _, soda, _ = world
    before = api.post("/cart/items", {"product_id": str(soda.id), "quantity": 10}, token=retailer.token).json_body
    db.execute(
        update(PriceTier)
        .where(PriceTier.product_id == soda.id, PriceTier.min_quantity == 10)
        .values(unit_price=Decimal("55.00"))
    )
    db.flush()

    after = api.get("/cart", token=retailer.token).json_body
    assert after["version"] != before["version"]
    line = after["groups"][0]["lines"][0]
    assert line["unit_price"] == "55.00"
    assert [w["code"] for w in line["warnings"]] == ["price_changed"]
    assert api.get("/cart", token=retailer.token).json_body["version"] == after["version"]


def test_an_archived_product_stays_in_the_cart_as_unavailable_and_out_of_the_totals(api, db, world):
    retailer, _, _, soda, flour = world
    api.post("/cart/items", {"product_id": str(soda.id), "quantity": 10}, token=retailer.token)
    api.post("/cart/items", {"product_id": str(flour.id), "quantity": 1}, token=retailer.token)
    db.execute(update(Product).where(Product.id == flour.id).values(status="archived"))
    db.flush()

    cart = api.get("/cart", token=retailer.token).json_body
    flour_line = next(ln for g in cart["groups"] for ln in g["lines"] if ln["product_id"] == str(flour.id))
    assert flour_line["available"] is False
    assert [w["code"] for w in flour_line["warnings"]] == ["unavailable"]
    assert cart["grand_total"] == "500.00"


def test_the_cart_is_shared_by_the_retailers_users_and_private_to_its_business(api, db, world):
    from tests.support.factories import staff_of

    retailer, _, _, soda, _ = world
    colleague = staff_of(db, retailer)
    other = make_actor(db, "retailer")
    api.post("/cart/items", {"product_id": str(soda.id), "quantity": 10}, token=retailer.token)

    assert api.get("/cart", token=colleague.token).json_body["item_count"] == 1
    assert api.get("/cart", token=other.token).json_body["item_count"] == 0
    item_id = api.get("/cart", token=retailer.token).json_body["groups"][0]["lines"][0]["id"]
    r = api.patch(f"/cart/items/{item_id}", {"quantity": 20}, token=other.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (404, "cart_item_not_found")
    r = api.delete(f"/cart/items/{item_id}", token=other.token)
    assert r.status_code == 404
    assert api.get("/cart", token=retailer.token).json_body["groups"][0]["lines"][0]["quantity"] == 10


def test_update_and_remove_lines(api, world):
    retailer, _, _, soda, flour = world
    api.post("/cart/items", {"product_id": str(soda.id), "quantity": 10}, token=retailer.token)
    cart = api.post("/cart/items", {"product_id": str(flour.id), "quantity": 2}, token=retailer.token).json_body
    soda_item = next(ln["id"] for g in cart["groups"] for ln in g["lines"] if ln["product_id"] == str(soda.id))

    r = api.patch(f"/cart/items/{soda_item}", {"quantity": 100}, token=retailer.token)
    assert r.json_body["items_total"] == "4360.00"
    r = api.delete(f"/cart/items/{soda_item}", token=retailer.token)
    assert [g["lines"][0]["product_id"] for g in r.json_body["groups"]] == [str(flour.id)]


def test_wholesalers_cannot_use_a_cart(api, world):
    _, w1, _, soda, _ = world
    r = api.post("/cart/items", {"product_id": str(soda.id), "quantity": 10}, token=w1.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (403, "wrong_business_kind")


def test_delivery_fee_threshold_and_choice(api, db, world):
    retailer, w1, _, soda, _ = world
    r = api.put(
        "/business/delivery-options",
        {
            "pickup_enabled": True,
            "pickup_address": "Industrial Area, Road A",
            "pickup_hours": "Mon-Sat 8-17",
            "delivery_enabled": True,
            "delivery_fee": "350.00",
            "free_delivery_threshold": "4000.00",
            "regions": ["Nairobi", "Kiambu"],
            "lead_time_days": 2,
            "pay_on_delivery_enabled": True,
            "pay_on_delivery_max": "10000.00",
        },
        token=w1.token,
    )
    assert r.status_code == 200, r.json_body
    assert r.json_body["configured"] is True

    api.post("/cart/items", {"product_id": str(soda.id), "quantity": 10}, token=retailer.token)
    cart = api.put(
        "/cart/delivery", {"wholesaler_id": str(w1.business.id), "method": "delivery"}, token=retailer.token
    ).json_body
    group = cart["groups"][0]
    assert group["delivery"]["method"] == "delivery"
    assert group["delivery"]["fee"] == "350.00"
    assert group["delivery"]["address"]["region"] == "Nairobi"
    assert group["total"] == "850.00"

    item_id = group["lines"][0]["id"]
    cart = api.patch(f"/cart/items/{item_id}", {"quantity": 100}, token=retailer.token).json_body
    assert cart["groups"][0]["delivery"]["fee"] == "0.00"

    r = api.put(
        "/cart/delivery",
        {
            "wholesaler_id": str(w1.business.id),
            "method": "delivery",
            "address": {"line": "1 Beach Rd", "city": "Mombasa", "region": "Mombasa", "country": "KE"},
        },
        token=retailer.token,
    )
    assert [w["code"] for w in r.json_body["groups"][0]["warnings"]] == ["region_not_served"]


def test_delivery_options_are_for_wholesaler_owners(api, db, world):
    retailer, w1, _, _, _ = world
    from tests.support.factories import staff_of

    body = {"pickup_enabled": True, "pickup_address": "Road A"}
    assert api.put("/business/delivery-options", body, token=retailer.token).status_code == 403
    assert api.put("/business/delivery-options", body, token=staff_of(db, w1).token).status_code == 403
    r = api.put("/business/delivery-options", {"pickup_enabled": False, "delivery_enabled": False}, token=w1.token)
    assert r.status_code == 400
    assert api.get("/business/delivery-options", token=w1.token).json_body["configured"] is False
