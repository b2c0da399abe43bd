"""Payments refusals that name what is wrong and write nothing: another payer's payment, a
retry of money already received, a payout of a settlement that does not exist."""

from __future__ import annotations

import uuid
from datetime import timedelta

import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.core.audit import AuditEntry
from chalicelib.core.clock import utcnow
from chalicelib.payments.events import reconcile_pending_payments
from chalicelib.payments.models import PaymentAttempt, Settlement
from tests.integration.payments.support import Bought, attempts, mobile_checkout, payment
from tests.support.api import Api, count
from tests.support.factories import make_actor, make_user, signed_in

PAYMENT_NOT_FOUND = {"error": {"code": "payment_not_found", "message": "Payment not found.", "details": []}}


def paid_by_sandbox(api: Api, db: Session) -> Bought:
    """A checkout paid by the sandbox provider, its success found by the reconciliation."""
    bought = mobile_checkout(api, db, provider="sandbox", phone="+254712345670")
    with time_machine.travel(utcnow() + timedelta(minutes=4)):
        reconcile_pending_payments()
    assert payment(db, bought.payment_id).status == "succeeded"
    return bought


def test_a_payment_of_another_payer_or_of_no_one_is_404_and_is_not_retried(api: Api, db: Session) -> None:
    bought = mobile_checkout(api, db, provider="sandbox", phone="+254712345670")
    stranger = make_actor(db, "retailer")
    attempts_before = count(db, PaymentAttempt)

    for payment_id in (bought.payment_id, uuid.uuid4()):
        shown = api.get(f"/payments/{payment_id}", token=stranger.token)
        retried = api.post(f"/payments/{payment_id}/retry", {}, token=stranger.token)

        assert (shown.status_code, shown.json_body) == (404, PAYMENT_NOT_FOUND)
        assert (retried.status_code, retried.json_body) == (404, PAYMENT_NOT_FOUND)
    assert count(db, PaymentAttempt) == attempts_before
    assert count(db, AuditEntry, AuditEntry.action == "payment.retried") == 0
    assert payment(db, bought.payment_id).status == "pending"


def test_retrying_a_payment_that_succeeded_is_409_and_asks_the_provider_nothing(api: Api, db: Session) -> None:
    bought = paid_by_sandbox(api, db)
    attempts_before = [(a.number, a.outcome, a.closed_at) for a in attempts(db, bought.payment_id)]

    r = api.post(f"/payments/{bought.payment_id}/retry", {}, token=bought.retailer.token)

    assert r.status_code == 409
    assert r.json_body == {
        "error": {
            "code": "payment_not_retryable",
            "message": "Only a failed payment can be tried again.",
            "details": [],
            "status": "succeeded",
        }
    }
    assert [(a.number, a.outcome, a.closed_at) for a in attempts(db, bought.payment_id)] == attempts_before
    assert [number for number, _, _ in attempts_before] == [1]
    assert payment(db, bought.payment_id).status == "succeeded"
    assert count(db, AuditEntry, AuditEntry.action == "payment.retried") == 0


def test_a_payout_of_an_unknown_settlement_is_404_and_pays_nothing_out(api: Api, db: Session) -> None:
    bought = paid_by_sandbox(api, db)
    admin = signed_in(db, make_user(db, None, role="admin"))
    before = db.execute(select(Settlement.id, Settlement.status, Settlement.payout_reference)).all()

    r = api.post(f"/admin/settlements/{uuid.uuid4()}/payout", {"reference": "BANK-2026-11-24-009"}, token=admin)

    assert r.status_code == 404
    assert r.json_body == {"error": {"code": "settlement_not_found", "message": "Settlement not found.", "details": []}}
    db.expire_all()
    assert db.execute(select(Settlement.id, Settlement.status, Settlement.payout_reference)).all() == before
    assert [(status, reference) for _, status, reference in before] == [("due", None)]
    assert db.scalar(select(Settlement.wholesaler_id)) == bought.wholesalers[0].business.id
