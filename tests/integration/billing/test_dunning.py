"""Failed renewals: retries after 1, 3 and 5 days, the grace period, suspension, recovery."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine

from chalicelib.billing import gating
from chalicelib.billing.errors import SubscriptionRequired
from chalicelib.billing.models import SubscriptionInvoice
from chalicelib.core.outbox import OutboxEvent
from chalicelib.payments.models import Payment, Refund
from tests.integration.billing.helpers import (
    events,
    history,
    make_plan,
    open_invoice,
    payments_for,
    run,
    settle,
    start,
    subscription_of,
)
from tests.support.api import count
from tests.support.factories import make_actor, signed_in

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
END = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
FAILED_AT = END - timedelta(minutes=30)


@pytest.fixture
def renewal_failed(db):
    """An active monthly subscription whose renewal charge failed 30 minutes before its end."""
    make_plan(db, "wholesaler-monthly", price_monthly=Decimal("3000.00"))
    owner = make_actor(db, "wholesaler")
    with time_machine.travel(T0, tick=False):
        start(owner, "wholesaler-monthly")
        settle(open_invoice(db, subscription_of(db, owner.business.id).id).id, succeeded=True)
    subscription = subscription_of(db, owner.business.id)
    with time_machine.travel(FAILED_AT, tick=False):
        assert run()["invoiced"] == 1
        invoice = open_invoice(db, subscription.id)
        settle(invoice.id, succeeded=False, reason="insufficient_funds")
    return owner, subscription_of(db, owner.business.id), invoice


def test_a_failed_renewal_is_past_due_with_retries_1_3_and_5_days_later(db, renewal_failed):
    owner, subscription, invoice = renewal_failed
    assert (subscription.status, subscription.failed_attempts) == ("past_due", 1)
    assert subscription.grace_ends_at == FAILED_AT + timedelta(days=7)
    assert subscription.next_retry_at == FAILED_AT + timedelta(days=1)
    gating.require_good_standing(db, owner.business.id)  # past due is still good standing
    assert events(db, "SubscriptionPaymentFailed", subscription.id)[-1] == {
        "subscription_id": str(subscription.id), "business_id": str(owner.business.id), "invoice_id": str(invoice.id),
        "invoice_number": f"SUB-{invoice.number:06d}", "amount": "3000.00", "currency": "KES",
        "plan_name": "Wholesaler-Monthly", "reason": "insufficient_funds", "attempt": 1, "status": "past_due",
        "next_retry_at": (FAILED_AT + timedelta(days=1)).isoformat(),
        "suspends_at": (FAILED_AT + timedelta(days=7)).isoformat(),
    }  # fmt: skip

    retries = []
    for day in (1, 3, 5):
        with time_machine.travel(FAILED_AT + timedelta(days=day) - timedelta(minutes=1), tick=False):
            assert run().get("retries_requested", 0) == 0
        with time_machine.travel(FAILED_AT + timedelta(days=day, minutes=10), tick=False):
            assert run()["retries_requested"] == 1
            assert run().get("retries_requested", 0) == 0  # a second run in the hour retries nobody twice
            settle(invoice.id, succeeded=False)
        retries.append(subscription_of(db, owner.business.id).next_retry_at)
    assert retries == [FAILED_AT + timedelta(days=3), FAILED_AT + timedelta(days=5), None]
    assert len(payments_for(db, invoice.id)) == 4
    assert subscription_of(db, owner.business.id).failed_attempts == 4
    assert len(events(db, "SubscriptionPaymentFailed", subscription.id)) == 4


def test_success_inside_the_grace_period_keeps_the_billing_cycle(db, renewal_failed):
    owner, subscription, invoice = renewal_failed
    with time_machine.travel(FAILED_AT + timedelta(days=3, minutes=5), tick=False):
        run()
        settle(invoice.id, succeeded=True)
    subscription = subscription_of(db, owner.business.id)
    assert (subscription.status, subscription.current_period_start, subscription.current_period_end) == (
        "active", END, datetime(2026, 5, 1, 9, tzinfo=UTC),
    )  # fmt: skip
    assert (subscription.failed_attempts, subscription.next_retry_at, subscription.grace_ends_at) == (0, None, None)
    assert [h[1:] for h in history(db, subscription.id)[-2:]] == [
        ("past_due", "payment_failed"), ("active", "payment_received"),
    ]  # fmt: skip


def test_after_the_grace_period_it_is_suspended_and_paying_restores_it_at_once(api, db, renewal_failed):
    owner, subscription, invoice = renewal_failed
    with time_machine.travel(FAILED_AT + timedelta(days=7) - timedelta(minutes=1), tick=False):
        assert run().get("suspended", 0) == 0
    suspended_at = FAILED_AT + timedelta(days=7, minutes=20)
    with time_machine.travel(suspended_at, tick=False):
        assert run()["suspended"] == 1
        assert run().get("suspended", 0) == 0
    subscription = subscription_of(db, owner.business.id)
    assert (subscription.status, subscription.next_retry_at) == ("suspended", None)
    assert history(db, subscription.id)[-1] == ("past_due", "suspended", "grace_period_over")
    suspension = events(db, "SubscriptionSuspended", subscription.id)
    assert len(suspension) == 1
    assert (suspension[0]["invoice_id"], suspension[0]["amount"], suspension[0]["to_status"]) == (
        str(invoice.id), "3000.00", "suspended",
    )  # fmt: skip
    with pytest.raises(SubscriptionRequired) as refused:
        gating.require_good_standing(db, owner.business.id)
    assert (refused.value.status, refused.value.code) == (402, "subscription_required")

    paid_at = suspended_at + timedelta(days=10)
    with time_machine.travel(paid_at, tick=False):
        assert run() == {}  # no automatic retries while suspended
        token = signed_in(db, owner.user)
        body = api.get("/subscription", token=token).json_body
        assert (body["status"], body["open_invoice"]["id"]) == ("suspended", str(invoice.id))
        r = api.post(f"/subscription/invoices/{invoice.id}/pay", {"payer_phone": "+254712345600"}, token=token)
        assert r.status_code == 202, r.json_body
        again = api.post(f"/subscription/invoices/{invoice.id}/pay", token=token)
        assert (again.status_code, again.json_body["error"]["code"]) == (409, "payment_in_progress")
        payment = db.get(Payment, r.json_body["payment_id"])
        assert (payment.amount, payment.payer_phone) == (Decimal("3000.00"), "+254712345600")
        settle(invoice.id, succeeded=True)
    subscription = subscription_of(db, owner.business.id)
    assert (subscription.status, subscription.current_period_start, subscription.current_period_end) == (
        "active", paid_at, datetime(2026, 5, 18, 8, 50, tzinfo=UTC),
    )  # fmt: skip
    assert subscription.payer_phone == "+254712345600"
    gating.require_good_standing(db, owner.business.id)
    paid = db.get(SubscriptionInvoice, invoice.id)
    assert (paid.status, paid.period_start) == ("paid", paid_at)
    assert history(db, subscription.id)[-1] == ("suspended", "active", "payment_received")


def test_a_success_for_an_invoice_already_paid_opens_a_refund(db, renewal_failed):
    owner, subscription, invoice = renewal_failed
    with time_machine.travel(FAILED_AT + timedelta(days=1, minutes=5), tick=False):
        run()
        settle(invoice.id, succeeded=True)
    late = db.get(Payment, payments_for(db, invoice.id)[0].id)
    late.status = "pending"
    db.flush()
    settle(invoice.id, succeeded=True)
    db.expire_all()
    refund = db.query(Refund).one()
    assert (refund.payment_id, refund.amount, refund.status) == (late.id, Decimal("3000.00"), "open")
    assert subscription_of(db, owner.business.id).current_period_end == datetime(2026, 5, 1, 9, tzinfo=UTC)
    assert count(db, SubscriptionInvoice, SubscriptionInvoice.status == "paid") == 2
    assert events(db, "SubscriptionPaymentRefundOpened", late.id) == [
        {
            "business_id": str(owner.business.id), "subscription_id": str(subscription.id),
            "invoice_id": str(invoice.id), "invoice_number": f"SUB-{invoice.number:06d}", "invoice_status": "paid",
            "payment_id": str(late.id), "provider": "sandbox", "receipt": None, "amount": "3000.00",
            "currency": "KES", "refund_id": str(refund.id), "refund_amount": "3000.00",
        }
    ]  # fmt: skip
    assert count(db, OutboxEvent, OutboxEvent.event_type == "SubscriptionPaymentRefundOpened") == 1


def test_a_success_for_a_voided_invoice_opens_a_refund_and_tells_the_admins_once(db, renewal_failed):
    owner, subscription, invoice = renewal_failed
    with time_machine.travel(FAILED_AT + timedelta(days=1, minutes=5), tick=False):
        run()
    db.get(SubscriptionInvoice, invoice.id).status = "void"
    db.flush()
    late_id = settle(invoice.id, succeeded=True)
    db.expire_all()
    refund = db.query(Refund).one()
    assert (refund.payment_id, refund.amount, refund.status) == (late_id, Decimal("3000.00"), "open")
    assert db.get(Payment, late_id).late is True
    [event] = events(db, "SubscriptionPaymentRefundOpened", late_id)
    assert (event["subscription_id"], event["invoice_id"], event["invoice_status"], event["refund_id"]) == (
        str(subscription.id), str(invoice.id), "void", str(refund.id),
    )  # fmt: skip
    assert count(db, OutboxEvent, OutboxEvent.event_type == "SubscriptionPaymentRefundOpened") == 1
    assert db.get(SubscriptionInvoice, invoice.id).status == "void"


def test_a_success_that_pays_its_invoice_opens_no_refund_and_tells_no_admin(db, renewal_failed):
    owner, subscription, invoice = renewal_failed
    with time_machine.travel(FAILED_AT + timedelta(days=1, minutes=5), tick=False):
        run()
        settle(invoice.id, succeeded=True)
    assert count(db, Refund) == 0
    assert count(db, OutboxEvent, OutboxEvent.event_type == "SubscriptionPaymentRefundOpened") == 0
