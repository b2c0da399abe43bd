"""The Basic and Pro plans for each audience, and their idempotent seed.

`seed_plans(session)` adds each plan whose code is not taken yet and returns how many it
added: a re-run adds nothing, and a seeded plan an admin has since edited (price, limits)
or retired is left as the admin made it. It never commits (the caller's unit of work
does). Prices are in the deployment's currency (KES by default); null limits are unlimited.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from chalicelib.billing import repository
from chalicelib.core.clock import utcnow

PLANS: list[dict[str, Any]] = [
    {
        "code": "retailer-basic",
        "name": "Basic",
        "audience": "retailer",
        "price_monthly": Decimal("500.00"),
        "price_yearly": Decimal("5000.00"),
        "trial_days": 14,
        "max_staff_users": 2,
        "max_orders_per_month": 30,
    },
    {
        "code": "retailer-pro",
        "name": "Pro",
        "audience": "retailer",
        "price_monthly": Decimal("1500.00"),
        "price_yearly": Decimal("15000.00"),
        "trial_days": 14,
        "max_staff_users": 10,
        "max_orders_per_month": None,
    },
    {
        "code": "wholesaler-basic",
        "name": "Basic",
        "audience": "wholesaler",
        "price_monthly": Decimal("2500.00"),
        "price_yearly": Decimal("25000.00"),
        "trial_days": 14,
        "max_active_products": 100,
        "max_staff_users": 3,
        "pay_on_delivery": False,
        "sales_reports": False,
    },
    {
        "code": "wholesaler-pro",
        "name": "Pro",
        "audience": "wholesaler",
        "price_monthly": Decimal("7500.00"),
        "price_yearly": Decimal("75000.00"),
        "trial_days": 14,
        "max_active_products": 5000,
        "max_staff_users": 20,
        "pay_on_delivery": True,
        "sales_reports": True,
    },
]

_DEFAULTS: dict[str, Any] = {
    "status": "active",
    "max_active_products": None,
    "max_staff_users": None,
    "max_orders_per_month": None,
    "pay_on_delivery": False,
    "sales_reports": False,
}


def seed_plans(session: Session) -> int:
    now = utcnow()
    rows = [{**_DEFAULTS, **plan, "created_at": now, "updated_at": now} for plan in PLANS]
    return repository.insert_plans_if_missing(session, rows)
