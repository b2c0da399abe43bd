"""One payment as the platform's staff resolve it (`GET /admin/payments/{id}`): the ledger
row and everything the payments package stores about it, read-only."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.core.audit import AuditEntry
from chalicelib.payments import handlers, ledger_repository, settlement_repository
from chalicelib.payments.errors import PaymentNotFound
from chalicelib.payments.models import Payment, PaymentAttempt, ProviderMessage
from chalicelib.payments.payment_detail_schemas import (
    AdminPaymentDetail,
    PaymentAction,
    ProviderMessageOut,
    ProviderRequest,
)
from chalicelib.payments.refund_payouts import refund_out
from chalicelib.payments.service import admin_item
from chalicelib.payments.settlement_schemas import AdminSettlementItem
from chalicelib.payments.settlements import settlement_out


def get_payment(session: Session, *, payment_id: uuid.UUID) -> AdminPaymentDetail:
    payment = session.get(Payment, payment_id)
    if payment is None:
        raise PaymentNotFound()
    names = settlement_repository.business_names(session, [payment.payer_business_id])
    return AdminPaymentDetail(
        **admin_item(payment, names.get(payment.payer_business_id, "")).model_dump(),
        payer_phone=payment.payer_phone,
        checkout_id=payment.checkout_id,
        order_id=payment.order_id,
        subscription_invoice_id=payment.subscription_invoice_id,
        hold_until=payment.hold_until,
        last_checked_at=payment.last_checked_at,
        updated_at=payment.updated_at,
        notes=payment.details,
        requests=[_request(a) for a in _attempts(session, payment.id)],
        provider_messages=[_message(m) for m in _messages(session, payment.id)],
        actions=[_action(e) for e in _audit(session, payment.id)],
        orders=handlers.orders_paid_by(session, payment),
        refunds=[refund_out(r, payment) for r in ledger_repository.refunds_of_payment(session, payment.id)],
        settlements=_settlements(session, payment.id),
    )


def _attempts(session: Session, payment_id: uuid.UUID) -> list[PaymentAttempt]:
    statement = select(PaymentAttempt).where(PaymentAttempt.payment_id == payment_id).order_by(PaymentAttempt.number)
    return list(session.scalars(statement))


def _messages(session: Session, payment_id: uuid.UUID) -> list[ProviderMessage]:
    statement = (
        select(ProviderMessage)
        .where(ProviderMessage.payment_id == payment_id)
        .order_by(ProviderMessage.received_at, ProviderMessage.id)
    )
    return list(session.scalars(statement))


def _audit(session: Session, payment_id: uuid.UUID) -> list[AuditEntry]:
    statement = (
        select(AuditEntry)
        .where(AuditEntry.target_type == "payment", AuditEntry.target_id == str(payment_id))
        .order_by(AuditEntry.created_at, AuditEntry.id)
    )
    return list(session.scalars(statement))


def _settlements(session: Session, payment_id: uuid.UUID) -> list[AdminSettlementItem]:
    rows = settlement_repository.settlements_of_payment(session, payment_id)
    return [
        AdminSettlementItem(
            **settlement_out(row.Settlement, row.refunded, held=row.held).model_dump(),
            wholesaler_id=row.Settlement.wholesaler_id,
            wholesaler_name=row.wholesaler_name,
        )
        for row in rows
    ]


def _request(attempt: PaymentAttempt) -> ProviderRequest:
    return ProviderRequest(
        number=attempt.number,
        provider=attempt.provider,
        reference=attempt.reference,
        payer_phone=attempt.payer_phone,
        requested_at=attempt.requested_at,
        outcome=attempt.outcome,
        closed_at=attempt.closed_at,
    )


def _message(message: ProviderMessage) -> ProviderMessageOut:
    return ProviderMessageOut(
        id=message.id,
        kind=message.kind,
        provider=message.provider,
        provider_transaction_id=message.provider_transaction_id,
        reference=message.reference,
        received_at=message.received_at,
        outcome=message.outcome,
        reason=message.reason,
        result=message.result,
        amount=message.amount,
        currency=message.currency,
        receipt=message.receipt,
        processed_at=message.processed_at,
    )


def _action(entry: AuditEntry) -> PaymentAction:
    return PaymentAction(
        action=entry.action, actor_user_id=entry.actor_user_id, created_at=entry.created_at, details=entry.details
    )
