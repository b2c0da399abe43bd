"""All SQL of the money views over settlements: a wholesaler's settlements and payouts, the
admins' list across wholesalers, bulk payouts, the payout export, payout accounts and the
refunds a business may see. Business-facing reads take the caller's business id."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select, tuple_
from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business
from chalicelib.payments.ledger_repository import COMMITTED_REFUNDS
from chalicelib.payments.models import Payment, PayoutAccount, Refund, Settlement

UNFINISHED_REFUNDS = ("open", "sent", "failed")


def _refunded() -> Any:
    return (
        select(func.coalesce(func.sum(Refund.amount), 0))
        .where(Refund.order_id == Settlement.order_id, Refund.status.in_(COMMITTED_REFUNDS))
        .scalar_subquery()
    )


def held() -> ColumnElement[bool]:
    """A due settlement whose order has a refund under way or whose payment is in review
    (see `settlements`)."""
    refund_under_way = (
        select(Refund.id).where(Refund.order_id == Settlement.order_id, Refund.status.in_(UNFINISHED_REFUNDS)).exists()
    )
    payment_in_review = (
        select(Payment.id).where(Payment.id == Settlement.payment_id, Payment.status == "needs_review").exists()
    )
    return and_(Settlement.status == "due", or_(refund_under_way, payment_in_review))


def _in_range(statement: Any, created_from: datetime | None, created_to: datetime | None) -> Any:
    if created_from is not None:
        statement = statement.where(Settlement.created_at >= created_from)
    if created_to is not None:
        statement = statement.where(Settlement.created_at < created_to)
    return statement


def list_settlements(
    session: Session,
    *,
    wholesaler_id: uuid.UUID | None,
    status: str | None,
    created_from: datetime | None,
    created_to: datetime | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> Sequence[Any]:
    """Rows of (Settlement, refunded, held, wholesaler_name), newest first; one wholesaler's
    when `wholesaler_id` is given."""
    statement = select(
        Settlement,
        _refunded().label("refunded"),
        held().label("held"),
        Business.name.label("wholesaler_name"),
    ).join(Business, Business.id == Settlement.wholesaler_id)
    if wholesaler_id is not None:
        statement = statement.where(Settlement.wholesaler_id == wholesaler_id)
    if status is not None:
        statement = statement.where(Settlement.status == status)
    statement = _in_range(statement, created_from, created_to)
    if after is not None:
        created_at, last_id = after
        statement = statement.where(
            or_(Settlement.created_at < created_at, and_(Settlement.created_at == created_at, Settlement.id < last_id))
        )
    return session.execute(statement.order_by(Settlement.created_at.desc(), Settlement.id.desc()).limit(limit)).all()


def settlements_of_payment(session: Session, payment_id: uuid.UUID) -> Sequence[Any]:
    """Rows of (Settlement, refunded, held, wholesaler_name) of the orders one payment paid for."""
    statement = (
        select(Settlement, _refunded().label("refunded"), held().label("held"), Business.name.label("wholesaler_name"))
        .join(Business, Business.id == Settlement.wholesaler_id)
        .where(Settlement.payment_id == payment_id)
        .order_by(Settlement.created_at, Settlement.id)
    )
    return session.execute(statement).all()


def settlement_sums(
    session: Session,
    *,
    wholesaler_id: uuid.UUID | None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
) -> Sequence[Any]:
    """Rows of (status, held, count, amount) of the settlements in the range."""
    is_held = held()
    statement = select(
        Settlement.status, is_held.label("held"), func.count(), func.coalesce(func.sum(Settlement.amount_due), 0)
    )
    if wholesaler_id is not None:
        statement = statement.where(Settlement.wholesaler_id == wholesaler_id)
    statement = _in_range(statement, created_from, created_to)
    return session.execute(statement.group_by(Settlement.status, is_held)).all()


def lock_settlement(session: Session, settlement_id: uuid.UUID) -> Settlement | None:
    return session.scalar(select(Settlement).where(Settlement.id == settlement_id).with_for_update())


def lock_settlements(session: Session, settlement_ids: Sequence[uuid.UUID]) -> Sequence[Settlement]:
    """Locked in id order, so two bulk payouts over the same settlements never deadlock."""
    return session.scalars(
        select(Settlement)
        .where(Settlement.id.in_(settlement_ids))
        .order_by(Settlement.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).all()


def business_names(session: Session, business_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
    rows = session.execute(select(Business.id, Business.name).where(Business.id.in_(business_ids)))
    return {row.id: row.name for row in rows}


def payouts_of(
    session: Session, *, wholesaler_id: uuid.UUID, after: tuple[datetime, str] | None, limit: int
) -> Sequence[Any]:
    """The wholesaler's paid settlements grouped by payout reference: rows of (reference,
    paid_at, amount, currency, settlement_count), latest payout first."""
    paid_at = func.max(Settlement.paid_at)
    statement = (
        select(
            Settlement.payout_reference.label("reference"),
            paid_at.label("paid_at"),
            func.sum(Settlement.amount_due).label("amount"),
            func.min(Settlement.currency).label("currency"),
            func.count().label("settlement_count"),
        )
        .where(Settlement.wholesaler_id == wholesaler_id, Settlement.status == "paid")
        .group_by(Settlement.payout_reference)
    )
    if after is not None:
        statement = statement.having(tuple_(paid_at, Settlement.payout_reference) < tuple_(*after))
    return session.execute(statement.order_by(paid_at.desc(), Settlement.payout_reference.desc()).limit(limit)).all()


def due_by_wholesaler(session: Session, *, wholesaler_id: uuid.UUID | None) -> Sequence[Any]:
    """Per wholesaler with due settlements: (wholesaler_id, wholesaler_name, amount,
    held_amount, currency, settlement_count, PayoutAccount or None), by name."""
    sums = (
        select(
            Settlement.wholesaler_id,
            func.sum(Settlement.amount_due).label("amount"),
            func.sum(case((held(), Settlement.amount_due), else_=0)).label("held_amount"),
            func.min(Settlement.currency).label("currency"),
            func.count().label("settlement_count"),
        )
        .where(Settlement.status == "due")
        .group_by(Settlement.wholesaler_id)
    )
    if wholesaler_id is not None:
        sums = sums.where(Settlement.wholesaler_id == wholesaler_id)
    due = sums.subquery()
    return session.execute(
        select(
            due.c.wholesaler_id,
            Business.name.label("wholesaler_name"),
            due.c.amount,
            due.c.held_amount,
            due.c.currency,
            due.c.settlement_count,
            PayoutAccount,
        )
        .join(Business, Business.id == due.c.wholesaler_id)
        .join(PayoutAccount, PayoutAccount.business_id == due.c.wholesaler_id, isouter=True)
        .order_by(Business.name, due.c.wholesaler_id)
    ).all()


# --- payout accounts --------------------------------------------------------------------------


def payout_account(session: Session, business_id: uuid.UUID, *, for_update: bool = False) -> PayoutAccount | None:
    statement = select(PayoutAccount).where(PayoutAccount.business_id == business_id)
    return session.scalar(statement.with_for_update() if for_update else statement)


# --- refunds a business may see -----------------------------------------------------------------


def refunds_of_business(
    session: Session,
    *,
    business_id: uuid.UUID,
    as_wholesaler: bool,
    status: str | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> Sequence[Refund]:
    """A wholesaler's: refunds of its orders paid through the platform (those with a
    settlement). A retailer's: refunds of its own payments."""
    statement = select(Refund)
    if as_wholesaler:
        statement = statement.join(Settlement, Settlement.order_id == Refund.order_id).where(
            Settlement.wholesaler_id == business_id
        )
    else:
        statement = statement.where(Refund.payer_business_id == business_id)
    if status is not None:
        statement = statement.where(Refund.status == status)
    if after is not None:
        created_at, last_id = after
        statement = statement.where(
            or_(Refund.created_at < created_at, and_(Refund.created_at == created_at, Refund.id < last_id))
        )
    return session.scalars(statement.order_by(Refund.created_at.desc(), Refund.id.desc()).limit(limit)).all()
