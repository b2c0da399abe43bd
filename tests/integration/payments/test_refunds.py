"""Every refund is a row with a status that the retailer and the platform's staff see, from
`open` to `completed`; payments in review are resolved by an admin; the settlement ledger
shows what was refunded."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from chalicelib.core.audit import AuditEntry
from chalicelib.payments.models import Refund, Settlement
from chalicelib.payments.providers.daraja_shapes import callback_body
from tests.integration.payments.support import (
    KENYAN_PHONE,
    attempts,
    events,
    mobile_checkout,
    orders,
    payment,
    post_callback,
)
from tests.support.factories import make_actor, make_user, signed_in


def _admin(db, role: str = "admin") -> str:
    return signed_in(db, make_user(db, None, role=role))


def _success(reference: str, amount: Decimal, receipt: str = "NLJ7RT61SV") -> dict:
    return callback_body(
        merchant_request_id="1",
        checkout_request_id=reference,
        result_code=0,
        result_desc="ok",
        amount=amount,
        receipt=receipt,
        phone="254712345678",
    )


def _paid(api, db, daraja, **kw):
    bought = mobile_checkout(api, db, provider="mpesa", **kw)
    daraja.answer(daraja.last_reference, 0)
    post_callback(api, "mpesa", _success(daraja.last_reference, payment(db, bought.payment_id).charged_amount))
    assert payment(db, bought.payment_id).status == "succeeded"
    return bought


def test_a_cancelled_paid_order_is_refunded_in_sight_of_the_retailer_and_the_admins(api, db, daraja):
    bought = _paid(api, db, daraja, prices=("100.50", "200.00"), quantity=3)  # 301.50 + 600.00, 902 charged
    first, second = orders(db, bought.checkout["checkout_id"])
    wholesaler = next(w for w in bought.wholesalers if w.business.id == first.wholesaler_id)

    cancelled = api.post(f"/orders/{first.id}/cancel", {"reason": "Changed my mind"}, token=bought.retailer.token)

    assert cancelled.status_code == 200, cancelled.json_body
    [on_order] = cancelled.json_body["refunds"]
    assert (on_order["status"], on_order["cause"], on_order["amount"], on_order["order_number"]) == (
        "open",
        "cancelled_order",
        "301.50",
        first.number,
    )
    assert on_order["reason"] == "The order was cancelled: Changed my mind."
    view = api.get(f"/payments/{bought.payment_id}", token=bought.retailer.token).json_body
    assert [r["id"] for r in view["refunds"]] == [on_order["id"]]
    assert api.get(f"/orders/{second.id}", token=bought.retailer.token).json_body["refunds"] == []
    [opened] = events(db, "RefundOpened")
    assert (opened.payload["business_id"], opened.payload["refund_amount"]) == (
        str(bought.retailer.business.id),
        "301.50",
    )

    settlements = api.get("/settlements", token=wholesaler.token).json_body
    [settled] = settlements["items"]
    assert (settled["status"], settled["refunded"], settlements["total_due"]) == ("cancelled", "301.50", "0.00")

    admin = _admin(db)
    listed = api.get("/admin/refunds?status=open&cause=cancelled_order", token=admin).json_body
    [item] = listed["items"]
    assert (item["id"], item["payer_name"], item["payer_phone"], item["payment_status"]) == (
        on_order["id"],
        bought.retailer.business.name,
        KENYAN_PHONE,
        "succeeded",
    )
    assert api.get("/admin/refunds?status=completed", token=admin).json_body["items"] == []
    assert api.get("/admin/refunds", token=_admin(db, "support")).status_code == 200

    sent = api.post(f"/admin/refunds/{item['id']}/sent", {"reference": "B2C-0001"}, token=admin)
    assert (sent.status_code, sent.json_body["status"], sent.json_body["reference"]) == (200, "sent", "B2C-0001")
    done = api.post(f"/admin/refunds/{item['id']}/complete", {"reference": "B2C-0001"}, token=admin)
    assert (done.status_code, done.json_body["status"], done.json_body["payment_status"]) == (
        200,
        "completed",
        "partially_refunded",
    )
    retailer_sees = api.get(f"/orders/{first.id}", token=bought.retailer.token).json_body["refunds"][0]
    assert (retailer_sees["status"], retailer_sees["reference"]) == ("completed", "B2C-0001")
    assert retailer_sees["sent_at"] is not None and retailer_sees["completed_at"] is not None
    assert len(events(db, "RefundCompleted")) == 1
    actions = set(db.scalars(select(AuditEntry.action).where(AuditEntry.target_id == item["id"])))
    assert actions == {"refund.sent", "refund.completed"}

    rest = api.post(
        f"/admin/payments/{bought.payment_id}/refund", {"amount": "600.50", "reason": "Everything else"}, token=admin
    )
    assert rest.status_code == 201, rest.json_body
    too_much = api.post(
        f"/admin/payments/{bought.payment_id}/refund", {"amount": "0.01", "reason": "More"}, token=admin
    )
    assert (too_much.status_code, too_much.json_body["error"]["code"]) == (422, "refund_exceeds_paid")


def test_a_payout_that_failed_is_sent_again_and_moves_are_checked(api, db, daraja):
    bought = _paid(api, db, daraja)
    [order] = orders(db, bought.checkout["checkout_id"])
    api.post(f"/orders/{order.id}/cancel", {"reason": "Out of stock"}, token=bought.retailer.token)
    refund_id = db.scalar(select(Refund.id))
    admin = _admin(db)

    failed_early = api.post(f"/admin/refunds/{refund_id}/failed", {"reason": "Wrong number"}, token=admin)
    assert (failed_early.status_code, failed_early.json_body["status"]) == (200, "failed")
    assert failed_early.json_body["failure_reason"] == "Wrong number"
    not_from_failed = api.post(f"/admin/refunds/{refund_id}/complete", {"reference": "X"}, token=admin)
    assert (not_from_failed.status_code, not_from_failed.json_body["error"]["code"]) == (409, "refund_closed")
    assert not_from_failed.json_body["error"]["status"] == "failed"

    again = api.post(f"/admin/refunds/{refund_id}/sent", {"reference": "B2C-0002"}, token=admin)
    assert (again.status_code, again.json_body["status"], again.json_body["failure_reason"]) == (200, "sent", None)
    assert api.post(f"/admin/refunds/{refund_id}/complete", {"reference": "B2C-0002"}, token=admin).status_code == 200
    for action, body in (
        ("sent", {"reference": "Y"}),
        ("failed", {"reason": "late"}),
        ("complete", {"reference": "Z"}),
    ):
        r = api.post(f"/admin/refunds/{refund_id}/{action}", body, token=admin)
        assert (r.status_code, r.json_body["error"]["code"]) == (409, "refund_closed"), action

    support = _admin(db, "support")
    assert api.post(f"/admin/refunds/{refund_id}/sent", {"reference": "Y"}, token=support).status_code == 403
    assert api.get("/admin/refunds", token=bought.retailer.token).status_code == 403
    missing = api.post("/admin/refunds/00000000-0000-0000-0000-000000000000/sent", {"reference": "Y"}, token=admin)
    assert (missing.status_code, missing.json_body["error"]["code"]) == (404, "refund_not_found")


def test_another_retailer_never_sees_the_refunds(api, db, daraja):
    bought = _paid(api, db, daraja)
    [order] = orders(db, bought.checkout["checkout_id"])
    api.post(f"/orders/{order.id}/cancel", {"reason": "Never mind"}, token=bought.retailer.token)
    stranger = make_actor(db, "retailer")
    assert api.get(f"/orders/{order.id}", token=stranger.token).status_code == 404
    assert api.get(f"/payments/{bought.payment_id}", token=stranger.token).status_code == 404


def test_a_second_collection_for_a_paid_payment_is_refunded_as_a_duplicate(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    first = daraja.last_reference
    daraja.answer(first, 1037, "DS timeout user cannot be reached")
    post_callback(api, "mpesa", callback_body(merchant_request_id="1", checkout_request_id=first, result_code=1037,
                                              result_desc="DS timeout user cannot be reached"))  # fmt: skip
    assert api.post(f"/payments/{bought.payment_id}/retry", {}, token=bought.retailer.token).status_code == 200
    second = daraja.last_reference
    daraja.answer(second, 0)
    post_callback(api, "mpesa", _success(second, Decimal("302"), receipt="SECOND0001"))
    daraja.answer(first, 0)  # the payer approved the first push after all

    post_callback(api, "mpesa", _success(first, Decimal("302"), receipt="FIRST00001"))

    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.external_receipt) == ("succeeded", "SECOND0001")
    [refund] = db.query(Refund).all()
    assert (refund.cause, refund.amount, refund.status, refund.payment_id) == (
        "duplicate_collection",
        Decimal("302.00"),
        "open",
        paid.id,
    )
    assert [a.outcome for a in attempts(db, bought.payment_id)] == ["succeeded", "succeeded"]
    view = api.get(f"/payments/{bought.payment_id}", token=bought.retailer.token).json_body
    assert [(r["cause"], r["amount"]) for r in view["refunds"]] == [("duplicate_collection", "302.00")]


# --- payments in review ----------------------------------------------------------------------


def _in_review(api, db, daraja, **kw):
    bought = mobile_checkout(api, db, provider="mpesa", **kw)
    daraja.answer(daraja.last_reference, 0)
    post_callback(api, "mpesa", _success(daraja.last_reference, Decimal("1")))  # the amount does not match
    assert payment(db, bought.payment_id).status == "needs_review"
    return bought


def test_an_admin_credits_a_payment_in_review_and_its_orders_are_placed(api, db, daraja):
    bought = _in_review(api, db, daraja)
    admin = _admin(db)

    r = api.post(
        f"/admin/payments/{bought.payment_id}/resolve",
        {"resolution": "credit", "note": "M-Pesa statement shows 302 received", "receipt": "QK99STATEMENT"},
        token=admin,
    )

    assert r.status_code == 200, r.json_body
    assert (r.json_body["status"], r.json_body["receipt"]) == ("succeeded", "QK99STATEMENT")
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["placed"]
    assert db.scalar(select(Settlement.order_number)) == orders(db, bought.checkout["checkout_id"])[0].number
    [audit] = db.scalars(select(AuditEntry).where(AuditEntry.action == "payment.review_resolved")).all()
    assert (audit.details["resolution"], audit.details["status"]) == ("credit", "succeeded")
    again = api.post(
        f"/admin/payments/{bought.payment_id}/resolve", {"resolution": "refund", "note": "oops"}, token=admin
    )
    assert (again.status_code, again.json_body["error"]["code"]) == (409, "payment_not_in_review")


def test_crediting_a_review_after_the_orders_expired_refunds_it(api, db, daraja):
    bought = _in_review(api, db, daraja, stock=20, quantity=3)
    from chalicelib.core.db import unit_of_work
    from chalicelib.orders.expiry import expire_unpaid_orders

    for order in orders(db, bought.checkout["checkout_id"]):
        order.expires_at = order.created_at
    db.flush()
    with unit_of_work() as uow:
        assert expire_unpaid_orders(uow.session) == 1
        uow.commit()
    assert payment(db, bought.payment_id).status == "needs_review"  # expiry fails pending payments only

    r = api.post(
        f"/admin/payments/{bought.payment_id}/resolve",
        {"resolution": "credit", "note": "Money arrived"},
        token=_admin(db),
    )

    assert (r.status_code, r.json_body["status"], r.json_body["late"]) == (200, "succeeded", True)
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["cancelled"]
    [refund] = r.json_body["refunds"]
    assert (refund["cause"], refund["amount"], refund["status"]) == ("late_payment", "302.00", "open")


def test_an_admin_refunds_a_payment_in_review_once(api, db, daraja):
    bought = _in_review(api, db, daraja)
    admin = _admin(db)
    r = api.post(
        f"/admin/payments/{bought.payment_id}/resolve",
        {"resolution": "refund", "note": "Paid from a stolen line: give it back"},
        token=admin,
    )
    assert r.status_code == 200, r.json_body
    [refund] = r.json_body["refunds"]
    assert (refund["cause"], refund["amount"], refund["status"]) == ("needs_review", "302.00", "open")
    assert refund["reason"] == "We could not confirm this payment for your orders, so it is refunded."
    assert r.json_body["status"] == "needs_review"  # until the refund is completed
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["pending_payment"]

    for resolution in ("refund", "credit", "fail"):
        again = api.post(
            f"/admin/payments/{bought.payment_id}/resolve", {"resolution": resolution, "note": "again"}, token=admin
        )
        assert (again.status_code, again.json_body["error"]["code"]) == (409, "payment_not_in_review"), resolution
        assert again.json_body["error"]["resolution"] == "refund"
    assert db.query(Refund).count() == 1
    assert payment(db, bought.payment_id).status == "needs_review"


@pytest.mark.parametrize("role", ["support"])
def test_an_admin_records_that_no_money_arrived(api, db, daraja, role):
    bought = _in_review(api, db, daraja)
    body = {"resolution": "fail", "note": "Nothing on the statement"}
    assert api.post(f"/admin/payments/{bought.payment_id}/resolve", body, token=_admin(db, role)).status_code == 403

    r = api.post(f"/admin/payments/{bought.payment_id}/resolve", body, token=_admin(db))

    assert (r.status_code, r.json_body["status"], r.json_body["next_action"]) == (200, "failed", "retry")
    assert r.json_body["refunds"] == []
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["pending_payment"]
    assert db.query(Refund).count() == 0
