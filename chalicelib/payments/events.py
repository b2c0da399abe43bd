"""The sweeper's payments task: reconcile payments still pending after
`RECONCILE_AFTER_MINUTES` by asking the provider, as a callback would have.

Neither Daraja nor MoMo can be trusted to call back (Daraja delivers once, never retries),
so this is what guarantees that no payment stays pending forever:

- the provider's status query settles it exactly like a verified callback (`settle`);
- a payment the provider still cannot confirm (processing, unknown, not found) once its
  hold has run out (`Payment.hold_until`: for a checkout, the orders' expiry) is failed
  as `expired` and, for a checkout, its orders released;
- a payment whose collection request was never sent (the process died after the commit)
  is sent now if the payer may still pay, else failed the same way;
- a request whose answer we could not read (`collection`: unconfirmed) and that the
  provider does not know (MoMo answers 404 for an X-Reference-Id it never received) is sent
  again with the same reference while the payer may still pay: MoMo deduplicates on it;
- a payment that failed while such a request was still open is asked about for
  `FOLLOW_UP_HOURS` more (a request whose reference we never learnt cannot be asked about:
  it waits only as long as a callback could still be matched to it): money that arrives
  after all is credited late and refunded;
- a success callback for no request of ours that the provider could not confirm yet
  (`webhook.ORPHAN_AWAITING`) is asked about again for `FOLLOW_UP_HOURS`, then left to the
  admins in the reconciliation report.

Each payment is settled in its own short transaction; the provider is asked with no
transaction open. Runs before the order expiry in the sweeper, so a payment that did
succeed is credited before its orders would expire.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from chalicelib.core.clock import utcnow
from chalicelib.core.observability import logger
from chalicelib.core.settings import get_settings
from chalicelib.payments import handlers, repository
from chalicelib.payments.collection import SENT, ask_provider, callback_url, send_collection_request
from chalicelib.payments.models import Payment, PaymentAttempt
from chalicelib.payments.providers import get_provider
from chalicelib.payments.providers.base import CollectionRequest, ProviderResult
from chalicelib.payments.settle import settle_attempt
from chalicelib.payments.steps import is_unconfirmed
from chalicelib.payments.units import payments_unit
from chalicelib.payments.verification import Decision, Verdict, decide
from chalicelib.payments.webhook import ORPHAN_AWAITING, give_up_orphan, recheck_orphan

RECHECK_SECONDS = 60
FOLLOW_UP_HOURS = 24
NOT_FOUND = "not_found"


def reconcile_pending_payments(time_left_ms: Callable[[], int] | None = None) -> dict[str, Any]:
    settings = get_settings()
    now = utcnow()
    with payments_unit() as uow:
        ids = repository.payments_to_reconcile(
            uow.session,
            stale_before=now - timedelta(minutes=settings.reconcile_after_minutes),
            checked_before=now - timedelta(seconds=RECHECK_SECONDS),
            now=now,
            limit=settings.reconcile_batch_size,
        )
        ids += repository.failed_payments_with_open_attempts(
            uow.session,
            sent_after=now - timedelta(hours=FOLLOW_UP_HOURS + 1),
            checked_before=now - timedelta(seconds=RECHECK_SECONDS),
            limit=settings.reconcile_batch_size,
        )
        orphans = repository.orphans_awaiting_status(
            uow.session,
            outcome=ORPHAN_AWAITING,
            received_after=now - timedelta(hours=FOLLOW_UP_HOURS + 1),
            checked_before=now - timedelta(seconds=RECHECK_SECONDS),
            limit=settings.reconcile_batch_size,
        )
    outcomes: Counter[str] = Counter()
    for payment_id in ids:
        if time_left_ms is not None and time_left_ms() <= 0:
            outcomes["deadline"] += 1
            break
        try:
            outcomes[reconcile_payment(payment_id)] += 1
        except Exception:
            logger.exception("reconciling a payment failed", extra={"payment_id": str(payment_id)})
            outcomes["error"] += 1
    for message in orphans:
        if time_left_ms is not None and time_left_ms() <= 0:
            break
        try:
            outcomes["orphan:" + _recheck(message, now)] += 1
        except Exception:
            logger.exception("checking an orphan collection failed", extra={"log_id": str(message.id)})
            outcomes["error"] += 1
    return {"checked": len(ids), **({"orphans": len(orphans)} if orphans else {}), **outcomes}


def _recheck(message: Any, now: datetime) -> str:
    if message.received_at <= now - timedelta(hours=FOLLOW_UP_HOURS):
        give_up_orphan(message.id, why="the provider never confirmed it")
        return "given_up"
    return recheck_orphan(message)


def reconcile_payment(payment_id: uuid.UUID) -> str:
    with payments_unit() as uow:
        session = uow.session
        payment = repository.get_payment(session, payment_id)
        if payment is None or payment.provider is None or payment.status not in ("pending", "failed"):
            return "not_pending"
        attempt = repository.open_attempt(session, payment_id)
        if payment.status == "failed" and attempt is None:
            return "not_pending"
        expired = payment.hold_until is None or payment.hold_until <= utcnow()
        repository.mark_checked(session, payment_id, utcnow())
        uow.commit()
    if attempt is None:  # never sent (or the send failed before reaching the provider)
        if expired:
            return _expire_unsent(payment)
        return "sent" if send_collection_request(payment_id) == SENT else "not_sent"
    query: ProviderResult | None = None
    if attempt.reference is not None:
        query = get_provider(attempt.provider).query_status(attempt.reference)
        if _never_received(attempt, query) and not expired and payment.status == "pending":
            return "resent" if _send_again(payment, attempt) == SENT else "not_sent"
    verdict = Verdict(Decision.WAIT) if query is None else decide(payment, attempt, None, query)
    settled_attempt: uuid.UUID | None = attempt.id
    if verdict.decision is Decision.WAIT and payment.status == "failed":
        if attempt.requested_at > utcnow() - _follow_up(attempt):
            return "wait"
        verdict = _expired(verdict)  # closes the attempt: a day without an answer
    elif verdict.decision is Decision.WAIT and expired:
        verdict = _expired(verdict)
        settled_attempt = None  # the payment fails; its attempt stays open for the follow-up
    effect = settle_attempt(payment, settled_attempt, verdict, source="status_query")
    return verdict.decision.value if effect != "no_effect" else "no_effect"


def _follow_up(attempt: PaymentAttempt) -> timedelta:
    """How long an open request of a failed payment is asked about after it was sent."""
    if attempt.reference is None:
        return timedelta(minutes=get_settings().payments_unmatched_callback_window_minutes)
    return timedelta(hours=FOLLOW_UP_HOURS)


def _expired(verdict: Verdict) -> Verdict:
    return Verdict(
        Decision.FAIL,
        reason="expired",
        provider_code=verdict.provider_code,
        provider_message=verdict.provider_message or "no confirmation before the hold ran out",
    )


def _never_received(attempt: PaymentAttempt, query: ProviderResult) -> bool:
    """The provider does not know a request whose answer we could not read: it never got it."""
    return is_unconfirmed(attempt) and query.provider_code == NOT_FOUND


def _send_again(payment: Payment, attempt: PaymentAttempt) -> str:
    """The same request, with the same reference (the provider deduplicates on it)."""
    with payments_unit() as uow:
        account_reference, description = handlers.describe(uow.session, payment)
    request = CollectionRequest(
        payment_id=payment.id,
        attempt=attempt.number,
        reference=attempt.reference,
        amount=payment.charged_amount or payment.amount,
        currency=payment.currency,
        payer_phone=attempt.payer_phone,
        account_reference=account_reference,
        description=description,
        callback_url=callback_url(attempt.provider, payment.id, attempt.number),
    )
    return ask_provider(payment.id, attempt.id, attempt.provider, request)


def _expire_unsent(payment: Payment) -> str:
    """A payment never (or no longer) asked of the provider, past its hold: fail it."""
    settle_attempt(payment, None, Verdict(Decision.FAIL, reason="expired"), source="status_query")
    return "fail"
