"""The admins' settlements: the list across wholesalers with totals per status, the bulk
payout (all or none, audited, admins only) and the payout export as CSV."""

from __future__ import annotations

import csv
import io
import uuid
from decimal import Decimal

from sqlalchemy import select, update

from chalicelib.accounts.models import Business
from chalicelib.core.audit import AuditEntry
from chalicelib.payments.models import Settlement
from chalicelib.payments.refunds import open_refund
from tests.integration.payments.money_support import admin_token, bulk_pay_out, paid_order, pay_out
from tests.integration.payments.support import events, payment
from tests.support.factories import make_actor


def _statuses(db, *settlements) -> list[str]:
    db.expire_all()
    return [db.get(Settlement, s.id).status for s in settlements]


def test_admins_list_every_wholesalers_settlements_with_totals_per_status(api, db, daraja):
    north, south = make_actor(db, "wholesaler"), make_actor(db, "wholesaler")
    a = paid_order(api, db, daraja, north, "1000.00")
    b = paid_order(api, db, daraja, north, "200.00")
    c = paid_order(api, db, daraja, south, "400.00")
    admin = admin_token(db)
    assert pay_out(api, admin, b.settlement, "B-1").status_code == 200
    support = admin_token(db, "support")

    everything = api.get("/admin/settlements?limit=2", token=support)
    assert everything.status_code == 200, everything.json_body
    first = everything.json_body
    assert [i["id"] for i in first["items"]] == [str(c.settlement.id), str(b.settlement.id)]
    assert first["items"][0]["wholesaler_id"] == str(south.business.id)
    assert first["items"][0]["wholesaler_name"] == south.business.name
    rest = api.get(f"/admin/settlements?limit=2&cursor={first['next_cursor']}", token=support).json_body
    assert ([i["id"] for i in rest["items"]], rest["next_cursor"]) == ([str(a.settlement.id)], None)
    assert {t["status"]: (t["count"], t["amount"]) for t in first["totals"]} == {
        "due": (2, "1365.00"),
        "paid": (1, "195.00"),
        "cancelled": (0, "0.00"),
    }

    north_due = api.get(f"/admin/settlements?status=due&wholesaler_id={north.business.id}", token=support).json_body
    assert [i["id"] for i in north_due["items"]] == [str(a.settlement.id)]
    assert {t["status"]: t["amount"] for t in north_due["totals"]} == {
        "due": "975.00",
        "paid": "195.00",
        "cancelled": "0.00",
    }
    later = api.get("/admin/settlements?date_from=2099-01-01", token=support).json_body
    assert (later["items"], [t["count"] for t in later["totals"]]) == ([], [0, 0, 0])
    assert api.get("/admin/settlements", token=north.token).status_code == 403


