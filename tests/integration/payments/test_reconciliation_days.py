"""The daily reconciliation report across midnight: a receipt logged one day for a payment
credited on the other is on one list of each day's report, never on none."""

from __future__ import annotations

from datetime import timedelta

from chalicelib.core.clock import utcnow
from tests.integration.payments.money_support import admin_token, paid_order
from tests.integration.payments.support import payment
from tests.support.factories import make_actor


def test_a_receipt_of_today_for_a_payment_credited_yesterday_is_on_both_days_reports(api, db, daraja):
    today = paid_order(api, db, daraja, make_actor(db, "wholesaler"), "300.00")
    across = paid_order(api, db, daraja, make_actor(db, "wholesaler"), "500.00")
    credited = payment(db, across.payment_id)
    credited.settled_at = credited.settled_at - timedelta(days=1)
    db.flush()
    token = admin_token(db, "support")
    day = utcnow().date()

    report = api.get(f"/admin/reconciliation?date={day.isoformat()}", token=token).json_body
    before = api.get(f"/admin/reconciliation?date={(day - timedelta(days=1)).isoformat()}", token=token).json_body

    assert [line["payment_id"] for line in report["matched"]] == [str(today.payment_id)]
    assert [(line["payment_id"], line["provider_amount"]) for line in report["credited_other_day"]] == [
        (str(across.payment_id), "500.00")
    ]
    assert (report["missing_in_ledger"], report["missing_at_provider"]) == ([], [])
    assert (report["provider_total"], report["ledger_total"]) == ("800.00", "300.00")
    assert [line["payment_id"] for line in before["missing_at_provider"]] == [str(across.payment_id)]
    assert (before["credited_other_day"], before["ledger_total"]) == ([], "500.00")
