"""A business's own money history: the payouts made to a wholesaler (its paid settlements
grouped by payout reference) and the refunds it may see (a wholesaler: of its orders paid
through the platform; a retailer: of its own payments). Always scoped to the caller's
business."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from chalicelib.core.errors import ValidationFailed, field_error
from chalicelib.core.pagination import after_created, created_cursor, decode_cursor, encode_cursor
from chalicelib.core.principal import WHOLESALER, Principal
from chalicelib.payments import settlement_repository
from chalicelib.payments.refunds import summary
from chalicelib.payments.settlement_schemas import (
    BusinessRefundPage,
    BusinessRefundQuery,
    PayoutItem,
    PayoutPage,
    PayoutQuery,
)


def list_payouts(session: Session, *, principal: Principal, query: PayoutQuery) -> PayoutPage:
    rows = settlement_repository.payouts_of(
        session,
        wholesaler_id=principal.require_business_id(),
        after=_after_payout(query.cursor),
        limit=query.limit + 1,
    )
    page = rows[: query.limit]
    next_cursor = None
    if len(rows) > query.limit:
        last = page[-1]
        next_cursor = encode_cursor({"paid_at": last.paid_at.isoformat(), "reference": last.reference})
    items = [
        PayoutItem(
            reference=row.reference,
            paid_at=row.paid_at,
            amount=row.amount,
            currency=row.currency,
            settlement_count=row.settlement_count,
        )
        for row in page
    ]
    return PayoutPage(items=items, next_cursor=next_cursor)


def _after_payout(cursor: str | None) -> tuple[datetime, str] | None:
    if not cursor:
        return None
    position = decode_cursor(cursor)
    try:
        return datetime.fromisoformat(position["paid_at"]), str(position["reference"])
    except (KeyError, ValueError, TypeError):
        raise ValidationFailed(
            "The cursor is invalid.",
            details=[field_error("cursor", "invalid_cursor", "Start again from the first page.")],
        ) from None


def list_refunds(session: Session, *, principal: Principal, query: BusinessRefundQuery) -> BusinessRefundPage:
    rows = settlement_repository.refunds_of_business(
        session,
        business_id=principal.require_business_id(),
        as_wholesaler=principal.business_kind == WHOLESALER,
        status=query.status,
        after=after_created(query.cursor),
        limit=query.limit + 1,
    )
    page = rows[: query.limit]
    next_cursor = created_cursor(page[-1]) if len(rows) > query.limit else None
    return BusinessRefundPage(items=[summary(refund) for refund in page], next_cursor=next_cursor)
