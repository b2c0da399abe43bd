"""Opening a collection and asking the provider for it: after the payer's transaction
commits, one request in flight per payment, within a time budget.

`open_collection(session, ...)` is what a service above payments calls (the checkout): a
pending payment; then `request_collection`, which only registers `send_collection_request`
to run once the edge's unit of work has committed
(`core.db.run_after_commit`), so the provider is never asked for money the database does
not know about and no row lock is held while the provider answers.
`send_collection_request` then works in three short steps:

1. claim: under the payment's row lock, open attempt N+1 (a partial unique index allows
   one open attempt per payment: Daraja has no idempotency of its own), with the charged
   amount (M-Pesa: whole shillings, rounded up, the rounding kept on the payment) and, for
   MoMo, the X-Reference-Id we choose;
2. ask the provider (no transaction open), within `PAYMENTS_COLLECTION_BUDGET_SECONDS`
   in all (token, request, retries), so a checkout answers in time whatever it does;
3. record what we learnt:
   - `sent`: the provider's reference; the payer approves on the phone;
   - `rejected`: the provider refused for good, or the request provably never reached it:
     the payment fails with a reason and the payer may try again;
   - `unconfirmed`: a timeout, reset, 5xx or unreadable answer. The provider may have
     created the transaction (and the payer approved it), so the payment stays `pending`,
     its attempt open and marked unconfirmed: the callback (matched by reference, or for an
     STK Push whose reference we never read, by phone, amount and time: `webhook`) or the
     status query (`events`) settles it. It never fails the payment on its own.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, Select, cast, func, insert, literal, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from chalicelib.core.clock import utcnow
from chalicelib.core.db import run_after_commit, unit_of_work
from chalicelib.core.errors import ValidationFailed, field_error
from chalicelib.core.invariants import InvariantBroken
from chalicelib.core.observability import logger
from chalicelib.core.settings import get_settings
from chalicelib.payments import callback_urls, handlers, repository
from chalicelib.payments.errors import PaymentNotFound, ProviderCurrencyMismatch
from chalicelib.payments.models import Payment, PaymentAttempt
from chalicelib.payments.providers import PROVIDER_NAMES, get_provider
from chalicelib.payments.providers.base import (
    CollectionRequest,
    Initiation,
    InvalidPayerPhone,
    ProviderError,
    ProviderNotReached,
    ProviderRejected,
    charged_amount,
)
from chalicelib.payments.providers.http import time_budget
from chalicelib.payments.settle import apply_verdict
from chalicelib.payments.steps import UNCONFIRMED, NextStep, next_step
from chalicelib.payments.units import payments_unit
from chalicelib.payments.verification import Decision, Verdict

SENT, REJECTED, UNCONFIRMED_SEND, NOT_SENT, ERROR = "sent", "rejected", "unconfirmed", "not_sent", "error"


def check_payer(provider: str, phone: str, *, currency: str | None = None, field: str = "payment.payer_phone") -> str:
    """The number in the provider's format; a 400 naming the field, or a 422 when the
    provider's account is in another currency than the one charged."""
    if provider not in PROVIDER_NAMES or provider not in get_settings().payment_providers_enabled:
        raise ValidationFailed(
            details=[field_error("payment.provider", "provider_unavailable", "This payment provider is not offered.")]
        )
    chosen = get_provider(provider)
    charged_in = currency or get_settings().currency
    if chosen.currency != charged_in:
        raise ProviderCurrencyMismatch(
            f"This provider collects in {chosen.currency}; this marketplace charges in {charged_in}.",
            extra={"provider_currency": chosen.currency, "currency": charged_in},
        )
    try:
        return chosen.payer_msisdn(phone)
    except InvalidPayerPhone as exc:
        raise ValidationFailed(
            "This number cannot pay with the chosen provider.",
            details=[field_error(field, "phone_not_supported", exc.message)],
        ) from exc


