"""Two admins recording overlapping bulk payouts at once, each on its own connection and unit
of work, through the function the route calls: one wins whole, the other is refused whole,
and neither waits on the other forever (the settlements are locked in id order)."""

from __future__ import annotations

import json
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from chalicelib.core.audit import AuditEntry
from chalicelib.core.db import unit_of_work
from chalicelib.core.principal import Principal
from chalicelib.orders import cart, checkout
from chalicelib.orders.schemas import CheckoutRequest
from chalicelib.payments import settlement_admin
from chalicelib.payments.errors import SettlementAlreadyPaid
from chalicelib.payments.models import Settlement
from chalicelib.payments.providers.daraja_shapes import callback_body
from chalicelib.payments.settlement_schemas import BulkPayoutRequest
from chalicelib.payments.webhook import RawCallback, receive
from tests.integration.payments.support import KENYAN_PHONE, token_for
from tests.support.factories import make_actor, make_product, make_user

pytestmark = pytest.mark.concurrency


def _committed(build):
    with unit_of_work() as uow:
        result = build(uow.session)
        uow.commit()
    return result


def _principal(user_id: uuid.UUID, role: str, business_id=None, kind=None) -> Principal:
    return Principal(
        user_id=user_id,
        session_id=uuid.uuid4(),
        role=role,
        business_id=business_id,
        business_kind=kind,
        email_verified=True,
    )


def _paid_settlement(daraja) -> uuid.UUID:
    wholesaler = _committed(lambda s: make_actor(s, "wholesaler"))
    product = _committed(lambda s: make_product(s, wholesaler.business, tiers=[(1, "250.00")], stock=10))
    retailer = _committed(lambda s: make_actor(s, "retailer"))
    buyer = _principal(retailer.user.id, "owner", retailer.business.id, "retailer")

    def fill(session):
        cart.add_item(session, principal=buyer, product_id=product.id, quantity=2)
        return cart.priced_cart(session, principal=buyer).version

    body = CheckoutRequest.model_validate(
        {
            "cart_version": _committed(fill),
            "payment": {"method": "mobile_money", "provider": "mpesa", "payer_phone": KENYAN_PHONE},
        }
    )
    _committed(lambda s: checkout.place_checkout(s, principal=buyer, idempotency_key=str(uuid.uuid4()), body=body))
    reference = daraja.last_reference
    daraja.answer(reference, 0)
    callback = callback_body(
        merchant_request_id="1",
        checkout_request_id=reference,
        result_code=0,
        result_desc="ok",
        amount=Decimal("500"),
        receipt=f"NLJ{uuid.uuid4().hex[:7].upper()}",
        phone="254712345678",
    )
    raw = RawCallback(
        provider="mpesa",
        token=token_for("mpesa"),
        method="POST",
        body=json.dumps(callback).encode(),
        headers={"content-type": "application/json"},
        source_ip="196.201.214.200",
    )
    assert receive(raw).status == 200
    return _committed(
        lambda s: s.scalar(select(Settlement.id).where(Settlement.wholesaler_id == wholesaler.business.id))
    )


def test_overlapping_bulk_payouts_at_once_pay_each_settlement_once(committed_db, daraja):
    first, second = _paid_settlement(daraja), _paid_settlement(daraja)
    admins = [_committed(lambda s: make_user(s, None, role="admin")).id for _ in range(2)]
    batches = [("BATCH-A", [first, second]), ("BATCH-B", [second, first])]
    start = threading.Barrier(2)

    def pay(n: int) -> str:
        reference, ids = batches[n]
        body = BulkPayoutRequest(settlement_ids=ids, reference=reference)
        start.wait()
        try:
            with unit_of_work() as uow:
                settlement_admin.pay_out_settlements(
                    uow.session, principal=_principal(admins[n], "admin"), body=body, source_ip=None
                )
                uow.commit()
        except SettlementAlreadyPaid as refused:
            return f"refused {sorted(refused.extra['settlement_ids'])}"
        return "paid"

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(pay, range(2)))

    assert sorted(outcomes) == ["paid", f"refused {sorted([str(first), str(second)])}"]
    committed_db.expire_all()
    rows = committed_db.execute(select(Settlement.status, Settlement.payout_reference)).all()
    winner = batches[outcomes.index("paid")][0]
    assert sorted(rows) == [("paid", winner), ("paid", winner)]
    audits = committed_db.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "settlements.paid_out")
    )
    assert audits == 1
