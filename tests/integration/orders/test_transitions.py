"""The order state machine through its routes, case by case from its own table.

`chalicelib/orders/state.py` TRANSITIONS says which actor may move an order from one status
to another. The cases below are generated from that table, so a transition added without a
way to drive it here fails `test_every_allowed_transition_has_a_driver_or_a_known_gap`:

- every allowed (from, to, actor) is driven the way that actor does it: the wholesaler (owner
  and staff) through `POST /orders/{id}/transitions`, the retailer (owner and staff) through
  `POST /orders/{id}/cancel` and `POST /orders/{id}/receipt`, the system through what the sweeper runs (the payment's
  reconciliation, the expiry of unpaid orders). Before the actor, a business of the same
  kind that is not party to the order is answered 404 and the other side of the order is
  refused the route (403 `wrong_business_kind`), both changing nothing;
- every (from, to) a route accepts that the table refuses its actor is a 409
  `invalid_transition` that changes nothing;
- the transitions the table allows an actor that no route serves (`NO_ROUTE`) are refused
  by every order route, and listed so that adding the route makes their test fail until it
  is driven here.

After an allowed move: the status, one more timeline entry (from, to, actor, who), one event
(`OrderStatusChanged`, `OrderCancelled` or `OrderExpired`), and on a cancellation the stock
back on the shelf with a `cancel` movement.
"""

from __future__ import annotations

import typing
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.catalog.models import Product
from chalicelib.core.clock import utcnow
from chalicelib.core.db import unit_of_work
from chalicelib.core.outbox import OutboxEvent
from chalicelib.inventory.models import StockMovement
from chalicelib.orders.expiry import EXPIRY_REASON, expire_unpaid_orders
from chalicelib.orders.models import Order, OrderEvent
from chalicelib.orders.schemas import TransitionRequest
from chalicelib.orders.state import ADMIN, REASON_REQUIRED, RETAILER, SYSTEM, TRANSITIONS, WHOLESALER, allowed
from chalicelib.payments.events import reconcile_pending_payments
from tests.integration.orders.helpers import POD_OPTIONS, add, checkout
from tests.support.api import Api
from tests.support.factories import Actor, make_actor, make_product, make_user, signed_in, staff_of

STATUSES = ("pending_payment", "placed", "accepted", "packed", "dispatched", "delivered", "completed", "cancelled")
ROUTE_TARGETS: tuple[str, ...] = typing.get_args(TransitionRequest.model_fields["to"].annotation)
"""What `POST /orders/{id}/transitions` accepts as `to`."""
FORWARD = ("placed", "accepted", "packed", "dispatched", "delivered", "completed")
DISPATCH = {"driver_name": "Otieno Juma", "driver_phone": "0722111222", "expected_delivery_date": "2026-12-01"}
QUANTITY, STOCK = 6, 50
PAYS, NEVER_ANSWERS = "+254712345670", "+254712345673"  # the sandbox's outcome is the last digit

NO_ROUTE = {
    ("placed", "cancelled", ADMIN): "an admin may cancel a placed order, but no admin route moves orders",
    ("accepted", "cancelled", ADMIN): "an admin may cancel an accepted order, but no admin route moves orders",
}
"""Allowed by the table, served by no route: a product decision (add the route or drop the grant)."""

RETAILER_ROUTES = {"cancelled": "cancel", "completed": "receipt"}
"""The retailer's order routes, by the status each leads to."""

SYSTEM_DRIVERS = {
    ("pending_payment", "placed"): ("payment received",),
    ("pending_payment", "cancelled"): ("hold expired", "payment failed after the hold"),
}
BUSINESS_DRIVERS = {
    WHOLESALER: ("wholesaler owner", "wholesaler staff"),
    RETAILER: ("retailer owner", "retailer staff"),
}


def drivers(current: str, target: str, actor: str) -> tuple[str, ...]:
    """How this test makes `actor` move an order from `current` to `target`; () if it cannot."""
    if actor == SYSTEM:
        return SYSTEM_DRIVERS.get((current, target), ())
    if actor == RETAILER and target not in RETAILER_ROUTES:
        return ()
    return BUSINESS_DRIVERS.get(actor, ())


