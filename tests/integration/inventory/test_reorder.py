"""Reorder suggestions: 30 days of sales (net of cancelled sales), cover, packs to order."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from chalicelib.catalog.models import Category, Product
from chalicelib.core.clock import utcnow
from chalicelib.core.outbox import OutboxEvent
from chalicelib.inventory.models import StockMovement
from chalicelib.inventory.reorder import average_daily_sales, days_of_cover, suggested_quantity, threshold_quantity
from tests.integration.inventory.conftest import Account, change_stock, create_product
from tests.support.api import Api


class Ledger:
    """Writes sale and cancel movements at chosen times, as orders will."""

    def __init__(self, db: Session, wholesaler: Account) -> None:
        self.db = db
        self.wholesaler = wholesaler

    def set_stock(self, product: dict[str, object], stock: int) -> uuid.UUID:
        product_id = uuid.UUID(str(product["id"]))
        self.db.execute(update(Product).where(Product.id == product_id).values(stock_on_hand=stock))
        return product_id

    def movement(self, product_id: uuid.UUID, kind: str, delta: int, at: datetime, order: uuid.UUID) -> None:
        self.db.add(
            StockMovement(
                id=uuid.uuid4(),
                product_id=product_id,
                wholesaler_id=self.wholesaler.business_id,
                kind=kind,
                delta=delta,
                stock_after=0,
                reference_type="order",
                reference_id=order,
                created_at=at,
            )
        )

    def sale(self, product_id: uuid.UUID, units: int, at: datetime) -> uuid.UUID:
        order = uuid.uuid4()
        self.movement(product_id, "sale", -units, at, order)
        return order


def test_suggestions_follow_the_documented_arithmetic(
    api: Api, db: Session, wholesaler: Account, other_wholesaler: Account, beverages: Category
) -> None:
    now = utcnow()
    days_ago = lambda n: now - timedelta(days=n)  # noqa: E731
    ledger = Ledger(db, wholesaler)

    fast = ledger.set_stock(
        create_product(api, wholesaler, beverages, sku="FAST", status="active", pack_size=12, lead_time_days=7), 20
    )
    ledger.sale(fast, 50, days_ago(26))
    ledger.sale(fast, 40, days_ago(11))
    cancelled = ledger.sale(fast, 10, days_ago(1))
    ledger.movement(fast, "cancel", 10, days_ago(0.5), cancelled)  # given back: not sold
    old = ledger.sale(fast, 100, days_ago(40))  # before the window
    ledger.movement(fast, "cancel", 100, days_ago(29), old)  # cancels a sale outside the window: ignored

    slow = ledger.set_stock(
        create_product(api, wholesaler, beverages, sku="SLOW", status="active", pack_size=6, lead_time_days=0), 100
    )
    ledger.sale(slow, 4, days_ago(20))
    ledger.sale(slow, 3, days_ago(2))

    empty = ledger.set_stock(
        create_product(api, wholesaler, beverages, sku="EMPTY", status="active", pack_size=1, lead_time_days=2), 0
    )
    ledger.sale(empty, 3, days_ago(3))

    ledger.set_stock(
        create_product(api, wholesaler, beverages, sku="NOSALE", status="active", pack_size=24, lead_time_days=5), 5
    )

    draft = ledger.set_stock(create_product(api, wholesaler, beverages, sku="DRAFT", status="draft"), 0)
    ledger.sale(draft, 30, days_ago(3))  # a draft is suggested only while it is low on stock
    theirs = create_product(api, other_wholesaler, beverages, sku="THEIRS", status="active")
    ledger.set_stock(theirs, 1)
    db.flush()

    response = api.get("/inventory/reorder-suggestions", token=wholesaler.token)

    assert response.status_code == 200, response.json_body
    body = response.json_body
    assert (body["window_days"], body["extra_cover_days"]) == (30, 14)
    assert [{k: v for k, v in item.items() if k not in ("product_id", "name")} for item in body["items"]] == [
        # Low on stock (threshold 10) first. 30 sold: 1/day; 1 * (3 + 14) = 17 -> 1 pack of 24, which also
        # reaches twice the threshold.
        {"sku": "DRAFT", "stock_on_hand": 0, "pack_size": 24, "lead_time_days": 3, "units_sold_30d": 30,
         "average_daily_sales": "1.00", "days_of_cover": "0.0", "low_stock_threshold": 10, "low_stock": True,
         "suggested_quantity": 24,
         "why": "stock 0 <= threshold 10; sold 30 in 30 days; 17 days lead+cover; order 24 (1 pack of 24)"},
        # 3 sold: 0.1/day; needs 0.1 * (2 + 14) = 1.6 -> 2 units; twice the threshold is more: 20.
        {"sku": "EMPTY", "stock_on_hand": 0, "pack_size": 1, "lead_time_days": 2, "units_sold_30d": 3,
         "average_daily_sales": "0.10", "days_of_cover": "0.0", "low_stock_threshold": 10, "low_stock": True,
         "suggested_quantity": 20,
         "why": "stock 0 <= threshold 10; sold 3 in 30 days; 16 days lead+cover; restock to 2 x threshold = 20; "
                "order 20"},
        # No sales: the threshold alone: 20 - 5 = 15 -> 1 pack of 24.
        {"sku": "NOSALE", "stock_on_hand": 5, "pack_size": 24, "lead_time_days": 5, "units_sold_30d": 0,
         "average_daily_sales": "0.00", "days_of_cover": None, "low_stock_threshold": 10, "low_stock": True,
         "suggested_quantity": 24,
         "why": "stock 5 <= threshold 10; no sales in 30 days; restock to 2 x threshold = 20; order 24 (1 pack of 24)"},
        # 50 + 40 + 10 - 10 = 90 sold: 3/day; 20 / 3 = 6.67 days; 3 * 21 - 20 = 43 -> 4 packs of 12 = 48.
        {"sku": "FAST", "stock_on_hand": 20, "pack_size": 12, "lead_time_days": 7, "units_sold_30d": 90,
         "average_daily_sales": "3.00", "days_of_cover": "6.7", "low_stock_threshold": 10, "low_stock": False,
         "suggested_quantity": 48, "why": "stock 20; sold 90 in 30 days; 21 days lead+cover; order 48 (4 packs of 12)"},
        # 7 sold: 0.2333/day; 100 * 30 / 7 = 428.57 days; 0.2333 * 14 - 100 < 0 -> nothing to order.
        {"sku": "SLOW", "stock_on_hand": 100, "pack_size": 6, "lead_time_days": 0, "units_sold_30d": 7,
         "average_daily_sales": "0.23", "days_of_cover": "428.6", "low_stock_threshold": 10, "low_stock": False,
         "suggested_quantity": 0, "why": "stock 100; sold 7 in 30 days; 14 days lead+cover; covered, nothing to order"},
    ]  # fmt: skip

    limited = api.get("/inventory/reorder-suggestions?limit=1", token=wholesaler.token).json_body
    assert [item["sku"] for item in limited["items"]] == ["DRAFT"]


def test_every_product_that_alerted_low_stock_has_a_suggestion(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    product = create_product(api, wholesaler, beverages, sku="ALERTS", status="active", pack_size=6)
    assert change_stock(api, wholesaler, product["id"], 14, "restock").status_code == 201
    archived = create_product(api, wholesaler, beverages, sku="GONE", status="archived")
    Ledger(db, wholesaler).set_stock(archived, 0)

    removed = change_stock(api, wholesaler, product["id"], -10, "adjustment")

    assert removed.status_code == 201, removed.json_body
    alerts = db.scalars(
        select(OutboxEvent.payload).where(
            OutboxEvent.event_type == "LowStock", OutboxEvent.aggregate_id == uuid.UUID(product["id"])
        )
    ).all()
    assert [alert["sku"] for alert in alerts] == ["ALERTS"]
    low = api.get("/inventory/low-stock", token=wholesaler.token).json_body["items"]
    suggestions = api.get("/inventory/reorder-suggestions", token=wholesaler.token).json_body["items"]
    assert [item["sku"] for item in low] == ["ALERTS"]
    [suggestion] = [item for item in suggestions if item["sku"] == "ALERTS"]
    assert (suggestion["low_stock"], suggestion["suggested_quantity"]) == (True, 18)
    assert suggestion["why"] == (
        "stock 4 <= threshold 10; no sales in 30 days; restock to 2 x threshold = 20; order 18 (3 packs of 6)"
    )
    assert "GONE" not in [item["sku"] for item in suggestions]


@pytest.mark.parametrize(
    ("stock", "threshold", "pack", "expected"),
    [
        (4, 10, 6, 18),  # 16 missing -> 3 packs
        (0, 0, 12, 12),  # at a zero threshold with nothing left: one pack
        (10, 10, 1, 10),  # exactly at the threshold
    ],
)
def test_threshold_quantity_reaches_twice_the_threshold_in_whole_packs(
    stock: int, threshold: int, pack: int, expected: int
) -> None:
    assert threshold_quantity(stock_on_hand=stock, threshold=threshold, pack_size=pack) == expected


@pytest.mark.parametrize(
    ("units_sold", "stock", "lead", "pack", "expected"),
    [
        (90, 20, 7, 12, 48),  # shortfall 43 -> 4 packs
        (90, 27, 7, 12, 36),  # shortfall exactly 36 -> 3 packs, not 4
        (90, 63, 7, 12, 0),  # exactly covered
        (1, 0, 0, 10, 10),  # 14/30 of a unit short -> one pack
        (0, 0, 30, 5, 0),  # no sales, nothing suggested
    ],
)
def test_suggested_quantity_is_exact(units_sold: int, stock: int, lead: int, pack: int, expected: int) -> None:
    assert (
        suggested_quantity(units_sold=units_sold, stock_on_hand=stock, lead_time_days=lead, pack_size=pack) == expected
    )


def test_displayed_ratios_round_half_up() -> None:
    assert average_daily_sales(1) == Decimal("0.03")
    assert average_daily_sales(45) == Decimal("1.50")
    assert days_of_cover(units_sold=0, stock_on_hand=10) is None
    assert days_of_cover(units_sold=8, stock_on_hand=1) == Decimal("3.8")  # 3.75 -> 3.8
