"""The payer's view of a payment (what the SPA polls while the phone asks for approval),
trying a failed payment again, the admins' ledger and their resolution of a payment in
review, and the few writes the packages above make to payments (through here, never to
the table itself)."""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from chalicelib.core.audit import record_audit
from chalicelib.core.clock import start_of_day, utcnow
from chalicelib.core.invariants import InvariantBroken
from chalicelib.core.pagination import after_created, created_cursor
from chalicelib.core.principal import Principal
from chalicelib.core.settings import get_settings
from chalicelib.payments import handlers, ledger_repository, refunds, repository
from chalicelib.payments.collection import check_payer, request_collection
from chalicelib.payments.errors import (
    PaymentInProgress,
    PaymentNotFound,
    PaymentNotInReview,
    PaymentNotRetryable,
    RetryWindowClosed,
)
from chalicelib.payments.events import RECHECK_SECONDS
from chalicelib.payments.models import Payment, PaymentAttempt
from chalicelib.payments.reasons import message_for
from chalicelib.payments.schemas import (
    AdminPaymentItem,
    AdminPaymentPage,
    AdminPaymentQuery,
    PaymentOut,
    RetryRequest,
    ReviewResolution,
)
from chalicelib.payments.search import search_terms
from chalicelib.payments.settle import apply_verdict
from chalicelib.payments.steps import NextStep, next_step
from chalicelib.payments.verification import Decision, Verdict

MIN_WAIT_SECONDS = 30
REVIEW_REFUND_REASON = "We could not confirm this payment for your orders, so it is refunded."
"""What the payer reads; the admin's note stays in the payment's details and the audit log."""


def payment_view(session: Session, payment: Payment) -> PaymentOut:
    step = next_step(payment, repository.open_attempt(session, payment.id), now=utcnow())
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
        can_retry=step.can_retry,
        retry_until=step.retry_until,
        next_action=step.next_action,
        message=step.message,
        orders=handlers.orders_paid_by(session, payment),
        refunds=refunds.refunds_of_payment(session, payment.id),
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
    """Sends the collection again while the checkout's orders still hold their stock, once
    the last attempt is known to have failed (never while it may still go through)."""
    payment = repository.get_payment_of_payer(session, principal.require_business_id(), payment_id)
    if payment is None:
        raise PaymentNotFound()
    if payment.purpose != "checkout" or payment.checkout_id is None or payment.provider is None:
        raise PaymentNotRetryable()
    phone = body.payer_phone or payment.payer_phone or ""
    check_payer(payment.provider, phone, currency=payment.currency, field="payer_phone")
    lock_first = handlers.handler_for(payment.purpose).lock_first
    if lock_first is not None:
        lock_first(session, payment)
    payment = repository.lock_payment(session, payment_id)
    if payment is None:
        raise InvariantBroken("payment is missing")
    now = utcnow()
    if payment.status == "pending":
        wait = _seconds_until_known(payment, repository.open_attempt(session, payment_id), now)
        raise PaymentInProgress(headers={"Retry-After": str(wait)}, extra={"retry_after": wait})
    if payment.status != "failed":
        raise PaymentNotRetryable(extra={"status": payment.status})
    if payment.hold_until is None or payment.hold_until <= now:
        raise RetryWindowClosed()
    payment.status = "pending"
    payment.failure_reason = None
    payment.payer_phone = phone
    payment.updated_at = now
    view = payment_view(session, payment)
    request_collection(session, payment, then=lambda step: _follow(view, step))
    record_audit(
        session,
        "payment.retried",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="payment",
        target_id=payment.id,
        details={"attempt": payment.attempts + 1},
    )
    return view


def _follow(view: PaymentOut, step: NextStep) -> None:
    """The answer tells what the payment asks of the payer once the provider was asked."""
    view.status = step.payment_status  # type: ignore[assignment]
    view.next_action = step.next_action  # type: ignore[assignment]
    view.message = step.message
    view.can_retry, view.retry_until = step.can_retry, step.retry_until


def _seconds_until_known(payment: Payment, attempt: PaymentAttempt | None, now: datetime) -> int:
    """When reconciliation will have asked the provider about the open attempt; for a request
    whose reference we never read (nothing to ask), when the payment's hold runs out."""
    if attempt is None:
        return MIN_WAIT_SECONDS
    known_by = attempt.requested_at + timedelta(minutes=get_settings().reconcile_after_minutes, seconds=RECHECK_SECONDS)
    if attempt.reference is None and payment.hold_until is not None:
        known_by = payment.hold_until
    return max(MIN_WAIT_SECONDS, math.ceil((known_by - now).total_seconds()))


# --- for the packages above payments --------------------------------------------------------


