"""Refunds: every sum owed back to a payer is a row that the payer and the platform's staff
can follow from `open` to `completed` (the admins' side: `refund_payouts`).

Who opens them:
- the system: a paid order cancelled (`refund_cancelled_order`), money that arrived after
  the orders expired (`refund_late_payment`) or for an invoice already settled, a second
  collection for a payment already paid (`refund_duplicate`), money a provider confirmed
  for no payment of ours (`refund_orphan`);
- an admin: part or all of a payment (`refund_payouts.refund_payment`), or a payment in
  review whose money must go back (`service.resolve_review`).

What can still be refunded is what was received (the charged amount) minus every refund not
failed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from chalicelib.core.clock import utcnow
from chalicelib.payments import ledger_repository, payment_events, repository
from chalicelib.payments.models import Payment, PaymentAttempt, Refund
from chalicelib.payments.schemas import (
    RefundSummary,
)

LATE_REASON = "The payment arrived after the orders had expired."


@dataclass(frozen=True)
class LateOrder:
    order_id: uuid.UUID
    number: str
    total: Decimal


def paid_amount(payment: Payment) -> Decimal:
    return payment.charged_amount if payment.charged_amount is not None else payment.amount


def open_refund(
    session: Session,
    payment: Payment,
    *,
    amount: Decimal,
    cause: str,
    reason: str,
    order_id: uuid.UUID | None = None,
    order_number: str | None = None,
    requested_by: uuid.UUID | None = None,
) -> Refund:
    """A refund of (part of) `payment`, `open` until an admin pays it out; the payer is told."""
    now = utcnow()
    refund = Refund(
        id=uuid.uuid4(),
        payment_id=payment.id,
        order_id=order_id,
        order_number=order_number,
        payer_business_id=payment.payer_business_id,
        cause=cause,
        provider=payment.provider,
        payer_phone=payment.payer_phone,
        amount=Decimal(amount),
        currency=payment.currency,
        status="open",
        reason=reason[:500],
        requested_by=requested_by,
        created_at=now,
        updated_at=now,
    )
    session.add(refund)
    payment_events.refund_opened(session, refund)
    return refund


def refund_late_payment(session: Session, payment: Payment, orders: list[LateOrder] | None) -> list[Refund]:
    """Money that arrived after what it paid for was gone: all of it (`orders` None) or the
    totals of the orders that expired meanwhile."""
    payment.late = True
    if orders is None:
        refunds = [open_refund(session, payment, amount=paid_amount(payment), cause="late_payment", reason=LATE_REASON)]
    else:
        refunds = [
            open_refund(
                session,
                payment,
                amount=order.total,
                cause="late_payment",
                reason=LATE_REASON,
                order_id=order.order_id,
                order_number=order.number,
            )
            for order in orders
        ]
    for refund in refunds:
        payment_events.payment_arrived_late(session, payment, refund)
    return refunds


def refund_already_settled(session: Session, payment: Payment, *, reason: str) -> Refund:
    """Money for something paid or voided meanwhile (a subscription invoice)."""
    payment.late = True
    return open_refund(session, payment, amount=paid_amount(payment), cause="invoice_already_settled", reason=reason)


def refund_cancelled_order(
    session: Session,
    *,
    checkout_id: uuid.UUID,
    order_id: uuid.UUID,
    order_number: str,
    amount: Decimal,
    reason: str,
) -> Refund | None:
    """A paid order was cancelled: its total goes back to the retailer (None when no credited
    payment of its checkout is found, e.g. it was refunded in full already)."""
    payment = repository.credited_payment_of_checkout(session, checkout_id)
    if payment is None:
        return None
    left = paid_amount(payment) - ledger_repository.refunded_so_far(session, payment.id)
    if left <= 0:
        return None
    return open_refund(
        session,
        payment,
        amount=min(amount, left),
        cause="cancelled_order",
        reason=f"The order was cancelled: {reason.rstrip('.')}.",
        order_id=order_id,
        order_number=order_number,
    )


def refund_duplicate(session: Session, payment: Payment, attempt: PaymentAttempt, amount: Decimal) -> Refund:
    refund = open_refund(
        session,
        payment,
        amount=amount,
        cause="duplicate_collection",
        reason=f"Paid twice: attempt {attempt.number} ({attempt.reference}) succeeded after the payment was paid.",
    )
    payment_events.payment_needs_review(session, payment, why=refund.reason)
    return refund


def refund_orphan(
    session: Session,
    *,
    message_id: uuid.UUID,
    provider: str,
    payer_phone: str | None,
    amount: Decimal,
    currency: str,
    receipt: str | None,
    reference: str,
) -> Refund:
    """Money a provider confirmed for a request we cannot match to any payment of ours."""
    now = utcnow()
    refund = Refund(
        id=uuid.uuid4(),
        provider_message_id=message_id,
        cause="orphan_collection",
        provider=provider,
        payer_phone=payer_phone,
        amount=amount,
        currency=currency,
        status="open",
        reason=f"Collected by {provider} ({reference}{', receipt ' + receipt if receipt else ''}) "
        "for no payment we asked for.",
        created_at=now,
        updated_at=now,
    )
    session.add(refund)
    payment_events.orphan_collection_received(session, refund, receipt=receipt)
    return refund


# --- the payer's view ----------------------------------------------------------------------


def summary(refund: Refund) -> RefundSummary:
    return RefundSummary(
        id=refund.id,
        status=refund.status,
        cause=refund.cause,
        amount=refund.amount,
        currency=refund.currency,
        reason=refund.reason,
        payment_id=refund.payment_id,
        order_id=refund.order_id,
        order_number=refund.order_number,
        reference=refund.reference,
        created_at=refund.created_at,
        sent_at=refund.sent_at,
        completed_at=refund.completed_at,
    )


def refunds_of_payment(session: Session, payment_id: uuid.UUID) -> list[RefundSummary]:
    return [summary(refund) for refund in ledger_repository.refunds_of_payment(session, payment_id)]


def refunds_of_orders(session: Session, order_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[RefundSummary]]:
    """Each order's refunds (the caller has checked the orders are the caller's)."""
    found: dict[uuid.UUID, list[RefundSummary]] = {order_id: [] for order_id in order_ids}
    for refund in ledger_repository.refunds_of_orders(session, order_ids):
        if refund.order_id is not None:
            found[refund.order_id].append(summary(refund))
    return found
