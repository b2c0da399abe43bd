"""The dashboard's payment counters: `PaymentSucceeded` and `PaymentFailed`, one per payment
that reaches that outcome, dimensions `provider` (mpesa, mtn_momo, sandbox) and `service`.

Counted where a verdict settles a payment (`settle`), once the transaction that records the
outcome has committed: a rolled-back settlement counts nothing, and a repeat (a second
callback, a status query after the callback) finds the payment settled and counts nothing.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from chalicelib.core.db import run_after_commit
from chalicelib.core.observability import count
from chalicelib.payments.models import Payment

PAYMENT_SUCCEEDED = "PaymentSucceeded"
PAYMENT_FAILED = "PaymentFailed"
NO_PROVIDER = "none"


def count_after_commit(session: Session, metric: str, payment: Payment) -> None:
    provider = payment.provider or NO_PROVIDER
    run_after_commit(session, lambda: count(metric, provider=provider))
