"""The stock ledger: the only way stock on hand changes, for every domain.

Each change writes a `stock_movements` row (kind, signed delta, stock after it, who, and
what caused it: `reference_type`/`reference_id`, e.g. an order) in the caller's
transaction, and never lets stock go below zero:

* `apply_movement` changes one product with ONE statement: a CTE locks the row
  (`FOR UPDATE`, so it reads the newest committed stock and low-stock flag) and the
  conditional `UPDATE ... SET stock_on_hand = stock_on_hand + :delta WHERE
  stock_on_hand + :delta >= 0 RETURNING ...` applies it. No row back means the product
  is not the wholesaler's (404) or the stock is short (409), and nothing was written.
* `apply_movements` changes many products at once (checkout, cancellations, the CSV
  import): it locks them in primary-key order (so two bulk changes never deadlock),
  checks every line under the lock, and only then writes one `UPDATE ... FROM unnest(...)`
  and one `INSERT ... SELECT FROM unnest(...)` of movements. A refused batch writes nothing.
* `set_stock_levels` sets absolute levels (the CSV import) as `adjustment` movements of
  the differences, computed under the same locks.

Low stock, once per shortage: a movement that removes stock and leaves it at or below
the product's `low_stock_threshold` while no alert is outstanding writes one `LowStock`
outbox event and sets `low_stock_alerted`; further removals below the threshold do not
alert again; any movement that lifts stock above the threshold clears the flag, so the
next fall alerts anew. Movements that add stock never alert. The flag's old value comes
from the locking CTE, so the decision is made atomically with the change.

`LowStock` event (aggregate `product`): payload `{"business_id": wholesaler id,
"product_id", "sku", "name", "stock_on_hand", "threshold"}` (ids as strings).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, any_, bindparam, case, false, insert, select, text, true, update
from sqlalchemy.dialects.postgresql import ARRAY, BOOLEAN, INTEGER, UUID
from sqlalchemy.orm import Session

from chalicelib.catalog.models import Product
from chalicelib.core.clock import utcnow
from chalicelib.core.errors import field_error
from chalicelib.core.outbox import record_event
from chalicelib.inventory.errors import InsufficientStock, ProductNotFound, StockLimitExceeded, insufficient_stock
from chalicelib.inventory.models import MOVEMENT_KINDS, StockMovement

MAX_STOCK = 1_000_000_000
ADDING_KINDS = frozenset({"restock", "return", "cancel"})
REMOVING_KINDS = frozenset({"damage", "sale"})

products = cast(Table, Product.__table__)
movements_table = cast(Table, StockMovement.__table__)


@dataclass(frozen=True)
class Movement:
    """One change of one product's stock (for `apply_movements`)."""

    product_id: uuid.UUID
    kind: str
    delta: int
    note: str | None = None
    reference_type: str | None = None
    reference_id: uuid.UUID | None = None


def check_movement(kind: str, delta: int) -> None:
    """Programming errors, not user input: the routes validate what users send."""
    if kind not in MOVEMENT_KINDS:
        raise ValueError(f"unknown movement kind {kind!r}")
    if delta == 0 or (kind in ADDING_KINDS and delta < 0) or (kind in REMOVING_KINDS and delta > 0):
        raise ValueError(f"a {kind} movement cannot have delta {delta}")