def open_collection(
    session: Session,
    *,
    payer_business_id: uuid.UUID,
    purpose: str,
    provider: str,
    payer_phone: str,
    amount: Decimal,
    currency: str,
    hold_until: datetime,
    checkout_id: uuid.UUID | None = None,
) -> Payment:
    """A pending mobile money payment (the caller then calls `request_collection`)."""
    now = utcnow()
    payment = Payment(
        id=uuid.uuid4(),
        payer_business_id=payer_business_id,
        checkout_id=checkout_id,
        purpose=purpose,
        method="mobile_money",
        provider=provider,
        payer_phone=payer_phone,
        amount=amount,
        currency=currency,
        status="pending",
        hold_until=hold_until,
        details={},
        created_at=now,
        updated_at=now,
    )
    session.add(payment)
    return payment


def open_collections_for_invoices(
    session: Session, source: Select[*tuple[Any, ...]], *, purpose: str, hold_until: datetime
) -> dict[uuid.UUID, uuid.UUID]:
    """A pending mobile money payment per row of `source`, in one `INSERT ... SELECT` (the
    billing run opens thousands at once). `source` selects, in this order: payer business id,
    invoice id, provider, payer phone, amount, currency. Returns invoice id -> payment id;
    the caller asks the providers (`send_collection_request`) once they are committed."""
    rows = source.subquery()
    now = literal(utcnow(), DateTime(timezone=True))
    payer, invoice, provider, phone, amount, currency = rows.c
    values = select(
        func.gen_random_uuid(), payer, literal(purpose), invoice, literal("mobile_money"), provider, phone, amount,
        currency, literal("pending"), cast(literal("{}"), JSONB), literal(0), literal(False), now, now,
        literal(hold_until, DateTime(timezone=True)),
    )  # fmt: skip
    columns = [
        "id", "payer_business_id", "purpose", "subscription_invoice_id", "method", "provider", "payer_phone",
        "amount", "currency", "status", "details", "attempts", "late", "created_at", "updated_at", "hold_until",
    ]  # fmt: skip
    statement = insert(Payment).from_select(columns, values).returning(Payment.subscription_invoice_id, Payment.id)
    return {invoice_id: payment_id for invoice_id, payment_id in session.execute(statement) if invoice_id is not None}


def request_collection(session: Session, payment: Payment, *, then: Callable[[NextStep], None] | None = None) -> None:
    """Asks the provider once the caller's transaction commits; `then` receives the payer's
    next step as it stands once the provider was asked."""
    payment_id = payment.id

    def send() -> None:
        send_collection_request(payment_id)
        if then is None:
            return
        try:
            then(step_now(payment_id))
        except Exception:
            logger.exception("reading the payment after its request failed", extra={"payment_id": str(payment_id)})

    run_after_commit(session, send)


def step_now(payment_id: uuid.UUID) -> NextStep:
    """The payer's next step as the database has it now (in a unit of work of its own)."""
    with unit_of_work() as uow:
        return step_of(uow.session, payment_id)


def step_of(session: Session, payment_id: uuid.UUID) -> NextStep:
    payment = repository.get_payment(session, payment_id)
    if payment is None:
        raise PaymentNotFound()
    return next_step(payment, repository.open_attempt(session, payment_id), now=utcnow())


def callback_url(provider: str, payment_id: uuid.UUID, attempt: int) -> str | None:
    base_url = get_settings().payments_callback_base_url
    if not base_url:
        return None
    return callback_urls.callback_url(base_url, provider, payment_id=payment_id, attempt=attempt)


@dataclass(frozen=True)
class _Claim:
    attempt_id: uuid.UUID
    provider: str
    request: CollectionRequest


def send_collection_request(payment_id: uuid.UUID) -> str:
    """Never raises (it runs after a commit): returns what happened (`SENT`, `REJECTED`,
    `UNCONFIRMED_SEND`, `NOT_SENT`, `ERROR`), for logs and tests."""
    try:
        claim = _claim(payment_id)
        if claim is None:
            return NOT_SENT
        return ask_provider(payment_id, claim.attempt_id, claim.provider, claim.request)
    except Exception:
        logger.exception("collection request failed", extra={"payment_id": str(payment_id)})
        return ERROR


