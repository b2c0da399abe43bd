"""Billing refusals that name what is wrong and change nothing: another business's invoice,
a change to a subscription set to cancel, plan limits that do not fit the plan's audience,
and a PDF asked for without saying so."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy.orm import Session

from chalicelib.billing.models import Plan
from chalicelib.core.audit import AuditEntry
from chalicelib.payments.models import Payment
from tests.integration.billing.helpers import history, invoices_of, make_plan, open_invoice, start, subscription_of
from tests.support.api import Api, count
from tests.support.factories import make_actor, make_user, signed_in

PDF = {"accept": "application/pdf"}


def test_an_invoice_of_another_business_or_of_no_one_is_404_and_is_neither_shown_nor_paid(
    api: Api, db: Session
) -> None:
    make_plan(db, "r-monthly", "retailer", price_monthly=Decimal("900.00"))
    owner, stranger = make_actor(db, "retailer"), make_actor(db, "retailer")
    start(owner, "r-monthly")
    invoice = open_invoice(db, subscription_of(db, owner.business.id).id)
    payments_before = count(db, Payment)

    for invoice_id in (invoice.id, uuid.uuid4()):
        shown = api.get(f"/subscription/invoices/{invoice_id}/invoice.pdf", token=stranger.token, headers=PDF)
        paid = api.post(f"/subscription/invoices/{invoice_id}/pay", {"provider": "sandbox"}, token=stranger.token)

        expected = {"error": {"code": "invoice_not_found", "message": "No such invoice.", "details": []}}
        assert (shown.status_code, shown.json_body) == (404, expected)
        assert (paid.status_code, paid.json_body) == (404, expected)
    assert count(db, Payment) == payments_before
    assert open_invoice(db, subscription_of(db, owner.business.id).id).id == invoice.id


def test_changing_a_subscription_set_to_cancel_is_422_and_changes_nothing(api: Api, db: Session) -> None:
    make_plan(db, "w-small", trial_days=14, price_monthly=Decimal("1000.00"))
    make_plan(db, "w-large", trial_days=14, price_monthly=Decimal("3000.00"))
    owner = make_actor(db, "wholesaler")
    start(owner, "w-small")
    assert api.post("/subscription/cancel", token=owner.token).status_code == 200
    subscription = subscription_of(db, owner.business.id)
    before = (subscription.status, subscription.plan_id, subscription.cancel_at_period_end)
    history_before = history(db, subscription.id)

    r = api.post("/subscription/change", {"plan_code": "w-large"}, token=owner.token)

    assert r.status_code == 422
    assert r.json_body == {
        "error": {
            "code": "subscription_not_changeable",
            "message": "Resume the subscription before changing it.",
            "details": [],
        }
    }
    subscription = subscription_of(db, owner.business.id)
    assert (subscription.status, subscription.plan_id, subscription.cancel_at_period_end) == before
    assert before[0] == "trialing"
    assert subscription.scheduled_plan_id is None
    assert history(db, subscription.id) == history_before
    assert invoices_of(db, subscription.id) == []
    assert count(db, Payment) == 0


def test_limits_that_do_not_fit_the_plan_s_audience_are_refused_and_the_plan_is_unchanged(
    api: Api, db: Session
) -> None:
    plan = make_plan(db, "r-basic", "retailer", max_staff_users=2)
    admin = signed_in(db, make_user(db, None, role="admin"))

    r = api.patch(
        f"/admin/plans/{plan.id}",
        {"name": "Basic plus", "features": {"pay_on_delivery": True, "sales_reports": False}},
        token=admin,
    )

    assert r.status_code == 400
    assert r.json_body == {
        "error": {
            "code": "validation_failed",
            "message": "Some fields are invalid.",
            "details": [
                {
                    "field": "limits",
                    "code": "not_for_audience",
                    "message": "Retailer plans have no product limit, payment on delivery or sales reports.",
                }
            ],
        }
    }
    db.expire_all()
    row = db.get(Plan, plan.id)
    assert (row.name, row.pay_on_delivery, row.max_staff_users) == ("R-Basic", False, 2)
    assert count(db, AuditEntry, AuditEntry.action == "plan.updated") == 0