def apply_movement(
    session: Session,
    *,
    product_id: uuid.UUID,
    wholesaler_id: uuid.UUID,
    kind: str,
    delta: int,
    note: str | None = None,
    reference_type: str | None = None,
    reference_id: uuid.UUID | None = None,
    actor_user_id: uuid.UUID | None = None,
    movement_id: uuid.UUID | None = None,
) -> int:
    """Applies one movement; answers the new stock on hand.

    Raises ProductNotFound (not this wholesaler's product), InsufficientStock (stock would
    fall below zero) or StockLimitExceeded, having written nothing."""
    check_movement(kind, delta)
    now = utcnow()
    before = (
        select(products.c.id, products.c.low_stock_alerted.label("was_alerted"))
        .where(products.c.id == product_id, products.c.wholesaler_id == wholesaler_id)
        .with_for_update()
        .cte("before")
    )
    new_stock = products.c.stock_on_hand + delta
    above = new_stock > products.c.low_stock_threshold
    alerted = case((above, false()), else_=true() if delta < 0 else products.c.low_stock_alerted)
    row = session.execute(
        update(products)
        .where(products.c.id == before.c.id, new_stock >= 0, new_stock <= MAX_STOCK)
        .values(stock_on_hand=new_stock, low_stock_alerted=alerted, updated_at=now)
        .returning(
            products.c.stock_on_hand,
            products.c.low_stock_threshold,
            products.c.sku,
            products.c.name,
            before.c.was_alerted,
        )
    ).one_or_none()
    if row is None:
        raise _refusal(session, product_id=product_id, wholesaler_id=wholesaler_id, delta=delta)
    stock, threshold, sku, name, was_alerted = row
    session.execute(
        insert(movements_table).values(
            id=movement_id or uuid.uuid4(),
            product_id=product_id,
            wholesaler_id=wholesaler_id,
            kind=kind,
            delta=delta,
            stock_after=stock,
            note=note,
            reference_type=reference_type,
            reference_id=reference_id,
            actor_user_id=actor_user_id,
            created_at=now,
        )
    )
    if delta < 0 and not was_alerted and stock <= threshold:
        _record_low_stock(session, wholesaler_id, product_id, sku, name, stock, threshold)
    return int(stock)


def _refusal(session: Session, *, product_id: uuid.UUID, wholesaler_id: uuid.UUID, delta: int) -> Exception:
    stock = session.scalar(
        select(products.c.stock_on_hand).where(products.c.id == product_id, products.c.wholesaler_id == wholesaler_id)
    )
    if stock is None:
        return ProductNotFound()
    if stock + delta < 0:
        return insufficient_stock(stock_on_hand=stock, delta=delta)
    return StockLimitExceeded(extra={"stock_on_hand": stock})


_BULK_UPDATE = text(
    """
    UPDATE products AS p
       SET stock_on_hand = p.stock_on_hand + m.delta,
           low_stock_alerted = m.alerted,
           updated_at = :now
      FROM unnest(:ids, :deltas, :alerted) AS m(product_id, delta, alerted)
     WHERE p.id = m.product_id AND p.stock_on_hand + m.delta >= 0
    """
).bindparams(
    bindparam("ids", type_=ARRAY(UUID(as_uuid=True))),
    bindparam("deltas", type_=ARRAY(INTEGER)),
    bindparam("alerted", type_=ARRAY(BOOLEAN)),
)

_INSERT_MOVEMENTS = text(
    """
    INSERT INTO stock_movements (id, product_id, wholesaler_id, kind, delta, stock_after, note, reference_type,
                                 reference_id, actor_user_id, created_at)
    SELECT gen_random_uuid(), m.*, CAST(:actor_user_id AS uuid), :now
      FROM unnest(CAST(:product_ids AS uuid[]), CAST(:wholesaler_ids AS uuid[]), CAST(:kinds AS text[]),
                  CAST(:deltas AS integer[]), CAST(:stocks_after AS integer[]), CAST(:notes AS text[]),
                  CAST(:reference_types AS text[]), CAST(:reference_ids AS uuid[]))
        AS m(product_id, wholesaler_id, kind, delta, stock_after, note, reference_type, reference_id)
    """
)


def _lock(session: Session, product_ids: Sequence[uuid.UUID], wholesaler_id: uuid.UUID | None) -> dict[uuid.UUID, Any]:
    statement = select(
        products.c.id,
        products.c.wholesaler_id,
        products.c.sku,
        products.c.name,
        products.c.stock_on_hand,
        products.c.low_stock_threshold,
        products.c.low_stock_alerted,
    ).where(products.c.id == any_(bindparam("ids", value=sorted(product_ids), type_=ARRAY(UUID(as_uuid=True)))))
    if wholesaler_id is not None:
        statement = statement.where(products.c.wholesaler_id == wholesaler_id)
    return {row.id: row for row in session.execute(statement.order_by(products.c.id).with_for_update())}


def apply_movements(
    session: Session,
    movements: Sequence[Movement],
    *,
    wholesaler_id: uuid.UUID | None,
    actor_user_id: uuid.UUID | None,
) -> dict[uuid.UUID, int]:
    """Applies one movement per product, all or none; answers the new stock of each product.

    `wholesaler_id` scopes the products (None: any owner, for callers that already checked,
    e.g. a checkout spanning wholesalers). Raises ProductNotFound or InsufficientStock
    (with every short product in `shortages`) having written nothing."""
    if not movements:
        return {}
    ids = [movement.product_id for movement in movements]
    if len(set(ids)) != len(ids):
        raise ValueError("apply_movements takes one movement per product")
    for movement in movements:
        check_movement(movement.kind, movement.delta)
    locked = _lock(session, ids, wholesaler_id)
    return _apply_locked(session, locked, movements, actor_user_id=actor_user_id)


