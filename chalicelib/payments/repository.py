"""All SQL of the payments domain. Payer-facing reads are scoped to the caller's business."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import distinct_on, insert
from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business
from chalicelib.payments.models import Payment, PaymentAttempt, ProviderMessage, Refund, Settlement
from chalicelib.payments.search import SearchTerms

CREDITED = ("succeeded", "partially_refunded", "refunded")

# --- payments and attempts ------------------------------------------------------------


def get_payment(session: Session, payment_id: uuid.UUID) -> Payment | None:
    return session.get(Payment, payment_id)


def get_payment_of_payer(session: Session, business_id: uuid.UUID, payment_id: uuid.UUID) -> Payment | None:
    return session.scalar(select(Payment).where(Payment.id == payment_id, Payment.payer_business_id == business_id))


def lock_payment(session: Session, payment_id: uuid.UUID) -> Payment | None:
    return session.scalar(
        select(Payment).where(Payment.id == payment_id).with_for_update().execution_options(populate_existing=True)
    )


def open_attempt(session: Session, payment_id: uuid.UUID) -> PaymentAttempt | None:
    return session.scalar(
        select(PaymentAttempt).where(PaymentAttempt.payment_id == payment_id, PaymentAttempt.outcome.is_(None))
    )


def latest_attempt(session: Session, payment_id: uuid.UUID) -> PaymentAttempt | None:
    return session.scalar(
        select(PaymentAttempt).where(PaymentAttempt.payment_id == payment_id).order_by(PaymentAttempt.number.desc())
    )


def attempt_by_reference(session: Session, provider: str, reference: str) -> PaymentAttempt | None:
    return session.scalar(
        select(PaymentAttempt).where(PaymentAttempt.provider == provider, PaymentAttempt.reference == reference)
    )


def attempt_by_number(session: Session, payment_id: uuid.UUID, number: int) -> PaymentAttempt | None:
    return session.scalar(
        select(PaymentAttempt).where(PaymentAttempt.payment_id == payment_id, PaymentAttempt.number == number)
    )


def attempt_and_payment(
    session: Session,
    *,
    provider: str,
    reference: str | None = None,
    payment_id: uuid.UUID | None = None,
    number: int = 0,
) -> tuple[PaymentAttempt, Payment] | None:
    """The attempt a callback is about, by the provider's reference or (MoMo) by payment and number."""
    statement = select(PaymentAttempt, Payment).join(Payment, Payment.id == PaymentAttempt.payment_id)
    if payment_id is not None:
        statement = statement.where(PaymentAttempt.payment_id == payment_id, PaymentAttempt.number == number)
    else:
        statement = statement.where(PaymentAttempt.provider == provider, PaymentAttempt.reference == reference)
    row = session.execute(statement).one_or_none()
    return (row[0], row[1]) if row is not None else None


def lock_payment_with_attempt(
    session: Session, payment_id: uuid.UUID, attempt_id: uuid.UUID | None
) -> tuple[Payment | None, PaymentAttempt | None]:
    """The payment row locked (FOR UPDATE OF payments) and, in the same statement, the attempt."""
    if attempt_id is None:
        return lock_payment(session, payment_id), None
    row = session.execute(
        select(Payment, PaymentAttempt)
        .join(PaymentAttempt, PaymentAttempt.payment_id == Payment.id)
        .where(Payment.id == payment_id, PaymentAttempt.id == attempt_id)
        .with_for_update(of=Payment)
        .execution_options(populate_existing=True)
    ).one_or_none()
    return (row[0], row[1]) if row is not None else (None, None)


def get_attempt(session: Session, attempt_id: uuid.UUID) -> PaymentAttempt | None:
    return session.get(PaymentAttempt, attempt_id, populate_existing=True)


def payments_to_reconcile(
    session: Session, *, stale_before: datetime, checked_before: datetime, now: datetime, limit: int
) -> list[uuid.UUID]:
    """Pending payments older than `stale_before` whose open attempt (if any) was also sent
    before it, not asked about since `checked_before`, or whose hold just ran out (asked
    once more before their orders would expire unpaid)."""
    recent_attempt = (
        select(PaymentAttempt.id)
        .where(
            PaymentAttempt.payment_id == Payment.id,
            PaymentAttempt.outcome.is_(None),
            PaymentAttempt.requested_at > stale_before,
        )
        .exists()
    )
    rows = session.scalars(
        select(Payment.id)
        .where(
            Payment.status == "pending",
            Payment.provider.is_not(None),
            Payment.created_at <= stale_before,
            or_(
                Payment.last_checked_at.is_(None),
                Payment.last_checked_at <= checked_before,
                Payment.hold_until <= now,
            ),
            ~recent_attempt,
        )
        .order_by(Payment.created_at, Payment.id)
        .limit(limit)
    )
    return list(rows)


