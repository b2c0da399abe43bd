"""Asking a provider for a collection: after the payer's transaction commits, one request
in flight per payment.

`request_collection(session, payment)` is what a service calls (the checkout, a retry, a
subscription charge): it only registers `send_collection_request` to run once the edge's
unit of work has committed (`core.db.run_after_commit`), so the provider is never asked
for money the database does not know about and no row lock is held while the provider
answers. `send_collection_request` then works in three short steps:

1. claim: under the payment's row lock, open attempt N+1 (a partial unique index allows
   one open attempt per payment: Daraja has no idempotency of its own), with the charged
   amount (M-Pesa: whole shillings, rounded up, the rounding kept on the payment) and, for
   MoMo, the X-Reference-Id we choose;
2. ask the provider (no transaction open);
3. record the provider's reference, or fail the payment with a reason if it refused.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from chalicelib.core.clock import utcnow
from chalicelib.core.db import run_after_commit
from chalicelib.core.errors import ValidationFailed, field_error
from chalicelib.core.observability import logger
from chalicelib.core.settings import get_settings
from chalicelib.payments import handlers, repository
from chalicelib.payments.models import Payment, PaymentAttempt
from chalicelib.payments.providers import PROVIDER_NAMES, get_provider
from chalicelib.payments.providers.base import (
    CollectionRequest,
    Initiation,
    InvalidPayerPhone,
    ProviderError,
    ProviderRejected,
    charged_amount,
)
from chalicelib.payments.settle import apply_verdict
from chalicelib.payments.units import payments_unit
from chalicelib.payments.verification import Decision, Verdict
from chalicelib.payments.webhook import webhook_token


def check_payer_phone(provider: str, phone: str, *, field: str = "payment.payer_phone") -> str:
    """The number in the provider's format, or a 400 naming the field."""
    if provider not in PROVIDER_NAMES or provider not in get_settings().payment_providers_enabled:
        raise ValidationFailed(
            details=[field_error("payment.provider", "provider_unavailable", "This payment provider is not offered.")]
        )
    try:
        return get_provider(provider).payer_msisdn(phone)
    except InvalidPayerPhone as exc:
        raise ValidationFailed(
            "This number cannot pay with the chosen provider.",
            details=[field_error(field, "phone_not_supported", exc.message)],
        ) from exc


def request_collection(session: Session, payment: Payment) -> None:
    payment_id = payment.id
    run_after_commit(session, lambda: send_collection_request(payment_id))


def callback_url(provider: str, payment_id: uuid.UUID, attempt: int) -> str | None:
    settings = get_settings()
    if not settings.payments_callback_base_url:
        return None
    url = f"{settings.payments_callback_base_url.rstrip('/')}/webhooks/payments/{provider}/{webhook_token(provider)}"
    return f"{url}/{payment_id}/{attempt}" if provider == "mtn_momo" else url


@dataclass(frozen=True)
class _Claim:
    attempt_id: uuid.UUID
    provider: str
    request: CollectionRequest


def send_collection_request(payment_id: uuid.UUID) -> str:
    """Never raises (it runs after a commit): returns what happened, for logs and tests."""
    try:
        claim = _claim(payment_id)
        if claim is None:
            return "not_sent"
        initiation: Initiation | None = None
        reason: str | None = None
        error: Exception | None = None
        try:
            initiation = get_provider(claim.provider).initiate_collection(claim.request)
        except ProviderRejected as exc:
            initiation, reason, error = None, "request_rejected", exc
        except ProviderError as exc:
            initiation, reason, error = None, "provider_unavailable", exc
        return _record(payment_id, claim, initiation, reason, error)
    except Exception:
        logger.exception("collection request failed", extra={"payment_id": str(payment_id)})
        return "error"


def _claim(payment_id: uuid.UUID) -> _Claim | None:
    with payments_unit() as uow:
        session = uow.session
        payment = repository.lock_payment(session, payment_id)
        if payment is None or payment.status != "pending" or payment.provider is None or not payment.payer_phone:
            return None
        if repository.open_attempt(session, payment_id) is not None:
            return None
        provider = get_provider(payment.provider)
        charged = charged_amount(payment.amount, whole_units=provider.whole_units)
        number = payment.attempts + 1
        attempt = PaymentAttempt(
            id=uuid.uuid4(),
            payment_id=payment.id,
            number=number,
            provider=provider.name,
            reference=provider.new_reference(),
            payer_phone=payment.payer_phone,
            requested_at=utcnow(),
            response={},
        )
        session.add(attempt)
        payment.attempts = number
        payment.charged_amount = charged
        payment.provider_reference = attempt.reference
        payment.details = {**payment.details, "rounding": str(charged - payment.amount)}
        account_reference, description = handlers.describe(session, payment)
        request = CollectionRequest(
            payment_id=payment.id,
            attempt=number,
            reference=attempt.reference,
            amount=charged,
            currency=payment.currency,
            payer_phone=payment.payer_phone,
            account_reference=account_reference,
            description=description,
            callback_url=callback_url(provider.name, payment.id, number),
        )
        uow.commit()
        return _Claim(attempt_id=attempt.id, provider=provider.name, request=request)


def _record(
    payment_id: uuid.UUID,
    claim: _Claim,
    initiation: Initiation | None,
    reason: str | None,
    error: Exception | None,
) -> str:
    with payments_unit() as uow:
        session = uow.session
        payment = repository.get_payment(session, payment_id)
        assert payment is not None
        lock_first = handlers.handler_for(payment.purpose).lock_first
        if initiation is None and lock_first is not None:
            lock_first(session, payment)
        payment = repository.lock_payment(session, payment_id)
        attempt = repository.get_attempt(session, claim.attempt_id)
        assert payment is not None
        assert attempt is not None
        if initiation is not None:
            attempt.reference = initiation.reference
            attempt.response = initiation.response
            if attempt.outcome is None:
                payment.provider_reference = initiation.reference
            outcome = "sent"
        else:
            logger.warning(
                "provider refused the collection request",
                extra={"payment_id": str(payment_id), "provider": claim.provider, "error": str(error)},
            )
            attempt.response = {"error": str(error)[:300], "code": getattr(error, "code", None)}
            verdict = Verdict(Decision.FAIL, reason=reason, provider_message=str(error)[:300])
            apply_verdict(session, payment, attempt, verdict, source="initiation")
            if attempt.outcome == "failed":
                attempt.outcome = "rejected"
            outcome = "rejected"
        uow.commit()
    return outcome
