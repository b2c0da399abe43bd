"""Cart and checkout refusals that name what is wrong, and leave the cart, the stock and the
ledger exactly as they were."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.catalog.models import Product
from chalicelib.core.outbox import OutboxEvent
from chalicelib.inventory.models import StockMovement
from chalicelib.orders.models import CartDelivery, CartItem, Checkout, Order
from chalicelib.payments.models import Payment
from tests.integration.orders.helpers import add, checkout
from tests.support.api import Api, count
from tests.support.factories import make_actor, make_product


def test_checking_out_a_cart_with_a_product_no_longer_sold_is_422_and_places_nothing(api: Api, db: Session) -> None:
    retailer, wholesaler = make_actor(db, "retailer"), make_actor(db, "wholesaler")
    sold = make_product(db, wholesaler.business, tiers=[(1, "100.00")], stock=20)
    withdrawn = make_product(db, wholesaler.business, tiers=[(1, "250.00")], stock=20)
    add(api, retailer.token, sold, 2)
    add(api, retailer.token, withdrawn, 3)
    db.get(Product, withdrawn.id).status = "archived"
    db.flush()
    events_before = count(db, OutboxEvent)

    r = checkout(api, retailer.token, method="mobile_money")  # the cart's current version: only the product is wrong

    assert r.status_code == 422, r.json_body
    assert r.json_body == {
        "error": {
            "code": "cart_has_unavailable_items",
            "message": "Some items in your cart are no longer available. Remove them and try again.",
            "details": [],
        }
    }
    assert (count(db, Checkout), count(db, Order), count(db, Payment), count(db, StockMovement)) == (0, 0, 0, 0)
    assert count(db, CartItem) == 2
    assert count(db, OutboxEvent) == events_before
    db.expire_all()
    assert (db.get(Product, sold.id).stock_on_hand, db.get(Product, withdrawn.id).stock_on_hand) == (20, 20)


def test_choosing_delivery_for_a_wholesaler_not_in_the_cart_is_404_and_records_no_choice(api: Api, db: Session) -> None:
    retailer = make_actor(db, "retailer")
    in_cart, elsewhere = make_actor(db, "wholesaler"), make_actor(db, "wholesaler")
    add(api, retailer.token, make_product(db, in_cart.business), 1)

    r = api.put(
        "/cart/delivery", {"wholesaler_id": str(elsewhere.business.id), "method": "pickup"}, token=retailer.token
    )

    assert r.status_code == 404
    assert r.json_body["error"]["code"] == "wholesaler_not_in_cart"
    assert count(db, CartDelivery) == 0


def test_choosing_a_delivery_method_the_wholesaler_does_not_offer_is_422_and_records_no_choice(
    api: Api, db: Session
) -> None:
    """A wholesaler without delivery options offers pickup only."""
    retailer, wholesaler = make_actor(db, "retailer"), make_actor(db, "wholesaler")
    add(api, retailer.token, make_product(db, wholesaler.business), 1)
    assert api.get("/cart", token=retailer.token).json_body["groups"][0]["delivery"]["options"] == ["pickup"]

    r = api.put(
        "/cart/delivery", {"wholesaler_id": str(wholesaler.business.id), "method": "delivery"}, token=retailer.token
    )

    assert r.status_code == 422
    assert r.json_body["error"] == {
        "code": "delivery_option_unavailable",
        "message": "This wholesaler does not offer that delivery option.",
        "details": [],
    }
    assert count(db, CartDelivery) == 0
    assert db.scalars(select(CartItem.quantity)).all() == [1]


def test_an_order_of_another_business_or_of_no_one_is_404_order_not_found(api: Api, db: Session) -> None:
    retailer, stranger = make_actor(db, "retailer"), make_actor(db, "retailer")
    wholesaler = make_actor(db, "wholesaler")
    add(api, retailer.token, make_product(db, wholesaler.business), 1)
    order_id = checkout(api, retailer.token, method="mobile_money").json_body["orders"][0]["id"]

    for path in (f"/orders/{order_id}", f"/orders/{uuid.uuid4()}"):
        r = api.get(path, token=stranger.token)
        assert (r.status_code, r.json_body["error"]["code"]) == (404, "order_not_found"), path
    r = api.post(f"/orders/{order_id}/reorder", token=stranger.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (404, "order_not_found")
    assert count(db, CartItem) == 0  # the checkout emptied the retailer's cart; the stranger's stayed empty
