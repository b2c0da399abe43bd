"""Where an order's money stands, derived from the order alone (no payments table read).

- mobile money: `paid` once the order was placed (placement follows a verified payment),
  `awaiting` while it is `pending_payment`, `not_due` when it was cancelled unpaid;
- payment on delivery: `collected` when the collections cover the total, `to_collect`
  while money is outstanding, `not_due` when it was cancelled with money outstanding.

`queue_repository.payment_state_clause` is the same rule in SQL, for the queue's filter.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

MOBILE_MONEY = "mobile_money"
PAY_ON_DELIVERY = "pay_on_delivery"

AWAITING = "awaiting"
PAID = "paid"
TO_COLLECT = "to_collect"
COLLECTED = "collected"
NOT_DUE = "not_due"


def payment_state(
    *, payment_method: str, status: str, placed_at: datetime | None, amount_collected: Decimal, total: Decimal
) -> str:
    if payment_method == MOBILE_MONEY:
        if placed_at is not None:
            return PAID
        return AWAITING if status == "pending_payment" else NOT_DUE
    if amount_collected >= total:
        return COLLECTED
    return NOT_DUE if status == "cancelled" else TO_COLLECT
