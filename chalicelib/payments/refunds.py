"""Refunds: every sum owed back to a payer is a row that the payer and the platform's staff
can follow from `open` to `completed`.

Who opens them:
- the system: a paid order cancelled (`refund_cancelled_order`), money that arrived after
  the orders expired (`refund_late_payment`) or for an invoice already settled, a second
  collection for a payment already paid (`refund_duplicate`), money a provider confirmed
  for no payment of ours (`refund_orphan`);
- an admin: part or all of a payment (`refund_payment`), or a payment in review whose money
  must go back (`service.resolve_review`).

    open ──sent──> sent ──completed──> completed
      │              │
      └──completed───┤──failed──> failed ──sent──> sent

An admin pays a refund out by hand (M-Pesa B2C, MoMo disbursement or a transfer) and
records its reference as `sent` (money on its way) or straight as `completed`; a payout that
bounced is `failed` and may be sent again. Through a provider with a refund API (the
sandbox) an admin's refund completes at once. What can still be refunded is what was
received (the charged amount) minus every refund not failed; the payment becomes
`partially_refunded` / `refunded` as completed refunds add up.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from chalicelib.core.audit import record_audit
from chalicelib.core.clock import start_of_day, utcnow
from chalicelib.core.observability import logger
from chalicelib.core.pagination import after_created, created_cursor
from chalicelib.core.principal import Principal
from chalicelib.payments import payment_events, repository
from chalicelib.payments.errors import (
    NotRefundable,
    PaymentNotFound,
    RefundAlreadyClosed,
    RefundNotFound,
    RefundTooLarge,
)
from chalicelib.payments.models import Payment, PaymentAttempt, Refund
from chalicelib.payments.providers import get_provider
from chalicelib.payments.providers.base import ProviderError, ProviderRejected, RefundNotSupported
from chalicelib.payments.schemas import (
    AdminRefundItem,
    AdminRefundPage,
    AdminRefundQuery,
    CompleteRefundRequest,
    RefundFailedRequest,
    RefundOut,
    RefundRequest,
    RefundSentRequest,
    RefundSummary,
)

REFUNDABLE = frozenset({"succeeded", "partially_refunded", "needs_review"})
MOVES: dict[str, frozenset[str]] = {
    "sent": frozenset({"open", "failed"}),
    "completed": frozenset({"open", "sent"}),
    "failed": frozenset({"open", "sent"}),
}
"""Target status -> the statuses a refund may move to it from."""
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
    left = paid_amount(payment) - repository.refunded_so_far(session, payment.id)
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
    return [summary(refund) for refund in repository.refunds_of_payment(session, payment_id)]


def refunds_of_orders(session: Session, order_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[RefundSummary]]:
    """Each order's refunds (the caller has checked the orders are the caller's)."""
    found: dict[uuid.UUID, list[RefundSummary]] = {order_id: [] for order_id in order_ids}
    for refund in repository.refunds_of_orders(session, order_ids):
        if refund.order_id is not None:
            found[refund.order_id].append(summary(refund))
    return found


# --- admins ----------------------------------------------------------------------------------


def refund_out(refund: Refund, payment: Payment | None) -> RefundOut:
    return RefundOut(
        **summary(refund).model_dump(),
        payment_status=payment.status if payment is not None else None,
        payer_business_id=refund.payer_business_id,
        provider=refund.provider,
        payer_phone=refund.payer_phone,
        provider_message_id=refund.provider_message_id,
        failure_reason=refund.failure_reason,
    )


def list_refunds(session: Session, *, query: AdminRefundQuery) -> AdminRefundPage:
    rows = repository.list_refunds(
        session,
        status=query.status,
        cause=query.cause,
        provider=query.provider,
        payer_business_id=query.payer_business_id,
        created_from=start_of_day(query.date_from) if query.date_from else None,
        created_to=start_of_day(query.date_to + timedelta(days=1)) if query.date_to else None,
        after=after_created(query.cursor),
        limit=query.limit + 1,
    )
    page = rows[: query.limit]
    items = [
        AdminRefundItem(
            **refund_out(row.Refund, None).model_dump(exclude={"payment_status"}),
            payment_status=row.payment_status,
            payer_name=row.payer_name,
        )
        for row in page
    ]
    next_cursor = created_cursor(page[-1].Refund) if len(rows) > query.limit else None
    return AdminRefundPage(items=items, next_cursor=next_cursor)


def refund_payment(
    session: Session, *, principal: Principal, payment_id: uuid.UUID, body: RefundRequest, source_ip: str | None
) -> RefundOut:
    payment = repository.lock_payment(session, payment_id)
    if payment is None:
        raise PaymentNotFound()
    if payment.status not in REFUNDABLE or (payment.status == "needs_review" and not payment.external_receipt):
        raise NotRefundable(extra={"status": payment.status})
    left = paid_amount(payment) - repository.refunded_so_far(session, payment.id)
    if body.amount > left:
        raise RefundTooLarge(extra={"refundable": str(left)})
    refund = open_refund(
        session, payment, amount=body.amount, cause="manual", reason=body.reason, requested_by=principal.user_id
    )
    _through_provider(payment, refund, principal.user_id)
    if refund.status == "completed":
        _completed(session, payment, refund)
    session.flush()
    record_audit(
        session,
        "payment.refunded",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="payment",
        target_id=payment.id,
        details={"refund_id": str(refund.id), "amount": str(refund.amount), "status": refund.status},
    )
    return refund_out(refund, payment)


def _through_provider(payment: Payment, refund: Refund, user_id: uuid.UUID) -> None:
    if payment.provider is None or payment.method != "mobile_money":
        return
    provider = get_provider(payment.provider)
    if not provider.supports_refund:
        return
    try:
        result = provider.refund(
            reference=payment.provider_reference or "",
            receipt=payment.external_receipt,
            amount=refund.amount,
            currency=payment.currency,
        )
    except (RefundNotSupported, ProviderError, ProviderRejected) as exc:
        logger.warning("provider refund failed; left open for a manual payout", extra={"error": str(exc)})
        return
    now = utcnow()
    refund.reference = result.reference
    refund.status = "completed" if result.completed else "sent"
    refund.sent_at, refund.sent_by, refund.updated_at = now, user_id, now
    if result.completed:
        refund.completed_at, refund.completed_by = now, user_id


def mark_sent(
    session: Session, *, principal: Principal, refund_id: uuid.UUID, body: RefundSentRequest, source_ip: str | None
) -> RefundOut:
    refund, payment = _locked(session, refund_id, "sent")
    now = utcnow()
    refund.status = "sent"
    refund.reference = body.reference
    refund.failure_reason = None
    refund.sent_at, refund.sent_by, refund.updated_at = now, principal.user_id, now
    _audit(session, "refund.sent", refund, principal, source_ip, {"reference": body.reference})
    return refund_out(refund, payment)


def complete_refund(
    session: Session, *, principal: Principal, refund_id: uuid.UUID, body: CompleteRefundRequest, source_ip: str | None
) -> RefundOut:
    refund, payment = _locked(session, refund_id, "completed")
    now = utcnow()
    refund.status = "completed"
    refund.reference = body.reference
    refund.sent_at = refund.sent_at or now
    refund.sent_by = refund.sent_by or principal.user_id
    refund.completed_at, refund.completed_by, refund.updated_at = now, principal.user_id, now
    if payment is not None:
        _completed(session, payment, refund)
    _audit(session, "refund.completed", refund, principal, source_ip, {"reference": body.reference})
    return refund_out(refund, payment)


def mark_failed(
    session: Session, *, principal: Principal, refund_id: uuid.UUID, body: RefundFailedRequest, source_ip: str | None
) -> RefundOut:
    refund, payment = _locked(session, refund_id, "failed")
    refund.status = "failed"
    refund.failure_reason = body.reason
    refund.updated_at = utcnow()
    _audit(session, "refund.failed", refund, principal, source_ip, {"reason": body.reason})
    return refund_out(refund, payment)


def _locked(session: Session, refund_id: uuid.UUID, target: str) -> tuple[Refund, Payment | None]:
    """The refund and its payment, locked in that order, if the refund may move to `target`."""
    refund = repository.lock_refund(session, refund_id)
    if refund is None:
        raise RefundNotFound()
    payment = repository.lock_payment(session, refund.payment_id) if refund.payment_id is not None else None
    if refund.status not in MOVES[target]:
        raise RefundAlreadyClosed(
            f"A {refund.status} refund cannot be marked {target}.", extra={"status": refund.status}
        )
    return refund, payment


def _audit(
    session: Session,
    action: str,
    refund: Refund,
    principal: Principal,
    source_ip: str | None,
    details: dict[str, str],
) -> None:
    record_audit(
        session,
        action,
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="refund",
        target_id=refund.id,
        details={**details, "amount": str(refund.amount)},
    )


def _completed(session: Session, payment: Payment, refund: Refund) -> None:
    session.flush()
    done = repository.refunded_so_far(session, payment.id, ("completed",))
    if payment.status in REFUNDABLE:
        payment.status = "refunded" if done >= paid_amount(payment) else "partially_refunded"
        payment.updated_at = utcnow()
    payment_events.refund_completed(session, refund)