def ask_provider(payment_id: uuid.UUID, attempt_id: uuid.UUID, provider: str, request: CollectionRequest) -> str:
    """Asks `provider` within the budget and records the answer on the attempt."""
    with time_budget(get_settings().payments_collection_budget_seconds):
        try:
            initiation = get_provider(provider).initiate_collection(request)
        except (ProviderRejected, ProviderNotReached) as exc:
            reason = "request_rejected" if isinstance(exc, ProviderRejected) else "provider_unavailable"
            return _refused(payment_id, attempt_id, provider, reason, exc)
        except ProviderError as exc:
            return _unconfirmed(payment_id, attempt_id, provider, exc)
    return _sent(payment_id, attempt_id, initiation)


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


def _sent(payment_id: uuid.UUID, attempt_id: uuid.UUID, initiation: Initiation) -> str:
    with payments_unit() as uow:
        session = uow.session
        payment = repository.lock_payment(session, payment_id)
        attempt = repository.get_attempt(session, attempt_id)
        if payment is None:
            raise InvariantBroken("payment is missing")
        if attempt is None:
            raise InvariantBroken("attempt is missing")
        if attempt.reference is not None and attempt.reference != initiation.reference:
            _answered_under_another_reference(session, payment, attempt, initiation)
        else:
            attempt.reference = initiation.reference
            attempt.response = initiation.response
            if attempt.outcome is None:
                payment.provider_reference = initiation.reference
        uow.commit()
    return SENT


def _answered_under_another_reference(
    session: Session, payment: Payment, attempt: PaymentAttempt, initiation: Initiation
) -> None:
    """A callback was matched to this request while its answer was late, and the answer names
    another reference: which money is whose is for an admin to say."""
    attempt.response = {**attempt.response, "answered_reference": initiation.reference}
    logger.error(
        "a late answer names another reference than the callback matched to its request",
        extra={"payment_id": str(payment.id), "matched": attempt.reference, "answered": initiation.reference},
    )
    reason = f"the provider answered {initiation.reference} for a request matched to {attempt.reference}"
    apply_verdict(session, payment, attempt, Verdict(Decision.REVIEW, reason=reason), source="initiation")


def _unconfirmed(payment_id: uuid.UUID, attempt_id: uuid.UUID, provider: str, error: Exception) -> str:
    logger.warning(
        "provider answer unreadable: the payment stays pending until confirmed",
        extra={"payment_id": str(payment_id), "provider": provider, "error": str(error)[:300]},
    )
    with payments_unit() as uow:
        attempt = repository.get_attempt(uow.session, attempt_id)
        if attempt is None:
            raise InvariantBroken("attempt is missing")
        attempt.response = {**attempt.response, UNCONFIRMED: True, "error": str(error)[:300]}
        uow.commit()
    return UNCONFIRMED_SEND


def _refused(payment_id: uuid.UUID, attempt_id: uuid.UUID, provider: str, reason: str, error: Exception) -> str:
    logger.warning(
        "provider refused the collection request",
        extra={"payment_id": str(payment_id), "provider": provider, "reason": reason, "error": str(error)[:300]},
    )
    with payments_unit() as uow:
        session = uow.session
        payment = repository.get_payment(session, payment_id)
        if payment is None:
            raise InvariantBroken("payment is missing")
        lock_first = handlers.handler_for(payment.purpose).lock_first
        if lock_first is not None:
            lock_first(session, payment)
        payment = repository.lock_payment(session, payment_id)
        attempt = repository.get_attempt(session, attempt_id)
        if payment is None:
            raise InvariantBroken("payment is missing")
        if attempt is None:
            raise InvariantBroken("attempt is missing")
        attempt.response = {"error": str(error)[:300], "code": getattr(error, "code", None)}
        verdict = Verdict(Decision.FAIL, reason=reason, provider_message=str(error)[:300])
        apply_verdict(session, payment, attempt, verdict, source="initiation")
        if attempt.outcome == "failed":
            attempt.outcome = "rejected"
        uow.commit()
    return REJECTED
