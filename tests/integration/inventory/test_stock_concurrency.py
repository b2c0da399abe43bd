"""Stock under contention: many units of work, each on its own connection, at the same time."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business, User
from chalicelib.catalog.models import Category, Product
from chalicelib.core.db import unit_of_work
from chalicelib.core.outbox import OutboxEvent
from chalicelib.core.principal import Principal
from chalicelib.inventory import movements
from chalicelib.inventory.errors import InsufficientStock
from chalicelib.inventory.models import StockMovement
from chalicelib.inventory.schemas import StockChange
from chalicelib.inventory.stock import Movement, apply_movements

pytestmark = pytest.mark.concurrency

THREADS = 20


def seed_wholesaler(session: Session) -> Principal:
    business = Business(
        id=uuid.uuid4(),
        kind="wholesaler",
        name="Contended Supplies",
        registration_number=f"BN-{uuid.uuid4().hex[:8]}",
        tax_id="P051234567X",
        phone="+254712345678",
        email="contended@example.co.ke",
        address_line="1 Moi Avenue",
        city="Nairobi",
        region="Nairobi",
        country="KE",
        verification_status="verified",
    )
    user = User(
        id=uuid.uuid4(),
        business_id=business.id,
        role="owner",
        status="active",
        email=f"owner-{uuid.uuid4().hex[:8]}@example.co.ke",
        full_name="Contended Owner",
    )
    session.add(business)
    session.flush()
    session.add(user)
    session.flush()
    return Principal(
        user_id=user.id,
        session_id=uuid.uuid4(),
        role="owner",
        business_id=business.id,
        business_kind="wholesaler",
        email_verified=True,
    )


def seed_product(session: Session, principal: Principal, category: Category, sku: str, stock: int) -> uuid.UUID:
    assert principal.business_id is not None
    product = Product(
        id=uuid.uuid4(),
        wholesaler_id=principal.business_id,
        sku=sku,
        name=f"Product {sku}",
        category_id=category.id,
        unit_of_sale="carton",
        price_at_moq=Decimal("100.00"),
        low_stock_threshold=10,
    )
    session.add(product)
    session.flush()
    session.add(
        StockMovement(
            id=uuid.uuid4(),
            product_id=product.id,
            wholesaler_id=principal.business_id,
            kind="restock",
            delta=stock,
            stock_after=stock,
        )
    )
    product.stock_on_hand = stock
    session.flush()
    return product.id


def run_together(work: Callable[[int], str]) -> Counter[str]:
    """Runs `work(i)` in THREADS threads released at once; counts their outcomes."""
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(i: int) -> None:
        barrier.wait()
        try:
            outcome = work(i)
        except Exception as exc:  # anything unexpected is an outcome the test will show
            outcome = f"unexpected {type(exc).__name__}: {exc}"
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return Counter(outcomes)


def stock_and_ledger(session: Session, product_id: uuid.UUID) -> tuple[int, int]:
    session.expire_all()
    stock = session.scalar(select(Product.stock_on_hand).where(Product.id == product_id))
    ledger = session.scalar(select(func.sum(StockMovement.delta)).where(StockMovement.product_id == product_id))
    return int(stock or 0), int(ledger or 0)


def test_concurrent_removals_never_oversell(committed_db: Session) -> None:
    category = Category(id=uuid.uuid4(), slug="contended", name="Contended", position=0)
    committed_db.add(category)
    principal = seed_wholesaler(committed_db)
    product_id = seed_product(committed_db, principal, category, "HOT-1", stock=50)
    committed_db.commit()

    def remove_four(_: int) -> str:
        with unit_of_work() as uow:
            try:
                movements.change_stock(
                    uow.session,
                    principal=principal,
                    product_id=product_id,
                    request=StockChange(reason="adjustment", delta=-4, note="counted short"),
                )
            except InsufficientStock:
                return "refused"
            uow.commit()
            return "removed"

    outcomes = run_together(remove_four)

    assert outcomes == Counter({"removed": 12, "refused": 8})
    assert stock_and_ledger(committed_db, product_id) == (2, 2)
    assert committed_db.scalar(select(func.min(StockMovement.stock_after))) == 2
    # 50 -> 10 crosses the threshold of 10 exactly once, whatever the interleaving.
    assert committed_db.scalar(select(func.count()).where(OutboxEvent.event_type == "LowStock")) == 1


def test_concurrent_bulk_movements_lock_in_a_fixed_order(committed_db: Session) -> None:
    category = Category(id=uuid.uuid4(), slug="contended-bulk", name="Contended bulk", position=0)
    committed_db.add(category)
    principal = seed_wholesaler(committed_db)
    a = seed_product(committed_db, principal, category, "A", stock=100)
    b = seed_product(committed_db, principal, category, "B", stock=30)
    committed_db.commit()

    def sell_both(i: int) -> str:
        pair = [Movement(a, "sale", -5), Movement(b, "sale", -2)]
        with unit_of_work() as uow:
            try:
                apply_movements(uow.session, pair if i % 2 else pair[::-1], wholesaler_id=None, actor_user_id=None)
            except InsufficientStock:
                return "refused"
            uow.commit()
            return "sold"

    outcomes = run_together(sell_both)

    assert outcomes == Counter({"sold": 15, "refused": 5})
    assert stock_and_ledger(committed_db, a) == (25, 25)
    assert stock_and_ledger(committed_db, b) == (0, 0)