ALLOWED = sorted((current, target, actor) for (current, target), actors in TRANSITIONS.items() for actor in actors)
DRIVEN = [
    pytest.param(current, target, driver, id=f"{current}->{target} by {driver}")
    for current, target, actor in ALLOWED
    for driver in drivers(current, target, actor)
]


# --- the world of one order ---------------------------------------------------------------------


@dataclass
class World:
    api: Api
    db: Session
    retailer: Actor
    retailer_staff: Actor
    wholesaler: Actor
    wholesaler_staff: Actor
    product: Product

    def actor(self, driver: str) -> Actor:
        return {
            "wholesaler owner": self.wholesaler,
            "wholesaler staff": self.wholesaler_staff,
            "retailer owner": self.retailer,
            "retailer staff": self.retailer_staff,
        }[driver]

    def order_in(self, status: str, *, phone: str = PAYS) -> str:
        """A new order of QUANTITY units brought to `status` the way it really gets there."""
        add(self.api, self.retailer.token, self.product, QUANTITY)
        if status == "pending_payment":
            placed = checkout(self.api, self.retailer.token, method="mobile_money", phone=phone)
        else:
            placed = checkout(self.api, self.retailer.token)
        assert placed.status_code == 201, placed.json_body
        order_id: str = placed.json_body["orders"][0]["id"]
        if status == "cancelled":
            assert self.api.post(f"/orders/{order_id}/cancel", {}, token=self.retailer.token).status_code == 200
        elif status != "pending_payment":
            for target in FORWARD[1 : FORWARD.index(status) + 1]:
                moved = self.move(self.wholesaler, order_id, target)
                assert moved.status_code == 200, moved.json_body
        assert self.order(order_id).status == status
        return order_id

    def move(self, actor: Actor, order_id: str, target: str, **extra: Any) -> Any:
        body = {"to": target, **(DISPATCH if target == "dispatched" else {}), **extra}
        return self.api.post(f"/orders/{order_id}/transitions", body, token=actor.token)

    def cancel(self, actor: Actor, order_id: str, reason: str | None = None) -> Any:
        return self.api.post(f"/orders/{order_id}/cancel", {"reason": reason}, token=actor.token)

    def confirm_receipt(self, actor: Actor, order_id: str) -> Any:
        return self.api.post(f"/orders/{order_id}/receipt", {"note": "All 6 bales arrived"}, token=actor.token)

    def order(self, order_id: str) -> Order:
        self.db.expire_all()
        found = self.db.get(Order, uuid.UUID(order_id))
        assert found is not None
        return found

    def timeline(self, order_id: str) -> list[tuple[str | None, str, str, uuid.UUID | None]]:
        self.db.expire_all()
        rows = self.db.scalars(
            select(OrderEvent).where(OrderEvent.order_id == uuid.UUID(order_id)).order_by(OrderEvent.created_at)
        )
        return [(row.from_status, row.to_status, row.actor, row.actor_user_id) for row in rows]

    def events(self, order_id: str) -> list[tuple[str, str | None, str | None]]:
        rows = self.db.scalars(
            select(OutboxEvent)
            .where(OutboxEvent.aggregate_id == uuid.UUID(order_id))
            .order_by(OutboxEvent.occurred_at, OutboxEvent.id)
        )
        return [(row.event_type, row.payload.get("from_status"), row.payload.get("to_status")) for row in rows]

    def stock(self) -> tuple[int, list[tuple[str, int]]]:
        self.db.expire_all()
        product = self.db.get(Product, self.product.id)
        assert product is not None
        movements = self.db.scalars(
            select(StockMovement).where(StockMovement.product_id == self.product.id).order_by(StockMovement.created_at)
        )
        return product.stock_on_hand, [(m.kind, m.delta) for m in movements]

    def snapshot(self, order_id: str) -> tuple[Any, ...]:
        order = self.order(order_id)
        return (order.status, order.cancel_reason, self.timeline(order_id), self.events(order_id), self.stock())


