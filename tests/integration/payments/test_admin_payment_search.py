"""The admins' ledger searched by what a payer or a wholesaler quotes on the phone: an order
number, an M-Pesa receipt, a provider reference or the payer's number."""

from __future__ import annotations

from tests.integration.payments.money_support import admin_token, paid_order
from tests.integration.payments.support import mobile_checkout, payment
from tests.support.factories import make_actor


def _found(api, token: str, query: str) -> list[str]:
    answer = api.get(f"/admin/payments?{query}", token=token)
    assert answer.status_code == 200, answer.json_body
    return [item["id"] for item in answer.json_body["items"]]


def test_the_ledger_is_searched_by_order_receipt_reference_and_phone(api, db, daraja):
    wholesaler = make_actor(db, "wholesaler")
    paid = paid_order(api, db, daraja, wholesaler, "1000.00")
    paid_reference = daraja.last_reference
    pending = mobile_checkout(api, db, provider="mpesa", phone="+254722000111")
    receipt = payment(db, paid.payment_id).external_receipt
    token = admin_token(db, "support")

    assert _found(api, token, f"q={paid.settlement.order_number}") == [str(paid.payment_id)]
    assert _found(api, token, f"q={receipt.lower()}") == [str(paid.payment_id)]
    assert _found(api, token, f"q={paid_reference}") == [str(paid.payment_id)]
    assert _found(api, token, f"q={daraja.last_reference}") == [str(pending.payment_id)]
    assert _found(api, token, "q=0722%20000111") == [str(pending.payment_id)]
    assert _found(api, token, "q=%2B254712345678&status=succeeded&provider=mpesa") == [str(paid.payment_id)]
    assert _found(api, token, "q=%2B254712345678&status=pending") == []
    assert _found(api, token, "q=ORD-999999") == []
    too_long = api.get("/admin/payments?q=" + "x" * 101, token=token)
    assert (too_long.status_code, too_long.json_body["error"]["code"]) == (400, "validation_failed")
