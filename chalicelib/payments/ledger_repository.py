"""All SQL of what is owed: refunds (back to payers) and settlements (to wholesalers).
Payer-facing reads are scoped by the caller, through the payment or order it owns."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business
from chalicelib.payments.models import Payment, Refund, Settlement

COMMITTED_REFUNDS = ("open", "sent", "completed")
"""Refunds that count against what is left to refund (a failed payout is sent again or dropped)."""


# --- refunds ------------------------------------------------------------------------------


def refunded_so_far(session: Session, payment_id: uuid.UUID, statuses: Sequence[str] = COMMITTED_REFUNDS) -> Decimal:
    total = session.scalar(
        select(func.coalesce(func.sum(Refund.amount), 0)).where(
            Refund.payment_id == payment_id, Refund.status.in_(statuses)
        )
    )
    return Decimal(total or 0)


def lock_refund(session: Session, refund_id: uuid.UUID) -> Refund | None:
    return session.scalar(select(Refund).where(Refund.id == refund_id).with_for_update())


def refunds_of_payment(session: Session, payment_id: uuid.UUID) -> Sequence[Refund]:
    return session.scalars(
        select(Refund).where(Refund.payment_id == payment_id).order_by(Refund.created_at, Refund.id)
    ).all()


def refunds_of_orders(session: Session, order_ids: Sequence[uuid.UUID]) -> Sequence[Refund]:
    return session.scalars(
        select(Refund).where(Refund.order_id.in_(order_ids)).order_by(Refund.created_at, Refund.id)
    ).all()


def refund_of_message(session: Session, message_id: uuid.UUID) -> Refund | None:
    return session.scalar(select(Refund).where(Refund.provider_message_id == message_id))


def refunds_of_messages(session: Session, message_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    if not message_ids:
        return {}
    rows = session.execute(
        select(Refund.provider_message_id, Refund.id).where(Refund.provider_message_id.in_(message_ids))
    )
    return {message_id: refund_id for message_id, refund_id in rows if message_id is not None}


def list_refunds(
    session: Session,
    *,
    status: str | None,
    cause: str | None,
    provider: str | None,
    payer_business_id: uuid.UUID | None,
    created_from: datetime | None,
    created_to: datetime | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> Sequence[Any]:
    statement = (
        select(Refund, Payment.status.label("payment_status"), Business.name.label("payer_name"))
        .join(Payment, Payment.id == Refund.payment_id, isouter=True)
        .join(Business, Business.id == Refund.payer_business_id, isouter=True)
    )
    filters = (
        (Refund.status, status),
        (Refund.cause, cause),
        (Refund.provider, provider),
        (Refund.payer_business_id, payer_business_id),
    )
    for column, value in filters:
        if value is not None:
            statement = statement.where(column == value)
    if created_from is not None:
        statement = statement.where(Refund.created_at >= created_from)
    if created_to is not None:
        statement = statement.where(Refund.created_at < created_to)
    if after is not None:
        created_at, last_id = after
        statement = statement.where(
            or_(Refund.created_at < created_at, and_(Refund.created_at == created_at, Refund.id < last_id))
        )
    return session.execute(statement.order_by(Refund.created_at.desc(), Refund.id.desc()).limit(limit)).all()


# --- settlements --------------------------------------------------------------------------


def cancel_due_settlement(session: Session, order_id: uuid.UUID) -> None:
    session.execute(
        update(Settlement).where(Settlement.order_id == order_id, Settlement.status == "due").values(status="cancelled")
    )


def refunded_for_order(session: Session, order_id: uuid.UUID) -> Decimal:
    total = session.scalar(
        select(func.coalesce(func.sum(Refund.amount), 0)).where(
            Refund.order_id == order_id, Refund.status.in_(COMMITTED_REFUNDS)
        )
    )
    return Decimal(total or 0)
