"""A wholesaler's money: its settlements summed as due, held and paid, its payouts by
reference, the refunds on its orders; never another business's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import time_machine
from sqlalchemy import select

from chalicelib.core.clock import utcnow
from chalicelib.payments.models import Refund, Settlement
from chalicelib.payments.refunds import open_refund
from tests.integration.payments.money_support import admin_token, bulk_pay_out, paid_order, pay_out
from tests.integration.payments.support import payment
from tests.support.factories import make_actor


def test_the_summary_splits_what_is_owed_into_due_held_and_paid(api, db, daraja):
    wholesaler = make_actor(db, "wholesaler")
    due = paid_order(api, db, daraja, wholesaler, "1000.00")  # 975.00 owed
    held = paid_order(api, db, daraja, wholesaler, "400.00")  # 390.00 owed
    paid = paid_order(api, db, daraja, wholesaler, "200.00")  # 195.00 owed
    refund = open_refund(
        db,
        payment(db, held.payment_id),
        amount=Decimal("100.00"),
        cause="manual",
        reason="Two crates arrived broken",
        order_id=held.settlement.order_id,
        order_number=held.settlement.order_number,
    )
    db.flush()
    admin = admin_token(db)
    assert pay_out(api, admin, paid.settlement, "BANK-1").status_code == 200

    body = api.get("/settlements", token=wholesaler.token).json_body

    assert body["summary"] == {
        "due": "975.00",
        "held": "390.00",
        "paid": "195.00",
        "cancelled": "0.00",
        "currency": "KES",
    }
    assert (body["total_due"], body["total_paid"]) == ("1365.00", "195.00")
    assert {item["order_number"]: item["held"] for item in body["items"]} == {
        due.settlement.order_number: False,
        held.settlement.order_number: True,
        paid.settlement.order_number: False,
    }

    completed = api.post(f"/admin/refunds/{refund.id}/complete", {"reference": "B2C-1"}, token=admin)
    assert completed.status_code == 200, completed.json_body
    after = api.get("/settlements?status=due", token=wholesaler.token).json_body
    assert (after["summary"]["due"], after["summary"]["held"]) == ("1365.00", "0.00")
    assert {item["order_number"]: item["refunded"] for item in after["items"]} == {
        due.settlement.order_number: "0.00",
        held.settlement.order_number: "100.00",
    }


def test_settlements_filter_by_day_and_the_summary_follows_the_days(api, db, daraja):
    wholesaler = make_actor(db, "wholesaler")
    november = paid_order(api, db, daraja, wholesaler, "1000.00")
    paid_order(api, db, daraja, wholesaler, "200.00")
    db.get(Settlement, november.settlement.id).created_at = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    db.flush()

    page = api.get("/settlements?date_from=2026-11-20&date_to=2026-11-20", token=wholesaler.token).json_body

    assert [item["id"] for item in page["items"]] == [str(november.settlement.id)]
    assert (page["summary"]["due"], page["total_due"]) == ("975.00", "1170.00")
    empty = api.get("/settlements?date_from=2026-11-21&date_to=2026-11-30&status=due", token=wholesaler.token)
    assert (empty.json_body["items"], empty.json_body["summary"]["due"]) == ([], "0.00")
    refused = api.get("/settlements?date_from=20261120", token=wholesaler.token)
    assert (refused.status_code, refused.json_body["error"]["code"]) == (400, "validation_failed")


def test_another_wholesaler_sees_none_of_it(api, db, daraja):
    wholesaler = make_actor(db, "wholesaler")
    sold = paid_order(api, db, daraja, wholesaler, "1000.00")
    assert bulk_pay_out(api, admin_token(db), [str(sold.settlement.id)], "B-9").status_code == 200
    other = make_actor(db, "wholesaler")

    settlements = api.get("/settlements", token=other.token).json_body
    payouts = api.get("/payouts", token=other.token).json_body
    refunds = api.get("/refunds", token=other.token).json_body

    assert (settlements["items"], settlements["total_paid"], settlements["summary"]["paid"]) == ([], "0.00", "0.00")
    assert payouts["items"] == []
    assert refunds["items"] == []
    assert [p["reference"] for p in api.get("/payouts", token=wholesaler.token).json_body["items"]] == ["B-9"]
    assert api.get("/payouts", token=sold.retailer.token).status_code == 403


def test_payouts_are_grouped_by_reference_latest_first_with_a_cursor(api, db, daraja):
    wholesaler = make_actor(db, "wholesaler")
    first = paid_order(api, db, daraja, wholesaler, "1000.00")
    second = paid_order(api, db, daraja, wholesaler, "333.33")
    third = paid_order(api, db, daraja, wholesaler, "200.00")
    neighbour = make_actor(db, "wholesaler")
    theirs = paid_order(api, db, daraja, neighbour, "500.00")
    admin = admin_token(db)
    batch = [str(first.settlement.id), str(second.settlement.id), str(theirs.settlement.id)]
    assert bulk_pay_out(api, admin, batch, "BATCH-1").status_code == 200
    with time_machine.travel(utcnow() + timedelta(minutes=5)):
        assert pay_out(api, admin, third.settlement, "BANK-2").status_code == 200

    page = api.get("/payouts?limit=1", token=wholesaler.token).json_body
    assert [(p["reference"], p["amount"], p["settlement_count"]) for p in page["items"]] == [("BANK-2", "195.00", 1)]
    rest = api.get(f"/payouts?limit=1&cursor={page['next_cursor']}", token=wholesaler.token).json_body

    # 975.00 + (333.33 - 8.33): the neighbour's 487.50 of the same batch is not this wholesaler's
    assert [(p["reference"], p["amount"], p["settlement_count"]) for p in rest["items"]] == [("BATCH-1", "1300.00", 2)]
    assert rest["next_cursor"] is None
    assert rest["items"][0]["currency"] == "KES"
    theirs_page = api.get("/payouts", token=neighbour.token).json_body["items"]
    assert [(p["reference"], p["amount"]) for p in theirs_page] == [("BATCH-1", "487.50")]
    forged = api.get("/payouts?cursor=bm90LWEtY3Vyc29y", token=wholesaler.token)
    assert (forged.status_code, forged.json_body["error"]["details"][0]["code"]) == (400, "invalid_cursor")


def test_refunds_are_seen_by_the_wholesaler_of_the_order_and_the_retailer_who_paid(api, db, daraja):
    wholesaler = make_actor(db, "wholesaler")
    cancelled = paid_order(api, db, daraja, wholesaler, "1000.00")
    other_wholesaler = make_actor(db, "wholesaler")
    paid_order(api, db, daraja, other_wholesaler, "300.00", retailer=cancelled.retailer)
    order_id = cancelled.settlement.order_id
    answer = api.post(f"/orders/{order_id}/cancel", {"reason": "Changed my mind"}, token=cancelled.retailer.token)
    assert answer.status_code == 200, answer.json_body
    [refund] = db.scalars(select(Refund).where(Refund.order_id == order_id)).all()

    mine = api.get("/refunds", token=wholesaler.token).json_body["items"]
    assert [(r["id"], r["order_number"], r["status"], r["amount"]) for r in mine] == [
        (str(refund.id), cancelled.settlement.order_number, "open", "1000.00")
    ]
    assert api.get("/refunds?status=completed", token=wholesaler.token).json_body["items"] == []
    assert api.get("/refunds", token=other_wholesaler.token).json_body["items"] == []
    assert [r["id"] for r in api.get("/refunds", token=cancelled.retailer.token).json_body["items"]] == [str(refund.id)]
    assert api.get("/refunds", token=make_actor(db, "retailer").token).json_body["items"] == []
    bad = api.get("/refunds?status=lost", token=wholesaler.token)
    assert (bad.status_code, bad.json_body["error"]["code"]) == (400, "validation_failed")
