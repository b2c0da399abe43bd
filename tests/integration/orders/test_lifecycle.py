"""Orders after checkout: the state machine, cancellation, collection, reorder, invoice, expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from chalicelib.catalog.models import Product
from chalicelib.core.clock import utcnow
from chalicelib.core.db import unit_of_work
from chalicelib.core.outbox import OutboxEvent
from chalicelib.inventory.models import StockMovement
from chalicelib.orders.expiry import expire_unpaid_orders
from chalicelib.orders.models import Order, OrderEvent
from chalicelib.payments.models import Payment, Refund
from tests.integration.orders.helpers import POD_OPTIONS, add, checkout
from tests.support.api import count
from tests.support.factories import make_actor, make_product
from tests.support.statements import counting_statements


@pytest.fixture
def placed(api, db):
    retailer = make_actor(db, "retailer")
    wholesaler = make_actor(db, "wholesaler")
    api.put("/business/delivery-options", POD_OPTIONS, token=wholesaler.token)
    product = make_product(db, wholesaler.business, tiers=[(5, "200.00")], stock=50, order_increment=5)
    add(api, retailer.token, product, 10)
    order_id = checkout(api, retailer.token).json_body["orders"][0]["id"]
    return retailer, wholesaler, product, order_id


def _move(api, token, order_id, to, **extra):
    return api.post(f"/orders/{order_id}/transitions", {"to": to, **extra}, token=token)


def test_a_sale_moves_through_every_status_with_a_timeline(api, db, placed):
    retailer, wholesaler, _, order_id = placed
    for to, extra in (
        ("accepted", {}),
        ("packed", {}),
        ("dispatched", {"driver_name": "Otieno", "driver_phone": "0722111222", "expected_delivery_date": "2026-12-01"}),
        ("delivered", {"note": "Left with the shopkeeper"}),
        ("completed", {}),
    ):
        r = _move(api, wholesaler.token, order_id, to, **extra)
        assert (r.status_code, r.json_body["status"]) == (200, to), r.json_body

    order = api.get(f"/orders/{order_id}", token=retailer.token).json_body
    assert [(e["from_status"], e["to_status"], e["actor"]) for e in order["timeline"]] == [
        (None, "placed", "retailer"),
        ("placed", "accepted", "wholesaler"),
        ("accepted", "packed", "wholesaler"),
        ("packed", "dispatched", "wholesaler"),
        ("dispatched", "delivered", "wholesaler"),
        ("delivered", "completed", "wholesaler"),
    ]
    assert order["delivery"]["driver_phone"] == "+254722111222"
    assert order["delivery"]["expected_delivery_date"] == "2026-12-01"
    assert order["timeline"][4]["note"] == "Left with the shopkeeper"
    changes = db.scalars(select(OutboxEvent).where(OutboxEvent.event_type == "OrderStatusChanged")).all()
    assert len(changes) == 5
    assert {e.payload["business_id"] for e in changes} == {str(retailer.business.id)}


def test_an_invalid_change_is_409_and_changes_nothing(api, db, placed):
    _, wholesaler, _, order_id = placed
    r = _move(api, wholesaler.token, order_id, "delivered")
    assert (r.status_code, r.json_body["error"]["code"]) == (409, "invalid_transition")
    assert r.json_body["error"]["current_status"] == "placed"
    db.expire_all()
    assert db.get(Order, order_id).status == "placed"
    assert count(db, OrderEvent) == 1


def test_dispatch_needs_the_driver_and_date(api, placed):
    _, wholesaler, _, order_id = placed
    _move(api, wholesaler.token, order_id, "accepted")
    _move(api, wholesaler.token, order_id, "packed")
    r = _move(api, wholesaler.token, order_id, "dispatched", driver_name="Otieno")
    assert (r.status_code, r.json_body["error"]["details"][0]["code"]) == (400, "dispatch_details_required")


def test_retailers_cannot_make_wholesaler_transitions(api, placed):
    retailer, _, _, order_id = placed
    r = _move(api, retailer.token, order_id, "accepted")
    assert (r.status_code, r.json_body["error"]["code"]) == (403, "wrong_business_kind")


def test_other_businesses_cannot_see_or_touch_the_order(api, db, placed):
    _, _, _, order_id = placed
    stranger = make_actor(db, "wholesaler")
    other_retailer = make_actor(db, "retailer")
    assert api.get(f"/orders/{order_id}", token=stranger.token).status_code == 404
    assert _move(api, stranger.token, order_id, "accepted").status_code == 404
    assert api.post(f"/orders/{order_id}/cancel", {}, token=other_retailer.token).status_code == 404
    assert api.get("/orders", token=stranger.token).json_body["items"] == []
    assert api.get("/orders/not-a-uuid", token=stranger.token).status_code == 404


def test_cancelling_returns_the_stock(api, db, placed):
    retailer, _, product, order_id = placed
    r = api.post(f"/orders/{order_id}/cancel", {"reason": "Ordered twice"}, token=retailer.token)

    assert (r.status_code, r.json_body["status"], r.json_body["cancel_reason"]) == (200, "cancelled", "Ordered twice")
    db.expire_all()
    assert db.get(Product, product.id).stock_on_hand == 50
    cancel_moves = db.scalars(select(StockMovement).where(StockMovement.kind == "cancel")).all()
    assert [(m.delta, m.stock_after) for m in cancel_moves] == [(10, 50)]
    event = db.scalars(select(OutboxEvent).where(OutboxEvent.event_type == "OrderCancelled")).one()
    assert (event.payload["retailer_id"], event.payload["wholesaler_id"]) == (
        str(retailer.business.id),
        str(placed[1].business.id),
    )
    assert count(db, Refund) == 0
    again = api.post(f"/orders/{order_id}/cancel", {}, token=retailer.token)
    assert (again.status_code, again.json_body["error"]["code"]) == (409, "invalid_transition")


def test_after_acceptance_only_the_wholesaler_cancels_and_must_say_why(api, db, placed):
    retailer, wholesaler, _, order_id = placed
    _move(api, wholesaler.token, order_id, "accepted")
    assert api.post(f"/orders/{order_id}/cancel", {}, token=retailer.token).status_code == 409
    r = _move(api, wholesaler.token, order_id, "cancelled")
    assert (r.status_code, r.json_body["error"]["details"][0]["code"]) == (400, "reason_required")
    r = _move(api, wholesaler.token, order_id, "cancelled", note="Out of stock at the depot")
    assert r.json_body["status"] == "cancelled"


def test_a_paid_order_cancelled_opens_a_refund(api, db):
    retailer, wholesaler = make_actor(db, "retailer"), make_actor(db, "wholesaler")
    product = make_product(db, wholesaler.business, stock=10)
    add(api, retailer.token, product, 2)
    order_id = checkout(api, retailer.token, method="mobile_money").json_body["orders"][0]["id"]
    order = db.get(Order, order_id)
    order.status = "placed"
    db.scalars(select(Payment)).one().status = "succeeded"
    db.flush()

    r = api.post(f"/orders/{order_id}/cancel", {"reason": "Changed my mind"}, token=retailer.token)

    assert r.status_code == 200
    refund = db.scalars(select(Refund)).one()
    assert (str(refund.amount), refund.status) == ("200.00", "open")


def test_collection_on_delivery_is_recorded_in_the_ledger(api, db, placed):
    _, wholesaler, _, order_id = placed
    _move(api, wholesaler.token, order_id, "accepted")
    r = api.post(f"/orders/{order_id}/collection", {"amount": "1500.00", "method": "cash"}, token=wholesaler.token)
    assert (r.status_code, r.json_body["amount_collected"]) == (201, "1500.00")
    r = api.post(f"/orders/{order_id}/collection", {"amount": "600.00", "method": "cash"}, token=wholesaler.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (422, "collection_not_allowed")
    r = api.post(
        f"/orders/{order_id}/collection", {"amount": "500.00", "method": "mobile_money"}, token=wholesaler.token
    )
    assert (r.status_code, r.json_body["error"]["details"][0]["code"]) == (400, "reference_required")
    r = api.post(
        f"/orders/{order_id}/collection",
        {"amount": "500.00", "method": "mobile_money", "reference": "SGH7K2L9QX"},
        token=wholesaler.token,
    )
    assert r.json_body["amount_collected"] == "2000.00"
    assert sorted((p.method, str(p.amount)) for p in db.scalars(select(Payment))) == [
        ("cash", "1500.00"),
        ("mobile_money_on_delivery", "500.00"),
    ]


def test_reorder_puts_lines_back_at_todays_prices_and_lists_what_could_not_be_added(api, db, placed):
    retailer, wholesaler, product, order_id = placed
    db.get(Product, product.id).order_increment = 3
    db.flush()
    r = api.post(f"/orders/{order_id}/reorder", token=retailer.token)
    assert r.status_code == 200, r.json_body
    assert r.json_body["added"] == 1
    assert [s["reason"] for s in r.json_body["skipped"]] == ["quantity_adjusted"]
    assert r.json_body["cart"]["groups"][0]["lines"][0]["quantity"] == 11

    db.get(Product, product.id).status = "archived"
    db.flush()
    r = api.post(f"/orders/{order_id}/reorder", token=retailer.token)
    assert (r.json_body["added"], r.json_body["skipped"][0]["reason"]) == (0, "unavailable")


def test_reorder_costs_the_same_statements_whatever_the_number_of_lines(api, db):
    retailer = make_actor(db, "retailer")
    wholesaler = make_actor(db, "wholesaler")
    api.put("/business/delivery-options", POD_OPTIONS, token=wholesaler.token)

    def order_of(lines: int) -> str:
        for _ in range(lines):
            add(api, retailer.token, make_product(db, wholesaler.business, tiers=[(1, "50.00")], stock=50), 2)
        return str(checkout(api, retailer.token).json_body["orders"][0]["id"])

    small, large = order_of(1), order_of(6)
    statements = {}
    for order_id, lines in ((small, 1), (large, 6)):
        with counting_statements() as sent:
            r = api.post(f"/orders/{order_id}/reorder", token=retailer.token)
        assert (r.status_code, r.json_body["added"]) == (200, lines), r.json_body
        statements[lines] = len(sent)
    assert statements[6] == statements[1], statements


def test_orders_list_for_each_side_newest_first_with_a_cursor(api, db, placed):
    retailer, wholesaler, product, first = placed
    ids = [first]
    for _ in range(2):
        add(api, retailer.token, product, 5)
        ids.append(checkout(api, retailer.token).json_body["orders"][0]["id"])
    page1 = api.get("/orders?limit=2", token=wholesaler.token).json_body
    page2 = api.get(f"/orders?limit=2&cursor={page1['next_cursor']}", token=wholesaler.token).json_body
    seen = [o["id"] for o in page1["items"] + page2["items"]]
    assert sorted(seen) == sorted(ids)
    assert len(set(seen)) == 3
    assert page2["next_cursor"] is None
    assert len(api.get("/orders?status=placed", token=retailer.token).json_body["items"]) == 3
    assert api.get("/orders?status=cancelled", token=retailer.token).json_body["items"] == []
    assert api.get("/orders?cursor=forged", token=retailer.token).status_code == 400
    assert api.get("/orders?limit=101", token=retailer.token).status_code == 400


def test_invoice_pdf_for_both_parties(api, db, placed):
    retailer, wholesaler, _, order_id = placed
    for actor in (retailer, wholesaler):
        r = api.get(f"/orders/{order_id}/invoice.pdf", token=actor.token, headers={"accept": "application/pdf"})
        assert r.status_code == 200
        assert r.headers["Content-Type"] == "application/pdf"
        assert r.body.startswith(b"%PDF-")
    assert (
        api.get(
            f"/orders/{order_id}/invoice.pdf",
            token=make_actor(db, "retailer").token,
            headers={"accept": "application/pdf"},
        ).status_code
        == 404
    )


def test_unpaid_orders_expire_and_return_their_stock(api, db):
    retailer, wholesaler = make_actor(db, "retailer"), make_actor(db, "wholesaler")
    product = make_product(db, wholesaler.business, stock=10)
    add(api, retailer.token, product, 4)
    order_id = checkout(api, retailer.token, method="mobile_money").json_body["orders"][0]["id"]

    with unit_of_work() as uow:
        assert expire_unpaid_orders(uow.session) == 0
    with time_machine.travel(utcnow() + timedelta(minutes=16)), unit_of_work() as uow:
        assert expire_unpaid_orders(uow.session) == 1
        uow.commit()

    db.expire_all()
    assert db.get(Order, order_id).status == "cancelled"
    assert db.get(Product, product.id).stock_on_hand == 10
    assert db.scalars(select(Payment)).one().status == "failed"
    assert [e.event_type for e in db.scalars(select(OutboxEvent).where(OutboxEvent.event_type == "OrderExpired"))] == [
        "OrderExpired"
    ]
