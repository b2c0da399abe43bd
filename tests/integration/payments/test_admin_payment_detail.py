"""One payment as the platform's staff open it to resolve a question about it: the ledger
row of the list, plus the provider's side, the admins' actions and where the money went."""

from __future__ import annotations

import uuid

from tests.integration.payments.money_support import admin_token, paid_order
from tests.integration.payments.support import attempts, payment
from tests.support.factories import make_actor


def test_staff_see_a_paid_payment_with_its_provider_side_refund_and_settlement(api, db, daraja):
    wholesaler = make_actor(db, "wholesaler")
    paid = paid_order(api, db, daraja, wholesaler, "1000.00")
    admin = admin_token(db)
    refunded = api.post(
        f"/admin/payments/{paid.payment_id}/refund", {"amount": "100.00", "reason": "One crate broken"}, token=admin
    )
    assert refunded.status_code == 201, refunded.json_body
    support = admin_token(db, "support")

    answer = api.get(f"/admin/payments/{paid.payment_id}", token=support)

    assert answer.status_code == 200, answer.json_body
    body = answer.json_body
    [listed] = api.get(f"/admin/payments?q={paid.settlement.order_number}", token=support).json_body["items"]
    assert {key: body[key] for key in listed} == listed
    assert (body["status"], body["amount"]) == ("succeeded", "1000.00")
    assert body["receipt"] == payment(db, paid.payment_id).external_receipt
    [attempt] = attempts(db, paid.payment_id)
    assert [(r["number"], r["reference"], r["outcome"]) for r in body["requests"]] == [
        (1, attempt.reference, "succeeded")
    ]
    [callback] = body["provider_messages"]
    assert (callback["kind"], callback["reference"], callback["result"]) == ("callback", attempt.reference, "succeeded")
    assert callback["receipt"] == body["receipt"]
    assert [(a["action"], a["details"]["amount"]) for a in body["actions"]] == [("payment.refunded", "100.00")]
    assert [(o["number"], o["total"]) for o in body["orders"]] == [(paid.settlement.order_number, "1000.00")]
    [refund] = body["refunds"]
    assert (refund["amount"], refund["cause"], refund["status"]) == ("100.00", "manual", "open")
    [settlement] = body["settlements"]
    assert settlement["id"] == str(paid.settlement.id)
    assert settlement["wholesaler_id"] == str(wholesaler.business.id)
    assert (settlement["status"], settlement["amount_due"]) == ("due", str(paid.settlement.amount_due))
    assert body["notes"]["verified_by"] == "callback"


def test_an_unknown_payment_is_not_found(api, db):
    answer = api.get(f"/admin/payments/{uuid.uuid4()}", token=admin_token(db, "support"))

    assert answer.status_code == 404
    assert answer.json_body["error"]["code"] == "payment_not_found"
