"""Subscription invoices: the list, the PDF, and paying one from the app."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import time_machine

from chalicelib.payments.models import Payment
from tests.integration.billing.helpers import make_plan, open_invoice, run, settle, start, subscription_of
from tests.support.api import count
from tests.support.factories import make_actor, signed_in, staff_of

T0 = datetime(2026, 2, 1, 8, 0, tzinfo=UTC)


def test_invoices_are_listed_newest_first_page_by_page(api, db):
    make_plan(db, "r-monthly", "retailer", price_monthly=Decimal("800.00"))
    owner = make_actor(db, "retailer")
    with time_machine.travel(T0, tick=False):
        start(owner, "r-monthly")
        settle(open_invoice(db, subscription_of(db, owner.business.id).id).id, succeeded=True)
    for _ in range(3):
        subscription = subscription_of(db, owner.business.id)
        with time_machine.travel(subscription.current_period_end - timedelta(minutes=20), tick=False):
            run()
            settle(open_invoice(db, subscription.id).id, succeeded=True)
    staff = staff_of(db, owner)
    with time_machine.travel(T0 + timedelta(days=100), tick=False):
        token = signed_in(db, staff.user)
        first = api.get("/subscription/invoices?limit=3", token=token)
        assert first.status_code == 200, first.json_body
        second = api.get(f"/subscription/invoices?limit=3&cursor={first.json_body['next_cursor']}", token=token)
        assert api.get("/subscription/invoices?cursor=forged", token=token).status_code == 400
    items = first.json_body["items"] + second.json_body["items"]
    assert [(i["kind"], i["status"], i["amount"]) for i in items] == [
        ("renewal", "paid", "800.00"), ("renewal", "paid", "800.00"), ("renewal", "paid", "800.00"),
        ("first", "paid", "800.00"),
    ]  # fmt: skip
    assert [i["period_start"][:10] for i in items] == ["2026-05-01", "2026-04-01", "2026-03-01", "2026-02-01"]
    assert second.json_body["next_cursor"] is None


def test_an_invoice_pdf_is_served_to_its_business_only(api, db):
    make_plan(db, "r-pdf", "retailer", price_monthly=Decimal("1250.00"))
    owner = make_actor(db, "retailer")
    start(owner, "r-pdf")
    invoice = open_invoice(db, subscription_of(db, owner.business.id).id)
    r = api.client.http.get(
        f"/subscription/invoices/{invoice.id}/invoice.pdf",
        headers={"authorization": f"Bearer {owner.token}", "accept": "application/pdf"},
    )
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/pdf"
    assert r.body.startswith(b"%PDF-")
    assert len(r.body) > 1000
    stranger = make_actor(db, "retailer")
    r = api.client.http.get(
        f"/subscription/invoices/{invoice.id}/invoice.pdf",
        headers={"authorization": f"Bearer {stranger.token}", "accept": "application/pdf"},
    )
    assert r.status_code == 404
    assert api.get("/subscription/invoices/not-a-uuid/invoice.pdf", token=owner.token).status_code == 404


def test_paying_is_for_the_owner_and_only_for_an_open_invoice(api, db):
    make_plan(db, "r-pay", "retailer", price_monthly=Decimal("700.00"))
    owner = make_actor(db, "retailer")
    with time_machine.travel(T0, tick=False):
        start(owner, "r-pay")
    invoice = open_invoice(db, subscription_of(db, owner.business.id).id)
    staff = staff_of(db, owner)
    with time_machine.travel(T0 + timedelta(minutes=10), tick=False):
        r = api.post(f"/subscription/invoices/{invoice.id}/pay", token=signed_in(db, staff.user))
        assert (r.status_code, r.json_body["error"]["code"]) == (403, "role_not_allowed")
        token = signed_in(db, owner.user)
        r = api.post(f"/subscription/invoices/{invoice.id}/pay", {"provider": "sandbox"}, token=token)
        assert r.status_code == 202, r.json_body
        assert r.json_body["invoice"]["id"] == str(invoice.id)
        settle(invoice.id, succeeded=True)
        r = api.post(f"/subscription/invoices/{invoice.id}/pay", token=token)
        assert (r.status_code, r.json_body["error"]["code"]) == (409, "invoice_not_open")
    other = make_actor(db, "retailer")
    assert api.post(f"/subscription/invoices/{invoice.id}/pay", token=other.token).status_code == 404
    assert count(db, Payment) == 2
