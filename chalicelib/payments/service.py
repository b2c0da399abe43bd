"""The payer's view of a payment (what the SPA polls while the phone asks for approval),
trying a failed payment again, and the admins' ledger of every payment."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session

from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.pagination import after_created, created_cursor
from chalicelib.core.principal import Principal
from chalicelib.orders import repository as orders_repository
from chalicelib.payments import handlers, repository
from chalicelib.payments.collection import check_payer_phone, request_collection
from chalicelib.payments.errors import PaymentInProgress, PaymentNotFound, PaymentNotRetryable, RetryWindowClosed
from chalicelib.payments.models import Payment
from chalicelib.payments.reasons import message_for
from chalicelib.payments.schemas import (
    AdminPaymentItem,
    AdminPaymentPage,
    AdminPaymentQuery,
    PaymentOrder,
    PaymentOut,
    RetryRequest,
)


def payment_view(session: Session, payment: Payment) -> PaymentOut:
    orders = repository.orders_of_checkout(session, payment.checkout_id) if payment.checkout_id else []
    now = utcnow()
    hold = (
        handlers.hold_until(session, payment) if payment.status == "failed" and payment.purpose == "checkout" else None
    )
    can_retry = hold is not None and hold > now
    if payment.status == "pending":
        next_action, message = "approve_on_phone", f"Approve the payment on {payment.payer_phone}."
    elif payment.status == "failed":
        next_action = "retry" if can_retry else "none"
        message = message_for(payment.failure_reason) or ""
        if not can_retry and payment.purpose == "checkout":
            message += " Your orders were released; place them again from your cart."
    elif payment.status == "needs_review":
        next_action, message = "none", "We are checking this payment with the provider. We will let you know."
    elif payment.late:
        next_action, message = "none", "The payment arrived after your orders had expired. It will be refunded."
    else:
        next_action, message = "none", "Payment received."
    return PaymentOut(
        id=payment.id,
        purpose=payment.purpose,
        method=payment.method,
        provider=payment.provider,
        status=payment.status,
        amount=payment.amount,
        charged_amount=payment.charged_amount,
        currency=payment.currency,
        payer_phone=payment.payer_phone,
        receipt=payment.external_receipt,
        failure_reason=payment.failure_reason,
        failure_message=message_for(payment.failure_reason),
        late=payment.late,
        attempts=payment.attempts,
        can_retry=can_retry,
        retry_until=hold if can_retry else None,
        next_action=next_action,
        message=message.strip(),
        orders=[
            PaymentOrder(id=o.id, number=o.number, status=o.status, total=o.total, wholesaler_id=o.wholesaler_id)
            for o in orders
        ],
        created_at=payment.created_at,
        settled_at=payment.settled_at,
    )


def get_payment(session: Session, *, principal: Principal, payment_id: uuid.UUID) -> PaymentOut:
    payment = repository.get_payment_of_payer(session, principal.require_business_id(), payment_id)
    if payment is None:
        raise PaymentNotFound()
    return payment_view(session, payment)


def retry_payment(
    session: Session, *, principal: Principal, payment_id: uuid.UUID, body: RetryRequest, source_ip: str | None
) -> PaymentOut:
    """Sends the collection again while the checkout's orders still hold their stock."""
    payment = repository.get_payment_of_payer(session, principal.require_business_id(), payment_id)
    if payment is None:
        raise PaymentNotFound()
    if payment.purpose != "checkout" or payment.checkout_id is None or payment.provider is None:
        raise PaymentNotRetryable()
    phone = body.payer_phone or payment.payer_phone or ""
    check_payer_phone(payment.provider, phone, field="payer_phone")
    orders = orders_repository.orders_of_checkout(session, payment.checkout_id, lock=True)
    payment = repository.lock_payment(session, payment_id)
    assert payment is not None
    if payment.status == "pending":
        raise PaymentInProgress()
    if payment.status != "failed":
        raise PaymentNotRetryable(extra={"status": payment.status})
    now = utcnow()
    if not orders or any(o.status != "pending_payment" or (o.expires_at and o.expires_at <= now) for o in orders):
        raise RetryWindowClosed()
    payment.status = "pending"
    payment.failure_reason = None
    payment.payer_phone = phone
    payment.updated_at = now
    request_collection(session, payment)
    record_audit(
        session,
        "payment.retried",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="payment",
        target_id=payment.id,
        details={"attempt": payment.attempts + 1},
    )
    return payment_view(session, payment)


def list_payments(session: Session, *, query: AdminPaymentQuery) -> AdminPaymentPage:
    rows = repository.list_payments(
        session,
        status=query.status,
        provider=query.provider,
        purpose=query.purpose,
        created_from=_start_of(query.date_from),
        created_to=_start_of(query.date_to + timedelta(days=1)) if query.date_to else None,
        after=after_created(query.cursor),
        limit=query.limit + 1,
    )
    page = rows[: query.limit]
    next_cursor = created_cursor(page[-1].Payment) if len(rows) > query.limit else None
    return AdminPaymentPage(items=[_admin_item(row.Payment, row.payer_name) for row in page], next_cursor=next_cursor)


def _start_of(day: date | None) -> datetime | None:
    if day is None:
        return None
    return datetime.combine(day, time.min, tzinfo=UTC)


def _admin_item(payment: Payment, payer_name: str) -> AdminPaymentItem:
    return AdminPaymentItem(
        id=payment.id,
        payer_business_id=payment.payer_business_id,
        payer_name=payer_name,
        purpose=payment.purpose,
        method=payment.method,
        provider=payment.provider,
        provider_reference=payment.provider_reference,
        status=payment.status,
        amount=payment.amount,
        charged_amount=payment.charged_amount,
        currency=payment.currency,
        receipt=payment.external_receipt,
        failure_reason=payment.failure_reason,
        late=payment.late,
        attempts=payment.attempts,
        created_at=payment.created_at,
        settled_at=payment.settled_at,
    )