@pytest.fixture
def world(api: Api, db: Session) -> World:
    retailer, wholesaler = make_actor(db, "retailer"), make_actor(db, "wholesaler")
    assert api.put("/business/delivery-options", POD_OPTIONS, token=wholesaler.token).status_code == 200
    product = make_product(db, wholesaler.business, tiers=[(1, "150.00")], stock=STOCK)
    return World(api, db, retailer, staff_of(db, retailer), wholesaler, staff_of(db, wholesaler), product)


# --- the table itself ---------------------------------------------------------------------------


def test_every_allowed_transition_has_a_driver_or_a_known_gap() -> None:
    undriven = [case for case in ALLOWED if not drivers(*case) and case not in NO_ROUTE]
    assert undriven == [], "allowed by TRANSITIONS but driven by no test here"
    assert set(NO_ROUTE) <= set(ALLOWED), "NO_ROUTE names a transition the table no longer allows"
    assert {case for case in NO_ROUTE if drivers(*case)} == set(), "NO_ROUTE names a transition driven here"
    assert {target for (_, target), actors in TRANSITIONS.items() if actors & {WHOLESALER}} <= set(ROUTE_TARGETS)
    assert set(REASON_REQUIRED) <= set(TRANSITIONS)


# --- allowed --------------------------------------------------------------------------------------


def _by_business(world: World, order_id: str, target: str, driver: str) -> tuple[Any, str, uuid.UUID | None]:
    """The stranger of the actor's kind and the other side are refused first; then the actor moves it."""
    actor = world.actor(driver)
    kind = actor.business.kind
    stranger = make_actor(world.db, kind)
    other_side = world.retailer if kind == "wholesaler" else world.wholesaler
    note = "Out of stock at the depot" if target == "cancelled" else None
    act: Callable[[Actor], Any]
    if kind == "wholesaler":
        act = lambda who: world.move(who, order_id, target, note=note)  # noqa: E731
    elif target == "cancelled":
        act = lambda who: world.cancel(who, order_id, "Ordered twice")  # noqa: E731
    else:
        act = lambda who: world.confirm_receipt(who, order_id)  # noqa: E731
    before = world.snapshot(order_id)

    by_stranger, by_other_side = act(stranger), act(other_side)

    assert (by_stranger.status_code, by_stranger.json_body["error"]["code"]) == (404, "order_not_found")
    assert (by_other_side.status_code, by_other_side.json_body["error"]["code"]) == (403, "wrong_business_kind")
    assert world.snapshot(order_id) == before
    response = act(actor)
    assert response.status_code == 200, response.json_body
    assert (response.json_body["id"], response.json_body["status"]) == (order_id, target)
    actor_label = WHOLESALER if kind == "wholesaler" else RETAILER
    return response, actor_label, actor.user.id


def _by_system(world: World, order_id: str, driver: str) -> None:
    if driver == "payment received":
        with time_machine.travel(utcnow() + timedelta(minutes=4)):
            reconcile_pending_payments()
    elif driver == "hold expired":
        with time_machine.travel(utcnow() + timedelta(minutes=16)), unit_of_work() as uow:
            assert expire_unpaid_orders(uow.session) == 1
            uow.commit()
    else:  # the provider never answered; the reconciliation learns it failed after the hold ran out
        with time_machine.travel(utcnow() + timedelta(minutes=16)):
            reconcile_pending_payments()


