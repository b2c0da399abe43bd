"""An order names the newest payment of its checkout to the retailer that pays it, so an
order awaiting mobile money links to its payment; the wholesaler and other businesses see none."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from chalicelib.core.clock import utcnow
from chalicelib.payments.models import Payment
from tests.integration.orders.helpers import POD_OPTIONS, add, checkout
from tests.support.factories import make_actor, make_product
from tests.support.statements import counting_statements


def test_an_order_awaiting_mobile_money_names_its_payment_to_the_payer_only(api, db):
    retailer, wholesaler = make_actor(db, "retailer"), make_actor(db, "wholesaler")
    product = make_product(db, wholesaler.business, stock=10)
    add(api, retailer.token, product, 2)
    paid = checkout(api, retailer.token, method="mobile_money").json_body
    order_id, payment_id = paid["orders"][0]["id"], paid["payment_id"]

    detail = api.get(f"/orders/{order_id}", token=retailer.token).json_body
    assert (detail["status"], detail["payment"]) == ("pending_payment", {"id": payment_id, "status": "pending"})
    listed = api.get("/orders", token=retailer.token).json_body["items"]
    assert [(o["id"], o["payment"]) for o in listed] == [(order_id, {"id": payment_id, "status": "pending"})]

    assert api.get(f"/orders/{order_id}", token=wholesaler.token).json_body["payment"] is None
    assert api.get("/orders", token=wholesaler.token).json_body["items"][0]["payment"] is None
    assert api.get(f"/orders/{order_id}", token=make_actor(db, "retailer").token).status_code == 404

    db.scalars(select(Payment)).one().status = "failed"
    db.flush()
    assert api.get(f"/orders/{order_id}", token=retailer.token).json_body["payment"]["status"] == "failed"


def test_the_newest_payment_of_the_checkout_is_the_one_named(api, db):
    retailer, wholesaler = make_actor(db, "retailer"), make_actor(db, "wholesaler")
    add(api, retailer.token, make_product(db, wholesaler.business, stock=10), 2)
    order_id = checkout(api, retailer.token, method="mobile_money").json_body["orders"][0]["id"]
    first = db.scalars(select(Payment)).one()
    first.status = "failed"
    newer = Payment(
        payer_business_id=first.payer_business_id, checkout_id=first.checkout_id, purpose="checkout",
        method=first.method, provider=first.provider, payer_phone=first.payer_phone, amount=first.amount,
        currency=first.currency, status="pending", created_at=first.created_at + timedelta(seconds=5),
        updated_at=utcnow(),
    )  # fmt: skip
    db.add(newer)
    db.flush()
    assert api.get(f"/orders/{order_id}", token=retailer.token).json_body["payment"] == {
        "id": str(newer.id), "status": "pending",
    }  # fmt: skip


def test_orders_paid_on_delivery_have_no_payment_and_the_list_costs_the_same_for_more_orders(api, db):
    retailer, wholesaler = make_actor(db, "retailer"), make_actor(db, "wholesaler")
    api.put("/business/delivery-options", POD_OPTIONS, token=wholesaler.token)
    product = make_product(db, wholesaler.business, stock=100)

    def list_statements() -> int:
        with counting_statements() as sent:
            r = api.get("/orders", token=retailer.token)
        assert r.status_code == 200, r.json_body
        return len(sent)

    add(api, retailer.token, product, 1)
    checkout(api, retailer.token, method="mobile_money")
    one = list_statements()
    for method in ("pay_on_delivery", "mobile_money", "mobile_money"):
        add(api, retailer.token, product, 1)
        checkout(api, retailer.token, method=method)
    items = api.get("/orders", token=retailer.token).json_body["items"]
    assert [o["payment"] is None for o in items] == [False, False, True, False]
    assert len({o["payment"]["id"] for o in items if o["payment"]}) == 3
    assert list_statements() == one