def test_a_bulk_payout_is_all_or_nothing_and_names_what_was_in_the_way(api, db, daraja):
    north, south = make_actor(db, "wholesaler"), make_actor(db, "wholesaler")
    n1 = paid_order(api, db, daraja, north, "333.33")
    n2 = paid_order(api, db, daraja, north, "100.10")
    s1 = paid_order(api, db, daraja, south, "1000.00")
    already = paid_order(api, db, daraja, south, "50.00")
    admin = admin_token(db)
    assert pay_out(api, admin, already.settlement, "B-0").status_code == 200
    ids = [str(n1.settlement.id), str(n2.settlement.id), str(s1.settlement.id)]

    refused = bulk_pay_out(api, admin, [*ids, str(already.settlement.id)], "BATCH-7")

    assert (refused.status_code, refused.json_body["error"]["code"]) == (409, "settlement_already_paid")
    assert refused.json_body["error"]["settlement_ids"] == [str(already.settlement.id)]
    assert refused.json_body["error"]["payout_references"] == ["B-0"]
    assert _statuses(db, n1.settlement, n2.settlement, s1.settlement) == ["due", "due", "due"]
    assert len(events(db, "SettlementPaidOut")) == 1
    assert db.scalars(select(AuditEntry).where(AuditEntry.action == "settlements.paid_out")).all() == []

    missing = str(uuid.uuid4())
    unknown = bulk_pay_out(api, admin, [*ids, missing], "BATCH-7")
    assert (unknown.status_code, unknown.json_body["error"]["code"]) == (404, "settlement_not_found")
    assert unknown.json_body["error"]["settlement_ids"] == [missing]
    assert _statuses(db, n1.settlement, n2.settlement, s1.settlement) == ["due", "due", "due"]

    done = bulk_pay_out(api, admin, ids, "BATCH-7")

    assert done.status_code == 200, done.json_body
    result = done.json_body
    # 325.00 + 97.60 (commission 2.5025 rounds to 2.50) + 975.00
    assert (result["reference"], result["amount"], result["settlement_count"]) == ("BATCH-7", "1397.60", 3)
    assert {(w["wholesaler_id"], w["amount"], w["settlement_count"]) for w in result["wholesalers"]} == {
        (str(north.business.id), "422.60", 2),
        (str(south.business.id), "975.00", 1),
    }
    assert _statuses(db, n1.settlement, n2.settlement, s1.settlement) == ["paid", "paid", "paid"]
    assert {db.get(Settlement, uuid.UUID(i)).payout_reference for i in ids} == {"BATCH-7"}
    [audit] = db.scalars(select(AuditEntry).where(AuditEntry.action == "settlements.paid_out")).all()
    assert (audit.target_id, sorted(audit.details["settlement_ids"]), audit.details["amount"]) == (
        "BATCH-7",
        sorted(ids),
        "1397.60",
    )
    assert len(events(db, "SettlementPaidOut")) == 1
    assert {(e.payload["business_id"], e.payload["amount"]) for e in events(db, "PayoutSent")} == {
        (str(north.business.id), "422.60"),
        (str(south.business.id), "975.00"),
    }
    again = bulk_pay_out(api, admin, ids[:1], "BATCH-8")
    assert (again.status_code, again.json_body["error"]["settlement_ids"]) == (409, ids[:1])


def test_a_bulk_payout_tells_each_wholesaler_once_with_its_sum_and_count(api, db, daraja):
    north, south = make_actor(db, "wholesaler"), make_actor(db, "wholesaler")
    norths = [paid_order(api, db, daraja, north, price) for price in ("100.00", "200.00", "300.00")]
    souths = [paid_order(api, db, daraja, south, price) for price in ("1000.00", "40.00")]
    ids = [str(p.settlement.id) for p in norths + souths]

    done = bulk_pay_out(api, admin_token(db), ids, "MPESA-B2C-0412")

    assert done.status_code == 200, done.json_body
    assert events(db, "SettlementPaidOut") == []
    notices = events(db, "PayoutSent")
    assert len(notices) == 2
    by_wholesaler = {e.payload["business_id"]: e.payload for e in notices}
    # 2.5 % commission: 97.50 + 195.00 + 292.50 and 975.00 + 39.00
    assert {w: (p["amount"], p["settlement_count"], p["reference"]) for w, p in by_wholesaler.items()} == {
        str(north.business.id): ("585.00", 3, "MPESA-B2C-0412"),
        str(south.business.id): ("1014.00", 2, "MPESA-B2C-0412"),
    }
    assert {p["currency"] for p in by_wholesaler.values()} == {"KES"}


