"""Refunds: admins give money back, through the provider where it has a refund API (the
sandbox), otherwise by hand: the refund stays `refund_pending` until an admin records the
payout's reference. Refunds the system opens (a late payment, a paid order cancelled) wait
as `open` for an admin to pay out and complete the same way.

What can be refunded is what was received (the charged amount) minus every refund not
rejected. The payment becomes `partially_refunded` / `refunded` as completed refunds add up.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.observability import logger
from chalicelib.core.principal import Principal
from chalicelib.payments import payment_events, repository
from chalicelib.payments.errors import (
    NotRefundable,
    PaymentNotFound,
    RefundAlreadyClosed,
    RefundNotFound,
    RefundTooLarge,
)
from chalicelib.payments.models import Payment, Refund
from chalicelib.payments.providers import get_provider
from chalicelib.payments.providers.base import ProviderError, ProviderRejected, RefundNotSupported
from chalicelib.payments.schemas import CompleteRefundRequest, RefundOut, RefundRequest

REFUNDABLE = frozenset({"succeeded", "partially_refunded", "needs_review"})


def refund_out(refund: Refund, payment: Payment) -> RefundOut:
    return RefundOut(
        id=refund.id,
        payment_id=refund.payment_id,
        order_id=refund.order_id,
        amount=refund.amount,
        status=refund.status,
        reason=refund.reason,
        reference=refund.reference,
        created_at=refund.created_at,
        completed_at=refund.completed_at,
        payment_status=payment.status,
    )


def refund_payment(
    session: Session, *, principal: Principal, payment_id: uuid.UUID, body: RefundRequest, source_ip: str | None
) -> RefundOut:
    payment = repository.lock_payment(session, payment_id)
    if payment is None:
        raise PaymentNotFound()
    if payment.status not in REFUNDABLE or (payment.status == "needs_review" and not payment.external_receipt):
        raise NotRefundable(extra={"status": payment.status})
    paid = payment.charged_amount if payment.charged_amount is not None else payment.amount
    left = paid - repository.refunded_so_far(session, payment.id)
    if body.amount > left:
        raise RefundTooLarge(extra={"refundable": str(left)})
    now = utcnow()
    refund = Refund(
        id=uuid.uuid4(),
        payment_id=payment.id,
        amount=body.amount,
        status="refund_pending",
        reason=body.reason,
        requested_by=principal.user_id,
        created_at=now,
    )
    session.add(refund)
    _through_provider(payment, refund)
    if refund.status == "completed":
        _completed(session, payment, refund, principal.user_id)
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


def _through_provider(payment: Payment, refund: Refund) -> None:
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
        logger.warning("provider refund failed; left for a manual payout", extra={"error": str(exc)})
        return
    refund.reference = result.reference
    if result.completed:
        refund.status = "completed"


def complete_refund(
    session: Session, *, principal: Principal, refund_id: uuid.UUID, body: CompleteRefundRequest, source_ip: str | None
) -> RefundOut:
    refund = repository.lock_refund(session, refund_id)
    if refund is None:
        raise RefundNotFound()
    payment = repository.lock_payment(session, refund.payment_id)
    assert payment is not None
    if refund.status not in ("open", "refund_pending"):
        raise RefundAlreadyClosed(extra={"status": refund.status})
    refund.status = "completed"
    refund.reference = body.reference
    _completed(session, payment, refund, principal.user_id)
    record_audit(
        session,
        "refund.completed",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="refund",
        target_id=refund.id,
        details={"reference": body.reference, "amount": str(refund.amount)},
    )
    return refund_out(refund, payment)


def _completed(session: Session, payment: Payment, refund: Refund, user_id: uuid.UUID) -> None:
    now = utcnow()
    refund.completed_at = now
    refund.completed_by = user_id
    session.flush()
    paid = payment.charged_amount if payment.charged_amount is not None else payment.amount
    done = repository.refunded_so_far(session, payment.id, ("completed",))
    if payment.status in ("succeeded", "partially_refunded", "needs_review"):
        payment.status = "refunded" if done >= paid else "partially_refunded"
        payment.updated_at = now
    payment_events.refund_completed(session, payment, refund)