def set_stock_levels(
    session: Session,
    levels: Mapping[uuid.UUID, int],
    *,
    wholesaler_id: uuid.UUID,
    note: str,
    actor_user_id: uuid.UUID | None,
) -> int:
    """Sets absolute stock levels through `adjustment` movements of the differences (none
    where the level is already right); answers the number of movements written."""
    locked = _lock(session, list(levels), wholesaler_id)
    if len(locked) != len(levels):
        raise ProductNotFound()
    movements = [
        Movement(product_id=product_id, kind="adjustment", delta=level - locked[product_id].stock_on_hand, note=note)
        for product_id, level in levels.items()
        if level != locked[product_id].stock_on_hand
    ]
    _apply_locked(session, locked, movements, actor_user_id=actor_user_id)
    return len(movements)


def _apply_locked(
    session: Session,
    locked: Mapping[uuid.UUID, Any],
    movements: Sequence[Movement],
    *,
    actor_user_id: uuid.UUID | None,
) -> dict[uuid.UUID, int]:
    if not movements:
        return {}
    missing = [m.product_id for m in movements if m.product_id not in locked]
    if missing:
        raise ProductNotFound(extra={"product_ids": [str(product_id) for product_id in missing]})
    shortages = [m for m in movements if locked[m.product_id].stock_on_hand + m.delta < 0]
    if shortages:
        raise InsufficientStock(
            details=[
                field_error(
                    str(m.product_id),
                    "insufficient_stock",
                    f"Only {locked[m.product_id].stock_on_hand} of {locked[m.product_id].sku} in stock.",
                )
                for m in shortages
            ],
            extra={
                "shortages": [
                    {
                        "product_id": str(m.product_id),
                        "stock_on_hand": locked[m.product_id].stock_on_hand,
                        "delta": m.delta,
                    }
                    for m in shortages
                ]
            },
        )
    if any(locked[m.product_id].stock_on_hand + m.delta > MAX_STOCK for m in movements):
        raise StockLimitExceeded()
    now = utcnow()
    after: dict[uuid.UUID, int] = {}
    flags: list[bool] = []
    alerts: list[tuple[Any, int]] = []
    for m in movements:
        row = locked[m.product_id]
        stock = row.stock_on_hand + m.delta
        after[m.product_id] = stock
        if stock > row.low_stock_threshold:
            flags.append(False)
        elif m.delta < 0:
            flags.append(True)
            if not row.low_stock_alerted:
                alerts.append((row, stock))
        else:
            flags.append(row.low_stock_alerted)
    session.execute(
        _BULK_UPDATE,
        {
            "ids": [m.product_id for m in movements],
            "deltas": [m.delta for m in movements],
            "alerted": flags,
            "now": now,
        },
    )
    session.execute(
        _INSERT_MOVEMENTS,
        {
            "product_ids": [m.product_id for m in movements],
            "wholesaler_ids": [locked[m.product_id].wholesaler_id for m in movements],
            "kinds": [m.kind for m in movements],
            "deltas": [m.delta for m in movements],
            "stocks_after": [after[m.product_id] for m in movements],
            "notes": [m.note for m in movements],
            "reference_types": [m.reference_type for m in movements],
            "reference_ids": [m.reference_id for m in movements],
            "actor_user_id": actor_user_id,
            "now": now,
        },
    )
    for row, stock in alerts:
        _record_low_stock(session, row.wholesaler_id, row.id, row.sku, row.name, stock, row.low_stock_threshold)
    return after


def _record_low_stock(
    session: Session, wholesaler_id: uuid.UUID, product_id: uuid.UUID, sku: str, name: str, stock: int, threshold: int
) -> None:
    record_event(
        session,
        "LowStock",
        aggregate_type="product",
        aggregate_id=product_id,
        payload={
            "business_id": str(wholesaler_id),
            "product_id": str(product_id),
            "sku": sku,
            "name": name,
            "stock_on_hand": stock,
            "threshold": threshold,
        },
    )
