"""Subscription gating where the other domains call it: checkout, accepting orders,
catalog visibility to retailers, payment on delivery, and the plan limits on products,
staff and orders."""

from __future__ import annotations

from sqlalchemy import select

from chalicelib.catalog.models import Product
from chalicelib.orders.models import Order
from tests.integration.billing.helpers import grant_subscription
from tests.integration.orders.helpers import POD_OPTIONS, add, checkout
from tests.support.api import count
from tests.support.factories import make_actor, make_category, make_product


def _seller(api, db, **limits):
    wholesaler = make_actor(db, "wholesaler")
    grant_subscription(
        db,
        wholesaler.business.id,
        max_active_products=limits.pop("max_active_products", None),
        pay_on_delivery=True,
        **limits,
    )
    assert api.put("/business/delivery-options", POD_OPTIONS, token=wholesaler.token).status_code == 200
    return wholesaler


def test_a_retailer_without_a_subscription_can_browse_but_not_check_out(api, db):
    wholesaler = _seller(api, db)
    retailer = make_actor(db, "retailer")
    add(api, retailer.token, make_product(db, wholesaler.business), 1)

    r = checkout(api, retailer.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (402, "subscription_required")
    assert count(db, Order) == 0

    grant_subscription(db, retailer.business.id)
    assert checkout(api, retailer.token).status_code == 201


def test_a_suspended_retailer_cannot_check_out(api, db):
    wholesaler = _seller(api, db)
    retailer = make_actor(db, "retailer")
    grant_subscription(db, retailer.business.id, status="suspended")
    add(api, retailer.token, make_product(db, wholesaler.business), 1)
    r = checkout(api, retailer.token)
    assert (r.status_code, r.json_body["error"]["subscription_status"]) == (402, "suspended")


def test_the_orders_per_month_limit_counts_one_order_per_wholesaler(api, db):
    w1, w2 = _seller(api, db), _seller(api, db)
    retailer = make_actor(db, "retailer")
    grant_subscription(db, retailer.business.id, max_orders_per_month=1)
    add(api, retailer.token, make_product(db, w1.business), 1)
    add(api, retailer.token, make_product(db, w2.business), 1)

    r = checkout(api, retailer.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (422, "plan_limit_reached")
    assert count(db, Order) == 0


def test_a_wholesaler_without_a_subscription_is_hidden_and_cannot_accept_new_orders(api, db):
    wholesaler = _seller(api, db)
    retailer = make_actor(db, "retailer")
    grant_subscription(db, retailer.business.id)
    product = make_product(db, wholesaler.business)
    add(api, retailer.token, product, 1)
    order_id = checkout(api, retailer.token).json_body["orders"][0]["id"]

    from chalicelib.billing.models import Subscription

    db.scalars(
        select(Subscription).where(Subscription.business_id == wholesaler.business.id)
    ).one().status = "suspended"
    db.flush()

    r = api.post("/cart/items", {"product_id": str(product.id), "quantity": 1}, token=retailer.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (404, "product_not_found")
    r = api.post(f"/orders/{order_id}/transitions", {"to": "accepted"}, token=wholesaler.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (402, "subscription_required")
    assert api.get(f"/orders/{order_id}", token=wholesaler.token).json_body["status"] == "placed"


def test_publishing_beyond_the_active_product_limit_is_refused(api, db):
    wholesaler = make_actor(db, "wholesaler")
    grant_subscription(db, wholesaler.business.id, max_active_products=1)
    category = make_category(db)
    body = {
        "sku": "A-1",
        "name": "Sugar 2kg",
        "category_id": str(category.id),
        "unit_of_sale": "bale of 10",
        "pack_size": 10,
        "min_order_qty": 1,
        "order_increment": 1,
        "tiers": [{"min_quantity": 1, "unit_price": "1900.00"}],
        "status": "active",
    }
    assert api.post("/inventory/products", body, token=wholesaler.token).status_code == 201

    r = api.post("/inventory/products", {**body, "sku": "A-2"}, token=wholesaler.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (422, "plan_limit_reached")
    assert count(db, Product) == 1
    draft = api.post("/inventory/products", {**body, "sku": "A-3", "status": "draft"}, token=wholesaler.token)
    assert draft.status_code == 201


def test_inviting_staff_beyond_the_plan_is_refused(api, db):
    owner = make_actor(db, "retailer")
    grant_subscription(db, owner.business.id, max_staff_users=0)
    r = api.post("/business/users", {"email": "clerk@duka.co.ke", "full_name": "Clerk One"}, token=owner.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (422, "plan_limit_reached")


def test_payment_on_delivery_needs_a_plan_that_includes_it(api, db):
    wholesaler = make_actor(db, "wholesaler")
    grant_subscription(db, wholesaler.business.id, pay_on_delivery=False)
    r = api.put("/business/delivery-options", POD_OPTIONS, token=wholesaler.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (422, "plan_feature_not_included")
    ok = api.put(
        "/business/delivery-options", {**POD_OPTIONS, "pay_on_delivery_enabled": False}, token=wholesaler.token
    )
    assert ok.status_code == 200


def test_the_catalog_hides_the_products_of_a_wholesaler_without_a_subscription(api, db):
    from chalicelib.billing.models import Subscription

    wholesaler = _seller(api, db)
    retailer = make_actor(db, "retailer")
    product = make_product(db, wholesaler.business, name="Kabras sugar 2kg")
    assert api.get(f"/catalog/products/{product.id}", token=retailer.token).status_code == 200

    db.scalars(
        select(Subscription).where(Subscription.business_id == wholesaler.business.id)
    ).one().status = "suspended"
    db.flush()

    assert api.get(f"/catalog/products/{product.id}", token=retailer.token).status_code == 404
    assert api.get("/catalog/search?q=kabras", token=retailer.token).json_body["items"] == []


def test_with_enforcement_switched_off_a_business_without_a_subscription_sells_buys_and_hires(
    api, db, subscriptions_not_enforced
):
    """SUBSCRIPTION_ENFORCEMENT=false (a local stack may set it): no gate anywhere."""
    from chalicelib.accounts.models import User
    from chalicelib.billing.models import Subscription

    wholesaler, retailer = make_actor(db, "wholesaler"), make_actor(db, "retailer")
    assert api.put("/business/delivery-options", POD_OPTIONS, token=wholesaler.token).status_code == 200
    product = make_product(db, wholesaler.business, name="Kabras sugar 2kg")
    assert api.get(f"/catalog/products/{product.id}", token=retailer.token).status_code == 200
    add(api, retailer.token, product, 1)

    placed = checkout(api, retailer.token)
    assert placed.status_code == 201, placed.json_body
    order_id = placed.json_body["orders"][0]["id"]
    accepted = api.post(f"/orders/{order_id}/transitions", {"to": "accepted"}, token=wholesaler.token)
    assert (accepted.status_code, accepted.json_body["status"]) == (200, "accepted")
    invited = api.post("/business/users", {"email": "clerk@duka.co.ke", "full_name": "Clerk One"}, token=retailer.token)
    assert invited.status_code == 201, invited.json_body
    assert count(db, Subscription) == 0
    assert count(db, User, User.business_id == retailer.business.id) == 2