@pytest.mark.parametrize(("current", "target", "driver"), DRIVEN)
def test_an_allowed_transition_moves_the_order_and_writes_its_timeline(
    world: World, current: str, target: str, driver: str
) -> None:
    order_id = world.order_in(current, phone=NEVER_ANSWERS if driver == "payment failed after the hold" else PAYS)
    timeline_before, events_before = world.timeline(order_id), world.events(order_id)
    stock_before, movements_before = world.stock()

    if driver in SYSTEM_DRIVERS.get((current, target), ()):
        _by_system(world, order_id, driver)
        actor, user_id = SYSTEM, None
    else:
        _, actor, user_id = _by_business(world, order_id, target, driver)

    order = world.order(order_id)
    assert order.status == target
    assert world.timeline(order_id) == [*timeline_before, (current, target, actor, user_id)]
    expected_event = {"cancelled": "OrderCancelled"}.get(target, "OrderStatusChanged")
    if actor == SYSTEM and target == "cancelled":
        expected_event = "OrderExpired"
    assert [e for e in world.events(order_id) if e not in events_before and e[1] is not None] == [
        (expected_event, current, target)
    ]
    if target == "cancelled":
        reason = {SYSTEM: EXPIRY_REASON, RETAILER: "Ordered twice"}.get(actor, "Out of stock at the depot")
        assert order.cancel_reason == reason
        assert world.stock() == (stock_before + QUANTITY, [*movements_before, ("cancel", QUANTITY)])
    else:
        assert world.stock() == (stock_before, movements_before)


@pytest.mark.parametrize(("current", "target"), sorted(REASON_REQUIRED))
def test_a_cancellation_that_needs_a_reason_is_refused_without_one_and_changes_nothing(
    world: World, current: str, target: str
) -> None:
    order_id = world.order_in(current)
    before = world.snapshot(order_id)

    response = world.move(world.wholesaler, order_id, target)

    assert response.status_code == 400
    assert response.json_body["error"]["details"] == [
        {"field": "note", "code": "reason_required", "message": "Say why the order is cancelled."}
    ]
    assert world.snapshot(order_id) == before


# --- refused ---------------------------------------------------------------------------------------


def _refused(current: str, target: str) -> tuple[int, dict[str, Any]]:
    return 409, {
        "code": "invalid_transition",
        "message": f"An order that is {current.replace('_', ' ')} cannot become {target.replace('_', ' ')}.",
        "details": [],
        "current_status": current,
    }


@pytest.mark.parametrize("current", STATUSES)
def test_every_change_the_table_refuses_from_a_status_is_409_and_changes_nothing(world: World, current: str) -> None:
    order_id = world.order_in(current)
    before = world.snapshot(order_id)
    expected: dict[str, tuple[int, dict[str, Any]]] = {}
    answered: dict[str, tuple[int, dict[str, Any]]] = {}

    for target in ROUTE_TARGETS:
        if not allowed(current, target, WHOLESALER):
            response = world.move(world.wholesaler, order_id, target, note="A reason")
            answered[f"wholesaler -> {target}"] = (response.status_code, response.json_body["error"])
            expected[f"wholesaler -> {target}"] = _refused(current, target)
    if not allowed(current, "cancelled", RETAILER):
        response = world.cancel(world.retailer, order_id, "A reason")
        answered["retailer -> cancelled"] = (response.status_code, response.json_body["error"])
        expected["retailer -> cancelled"] = _refused(current, "cancelled")
    if not allowed(current, "completed", RETAILER):
        response = world.confirm_receipt(world.retailer, order_id)
        answered["retailer -> completed"] = (response.status_code, response.json_body["error"])
        expected["retailer -> completed"] = _refused(current, "completed")

    assert answered == expected
    assert world.snapshot(order_id) == before


@pytest.mark.parametrize(
    ("current", "target", "actor"), [pytest.param(*case, id=f"{case[0]}->{case[1]} by {case[2]}") for case in NO_ROUTE]
)
def test_a_transition_the_table_allows_but_no_route_serves_is_refused_by_every_order_route(
    world: World, db: Session, current: str, target: str, actor: str
) -> None:
    order_id = world.order_in(current)
    before = world.snapshot(order_id)
    token = signed_in(db, make_user(db, None, role="admin")) if actor == ADMIN else world.retailer.token

    answers = {
        route: world.api.post(
            f"/orders/{order_id}/{route}", {"to": target} if route == "transitions" else {}, token=token
        )
        for route in ("transitions", "cancel", "receipt")
    }

    expected = {
        ADMIN: dict.fromkeys(answers, (403, "role_not_allowed")),
    }[actor]
    assert {route: (r.status_code, r.json_body["error"]["code"]) for route, r in answers.items()} == expected
    assert world.snapshot(order_id) == before
