"""The gating functions other domains call, the catalog predicate, and the usage endpoint."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from sqlalchemy import select

from chalicelib.accounts.models import Business
from chalicelib.billing import gating
from chalicelib.billing.errors import FeatureNotIncluded, PlanLimitReached, SubscriptionRequired
from chalicelib.catalog.models import Product
from chalicelib.catalog.repository import visible_products
from chalicelib.core.clock import utcnow
from chalicelib.orders.models import Checkout, Order
from tests.integration.billing.helpers import make_plan, open_invoice, run, settle, start, subscription_of
from tests.support.factories import make_actor, make_product, make_user


def _set_status(db, business_id, status):
    subscription = subscription_of(db, business_id)
    subscription.status = status
    db.flush()


@pytest.mark.parametrize(
    ("status", "allowed"),
    [("trialing", True), ("active", True), ("past_due", True), ("incomplete", False), ("suspended", False),
     ("cancelled", False), ("expired", False)],
)  # fmt: skip
def test_good_standing_is_trialing_active_or_past_due(db, status, allowed):
    make_plan(db, "retailer-x", "retailer")
    retailer = make_actor(db, "retailer")
    start(retailer, "retailer-x")
    _set_status(db, retailer.business.id, status)
    if allowed:
        gating.require_good_standing(db, retailer.business.id)
    else:
        with pytest.raises(SubscriptionRequired) as refused:
            gating.require_good_standing(db, retailer.business.id)
        assert (refused.value.status, refused.value.code) == (402, "subscription_required")
        live = status not in ("cancelled", "expired")
        assert refused.value.extra == {"subscription_status": status if live else None}
    assert gating.in_good_standing(db, retailer.business.id) is allowed


def test_a_business_without_a_subscription_is_refused(db):
    retailer = make_actor(db, "retailer")
    with pytest.raises(SubscriptionRequired) as refused:
        gating.require_good_standing(db, retailer.business.id)
    assert refused.value.extra == {"subscription_status": None}
    with pytest.raises(SubscriptionRequired):
        gating.check_limit(db, retailer.business.id, "staff_users")


def test_the_active_product_limit_counts_active_products_only(db):
    make_plan(db, "w-small", max_active_products=2, trial_days=14)
    wholesaler = make_actor(db, "wholesaler")
    start(wholesaler, "w-small")
    make_product(db, wholesaler.business)
    make_product(db, wholesaler.business, status="draft")
    gating.check_limit(db, wholesaler.business.id, "active_products")
    make_product(db, wholesaler.business)
    with pytest.raises(PlanLimitReached) as refused:
        gating.check_limit(db, wholesaler.business.id, "active_products")
    error = refused.value
    assert (error.status, error.code) == (422, "plan_limit_reached")
    assert error.extra == {"limit": {"name": "active_products", "max": 2, "used": 2, "plan": "w-small"}}
    assert error.message == "Your plan allows at most 2 active products. Upgrade your plan to add more."
    gating.check_limit(db, wholesaler.business.id, "active_products", adding=0)


def test_the_staff_limit_counts_invited_and_active_staff(db):
    make_plan(db, "w-team", max_staff_users=2, trial_days=14)
    wholesaler = make_actor(db, "wholesaler")
    start(wholesaler, "w-team")
    make_user(db, wholesaler.business, role="staff")
    gone = make_user(db, wholesaler.business, role="staff")
    gone.status = "deactivated"
    db.flush()
    gating.check_limit(db, wholesaler.business.id, "staff_users")
    with pytest.raises(PlanLimitReached):
        gating.check_limit(db, wholesaler.business.id, "staff_users", adding=2)


def test_the_monthly_order_limit_counts_this_calendar_month(db):
    make_plan(db, "r-few", "retailer", max_orders_per_month=3, trial_days=14)
    retailer = make_actor(db, "retailer")
    wholesaler = make_actor(db, "wholesaler")
    now = datetime(2026, 5, 20, 12, tzinfo=UTC)
    with time_machine.travel(now, tick=False):
        start(retailer, "r-few")

        def order(created_at, status="placed"):
            checkout = Checkout(
                id=uuid.uuid4(), retailer_id=retailer.business.id, idempotency_key=str(uuid.uuid4()),
                request_hash="x", created_by=retailer.user.id,
            )  # fmt: skip
            db.add(checkout)
            db.flush()
            db.add(
                Order(
                    id=uuid.uuid4(), number=f"ORD-{uuid.uuid4().hex[:8]}", checkout_id=checkout.id,
                    retailer_id=retailer.business.id, wholesaler_id=wholesaler.business.id, status=status,
                    payment_method="pay_on_delivery", currency="KES", subtotal=Decimal("10.00"),
                    delivery_fee=Decimal("0.00"), total=Decimal("10.00"), delivery_method="pickup",
                    delivery_lead_time_days=1, created_at=created_at,
                    placed_at=created_at if status != "cancelled" else None,
                )
            )  # fmt: skip
            db.flush()

        order(datetime(2026, 4, 30, 23, 59, tzinfo=UTC))  # last month
        order(datetime(2026, 5, 1, 0, 0, tzinfo=UTC))
        order(datetime(2026, 5, 10, tzinfo=UTC), status="cancelled")  # expired unpaid: never placed
        order(datetime(2026, 5, 15, tzinfo=UTC))
        gating.check_limit(db, retailer.business.id, "orders_per_month")
        with pytest.raises(PlanLimitReached) as refused:
            gating.check_limit(db, retailer.business.id, "orders_per_month", adding=2)
        assert refused.value.extra["limit"] == {"name": "orders_per_month", "max": 3, "used": 2, "plan": "r-few"}


def test_features_follow_the_plan_and_good_standing(db):
    make_plan(db, "w-pod", pay_on_delivery=True, trial_days=14)
    make_plan(db, "w-plain", trial_days=14)
    with_pod, plain = make_actor(db, "wholesaler"), make_actor(db, "wholesaler")
    start(with_pod, "w-pod")
    start(plain, "w-plain")
    gating.require_feature(db, with_pod.business.id, "pay_on_delivery")
    with pytest.raises(FeatureNotIncluded) as refused:
        gating.require_feature(db, plain.business.id, "pay_on_delivery")
    assert (refused.value.code, refused.value.extra) == ("plan_feature_not_included", {"feature": "pay_on_delivery"})
    _set_status(db, with_pod.business.id, "suspended")
    assert not gating.has_feature(db, with_pod.business.id, "pay_on_delivery")


def test_the_catalog_predicate_hides_wholesalers_not_in_good_standing(db):
    """What `catalog.repository.selling_wholesalers` gains: `.where(..., wholesaler_in_good_standing())`."""
    make_plan(db, "w-any", trial_days=0)
    subscribed, unsubscribed, lapsed = (make_actor(db, "wholesaler") for _ in range(3))
    products = {name: make_product(db, actor.business) for name, actor in
                (("subscribed", subscribed), ("unsubscribed", unsubscribed), ("lapsed", lapsed))}  # fmt: skip
    t0 = utcnow()
    for actor in (subscribed, lapsed):
        with time_machine.travel(t0, tick=False):
            start(actor, "w-any")
            settle(open_invoice(db, subscription_of(db, actor.business.id).id).id, succeeded=True)
    lapsed_subscription = subscription_of(db, lapsed.business.id)
    with time_machine.travel(lapsed_subscription.current_period_end - timedelta(minutes=10), tick=False):
        run()
        settle(open_invoice(db, lapsed_subscription.id).id, succeeded=False)
        settle_other = open_invoice(db, subscription_of(db, subscribed.business.id).id)
        settle(settle_other.id, succeeded=True)

    def visible() -> set[uuid.UUID]:
        selling = select(Business.id).where(Business.kind == "wholesaler", gating.wholesaler_in_good_standing())
        ids = select(Product.id).where(visible_products(), Product.wholesaler_id.in_(selling))
        return set(db.scalars(ids))

    assert visible() & {p.id for p in products.values()} == {products["subscribed"].id, products["lapsed"].id}
    with time_machine.travel(lapsed_subscription.current_period_end + timedelta(days=8), tick=False):
        assert run()["suspended"] == 1
    assert visible() & {p.id for p in products.values()} == {products["subscribed"].id}


def test_usage_lists_each_limit_with_current_use(api, db):
    make_plan(db, "w-usage", max_active_products=5, max_staff_users=None, trial_days=14, sales_reports=True)
    wholesaler = make_actor(db, "wholesaler")
    start(wholesaler, "w-usage")
    make_product(db, wholesaler.business)
    make_user(db, wholesaler.business, role="staff")
    r = api.get("/subscription/usage", token=wholesaler.token)
    assert r.status_code == 200, r.json_body
    assert r.json_body == {
        "plan_code": "w-usage",
        "status": "trialing",
        "limits": [
            {"name": "active_products", "limit": 5, "used": 1, "remaining": 4},
            {"name": "staff_users", "limit": None, "used": 1, "remaining": None},
        ],
        "features": {"pay_on_delivery": False, "sales_reports": True},
    }


def test_the_grant_helper_for_other_domains_tests_gives_a_subscription_with_limits(db):
    from tests.integration.billing.helpers import grant_subscription

    wholesaler = make_actor(db, "wholesaler")
    grant_subscription(db, wholesaler.business.id, max_active_products=1)
    gating.require_good_standing(db, wholesaler.business.id)
    make_product(db, wholesaler.business)
    with pytest.raises(PlanLimitReached):
        gating.check_limit(db, wholesaler.business.id, "active_products")
