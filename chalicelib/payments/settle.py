"""Applying a verified provider result to a payment, once.

`apply_verdict` runs with the payment row locked (and, before it, the purpose's own rows:
`lock_first`), re-reads the state and moves it at most once; `settle_attempt` is the same
as its own unit of work, for the webhook and reconciliation. Every repeat (a second
delivery, a status query after the callback, a sweep after a webhook) finds the payment
already moved and does nothing.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from chalicelib.core.clock import utcnow
from chalicelib.core.invariants import InvariantBroken
from chalicelib.payments import handlers, payment_events, refunds, repository
from chalicelib.payments.models import Payment, PaymentAttempt
from chalicelib.payments.outcome_metrics import PAYMENT_FAILED, PAYMENT_SUCCEEDED, count_after_commit
from chalicelib.payments.units import payments_unit
from chalicelib.payments.verification import Decision, Verdict

SETTLED = frozenset({"succeeded", "partially_refunded", "refunded"})
OPEN = frozenset({"pending", "failed"})


def close_attempt(attempt: PaymentAttempt, outcome: str, now: datetime) -> None:
    attempt.outcome = outcome
    attempt.closed_at = now


def apply_verdict(
    session: Session, payment: Payment, attempt: PaymentAttempt | None, verdict: Verdict, *, source: str
) -> tuple[str, str | None]:
    """Returns the log outcome (processed | needs_review | no_effect | awaiting_status) and why.
    `attempt` is None only for a payment failed before any request was sent."""
    now = utcnow()
    if verdict.decision is Decision.WAIT:
        return "awaiting_status", verdict.provider_message or verdict.provider_code
    if verdict.decision is Decision.SUCCEED:
        if attempt is None:
            raise InvariantBroken("attempt is missing")
        return _succeed(session, payment, attempt, verdict, source=source, now=now)
    if verdict.decision is Decision.FAIL:
        return _fail(session, payment, attempt, verdict, now=now)
    if payment.status in OPEN:
        payment.status = "needs_review"
        payment.updated_at = now
        payment.details = {**payment.details, "review_reason": verdict.reason}
        if attempt is not None and attempt.outcome is None:
            close_attempt(attempt, "review", now)
        payment_events.payment_needs_review(session, payment, why=verdict.reason or "")
        return "needs_review", verdict.reason
    return "no_effect", f"the payment is {payment.status}; {verdict.reason}"


def _succeed(
    session: Session, payment: Payment, attempt: PaymentAttempt, verdict: Verdict, *, source: str, now: datetime
) -> tuple[str, str | None]:
    if payment.status in OPEN:
        payment.status = "succeeded"
        payment.failure_reason = None
        payment.external_receipt = verdict.receipt
        payment.provider_reference = attempt.reference
        payment.settled_at = now
        payment.updated_at = now
        payment.details = {
            **payment.details,
            "verified_by": source,
            "paid_attempt": attempt.number,
            "receipt_source": verdict.receipt_source,
        }
        close_attempt(attempt, "succeeded", now)
        extra = handlers.handler_for(payment.purpose).on_succeeded(session, payment)
        payment_events.payment_succeeded(session, payment, extra=extra or {})
        count_after_commit(session, PAYMENT_SUCCEEDED, payment)
        return "processed", "credited late: refund opened" if payment.late else "credited"
    if payment.status in SETTLED and attempt.outcome != "succeeded" and payment.provider_reference != attempt.reference:
        close_attempt(attempt, "succeeded", now)
        refunds.refund_duplicate(session, payment, attempt, verdict.amount or refunds.paid_amount(payment))
        return "processed", "paid twice: refund opened"
    return "no_effect", f"the payment is already {payment.status}"


def _fail(
    session: Session, payment: Payment, attempt: PaymentAttempt | None, verdict: Verdict, *, now: datetime
) -> tuple[str, str | None]:
    current = attempt is None or attempt.outcome is None
    if payment.status == "pending" and current:
        payment.status = "failed"
        payment.failure_reason = verdict.reason
        payment.updated_at = now
        payment.details = {
            **payment.details,
            "provider_code": verdict.provider_code,
            "provider_message": verdict.provider_message,
        }
        if attempt is not None:
            close_attempt(attempt, "failed", now)
        handlers.handler_for(payment.purpose).on_failed(session, payment)
        until = payment.hold_until
        payment_events.payment_failed(session, payment, retry_until=until if until and until > now else None)
        count_after_commit(session, PAYMENT_FAILED, payment)
        return "processed", verdict.reason
    if attempt is not None and current:
        close_attempt(attempt, "failed", now)
    return "no_effect", f"the payment is {payment.status}"


def settle_attempt(
    payment: Payment,
    attempt_id: uuid.UUID | None,
    verdict: Verdict,
    *,
    source: str,
    message_id: uuid.UUID | None = None,
) -> str:
    """`apply_verdict` in its own transaction; the log row (if any) records the outcome.
    `payment` may be a detached snapshot: it is re-read under its row lock."""
    with payments_unit() as uow:
        session = uow.session
        handler = handlers.handler_for(payment.purpose)
        if handler.lock_first is not None:
            handler.lock_first(session, payment)  # `payment` may be a snapshot: only its ids are used
        locked, attempt = repository.lock_payment_with_attempt(session, payment.id, attempt_id)
        if locked is None:
            return "unknown_reference"
        payment = locked
        outcome, reason = apply_verdict(session, payment, attempt, verdict, source=source)
        now = utcnow()
        if source == "status_query":
            payment.last_checked_at = now
            if attempt is not None and attempt.reference and verdict.decision in (Decision.SUCCEED, Decision.FAIL):
                _log_query(session, payment, attempt, verdict, outcome, reason, now)
        if message_id is not None:
            repository.update_message(
                session,
                message_id,
                outcome=outcome,
                reason=(reason or "")[:300] or None,
                payment_id=payment.id,
                processed_at=now,
            )
        uow.commit()
    return outcome


def _log_query(
    session: Session,
    payment: Payment,
    attempt: PaymentAttempt,
    verdict: Verdict,
    outcome: str,
    reason: str | None,
    now: datetime,
) -> None:
    """The status answer that settled the payment, for the reconciliation report."""
    result = "succeeded" if verdict.decision is Decision.SUCCEED else "failed"
    repository.store_message(
        session,
        {
            "kind": "status_query",
            "provider": attempt.provider,
            "provider_transaction_id": f"query:{attempt.reference}:{result}",
            "received_at": now,
            "outcome": outcome,
            "reason": (reason or "")[:300] or None,
            "payment_id": payment.id,
            "reference": attempt.reference,
            "result": result,
            "amount": verdict.amount,
            "currency": payment.currency if verdict.decision is Decision.SUCCEED else None,
            "receipt": verdict.receipt,
            "processed_at": now,
            "headers": {},
            "body_bytes": 0,
        },
    )
