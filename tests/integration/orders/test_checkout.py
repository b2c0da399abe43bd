"""Checkout: one order per wholesaler, stock reserved, idempotent, refused cleanly."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from chalicelib.catalog.models import Product
from chalicelib.core.outbox import OutboxEvent
from chalicelib.inventory.models import StockMovement
from chalicelib.orders.models import CartItem, Checkout, Order, OrderLine
from chalicelib.payments.models import Payment
from tests.integration.orders.helpers import POD_OPTIONS, add, checkout
from tests.support.api import count
from tests.support.factories import make_actor, make_product


def _setup(api, db):
    retailer = make_actor(db, "retailer")
    w1, w2 = make_actor(db, "wholesaler"), make_actor(db, "wholesaler")
    for w in (w1, w2):
        assert api.put("/business/delivery-options", POD_OPTIONS, token=w.token).status_code == 200
    soda = make_product(db, w1.business, tiers=[(10, "50.00"), (50, "45.00")], stock=100)
    rice = make_product(db, w1.business, tiers=[(1, "1200.00")], stock=10)
    oil = make_product(db, w2.business, tiers=[(2, "650.00")], stock=40, low_stock_threshold=35)
    add(api, retailer.token, soda, 50)
    add(api, retailer.token, rice, 2)
    add(api, retailer.token, oil, 6)
    return retailer, w1, w2, soda, rice, oil


def _stock(db, product):
    db.expire_all()
    return db.get(Product, product.id).stock_on_hand


def test_pay_on_delivery_places_one_order_per_wholesaler_and_reserves_stock(api, db):
    retailer, w1, w2, soda, rice, oil = _setup(api, db)

    r = checkout(api, retailer.token)

    assert r.status_code == 201, r.json_body
    body = r.json_body
    assert body["next_action"] == "none"
    assert body["grand_total"] == "8550.00"
    assert [o["status"] for o in body["orders"]] == ["placed", "placed"]
    assert {o["wholesaler_id"]: o["total"] for o in body["orders"]} == {
        str(w1.business.id): "4650.00",
        str(w2.business.id): "3900.00",
    }
    assert all(o["number"].startswith("ORD-") for o in body["orders"])
    assert (_stock(db, soda), _stock(db, rice), _stock(db, oil)) == (50, 8, 34)
    movements = db.scalars(select(StockMovement).where(StockMovement.kind == "sale")).all()
    assert sorted((m.delta, m.stock_after) for m in movements) == [(-50, 50), (-6, 34), (-2, 8)]
    lines = db.scalars(select(OrderLine)).all()
    assert sorted((ln.sku, ln.quantity, str(ln.unit_price), str(ln.line_total)) for ln in lines) == sorted(
        [(soda.sku, 50, "45.00", "2250.00"), (rice.sku, 2, "1200.00", "2400.00"), (oil.sku, 6, "650.00", "3900.00")]
    )
    orders = db.scalars(select(Order)).all()
    assert {o.invoice_number for o in orders} == {1}
    assert count(db, CartItem) == 0
    events = [e.event_type for e in db.scalars(select(OutboxEvent).order_by(OutboxEvent.occurred_at)).all()]
    assert events.count("OrderPlaced") == 2
    assert events.count("LowStock") == 1
    confirmed = db.scalars(select(OutboxEvent).where(OutboxEvent.event_type == "OrdersPlaced")).one().payload
    assert (confirmed["business_id"], confirmed["total"], sorted(confirmed["order_numbers"])) == (
        str(retailer.business.id), "8550.00", sorted(o["number"] for o in body["orders"]),
    )  # fmt: skip
    assert count(db, Payment) == 0


def test_invoice_numbers_run_per_wholesaler_without_gaps(api, db):
    retailer, w1, w2, soda, rice, oil = _setup(api, db)
    checkout(api, retailer.token)
    add(api, retailer.token, soda, 10)
    checkout(api, retailer.token)
    numbers = sorted((o.wholesaler_id == w1.business.id, o.invoice_number) for o in db.scalars(select(Order)))
    assert numbers == [(False, 1), (True, 1), (True, 2)]


def test_mobile_money_holds_the_orders_until_paid(api, db):
    retailer, *_ = _setup(api, db)

    r = checkout(api, retailer.token, method="mobile_money")

    assert r.status_code == 201, r.json_body
    assert r.json_body["next_action"] == "approve_on_phone"
    assert [o["status"] for o in r.json_body["orders"]] == ["pending_payment", "pending_payment"]
    payment = db.scalars(select(Payment)).one()
    assert (payment.status, payment.provider, payment.payer_phone, str(payment.amount)) == (
        "pending",
        "sandbox",
        "+254712345670",
        "8550.00",
    )
    assert all(o.expires_at is not None and o.invoice_number is None for o in db.scalars(select(Order)))
    assert {"OrderPlaced", "OrdersPlaced"}.isdisjoint(e.event_type for e in db.scalars(select(OutboxEvent)))


def test_the_same_key_and_body_replays_the_first_answer(api, db):
    retailer, *_ = _setup(api, db)
    version = api.get("/cart", token=retailer.token).json_body["version"]

    first = checkout(api, retailer.token, key="key-1", version=version)
    again = checkout(api, retailer.token, key="key-1", version=version)

    assert again.status_code == 201
    assert again.json_body == first.json_body
    assert count(db, Order) == 2
    assert count(db, Checkout) == 1


def test_the_same_key_with_another_body_is_a_conflict(api, db):
    retailer, *_ = _setup(api, db)
    version = api.get("/cart", token=retailer.token).json_body["version"]
    checkout(api, retailer.token, key="key-2", version=version)

    r = checkout(api, retailer.token, key="key-2", version=version, method="mobile_money")

    assert (r.status_code, r.json_body["error"]["code"]) == (409, "idempotency_key_reused")
    assert count(db, Order) == 2


def test_a_stale_cart_version_is_refused_with_the_current_cart_and_nothing_written(api, db):
    retailer, w1, w2, soda, rice, oil = _setup(api, db)
    version = api.get("/cart", token=retailer.token).json_body["version"]
    add(api, retailer.token, soda, 10)

    r = checkout(api, retailer.token, version=version)

    assert (r.status_code, r.json_body["error"]["code"]) == (409, "cart_changed")
    assert r.json_body["error"]["cart"]["version"] != version
    assert r.json_body["error"]["cart"]["groups"]
    assert (count(db, Order), count(db, Checkout), count(db, StockMovement)) == (0, 0, 0)
    assert _stock(db, soda) == 100


def test_insufficient_stock_refuses_everything(api, db):
    retailer, w1, w2, soda, rice, oil = _setup(api, db)
    db.get(Product, rice.id).stock_on_hand = 1
    db.flush()

    r = checkout(api, retailer.token)

    assert (r.status_code, r.json_body["error"]["code"]) == (409, "insufficient_stock")
    assert r.json_body["error"]["details"][0]["field"] == str(rice.id)
    assert (count(db, Order), count(db, StockMovement), count(db, Checkout)) == (0, 0, 0)
    assert (_stock(db, soda), _stock(db, oil)) == (100, 40)
    assert count(db, CartItem) == 3


def test_an_empty_cart_and_missing_key_are_refused(api, db):
    retailer = make_actor(db, "retailer")
    r = checkout(api, retailer.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (422, "cart_empty")
    r = api.post("/checkout", {"cart_version": "x", "payment": {"method": "pay_on_delivery"}}, token=retailer.token)
    assert (r.status_code, r.json_body["error"]["details"][0]["code"]) == (400, "idempotency_key_required")
    assert count(db, Checkout) == 0


@pytest.mark.parametrize("key", [" ", " padded", "k" * 101, "clé-1"])
def test_an_idempotency_key_outside_its_documented_format_is_refused(api, db, key):
    retailer = make_actor(db, "retailer")
    r = api.post(
        "/checkout", {"cart_version": "x", "payment": {"method": "pay_on_delivery"}}, token=retailer.token,
        headers={"idempotency-key": key},
    )  # fmt: skip
    assert (r.status_code, r.json_body["error"]["details"][0]["field"]) == (400, "Idempotency-Key")
    assert count(db, Checkout) == 0


def test_the_idempotency_key_is_a_documented_header_of_the_checkout():
    from chalicelib.system.service import api_document

    [header] = [p for p in api_document()["paths"]["/checkout"]["post"]["parameters"] if p["in"] == "header"]
    assert (header["name"], header["required"], header["schema"]["maxLength"]) == ("Idempotency-Key", True, 100)


def test_pay_on_delivery_only_where_every_wholesaler_accepts_it(api, db):
    retailer, w1, w2, *_ = _setup(api, db)
    api.put("/business/delivery-options", {**POD_OPTIONS, "pay_on_delivery_enabled": False}, token=w2.token)

    r = checkout(api, retailer.token)

    assert (r.status_code, r.json_body["error"]["code"]) == (422, "pay_on_delivery_unavailable")
    assert r.json_body["error"]["details"][0]["field"] == f"wholesaler:{w2.business.id}"
    assert count(db, Order) == 0


def test_pay_on_delivery_above_the_wholesalers_limit_is_refused(api, db):
    retailer, w1, *_ = _setup(api, db)
    api.put("/business/delivery-options", {**POD_OPTIONS, "pay_on_delivery_max": "1000.00"}, token=w1.token)
    r = checkout(api, retailer.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (422, "pay_on_delivery_unavailable")


def test_an_unverified_email_cannot_check_out(api, db):
    retailer = make_actor(db, "retailer", verified_email=False)
    w = make_actor(db, "wholesaler")
    add(api, retailer.token, make_product(db, w.business), 1)
    r = checkout(api, retailer.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (422, "email_not_verified")


def test_wholesalers_cannot_check_out_and_bad_payment_bodies_are_400(api, db):
    retailer, w1, *_ = _setup(api, db)
    assert checkout(api, w1.token, version="any").status_code == 403
    r = api.post(
        "/checkout",
        {"cart_version": "v", "payment": {"method": "mobile_money", "provider": "mpesa", "payer_phone": "12"}},
        token=retailer.token,
        headers={"idempotency-key": "k"},
    )
    assert r.status_code == 400
    assert r.json_body["error"]["details"][0]["field"] == "payment.mobile_money.payer_phone"
    assert count(db, Order) == 0
