"""Unpaid mobile-money orders expire: cancelled, their stock returned, the retailer told.

Run by the `sweeper` schedule. Rows are claimed with FOR UPDATE SKIP LOCKED, so two runs
at once split the work instead of expiring an order twice.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from chalicelib.core.clock import utcnow
from chalicelib.orders import repository, state
from chalicelib.orders.service import cancel
from chalicelib.payments.service import expire_checkout_payments

EXPIRY_REASON = "The payment was not completed in time."


def expire_unpaid_orders(session: Session, *, limit: int = 200) -> int:
    now = utcnow()
    orders = repository.expired_unpaid_orders(session, now, limit)
    for order in orders:
        cancel(session, order, actor=state.SYSTEM, actor_user_id=None, reason=EXPIRY_REASON, event_type="OrderExpired")
    checkout_ids = sorted({order.checkout_id for order in orders})
    if checkout_ids:
        expire_checkout_payments(session, checkout_ids)
    return len(orders)
