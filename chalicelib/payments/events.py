"""The sweeper's payments task: reconcile payments still pending after
`RECONCILE_AFTER_MINUTES` by asking the provider, as a callback would have.

Neither Daraja nor MoMo can be trusted to call back (Daraja delivers once, never retries),
so this is what guarantees that no payment stays pending forever:

- the provider's status query settles it exactly like a verified callback (`settle`);
- a payment the provider still cannot confirm (processing, unknown, not found) once its
  hold has run out (`handlers.hold_until`: for a checkout, the orders' expiry) is failed
  as `expired` and, for a checkout, its orders released;
- a payment whose collection request was never sent (the process died after the commit)
  is sent now if the payer may still pay, else failed the same way.

Each payment is settled in its own short transaction; the provider is asked with no
transaction open. Runs before the order expiry in the sweeper, so a payment that did
succeed is credited before its orders would expire.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from chalicelib.core.clock import utcnow
from chalicelib.core.observability import logger
from chalicelib.core.settings import get_settings
from chalicelib.payments import handlers, repository
from chalicelib.payments.collection import send_collection_request
from chalicelib.payments.models import Payment
from chalicelib.payments.providers import get_provider
from chalicelib.payments.settle import settle_attempt
from chalicelib.payments.units import payments_unit
from chalicelib.payments.verification import Decision, Verdict, decide

RECHECK_SECONDS = 60


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
    return {"checked": len(ids), **outcomes}


def reconcile_payment(payment_id: uuid.UUID) -> str:
    with payments_unit() as uow:
        session = uow.session
        payment = repository.get_payment(session, payment_id)
        if payment is None or payment.status != "pending" or payment.provider is None:
            return "not_pending"
        attempt = repository.open_attempt(session, payment_id)
        hold = handlers.hold_until(session, payment)
        expired = hold is None or hold <= utcnow()
        repository.mark_checked(session, payment_id, utcnow())
        uow.commit()
    if attempt is None:  # never sent (or the send failed before reaching the provider)
        if expired:
            return _expire_unsent(payment)
        return "sent" if send_collection_request(payment_id) == "sent" else "not_sent"
    verdict = Verdict(Decision.WAIT)
    if attempt.reference is not None:
        verdict = decide(payment, attempt, None, get_provider(attempt.provider).query_status(attempt.reference))
    if verdict.decision is Decision.WAIT and expired:
        verdict = Verdict(
            Decision.FAIL,
            reason="expired",
            provider_code=verdict.provider_code,
            provider_message=verdict.provider_message or "no confirmation before the hold ran out",
        )
    effect = settle_attempt(payment, attempt.id, verdict, source="status_query")
    return verdict.decision.value if effect != "no_effect" else "no_effect"


def _expire_unsent(payment: Payment) -> str:
    """A payment never (or no longer) asked of the provider, past its hold: fail it."""
    settle_attempt(payment, None, Verdict(Decision.FAIL, reason="expired"), source="status_query")
    return "fail"
