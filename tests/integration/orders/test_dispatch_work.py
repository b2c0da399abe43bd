"""A wholesaler's work before the lorry leaves: the pick list of a set of orders, moving many
orders at once (each on its own), the vehicle of a dispatch, and a collection on delivery in
the timeline both sides read."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chalicelib.core.audit import AuditEntry
from chalicelib.orders.models import Order, OrderEvent
from tests.integration.orders.helpers import POD_OPTIONS, add, checkout
from tests.integration.orders.queue_factory import make_order
from tests.support.api import Api
from tests.support.factories import Actor, make_actor, make_product

DISPATCH = {
    "driver_name": "Otieno Juma",
    "driver_phone": "0722111222",
    "vehicle": "kda 123b",
    "expected_delivery_date": "2026-12-05",
}


class Depot:
    def __init__(self, api: Api, db: Session) -> None:
        self.api, self.db = api, db
        self.wholesaler = make_actor(db, "wholesaler")
        self.retailer = make_actor(db, "retailer")
        self.other_wholesaler = make_actor(db, "wholesaler")
        assert api.put("/business/delivery-options", POD_OPTIONS, token=self.wholesaler.token).status_code == 200
        self.soda = make_product(db, self.wholesaler.business, tiers=[(1, "150.00")], stock=500, gtin="5449000000996")
        self.rice = make_product(db, self.wholesaler.business, tiers=[(1, "90.00")], stock=500)

    def place(self, *lines: tuple[Any, int]) -> str:
        for product, quantity in lines:
            add(self.api, self.retailer.token, product, quantity)
        placed = checkout(self.api, self.retailer.token)
        assert placed.status_code == 201, placed.json_body
        return str(placed.json_body["orders"][0]["id"])

    def bulk(self, order_ids: list[str], to: str, actor: Actor | None = None, **extra: Any) -> Any:
        body = {"order_ids": order_ids, "to": to, **extra}
        return self.api.post("/orders/transitions", body, token=(actor or self.wholesaler).token)

    def status(self, order_id: str) -> str:
        self.db.expire_all()
        order = self.db.get(Order, uuid.UUID(order_id))
        assert order is not None
        return order.status

    def order(self, order_id: str, actor: Actor) -> dict[str, Any]:
        response = self.api.get(f"/orders/{order_id}", token=actor.token)
        assert response.status_code == 200, response.json_body
        return response.json_body  # type: ignore[no-any-return]


@pytest.fixture
def depot(api: Api, db: Session) -> Depot:
    return Depot(api, db)


# --- pick list --------------------------------------------------------------------------------


def test_the_pick_list_adds_up_each_product_over_the_orders_by_sku(depot: Depot) -> None:
    first = depot.place((depot.soda, 3), (depot.rice, 2))
    second = depot.place((depot.soda, 5))

    response = depot.api.post("/orders/pick-list", {"order_ids": [second, first]}, token=depot.wholesaler.token)

    assert response.status_code == 200, response.json_body
    body = response.json_body
    numbers = {o["id"]: o["number"] for o in body["orders"]}
    assert [(o["id"], o["retailer_name"], o["delivery_method"], o["line_count"]) for o in body["orders"]] == [
        (first, depot.retailer.business.name, "pickup", 2),
        (second, depot.retailer.business.name, "pickup", 1),
    ]
    assert all(o["expected_delivery_date"] is not None for o in body["orders"])
    expected_lines = {
        depot.soda.sku: {
            "product_id": str(depot.soda.id), "sku": depot.soda.sku, "gtin": "5449000000996", "name": depot.soda.name,
            "unit_of_sale": "carton of 24", "pack_size": 24, "total_quantity": 8,
            "orders": [{"order_id": first, "number": numbers[first], "quantity": 3},
                       {"order_id": second, "number": numbers[second], "quantity": 5}],
        },
        depot.rice.sku: {
            "product_id": str(depot.rice.id), "sku": depot.rice.sku, "gtin": None, "name": depot.rice.name,
            "unit_of_sale": "carton of 24", "pack_size": 24, "total_quantity": 2,
            "orders": [{"order_id": first, "number": numbers[first], "quantity": 2}],
        },
    }  # fmt: skip
    assert body["lines"] == [expected_lines[sku] for sku in sorted(expected_lines)]


def test_an_order_that_is_not_the_wholesalers_makes_the_pick_list_a_404(depot: Depot) -> None:
    mine = depot.place((depot.soda, 1))
    theirs = make_order(depot.db, retailer=depot.retailer, wholesaler_id=depot.other_wholesaler.business.id)

    response = depot.api.post("/orders/pick-list", {"order_ids": [mine, str(theirs.id)]}, token=depot.wholesaler.token)

    assert response.status_code == 404
    assert response.json_body["error"]["code"] == "order_not_found"
    assert response.json_body["error"]["order_ids"] == [str(theirs.id)]


def test_the_pick_list_is_the_wholesalers_and_takes_at_most_200_orders(depot: Depot) -> None:
    mine = depot.place((depot.soda, 1))
    as_retailer = depot.api.post("/orders/pick-list", {"order_ids": [mine]}, token=depot.retailer.token)
    too_many = depot.api.post(
        "/orders/pick-list", {"order_ids": [str(uuid.uuid4()) for _ in range(201)]}, token=depot.wholesaler.token
    )

    assert (as_retailer.status_code, as_retailer.json_body["error"]["code"]) == (403, "wrong_business_kind")
    assert too_many.status_code == 400
    assert too_many.json_body["error"]["details"][0]["code"] == "too_long"


# --- bulk transitions -------------------------------------------------------------------------


def test_bulk_accept_moves_each_order_and_reports_each_one(depot: Depot) -> None:
    first, second = depot.place((depot.soda, 1)), depot.place((depot.rice, 1))
    already = depot.place((depot.soda, 2))
    assert depot.bulk([already], "accepted").json_body["results"][0]["changed"] is True
    theirs = make_order(depot.db, retailer=depot.retailer, wholesaler_id=depot.other_wholesaler.business.id)
    events_before = depot.db.scalar(select(func.count()).select_from(OrderEvent))

    response = depot.bulk([first, already, str(theirs.id), second], "accepted", note="Morning run")

    assert response.status_code == 200, response.json_body
    body = response.json_body
    assert [(r["id"], r["ok"], r["status"], r["changed"], r["error"]) for r in body["results"]] == [
        (first, True, "accepted", True, None),
        (already, True, "accepted", False, None),
        (str(theirs.id), False, None, False, {"code": "order_not_found", "message": "No such order."}),
        (second, True, "accepted", True, None),
    ]
    assert body["results"][2]["number"] is None
    assert (body["succeeded"], body["failed"]) == (3, 1)
    assert [depot.status(first), depot.status(second), depot.status(already)] == ["accepted"] * 3
    depot.db.expire_all()
    assert depot.db.scalar(select(func.count()).select_from(OrderEvent)) == events_before + 2
    assert depot.db.get(Order, theirs.id).status == "placed"  # type: ignore[union-attr]


def test_a_refused_order_is_rolled_back_alone(depot: Depot) -> None:
    placed = depot.place((depot.soda, 1))
    accepted = depot.place((depot.soda, 1))
    depot.bulk([accepted], "accepted")
    audits_before = depot.db.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "order.packed")
    )

    response = depot.bulk([placed, accepted], "packed")

    results = response.json_body["results"]
    assert response.status_code == 200
    assert (results[0]["ok"], results[0]["status"], results[0]["error"]["code"]) == (
        False,
        "placed",
        "invalid_transition",
    )
    assert (results[1]["ok"], results[1]["status"]) == (True, "packed")
    assert (depot.status(placed), depot.status(accepted)) == ("placed", "packed")
    audits = depot.db.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "order.packed"))
    assert audits == audits_before + 1


def test_bulk_cancel_of_an_accepted_order_needs_a_reason_per_order(depot: Depot) -> None:
    placed, accepted = depot.place((depot.soda, 1)), depot.place((depot.soda, 1))
    depot.bulk([accepted], "accepted")

    results = depot.bulk([placed, accepted], "cancelled").json_body["results"]

    assert (results[0]["ok"], results[0]["status"]) == (True, "cancelled")
    assert (results[1]["ok"], results[1]["status"], results[1]["error"]["code"]) == (
        False,
        "accepted",
        "validation_failed",
    )
    assert results[1]["error"]["message"] == "Say why the order is cancelled."


def test_bulk_dispatch_needs_the_drivers_details_and_records_the_vehicle_for_both_sides(depot: Depot) -> None:
    order_id = depot.place((depot.soda, 1))
    depot.bulk([order_id], "accepted")
    depot.bulk([order_id], "packed")

    missing = depot.bulk([order_id], "dispatched", driver_name="Otieno Juma")
    moved = depot.bulk([order_id], "dispatched", **DISPATCH)

    assert missing.status_code == 400
    assert missing.json_body["error"]["details"][0]["code"] == "dispatch_details_required"
    assert moved.json_body["results"][0]["ok"] is True
    for actor in (depot.wholesaler, depot.retailer):
        order = depot.order(order_id, actor)
        assert order["delivery"]["vehicle"] == "KDA 123B"
        assert order["delivery"]["expected_delivery_date"] == "2026-12-05"
        assert order["timeline"][-1]["data"]["vehicle"] == "KDA 123B"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"order_ids": [], "to": "accepted"}, 400, "too_short"),
        ({"order_ids": ["x"] * 1, "to": "accepted"}, 400, "uuid_parsing"),
        ({"order_ids": [str(uuid.uuid4())] * 101, "to": "accepted"}, 400, "too_long"),
        ({"order_ids": [str(uuid.uuid4())], "to": "placed"}, 400, "literal_error"),
    ],
)
def test_bulk_refuses_a_malformed_request_whole(depot: Depot, body: dict[str, Any], status: int, code: str) -> None:
    response = depot.api.post("/orders/transitions", body, token=depot.wholesaler.token)

    assert response.status_code == status
    assert response.json_body["error"]["details"][0]["code"] == code


def test_the_retailer_cannot_move_orders_in_bulk(depot: Depot) -> None:
    order_id = depot.place((depot.soda, 1))

    response = depot.bulk([order_id], "accepted", actor=depot.retailer)

    assert (response.status_code, response.json_body["error"]["code"]) == (403, "wrong_business_kind")
    assert depot.status(order_id) == "placed"


# --- the vehicle on the single transition, and a collection in the timeline ---------------------


def test_a_single_dispatch_takes_a_vehicle_too(depot: Depot) -> None:
    order_id = depot.place((depot.soda, 1))
    for target in ("accepted", "packed"):
        depot.api.post(f"/orders/{order_id}/transitions", {"to": target}, token=depot.wholesaler.token)

    response = depot.api.post(
        f"/orders/{order_id}/transitions", {"to": "dispatched", **DISPATCH}, token=depot.wholesaler.token
    )
    bad_plate = depot.api.post(
        f"/orders/{order_id}/transitions", {"to": "delivered", "vehicle": "KDA/123"}, token=depot.wholesaler.token
    )

    assert response.status_code == 200, response.json_body
    assert response.json_body["delivery"]["vehicle"] == "KDA 123B"
    assert bad_plate.status_code == 400
    assert bad_plate.json_body["error"]["details"][0]["code"] == "string_pattern_mismatch"


def test_a_collection_on_delivery_is_in_the_timeline_of_both_sides(depot: Depot) -> None:
    order_id = depot.place((depot.soda, 2))
    depot.api.post(f"/orders/{order_id}/transitions", {"to": "accepted"}, token=depot.wholesaler.token)

    response = depot.api.post(
        f"/orders/{order_id}/collection",
        {"amount": "120.00", "method": "mobile_money", "reference": "QK7H2M9XZ1"},
        token=depot.wholesaler.token,
    )

    assert response.status_code == 201, response.json_body
    for actor in (depot.wholesaler, depot.retailer):
        order = depot.order(order_id, actor)
        collection = order["timeline"][-1]
        assert {k: collection[k] for k in ("kind", "from_status", "to_status", "actor", "actor_user_id", "data")} == {
            "kind": "collection_recorded",
            "from_status": "accepted",
            "to_status": "accepted",
            "actor": "wholesaler",
            "actor_user_id": str(depot.wholesaler.user.id),
            "data": {
                "amount": "120.00",
                "currency": "KES",
                "method": "mobile_money",
                "reference": "QK7H2M9XZ1",
                "recorded_by": depot.wholesaler.user.full_name,
            },
        }
        assert collection["at"] >= order["timeline"][-2]["at"]
        assert [entry["kind"] for entry in order["timeline"][:-1]] == ["status_changed"] * 2
        assert order["payment_status"] == "to_collect"
        assert order["amount_collected"] == "120.00"
