"""Order events reach the right people: the wholesaler hears of a new order, the retailer
of its pay-on-delivery orders being placed (a mobile-money one hears it from its payment)
and of each status change, both sides of a cancellation."""

from __future__ import annotations

from sqlalchemy import select

from chalicelib.notifications.models import Notification
from functions import notifications
from tests.integration.notifications.conftest import edge  # noqa: F401  (fixture)
from tests.integration.orders.helpers import POD_OPTIONS, add, checkout
from tests.support.factories import make_actor, make_product


def test_a_placed_order_tells_both_sides_and_a_cancellation_tells_both(api, db, edge):  # noqa: F811
    retailer, wholesaler = make_actor(db, "retailer"), make_actor(db, "wholesaler")
    api.put("/business/delivery-options", POD_OPTIONS, token=wholesaler.token)
    add(api, retailer.token, make_product(db, wholesaler.business, stock=10), 2)
    order = checkout(api, retailer.token).json_body["orders"][0]

    edge.drain(notifications.handler)

    [mail] = edge.emails_to(wholesaler.user.email)
    assert mail.subject == f"New order {order['number']} on Soko Wholesale"
    assert f"/orders/{order['id']}" in mail.body
    [placed] = edge.emails_to(retailer.user.email)
    assert placed.subject == f"Order {order['number']} placed on Soko Wholesale"
    assert "to pay on delivery" in placed.body
    assert sorted(phone for phone, _ in edge.sms) == sorted([wholesaler.user.phone, retailer.user.phone])
    [in_app] = db.scalars(
        select(Notification).where(Notification.event_type == "OrdersPlaced", Notification.user_id == retailer.user.id)
    ).all()
    assert in_app.title == "Order placed"

    api.post(f"/orders/{order['id']}/cancel", {"reason": "Duplicate"}, token=retailer.token)
    edge.drain(notifications.handler)

    cancelled = db.scalars(select(Notification).where(Notification.event_type == "OrderCancelled")).all()
    assert sorted(n.user_id for n in cancelled) == sorted([retailer.user.id, wholesaler.user.id])
    assert all(n.title == f"Order {order['number']} was cancelled" for n in cancelled)