def failed_payments_with_open_attempts(
    session: Session, *, sent_after: datetime, checked_before: datetime, limit: int
) -> list[uuid.UUID]:
    """Payments failed (their hold ran out) while a request we could not confirm was still
    open at the provider: the money may yet arrive, so the provider is asked until
    `sent_after` has passed."""
    rows = session.scalars(
        select(Payment.id)
        .join(PaymentAttempt, PaymentAttempt.payment_id == Payment.id)
        .where(
            PaymentAttempt.outcome.is_(None),
            PaymentAttempt.requested_at > sent_after,
            Payment.status == "failed",
            or_(Payment.last_checked_at.is_(None), Payment.last_checked_at <= checked_before),
        )
        .order_by(Payment.last_checked_at.asc().nulls_first(), PaymentAttempt.requested_at)
        .limit(limit)
    )
    return list(rows)


def unanswered_attempts_for(
    session: Session, *, provider: str, payer_phone: str, amount: Decimal, sent_from: datetime, sent_to: datetime
) -> Sequence[PaymentAttempt]:
    """Up to two open requests to `payer_phone` for `amount` sent in [sent_from, sent_to]
    whose answer we never read (no provider reference): what a callback with a reference we
    do not know may be about (two: it is not ours to say which)."""
    return session.scalars(
        select(PaymentAttempt)
        .join(Payment, Payment.id == PaymentAttempt.payment_id)
        .where(
            PaymentAttempt.provider == provider,
            PaymentAttempt.reference.is_(None),
            PaymentAttempt.outcome.is_(None),
            PaymentAttempt.payer_phone == payer_phone,
            PaymentAttempt.requested_at >= sent_from,
            PaymentAttempt.requested_at <= sent_to,
            Payment.charged_amount == amount,
        )
        .order_by(PaymentAttempt.requested_at, PaymentAttempt.id)
        .limit(2)
    ).all()


def credited_payment_of_checkout(session: Session, checkout_id: uuid.UUID) -> Payment | None:
    return session.scalar(
        select(Payment)
        .where(Payment.checkout_id == checkout_id, Payment.status.in_(("succeeded", "partially_refunded")))
        .with_for_update()
    )


def pending_payments_of_checkouts(session: Session, checkout_ids: Sequence[uuid.UUID]) -> Sequence[Payment]:
    return session.scalars(
        select(Payment)
        .where(Payment.checkout_id.in_(checkout_ids), Payment.status == "pending")
        .order_by(Payment.id)
        .with_for_update()
    ).all()


def latest_payments_of_checkouts(
    session: Session, payer_id: uuid.UUID, checkout_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[uuid.UUID, str]]:
    """checkout id -> (id, status) of its newest payment, only of checkouts `payer_id` pays."""
    rows = session.execute(
        select(Payment.checkout_id, Payment.id, Payment.status)
        .where(Payment.checkout_id.in_(checkout_ids), Payment.payer_business_id == payer_id)
        .ext(distinct_on(Payment.checkout_id))
        .order_by(Payment.checkout_id, Payment.created_at.desc(), Payment.id.desc())
    )
    return {checkout_id: (payment_id, str(status)) for checkout_id, payment_id, status in rows if checkout_id}


def pending_payments_of_invoices(
    session: Session, invoice_ids: Sequence[uuid.UUID], *, asked_since: datetime
) -> Sequence[Any]:
    """(invoice id, payment id) of the payments for these invoices still waiting for the
    payer and asked for since `asked_since`, newest first."""
    return session.execute(
        select(Payment.subscription_invoice_id, Payment.id)
        .where(
            Payment.subscription_invoice_id.in_(invoice_ids),
            Payment.status == "pending",
            Payment.created_at > asked_since,
        )
        .order_by(Payment.created_at.desc())
    ).all()


def mark_checked(session: Session, payment_id: uuid.UUID, now: datetime) -> None:
    session.execute(update(Payment).where(Payment.id == payment_id).values(last_checked_at=now))


