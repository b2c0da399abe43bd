"""Stock: manual movements, the history, never below zero, low-stock alerts once per shortage."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.catalog.models import Category, Product
from chalicelib.core.outbox import OutboxEvent
from chalicelib.inventory.errors import InsufficientStock, ProductNotFound
from chalicelib.inventory.models import StockMovement
from chalicelib.inventory.stock import MAX_STOCK, Movement, apply_movement, apply_movements
from tests.integration.inventory.conftest import Account, change_stock, create_product
from tests.support.api import Api, count


def stored(db: Session, product_id: str) -> Product:
    db.expire_all()
    product = db.get(Product, uuid.UUID(product_id))
    assert product is not None
    return product


def low_stock_events(db: Session) -> list[dict[str, Any]]:
    return [
        event.payload
        for event in db.scalars(
            select(OutboxEvent).where(OutboxEvent.event_type == "LowStock").order_by(OutboxEvent.occurred_at)
        )
    ]


def test_a_restock_writes_a_movement_and_raises_the_stock(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    product = create_product(api, wholesaler, beverages)

    response = api.post(
        f"/inventory/products/{product['id']}/stock",
        {"delta": 40, "reason": "restock", "note": "Delivery from bottler"},
        token=wholesaler.token,
    )

    assert response.status_code == 201, response.json_body
    body = response.json_body
    assert body["product_id"] == product["id"]
    assert body["stock_on_hand"] == 40
    movement = body["movement"]
    assert {
        k: movement[k] for k in ("product_id", "kind", "delta", "stock_after", "note", "reference_type", "reference_id")
    } == {
        "product_id": product["id"],
        "kind": "restock",
        "delta": 40,
        "stock_after": 40,
        "note": "Delivery from bottler",
        "reference_type": None,
        "reference_id": None,
    }
    assert movement["actor_user_id"] == str(wholesaler.user_id)
    assert stored(db, product["id"]).stock_on_hand == 40
    assert count(db, StockMovement) == 1


def test_stock_never_goes_below_zero(api: Api, db: Session, wholesaler: Account, beverages: Category) -> None:
    product = create_product(api, wholesaler, beverages)
    assert change_stock(api, wholesaler, product["id"], 5, "restock").status_code == 201

    response = change_stock(api, wholesaler, product["id"], -6, "damage")

    assert response.status_code == 409
    assert response.json_body == {
        "error": {
            "code": "insufficient_stock",
            "message": "Only 5 in stock: removing 6 would take stock below zero.",
            "details": [{"field": "delta", "code": "insufficient_stock", "message": "At most 5 can be removed."}],
            "stock_on_hand": 5,
        }
    }
    assert stored(db, product["id"]).stock_on_hand == 5
    assert count(db, StockMovement) == 1
    assert change_stock(api, wholesaler, product["id"], -5, "damage").json_body["stock_on_hand"] == 0


def test_stock_never_goes_above_a_billion(api: Api, db: Session, wholesaler: Account, beverages: Category) -> None:
    product = create_product(api, wholesaler, beverages)
    assert change_stock(api, wholesaler, product["id"], 10, "restock").status_code == 201
    stored(db, product["id"]).stock_on_hand = MAX_STOCK - 10  # a billion less ten, however it got there
    db.flush()

    response = change_stock(api, wholesaler, product["id"], 11, "restock")

    assert response.status_code == 409
    assert response.json_body == {
        "error": {
            "code": "stock_limit_exceeded",
            "message": "Stock on hand cannot exceed 1,000,000,000 units.",
            "details": [],
            "stock_on_hand": MAX_STOCK - 10,
        }
    }
    assert stored(db, product["id"]).stock_on_hand == MAX_STOCK - 10
    assert count(db, StockMovement) == 1
    assert change_stock(api, wholesaler, product["id"], 10, "restock").json_body["stock_on_hand"] == MAX_STOCK


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"delta": -3, "reason": "restock"}, "delta", "wrong_sign"),
        ({"delta": -3, "reason": "return"}, "delta", "wrong_sign"),
        ({"delta": 3, "reason": "damage"}, "delta", "wrong_sign"),
        ({"delta": 0, "reason": "adjustment"}, "delta", "invalid_delta"),
        ({"delta": 1_000_001, "reason": "adjustment"}, "delta", "invalid_delta"),
        ({"delta": 3, "reason": "sale"}, "reason", "literal_error"),
        ({"delta": 3, "reason": "restock", "note": "x" * 501}, "note", "string_too_long"),
    ],
)
def test_bad_stock_changes_are_refused(
    api: Api, db: Session, wholesaler: Account, beverages: Category, body: dict[str, Any], field: str, code: str
) -> None:
    product = create_product(api, wholesaler, beverages)
    response = api.post(f"/inventory/products/{product['id']}/stock", body, token=wholesaler.token)
    assert response.status_code == 400
    assert [(d["field"], d["code"]) for d in response.json_body["error"]["details"]] == [(field, code)]
    assert count(db, StockMovement) == 0


def test_adjustments_go_either_way(api: Api, wholesaler: Account, beverages: Category) -> None:
    product = create_product(api, wholesaler, beverages)
    assert change_stock(api, wholesaler, product["id"], 12).json_body["stock_on_hand"] == 12
    assert change_stock(api, wholesaler, product["id"], -2).json_body["stock_on_hand"] == 10
    assert change_stock(api, wholesaler, product["id"], 3, "return").json_body["stock_on_hand"] == 13


def test_the_movement_history_is_newest_first_and_paginated(api: Api, wholesaler: Account, beverages: Category) -> None:
    product = create_product(api, wholesaler, beverages)
    for delta in (10, -1, -2, 5):
        assert change_stock(api, wholesaler, product["id"], delta).status_code == 201
    path = f"/inventory/products/{product['id']}/movements"

    first = api.get(f"{path}?limit=3", token=wholesaler.token).json_body
    second = api.get(f"{path}?limit=3&cursor={first['next_cursor']}", token=wholesaler.token).json_body

    assert [(m["delta"], m["stock_after"]) for m in first["items"]] == [(5, 12), (-2, 7), (-1, 9)]
    assert [(m["delta"], m["stock_after"]) for m in second["items"]] == [(10, 10)]
    assert second["next_cursor"] is None


# --- low stock -------------------------------------------------------------------------


def test_low_stock_is_announced_once_per_shortage(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    product = create_product(api, wholesaler, beverages, low_stock_threshold=10)
    pid = product["id"]
    expected_event = {
        "business_id": str(wholesaler.business_id),
        "product_id": pid,
        "sku": "SODA-500-24",
        "name": "Soda 500 ml",
        "threshold": 10,
    }

    change_stock(api, wholesaler, pid, 30, "restock")
    change_stock(api, wholesaler, pid, -15)  # 15: still above
    assert low_stock_events(db) == []
    assert stored(db, pid).low_stock_alerted is False

    change_stock(api, wholesaler, pid, -5)  # 10: at the threshold -> alert
    assert low_stock_events(db) == [{**expected_event, "stock_on_hand": 10}]
    assert stored(db, pid).low_stock_alerted is True

    change_stock(api, wholesaler, pid, -4)  # 6: still short, no new alert
    change_stock(api, wholesaler, pid, 2, "return")  # 8: up but still short
    change_stock(api, wholesaler, pid, -8, "damage")  # 0
    assert len(low_stock_events(db)) == 1

    change_stock(api, wholesaler, pid, 11, "restock")  # 11: above again, flag cleared
    assert stored(db, pid).low_stock_alerted is False
    assert len(low_stock_events(db)) == 1

    change_stock(api, wholesaler, pid, -3)  # 8: a new shortage -> second alert
    assert low_stock_events(db) == [{**expected_event, "stock_on_hand": 10}, {**expected_event, "stock_on_hand": 8}]
    event = db.scalars(select(OutboxEvent).where(OutboxEvent.event_type == "LowStock")).first()
    assert event is not None
    assert (event.aggregate_type, event.aggregate_id) == ("product", uuid.UUID(pid))


def test_a_restock_that_stays_below_the_threshold_does_not_alert(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    product = create_product(api, wholesaler, beverages, low_stock_threshold=10)
    change_stock(api, wholesaler, product["id"], 4, "restock")
    assert low_stock_events(db) == []
    change_stock(api, wholesaler, product["id"], -1)  # the first removal while short alerts
    assert [e["stock_on_hand"] for e in low_stock_events(db)] == [3]


def test_a_refused_removal_writes_no_alert(api: Api, db: Session, wholesaler: Account, beverages: Category) -> None:
    product = create_product(api, wholesaler, beverages, low_stock_threshold=10)
    change_stock(api, wholesaler, product["id"], 20, "restock")
    assert change_stock(api, wholesaler, product["id"], -21).status_code == 409
    assert low_stock_events(db) == []
    assert stored(db, product["id"]).low_stock_alerted is False


def test_lowering_the_threshold_below_the_stock_ends_the_shortage(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    product = create_product(api, wholesaler, beverages, low_stock_threshold=10)
    change_stock(api, wholesaler, product["id"], 20, "restock")
    change_stock(api, wholesaler, product["id"], -12)  # 8: alert
    assert stored(db, product["id"]).low_stock_alerted is True

    api.patch(f"/inventory/products/{product['id']}", {"low_stock_threshold": 5}, token=wholesaler.token)
    assert stored(db, product["id"]).low_stock_alerted is False

    change_stock(api, wholesaler, product["id"], -3)  # 5: short under the new threshold
    assert [e["stock_on_hand"] for e in low_stock_events(db)] == [8, 5]


def test_the_low_stock_list(api: Api, wholesaler: Account, other_wholesaler: Account, beverages: Category) -> None:
    empty = create_product(api, wholesaler, beverages, sku="EMPTY", low_stock_threshold=0)
    short = create_product(api, wholesaler, beverages, sku="SHORT", low_stock_threshold=10)
    plenty = create_product(api, wholesaler, beverages, sku="PLENTY", low_stock_threshold=10)
    archived = create_product(api, wholesaler, beverages, sku="OLD", low_stock_threshold=10)
    create_product(api, other_wholesaler, beverages, sku="THEIRS", low_stock_threshold=10)
    change_stock(api, wholesaler, short["id"], 12, "restock")
    change_stock(api, wholesaler, short["id"], -9)  # 3: alerted
    change_stock(api, wholesaler, plenty["id"], 50, "restock")
    api.patch(f"/inventory/products/{archived['id']}", {"status": "archived"}, token=wholesaler.token)

    first = api.get("/inventory/low-stock?limit=1", token=wholesaler.token).json_body
    second = api.get(f"/inventory/low-stock?limit=1&cursor={first['next_cursor']}", token=wholesaler.token).json_body

    assert first["items"] == [
        {
            "product_id": empty["id"],
            "sku": "EMPTY",
            "name": "Soda 500 ml",
            "status": "draft",
            "stock_on_hand": 0,
            "low_stock_threshold": 0,
            "alerted": False,
        }
    ]
    assert [(i["sku"], i["stock_on_hand"], i["alerted"]) for i in second["items"]] == [("SHORT", 3, True)]
    assert second["next_cursor"] is None


# --- the shared primitive ------------------------------------------------------------------


def test_apply_movement_is_scoped_to_the_wholesaler(
    api: Api, db: Session, wholesaler: Account, other_wholesaler: Account, beverages: Category
) -> None:
    product = create_product(api, wholesaler, beverages)
    with pytest.raises(ProductNotFound):
        apply_movement(
            db, product_id=uuid.UUID(product["id"]), wholesaler_id=other_wholesaler.business_id, kind="restock", delta=5
        )
    with pytest.raises(ValueError, match="a sale movement cannot have delta 5"):
        apply_movement(
            db, product_id=uuid.UUID(product["id"]), wholesaler_id=wholesaler.business_id, kind="sale", delta=5
        )
    assert count(db, StockMovement) == 0


def test_apply_movements_is_all_or_nothing(api: Api, db: Session, wholesaler: Account, beverages: Category) -> None:
    a = create_product(api, wholesaler, beverages, sku="A", low_stock_threshold=5)
    b = create_product(api, wholesaler, beverages, sku="B", low_stock_threshold=5)
    change_stock(api, wholesaler, a["id"], 10, "restock")
    change_stock(api, wholesaler, b["id"], 3, "restock")
    order_id = uuid.uuid4()
    a_id, b_id = uuid.UUID(a["id"]), uuid.UUID(b["id"])

    with pytest.raises(InsufficientStock) as refused:
        apply_movements(
            db,
            [Movement(a_id, "sale", -6, reference_type="order", reference_id=order_id), Movement(b_id, "sale", -4)],
            wholesaler_id=None,
            actor_user_id=None,
        )
    assert refused.value.extra == {"shortages": [{"product_id": str(b_id), "stock_on_hand": 3, "delta": -4}]}
    assert (stored(db, a["id"]).stock_on_hand, stored(db, b["id"]).stock_on_hand) == (10, 3)
    assert count(db, StockMovement) == 2

    after = apply_movements(
        db,
        [Movement(a_id, "sale", -6, reference_type="order", reference_id=order_id), Movement(b_id, "sale", -3)],
        wholesaler_id=wholesaler.business_id,
        actor_user_id=wholesaler.user_id,
    )
    assert after == {a_id: 4, b_id: 0}
    assert (stored(db, a["id"]).stock_on_hand, stored(db, b["id"]).stock_on_hand) == (4, 0)
    sales = db.scalars(
        select(StockMovement).where(StockMovement.kind == "sale").order_by(StockMovement.stock_after)
    ).all()
    assert [(m.product_id, m.delta, m.stock_after, m.reference_id) for m in sales] == [
        (b_id, -3, 0, None),
        (a_id, -6, 4, order_id),
    ]
    assert sorted(e["sku"] for e in low_stock_events(db)) == ["A", "B"]