def test_a_bulk_payout_refuses_cancelled_settlements_bad_batches_and_support(api, db, daraja):
    wholesaler = make_actor(db, "wholesaler")
    kept = paid_order(api, db, daraja, wholesaler, "1000.00")
    gone = paid_order(api, db, daraja, wholesaler, "200.00")
    cancel = api.post(
        f"/orders/{gone.settlement.order_id}/cancel", {"reason": "Changed my mind"}, token=gone.retailer.token
    )
    assert cancel.status_code == 200, cancel.json_body
    admin = admin_token(db)
    both = [str(kept.settlement.id), str(gone.settlement.id)]

    cancelled = bulk_pay_out(api, admin, both, "B")
    assert (cancelled.status_code, cancelled.json_body["error"]["code"]) == (422, "settlement_cancelled")
    assert cancelled.json_body["error"]["settlement_ids"] == [str(gone.settlement.id)]

    by_support = bulk_pay_out(api, admin_token(db, "support"), both[:1], "B")
    assert (by_support.status_code, by_support.json_body["error"]["code"]) == (403, "role_not_allowed")
    by_wholesaler = bulk_pay_out(api, wholesaler.token, both[:1], "B")
    assert by_wholesaler.status_code == 403
    too_many = [str(uuid.uuid4()) for _ in range(501)]
    for ids, reference in ((too_many, "B"), ([], "B"), (both[:1] * 2, "B"), (both[:1], "")):
        answer = bulk_pay_out(api, admin, ids, reference)
        assert (answer.status_code, answer.json_body["error"]["code"]) == (400, "validation_failed"), (ids, reference)
    assert _statuses(db, kept.settlement) == ["due"]


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_payout_export_sums_each_wholesalers_due_settlements_to_the_cent(api, db, daraja):
    mpesa, bank, unset = (make_actor(db, "wholesaler") for _ in range(3))
    db.execute(update(Business).where(Business.id == mpesa.business.id).values(name='=HYPERLINK("http://x")'))
    db.flush()
    prices = [(mpesa, ("333.33", "100.10", "19.99")), (bank, ("1000.00", "0.55")), (unset, ("55.55",))]
    sold = {price: paid_order(api, db, daraja, w, price) for w, w_prices in prices for price in w_prices}
    under_refund = sold["100.10"]
    reason = "One crate short"
    order = {"order_id": under_refund.settlement.order_id, "order_number": under_refund.settlement.order_number}
    open_refund(
        db, payment(db, under_refund.payment_id), amount=Decimal("10.00"), cause="manual", reason=reason, **order
    )
    paid_out = paid_order(api, db, daraja, bank, "700.00")
    admin = admin_token(db)
    assert pay_out(api, admin, paid_out.settlement, "B").status_code == 200
    account = {"method": "mpesa", "account_name": "Amina Otieno", "phone": "0712 345 678"}
    assert api.put("/settlements/payout-account", account, token=mpesa.token).status_code == 200
    account = {
        "method": "bank",
        "account_name": "Bank Side Ltd",
        "bank_code": "01",
        "bank_name": "KCB",
        "account_number": "1234-5678-90",
    }
    assert api.put("/settlements/payout-account", account, token=bank.token).status_code == 200

    export = api.get("/admin/settlements/export.csv", token=admin_token(db, "support"))

    assert export.status_code == 200
    assert export.headers["Content-Type"].startswith("text/csv")
    rows = {row["wholesaler_id"]: row for row in _rows(export.body.decode())}
    db.expire_all()
    for wholesaler in (mpesa, bank, unset):
        due = db.scalars(
            select(Settlement.amount_due).where(
                Settlement.wholesaler_id == wholesaler.business.id, Settlement.status == "due"
            )
        ).all()
        row = rows[str(wholesaler.business.id)]
        assert (Decimal(row["amount"]), row["settlement_count"]) == (sum(due, Decimal("0")), str(len(due)))
    # 325.00 + 97.60 + 19.49 (19.99 - 0.49975 rounded half up to 0.50)
    assert [rows[str(mpesa.business.id)][c] for c in ("wholesaler_name", "payout_method", "account", "amount")] == [
        '\'=HYPERLINK("http://x")',
        "mpesa",
        "254712345678",
        "442.09",
    ]
    assert {r["wholesaler_id"]: r["held_amount"] for r in rows.values()} == {
        str(mpesa.business.id): "97.60",
        str(bank.business.id): "0.00",
        str(unset.business.id): "0.00",
    }
    assert [
        rows[str(bank.business.id)][c] for c in ("payout_method", "account", "bank_code", "bank_name", "amount")
    ] == [
        "bank",
        "1234567890",
        "01",
        "KCB",
        "975.54",
    ]
    assert [rows[str(unset.business.id)][c] for c in ("payout_method", "account", "amount", "currency")] == [
        "",
        "",
        "54.16",
        "KES",
    ]
    assert rows[str(unset.business.id)]["reference"].startswith("SOKO-")
    total = sum((Decimal(r["amount"]) for r in rows.values()), Decimal("0"))
    assert total == Decimal("1471.79")

    [exported] = db.scalars(select(AuditEntry).where(AuditEntry.action == "settlements.payouts_exported")).all()
    assert exported.details == {"wholesalers": 3, "amount": "1471.79"}
    one = api.get(f"/admin/settlements/export.csv?wholesaler_id={bank.business.id}", token=admin)
    assert [r["wholesaler_id"] for r in _rows(one.body.decode())] == [str(bank.business.id)]
    assert api.get("/admin/settlements/export.csv", token=bank.token).status_code == 403
    paid = api.get("/admin/settlements/export.csv?status=paid", token=admin)
    assert (paid.status_code, paid.json_body["error"]["code"]) == (400, "validation_failed")
