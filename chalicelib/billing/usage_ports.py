"""The ports through which billing counts what belongs to packages above it, for the plan
limits (`billing.gating`): a wholesaler's active products (inventory) and a retailer's orders
of the month (orders). Plugged by `chalicelib.wiring`, which imports only this small module,
not the gating rules and billing's models."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from chalicelib.core.ports import Port

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

UsageCounter = Callable[["Session", uuid.UUID], int]
ActiveOrders = Callable[["Session", uuid.UUID, datetime], int]
"""A retailer's orders created since a time, placed or awaiting their mobile money payment."""

active_products_counter: Port[UsageCounter] = Port("billing.gating.active_products_counter")
orders_counter: Port[ActiveOrders] = Port("billing.gating.orders_counter")
