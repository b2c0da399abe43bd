"""The facts payments record in the outbox (same transaction as the change).

Every payload names `business_id`: the business to tell (the payer for payment facts, the
wholesaler for settlement payouts). Amounts are strings, times ISO 8601.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from chalicelib.core.outbox import record_event
from chalicelib.payments.models import Payment, Refund, Settlement
from chalicelib.payments.reasons import RETRY_HINT, message_for


def _base(payment: Payment) -> dict[str, Any]:
    return {
        "payment_id": str(payment.id),
        "business_id": str(payment.payer_business_id),
        "purpose": payment.purpose,
        "provider": payment.provider,
        "amount": str(payment.charged_amount or payment.amount),
        "currency": payment.currency,
        "checkout_id": str(payment.checkout_id) if payment.checkout_id else None,
        "subscription_invoice_id": str(payment.subscription_invoice_id) if payment.subscription_invoice_id else None,
    }


def _record(session: Session, event_type: str, payment: Payment, payload: dict[str, Any]) -> None:
    record_event(session, event_type, aggregate_type="payment", aggregate_id=payment.id, payload=payload)


def payment_succeeded(session: Session, payment: Payment, *, extra: dict[str, Any]) -> None:
    _record(
        session,
        "PaymentSucceeded",
        payment,
        {**_base(payment), "receipt": payment.external_receipt, "late": payment.late, **extra},
    )


def payment_failed(session: Session, payment: Payment, *, retry_until: datetime | None) -> None:
    can_retry = retry_until is not None
    message = message_for(payment.failure_reason) or ""
    if can_retry:
        message = f"{message} {RETRY_HINT}"
    _record(
        session,
        "PaymentFailed",
        payment,
        {
            **_base(payment),
            "reason": payment.failure_reason,
            "message": message,
            "can_retry": can_retry,
            "retry_until": retry_until.isoformat() if retry_until else None,
        },
    )


def payment_needs_review(session: Session, payment: Payment, *, why: str) -> None:
    _record(session, "PaymentNeedsReview", payment, {**_base(payment), "why": why})


def payment_arrived_late(session: Session, payment: Payment, refund: Refund) -> None:
    _record(
        session,
        "PaymentArrivedLate",
        payment,
        {**_base(payment), "refund_id": str(refund.id), "refund_amount": str(refund.amount)},
    )


def _refund_payload(refund: Refund) -> dict[str, Any]:
    return {
        "business_id": str(refund.payer_business_id) if refund.payer_business_id else None,
        "refund_id": str(refund.id),
        "payment_id": str(refund.payment_id) if refund.payment_id else None,
        "order_id": str(refund.order_id) if refund.order_id else None,
        "order_number": refund.order_number,
        "cause": refund.cause,
        "reason": refund.reason,
        "refund_amount": str(refund.amount),
        "currency": refund.currency,
        "provider": refund.provider,
        "payer_phone": refund.payer_phone,
        "reference": refund.reference,
    }


def refund_opened(session: Session, refund: Refund) -> None:
    """Tells the payer that money is coming back (nothing to tell for an orphan collection:
    the admins hear of it as `OrphanCollectionReceived`)."""
    if refund.payer_business_id is None:
        return
    record_event(
        session, "RefundOpened", aggregate_type="refund", aggregate_id=refund.id, payload=_refund_payload(refund)
    )


def refund_completed(session: Session, refund: Refund) -> None:
    if refund.payer_business_id is None:
        return
    record_event(
        session, "RefundCompleted", aggregate_type="refund", aggregate_id=refund.id, payload=_refund_payload(refund)
    )


def orphan_collection_received(session: Session, refund: Refund, *, receipt: str | None) -> None:
    """Money a provider confirmed that no payment of ours asked for: for the admins."""
    record_event(
        session,
        "OrphanCollectionReceived",
        aggregate_type="refund",
        aggregate_id=refund.id,
        payload={**_refund_payload(refund), "receipt": receipt},
    )


def settlement_paid_out(session: Session, settlement: Settlement, *, order_number: str) -> None:
    record_event(
        session,
        "SettlementPaidOut",
        aggregate_type="settlement",
        aggregate_id=settlement.id,
        payload={
            "settlement_id": str(settlement.id),
            "business_id": str(settlement.wholesaler_id),
            "order_id": str(settlement.order_id),
            "order_number": order_number,
            "amount": str(settlement.amount_due),
            "currency": settlement.currency,
            "reference": settlement.payout_reference,
        },
    )


def payout_sent(
    session: Session,
    *,
    wholesaler_id: uuid.UUID,
    reference: str,
    amount: Decimal,
    currency: str,
    settlement_count: int,
    paid_at: datetime,
) -> None:
    """One notice per wholesaler of a bulk payout (the sum of its settlements in the batch),
    instead of one per settlement."""
    record_event(
        session,
        "PayoutSent",
        aggregate_type="business",
        aggregate_id=wholesaler_id,
        payload={
            "business_id": str(wholesaler_id),
            "reference": reference,
            "amount": str(amount),
            "currency": currency,
            "settlement_count": settlement_count,
            "paid_at": paid_at.isoformat(),
        },
    )
