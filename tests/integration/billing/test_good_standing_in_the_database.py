"""Good standing has one definition: billing's `GOOD_STANDING`. The catalog listings'
triggers (migration 0009) keep their own copy in SQL; these tests fail the day the two
disagree, status by status, and as the status moves."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from chalicelib.billing.models import GOOD_STANDING, SUBSCRIPTION_STATUSES, Subscription
from chalicelib.catalog.models import CatalogListing
from tests.support.factories import make_actor, make_product, subscribe


def listed_in_good_standing(db, product_id) -> bool:
    db.expire_all()
    return db.scalar(select(CatalogListing.wholesaler_in_good_standing).where(CatalogListing.product_id == product_id))


@pytest.mark.parametrize("status", SUBSCRIPTION_STATUSES)
def test_the_listing_triggers_count_the_same_statuses_as_billing(db, status):
    wholesaler = make_actor(db, "wholesaler")
    product = make_product(db, wholesaler.business)

    subscribe(db, wholesaler.business.id, status=status)
    db.flush()

    assert listed_in_good_standing(db, product.id) is (status in GOOD_STANDING)


def test_the_listing_follows_the_subscription_as_its_status_moves(db):
    wholesaler = make_actor(db, "wholesaler")
    product = make_product(db, wholesaler.business)
    subscription = subscribe(db, wholesaler.business.id, status="active")
    seen = []
    for status in ("past_due", "suspended", "active", "trialing", "incomplete"):
        db.execute(Subscription.__table__.update().where(Subscription.id == subscription.id).values(status=status))
        seen.append((status, listed_in_good_standing(db, product.id)))
    assert seen == [(status, status in GOOD_STANDING) for status, _ in seen]