def list_payments(
    session: Session,
    *,
    status: str | None,
    provider: str | None,
    purpose: str | None,
    search: SearchTerms | None = None,
    created_from: datetime | None,
    created_to: datetime | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> Sequence[Any]:
    statement = select(Payment, Business.name.label("payer_name")).join(
        Business, Business.id == Payment.payer_business_id
    )
    if search is not None:
        statement = statement.where(_matching(search))
    for column, value in ((Payment.status, status), (Payment.provider, provider), (Payment.purpose, purpose)):
        if value is not None:
            statement = statement.where(column == value)
    if created_from is not None:
        statement = statement.where(Payment.created_at >= created_from)
    if created_to is not None:
        statement = statement.where(Payment.created_at < created_to)
    if after is not None:
        created_at, last_id = after
        statement = statement.where(
            or_(Payment.created_at < created_at, and_(Payment.created_at == created_at, Payment.id < last_id))
        )
    return session.execute(statement.order_by(Payment.created_at.desc(), Payment.id.desc()).limit(limit)).all()


def _matching(search: SearchTerms) -> Any:
    """A payment the admin's search names: by its references, receipt, payer phone, or the
    number of an order it settled or that was refunded from it."""
    text = search.text
    conditions = [
        func.upper(Payment.provider_reference) == text,
        func.upper(Payment.external_receipt) == text,
        Payment.id.in_(select(PaymentAttempt.payment_id).where(func.upper(PaymentAttempt.reference) == text)),
        Payment.id.in_(select(Settlement.payment_id).where(Settlement.order_number == text)),
        Payment.id.in_(select(Refund.payment_id).where(Refund.order_number == text, Refund.payment_id.is_not(None))),
    ]
    if search.uuid is not None:
        conditions.append(Payment.id == search.uuid)
    if search.phone is not None:
        conditions.append(Payment.payer_phone == search.phone)
    return or_(*conditions)


# --- the transaction log ----------------------------------------------------------------


def store_message(session: Session, values: dict[str, Any]) -> uuid.UUID | None:
    """INSERT ... ON CONFLICT (provider, provider_transaction_id) DO NOTHING: None for a duplicate."""
    statement = (
        insert(ProviderMessage)
        .values(id=uuid.uuid4(), **values)
        .on_conflict_do_nothing(index_elements=["provider", "provider_transaction_id"])
        .returning(ProviderMessage.id)
    )
    return session.execute(statement).scalar_one_or_none()


def update_message(session: Session, message_id: uuid.UUID, **values: Any) -> None:
    session.execute(update(ProviderMessage).where(ProviderMessage.id == message_id).values(**values))


def orphans_awaiting_status(
    session: Session, *, outcome: str, received_after: datetime, checked_before: datetime, limit: int
) -> Sequence[Any]:
    """Logged successes for no request of ours that the provider could not confirm yet: rows
    of (id, provider, body, received_at)."""
    return session.execute(
        select(ProviderMessage.id, ProviderMessage.provider, ProviderMessage.body, ProviderMessage.received_at)
        .where(
            ProviderMessage.outcome == outcome,
            ProviderMessage.received_at > received_after,
            ProviderMessage.processed_at <= checked_before,
        )
        .order_by(ProviderMessage.processed_at)
        .limit(limit)
    ).all()


def provider_receipts(session: Session, start: datetime, end: datetime) -> Sequence[ProviderMessage]:
    return session.scalars(
        select(ProviderMessage)
        .where(
            ProviderMessage.received_at >= start,
            ProviderMessage.received_at < end,
            ProviderMessage.result == "succeeded",
            ProviderMessage.reference.is_not(None),
        )
        .order_by(ProviderMessage.received_at, ProviderMessage.id)
    ).all()


def credited_payments(session: Session, start: datetime, end: datetime) -> Sequence[Any]:
    """Mobile money payments credited in [start, end), with the reference of the attempt that paid."""
    return session.execute(
        select(Payment, PaymentAttempt.reference)
        .join(
            PaymentAttempt,
            and_(PaymentAttempt.payment_id == Payment.id, PaymentAttempt.outcome == "succeeded"),
            isouter=True,
        )
        .where(
            Payment.method == "mobile_money",
            Payment.status.in_(CREDITED),
            Payment.settled_at >= start,
            Payment.settled_at < end,
        )
        .order_by(Payment.settled_at, Payment.id)
    ).all()


def credited_references(session: Session, references: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Payment]:
    if not references:
        return {}
    rows = session.execute(
        select(PaymentAttempt.provider, PaymentAttempt.reference, Payment)
        .join(Payment, Payment.id == PaymentAttempt.payment_id)
        .where(
            PaymentAttempt.outcome == "succeeded",
            or_(*(and_(PaymentAttempt.provider == p, PaymentAttempt.reference == r) for p, r in references)),
        )
    ).all()
    return {(provider, reference or ""): payment for provider, reference, payment in rows}
