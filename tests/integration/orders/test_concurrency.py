"""Checkouts racing for the last units and for one idempotency key, each on its own
connection and transaction, through the same service the route calls.

(chalice.test.Client is not used from several threads: a Chalice app keeps the current
request on the app object, which is safe in Lambda, one request per container, but not
across threads of one process.)
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from chalicelib.catalog.models import Product
from chalicelib.core.db import unit_of_work
from chalicelib.core.errors import DomainError
from chalicelib.core.principal import Principal
from chalicelib.inventory.models import StockMovement
from chalicelib.orders import cart, checkout
from chalicelib.orders.models import Order
from chalicelib.orders.schemas import CheckoutRequest
from tests.support.factories import Actor, make_actor, make_product


def _committed(build):
    with unit_of_work() as uow:
        result = build(uow.session)
        uow.commit()
    return result


def _principal(actor: Actor) -> Principal:
    return Principal(
        user_id=actor.user.id,
        session_id=uuid.uuid4(),
        role="owner",
        business_id=actor.business.id,
        business_kind="retailer",
        email_verified=True,
    )


def _fill_cart(actor: Actor, product: Product, quantity: int) -> str:
    def build(session):
        cart.add_item(session, principal=_principal(actor), product_id=product.id, quantity=quantity)
        return cart.priced_cart(session, principal=_principal(actor)).version

    return _committed(build)


def _checkout(actor: Actor, version: str, key: str) -> str:
    body = CheckoutRequest.model_validate({"cart_version": version, "payment": {"method": "pay_on_delivery"}})
    try:
        with unit_of_work() as uow:
            result = checkout.place_checkout(uow.session, principal=_principal(actor), idempotency_key=key, body=body)
            uow.commit()
        return str(result.checkout_id)
    except DomainError as error:
        return error.code


def _pod_wholesaler(session):
    from chalicelib.orders.models import DeliveryOptions

    actor = make_actor(session, "wholesaler")
    session.add(
        DeliveryOptions(
            wholesaler_id=actor.business.id, pickup_enabled=True, pickup_address="Road A", pay_on_delivery_enabled=True
        )
    )
    return actor


def test_fifty_checkouts_for_the_last_twenty_units_sell_exactly_twenty(committed_db):
    wholesaler = _committed(_pod_wholesaler)
    product = _committed(lambda s: make_product(s, wholesaler.business, stock=20))
    retailers = _committed(lambda s: [make_actor(s, "retailer") for _ in range(50)])
    versions = [_fill_cart(retailer, product, 1) for retailer in retailers]

    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(
            pool.map(lambda pair: _checkout(pair[0], pair[1], str(uuid.uuid4())), zip(retailers, versions, strict=True))
        )

    assert sum(1 for outcome in outcomes if outcome == "insufficient_stock") == 30
    assert len({outcome for outcome in outcomes if outcome != "insufficient_stock"}) == 20
    committed_db.expire_all()
    assert committed_db.get(Product, product.id).stock_on_hand == 0
    assert committed_db.scalar(select(func.sum(StockMovement.delta)).where(StockMovement.kind == "sale")) == -20
    assert committed_db.scalar(select(func.count()).select_from(Order)) == 20


def test_ten_identical_checkouts_with_one_key_place_one_set_of_orders(committed_db):
    wholesaler = _committed(_pod_wholesaler)
    products = _committed(lambda s: [make_product(s, wholesaler.business, stock=100) for _ in range(3)])
    retailer = _committed(lambda s: make_actor(s, "retailer"))
    version = ""
    for product in products:
        version = _fill_cart(retailer, product, 2)
    key = str(uuid.uuid4())

    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(pool.map(lambda _: _checkout(retailer, version, key), range(10)))

    assert len(set(outcomes)) == 1
    assert uuid.UUID(outcomes[0])
    assert committed_db.scalar(select(func.count()).select_from(Order)) == 1
    assert [p.stock_on_hand for p in committed_db.scalars(select(Product).order_by(Product.sku))] == [98, 98, 98]