def expire_checkout_payments(session: Session, checkout_ids: Sequence[uuid.UUID]) -> int:
    """The orders of these checkouts expired unpaid: their payments still pending fail as
    `expired`. An attempt still open stays open: if its money arrives after all, it is
    credited late and refunded (`events.reconcile_pending_payments` keeps asking)."""
    now = utcnow()
    expired = repository.pending_payments_of_checkouts(session, checkout_ids)
    for payment in expired:
        payment.status = "failed"
        payment.failure_reason = "expired"
        payment.updated_at = now
    return len(expired)


def record_collection_on_delivery(
    session: Session,
    *,
    payer_business_id: uuid.UUID,
    order_id: uuid.UUID,
    method: str,
    amount: Decimal,
    currency: str,
    reference: str | None,
    recorded_by: uuid.UUID,
) -> Payment:
    """Money a wholesaler collected when delivering (cash or mobile money to its own till)."""
    now = utcnow()
    payment = Payment(
        id=uuid.uuid4(),
        payer_business_id=payer_business_id,
        order_id=order_id,
        purpose="order_collection",
        method="cash" if method == "cash" else "mobile_money_on_delivery",
        amount=amount,
        currency=currency,
        status="succeeded",
        external_receipt=reference,
        recorded_by=recorded_by,
        details={},
        settled_at=now,
        created_at=now,
        updated_at=now,
    )
    session.add(payment)
    return payment


# --- admins -----------------------------------------------------------------------------------


def list_payments(session: Session, *, query: AdminPaymentQuery) -> AdminPaymentPage:
    rows = repository.list_payments(
        session,
        status=query.status,
        provider=query.provider,
        purpose=query.purpose,
        search=search_terms(query.q) if query.q else None,
        created_from=start_of_day(query.date_from) if query.date_from else None,
        created_to=start_of_day(query.date_to + timedelta(days=1)) if query.date_to else None,
        after=after_created(query.cursor),
        limit=query.limit + 1,
    )
    page = rows[: query.limit]
    next_cursor = created_cursor(page[-1].Payment) if len(rows) > query.limit else None
    return AdminPaymentPage(items=[admin_item(row.Payment, row.payer_name) for row in page], next_cursor=next_cursor)


def resolve_review(
    session: Session, *, principal: Principal, payment_id: uuid.UUID, body: ReviewResolution, source_ip: str | None
) -> PaymentOut:
    """An admin settles a payment in review once the provider told them what happened:
    `credit` places its orders if they still can be (else refunds it as late), `refund`
    keeps the money out of the orders and opens a refund of all of it, `fail` records that
    no money arrived (its orders are released when their hold runs out)."""
    payment = repository.get_payment(session, payment_id)
    if payment is None:
        raise PaymentNotFound()
    lock_first = handlers.handler_for(payment.purpose).lock_first
    if lock_first is not None:
        lock_first(session, payment)
    payment = repository.lock_payment(session, payment_id)
    if payment is None:
        raise InvariantBroken("payment is missing")
    if payment.status != "needs_review" or "resolution" in payment.details:
        raise PaymentNotInReview(extra={"status": payment.status, "resolution": payment.details.get("resolution")})
    attempt = repository.latest_attempt(session, payment_id)
    if body.resolution == "credit" and attempt is None:
        raise PaymentNotInReview("This payment has no provider request to credit.")
    payment.details = {
        **payment.details,
        "resolution": body.resolution,
        "resolved_by": str(principal.user_id),
        "resolution_note": body.note,
    }
    if body.resolution == "refund":
        payment.external_receipt = body.receipt or payment.external_receipt
        left = refunds.paid_amount(payment) - ledger_repository.refunded_so_far(session, payment.id)
        if left > 0:
            refunds.open_refund(
                session,
                payment,
                amount=left,
                cause="needs_review",
                reason=REVIEW_REFUND_REASON,
                requested_by=principal.user_id,
            )
    elif body.resolution == "credit":
        payment.status = "pending"  # apply_verdict settles an open payment only
        verdict = Verdict(
            Decision.SUCCEED,
            receipt=body.receipt or payment.external_receipt,
            amount=refunds.paid_amount(payment),
            receipt_source="admin",
        )
        apply_verdict(session, payment, attempt, verdict, source="admin")
    else:
        payment.status = "pending"
        verdict = Verdict(Decision.FAIL, reason="declined", provider_message=body.note)
        apply_verdict(session, payment, None, verdict, source="admin")
    record_audit(
        session,
        "payment.review_resolved",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="payment",
        target_id=payment.id,
        details={"resolution": body.resolution, "note": body.note, "status": payment.status},
    )
    return payment_view(session, payment)


def admin_item(payment: Payment, payer_name: str) -> AdminPaymentItem:
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
