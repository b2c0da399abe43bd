"""The admins' ledger, refunds and settlement payouts; the wholesaler's settlements."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import time_machine
from sqlalchemy import select

from chalicelib.core.audit import AuditEntry
from chalicelib.core.clock import utcnow
from chalicelib.payments.events import reconcile_pending_payments
from chalicelib.payments.models import Refund, Settlement
from chalicelib.payments.providers.daraja_shapes import callback_body
from tests.integration.payments.support import KENYAN_PHONE as KENYAN
from tests.integration.payments.support import events, mobile_checkout, orders, payment, post_callback
from tests.support.factories import make_actor, make_user, signed_in


def _admin(db, role: str = "admin") -> str:
    return signed_in(db, make_user(db, None, role=role))


def _paid_by_mpesa(api, db, daraja, **kw):
    bought = mobile_checkout(api, db, provider="mpesa", **kw)
    daraja.answer(daraja.last_reference, 0)
    amount = payment(db, bought.payment_id).charged_amount
    body = callback_body(
        merchant_request_id="1",
        checkout_request_id=daraja.last_reference,
        result_code=0,
        result_desc="ok",
        amount=amount,
        receipt="NLJ7RT61SV",
        phone="254712345678",
    )
    assert post_callback(api, "mpesa", body).status_code == 200
    assert payment(db, bought.payment_id).status == "succeeded"
    return bought


def _paid_by_sandbox(api, db):
    bought = mobile_checkout(api, db, provider="sandbox", phone="+254712345670")
    with time_machine.travel(utcnow() + timedelta(minutes=4)):
        reconcile_pending_payments()
    assert payment(db, bought.payment_id).status == "succeeded"
    return bought


def test_the_ledger_lists_every_payment_with_filters_and_a_cursor(api, db, daraja):
    paid = _paid_by_mpesa(api, db, daraja)
    pending = mobile_checkout(api, db, provider="mpesa")
    sandbox = mobile_checkout(api, db, provider="sandbox", phone="+254712345670")
    admin = _admin(db)

    everything = api.get("/admin/payments?limit=2", token=admin)
    assert everything.status_code == 200, everything.json_body
    first = everything.json_body
    assert [item["id"] for item in first["items"]] == [str(sandbox.payment_id), str(pending.payment_id)]
    rest = api.get(f"/admin/payments?limit=2&cursor={first['next_cursor']}", token=admin).json_body
    assert [item["id"] for item in rest["items"]] == [str(paid.payment_id)]
    assert rest["next_cursor"] is None
    item = rest["items"][0]
    assert (item["status"], item["receipt"], item["charged_amount"], item["payer_name"]) == (
        "succeeded",
        "NLJ7RT61SV",
        "302.00",
        paid.retailer.business.name,
    )

    only = api.get("/admin/payments?status=succeeded", token=admin).json_body["items"]
    assert [i["id"] for i in only] == [str(paid.payment_id)]
    assert [
        i["id"] for i in api.get("/admin/payments?provider=sandbox", token=_admin(db, "support")).json_body["items"]
    ] == [str(sandbox.payment_id)]
    today = utcnow().date()
    assert len(api.get(f"/admin/payments?date_from={today}&date_to={today}", token=admin).json_body["items"]) == 3
    assert api.get("/admin/payments?date_to=2000-01-01", token=admin).json_body["items"] == []
    assert api.get("/admin/payments?status=bogus", token=admin).status_code == 400
    forged = api.get("/admin/payments?cursor=forged", token=admin)
    assert (forged.status_code, forged.json_body) == (
        400,
        {
            "error": {
                "code": "validation_failed",
                "message": "The cursor is invalid.",
                "details": [
                    {"field": "cursor", "code": "invalid_cursor", "message": "Start again from the first page."}
                ],
            }
        },
    )
    assert api.get("/admin/payments", token=paid.retailer.token).status_code == 403


def test_a_provider_refund_completes_at_once(api, db):
    bought = _paid_by_sandbox(api, db)
    admin = _admin(db)

    r = api.post(
        f"/admin/payments/{bought.payment_id}/refund", {"amount": "100.00", "reason": "Damaged goods"}, token=admin
    )

    assert r.status_code == 201, r.json_body
    assert (r.json_body["status"], r.json_body["payment_status"]) == ("completed", "partially_refunded")
    assert r.json_body["reference"].startswith("SBXR")
    rest = api.post(
        f"/admin/payments/{bought.payment_id}/refund", {"amount": "202.00", "reason": "The rest"}, token=admin
    )
    assert (rest.status_code, rest.json_body["payment_status"]) == (201, "refunded")
    too_much = api.post(
        f"/admin/payments/{bought.payment_id}/refund", {"amount": "0.01", "reason": "More"}, token=admin
    )
    assert (too_much.status_code, too_much.json_body["error"]["code"]) == (422, "payment_not_refundable")
    assert len(events(db, "RefundCompleted")) == 2
    assert (
        db.scalar(select(AuditEntry.action).where(AuditEntry.action == "payment.refunded").limit(1))
        == "payment.refunded"
    )


def test_a_manual_refund_waits_for_the_payout_reference(api, db, daraja):
    bought = _paid_by_mpesa(api, db, daraja)
    admin = _admin(db)

    over = api.post(
        f"/admin/payments/{bought.payment_id}/refund", {"amount": "302.01", "reason": "Too much"}, token=admin
    )
    assert (over.status_code, over.json_body["error"]["code"], over.json_body["error"]["refundable"]) == (
        422,
        "refund_exceeds_paid",
        "302.00",
    )
    r = api.post(
        f"/admin/payments/{bought.payment_id}/refund", {"amount": "302.00", "reason": "Order lost"}, token=admin
    )
    assert (r.status_code, r.json_body["status"], r.json_body["payment_status"]) == (201, "open", "succeeded")
    assert (r.json_body["cause"], r.json_body["payer_phone"], r.json_body["currency"]) == ("manual", KENYAN, "KES")

    done = api.post(f"/admin/refunds/{r.json_body['id']}/complete", {"reference": "QK12ABC"}, token=admin)

    assert done.status_code == 200, done.json_body
    assert (done.json_body["status"], done.json_body["reference"], done.json_body["payment_status"]) == (
        "completed",
        "QK12ABC",
        "refunded",
    )
    again = api.post(f"/admin/refunds/{r.json_body['id']}/complete", {"reference": "QK12ABC"}, token=admin)
    assert (again.status_code, again.json_body["error"]["code"]) == (409, "refund_closed")
    assert (
        api.post(
            f"/admin/payments/{bought.payment_id}/refund", {"amount": "1.00", "reason": "x"}, token=admin
        ).status_code
        == 400
    )


def test_refunds_are_for_admins_and_only_of_money_received(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    admin = _admin(db)
    r = api.post(f"/admin/payments/{bought.payment_id}/refund", {"amount": "1.00", "reason": "Why not"}, token=admin)
    assert (r.status_code, r.json_body["error"]["code"]) == (422, "payment_not_refundable")
    support = api.post(
        f"/admin/payments/{bought.payment_id}/refund", {"amount": "1.00", "reason": "x y"}, token=_admin(db, "support")
    )
    assert support.status_code == 403
    assert db.query(Refund).count() == 0


def test_a_cancelled_paid_order_refund_is_completed_by_an_admin(api, db, daraja):
    bought = _paid_by_mpesa(api, db, daraja)
    order_id = orders(db, bought.checkout["checkout_id"])[0].id
    assert (
        api.post(f"/orders/{order_id}/cancel", {"reason": "Changed my mind"}, token=bought.retailer.token).status_code
        == 200
    )
    [opened] = db.query(Refund).all()
    assert opened.status == "open"

    done = api.post(f"/admin/refunds/{opened.id}/complete", {"reference": "B2C-778899"}, token=_admin(db))

    assert (done.status_code, done.json_body["status"]) == (200, "completed")
    assert done.json_body["payment_status"] == "partially_refunded"  # 301.50 of the 302.00 charged


def test_settlements_for_the_wholesaler_and_their_payout(api, db, daraja):
    bought = _paid_by_mpesa(api, db, daraja, prices=("1000.00",), quantity=2)
    wholesaler = bought.wholesalers[0]

    page = api.get("/settlements", token=wholesaler.token)

    assert page.status_code == 200, page.json_body
    body = page.json_body
    [item] = body["items"]
    assert (item["order_total"], item["commission_rate"], item["commission"], item["amount_due"], item["status"]) == (
        "2000.00",
        "0.0250",
        "50.00",
        "1950.00",
        "due",
    )
    assert (body["total_due"], body["total_paid"], body["currency"]) == ("1950.00", "0.00", "KES")
    assert api.get("/settlements", token=bought.retailer.token).status_code == 403
    other = make_actor(db, "wholesaler")
    assert api.get("/settlements", token=other.token).json_body["items"] == []

    admin = _admin(db)
    paid = api.post(f"/admin/settlements/{item['id']}/payout", {"reference": "BANK-2026-11-24-001"}, token=admin)
    assert paid.status_code == 200, paid.json_body
    assert (paid.json_body["status"], paid.json_body["payout_reference"]) == ("paid", "BANK-2026-11-24-001")
    twice = api.post(f"/admin/settlements/{item['id']}/payout", {"reference": "again"}, token=admin)
    assert (twice.status_code, twice.json_body["error"]["code"]) == (409, "settlement_already_paid")
    assert events(db, "SettlementPaidOut")[0].payload["business_id"] == str(wholesaler.business.id)
    after = api.get("/settlements?status=paid", token=wholesaler.token).json_body
    assert (after["total_due"], after["total_paid"], len(after["items"])) == ("0.00", "1950.00", 1)


def test_a_settlement_of_a_cancelled_order_is_not_paid_out(api, db, daraja):
    bought = _paid_by_mpesa(api, db, daraja)
    order_id = orders(db, bought.checkout["checkout_id"])[0].id
    api.post(f"/orders/{order_id}/cancel", {"reason": "Wrong item"}, token=bought.retailer.token)
    settlement = db.scalar(select(Settlement))

    r = api.post(f"/admin/settlements/{settlement.id}/payout", {"reference": "X"}, token=_admin(db))

    assert (r.status_code, r.json_body["error"]["code"]) == (422, "settlement_cancelled")
    listed = api.get("/settlements", token=bought.wholesalers[0].token).json_body
    assert [i["status"] for i in listed["items"]] == ["cancelled"]
    assert listed["total_due"] == "0.00"
    assert (
        api.post(
            "/admin/settlements/00000000-0000-0000-0000-000000000000/payout", {"reference": "X"}, token=_admin(db)
        ).status_code
        == 404
    )
    assert Decimal(listed["items"][0]["amount_due"]) > 0
    token = bought.wholesalers[0].token
    assert len(api.get("/settlements?status=cancelled", token=token).json_body["items"]) == 1
    assert api.get("/settlements?status=due", token=token).json_body["items"] == []
