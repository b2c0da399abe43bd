"""An admin's refund of a payment that paid for orders is a refund of one of those orders, so the
wholesaler's settlement waits for it and shows it, instead of paying out money that went back."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from chalicelib.payments.models import Refund, Settlement
from chalicelib.payments.providers.daraja_shapes import callback_body
from tests.integration.payments.support import mobile_checkout, orders, payment, post_callback
from tests.support.factories import make_user, signed_in


def _paid(api, db, daraja, prices: tuple[str, ...]):
    bought = mobile_checkout(api, db, provider="mpesa", prices=prices)
    daraja.answer(daraja.last_reference, 0)
    body = callback_body(
        merchant_request_id="1",
        checkout_request_id=daraja.last_reference,
        result_code=0,
        result_desc="ok",
        amount=payment(db, bought.payment_id).charged_amount,
        receipt="NLJ7RT61SV",
        phone="254712345678",
    )
    assert post_callback(api, "mpesa", body).status_code == 200
    return bought


def _refund(api, token: str, payment_id: uuid.UUID, **body: str):
    return api.post(f"/admin/payments/{payment_id}/refund", {"reason": "Goods damaged", **body}, token=token)


def _settlement(api, wholesaler) -> dict:
    [item] = api.get("/settlements", token=wholesaler.token).json_body["items"]
    return item


def test_a_refund_of_a_one_order_payment_is_for_that_order_and_holds_its_settlement(api, db, daraja):
    bought = _paid(api, db, daraja, ("100.50",))
    [order] = orders(db, bought.checkout["checkout_id"])
    admin = signed_in(db, make_user(db, None, role="admin"))
    [wholesaler] = bought.wholesalers
    assert (_settlement(api, wholesaler)["held"], _settlement(api, wholesaler)["refunded"]) == (False, "0.00")

    refund = _refund(api, admin, bought.payment_id, amount="100.00")

    assert refund.status_code == 201, refund.json_body
    stored = db.get(Refund, uuid.UUID(refund.json_body["id"]))
    assert stored is not None and (stored.order_id, stored.order_number) == (order.id, order.number)
    assert (_settlement(api, wholesaler)["held"], _settlement(api, wholesaler)["refunded"]) == (True, "100.00")

    done = api.post(f"/admin/refunds/{stored.id}/complete", {"reference": "QK12ABC"}, token=admin)

    assert done.status_code == 200, done.json_body
    assert (_settlement(api, wholesaler)["held"], _settlement(api, wholesaler)["refunded"]) == (False, "100.00")


def test_a_payment_for_several_orders_refunds_the_order_named_and_no_more_than_it_cost(api, db, daraja):
    bought = _paid(api, db, daraja, ("100.50", "40.00"))
    first, second = orders(db, bought.checkout["checkout_id"])
    admin = signed_in(db, make_user(db, None, role="admin"))

    unnamed = _refund(api, admin, bought.payment_id, amount="10.00")
    stranger = _refund(api, admin, bought.payment_id, amount="10.00", order_id=str(uuid.uuid4()))
    second_total = db.scalar(select(Settlement.order_total).where(Settlement.order_id == second.id))
    too_much = _refund(api, admin, bought.payment_id, amount=str(second_total + 1), order_id=str(second.id))

    assert (unnamed.status_code, unnamed.json_body["error"]["code"]) == (422, "refund_order_required")
    assert sorted(unnamed.json_body["error"]["orders"]) == sorted([first.number, second.number])
    assert (stranger.status_code, stranger.json_body["error"]["code"]) == (422, "refund_order_not_of_payment")
    assert (too_much.status_code, too_much.json_body["error"]["code"]) == (422, "refund_exceeds_paid")
    assert (too_much.json_body["error"]["refundable"], too_much.json_body["error"]["order_number"]) == (
        str(second_total),
        second.number,
    )
    assert db.scalar(select(func.count()).select_from(Refund)) == 0

    named = _refund(api, admin, bought.payment_id, amount="40.00", order_id=str(second.id))

    assert named.status_code == 201, named.json_body
    assert db.scalar(select(Refund.order_id)) == second.id
