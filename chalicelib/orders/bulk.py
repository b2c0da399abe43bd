"""Moving many of a wholesaler's orders at once (`POST /orders/transitions`).

Each order is moved inside its own savepoint, so an order the state machine (or the
subscription, or a missing reason) refuses is rolled back alone and reported, while the
others stay moved. Orders are locked in primary-key order, as every other multi-order
lock is taken, so a bulk move never deadlocks with another; the answer keeps the
request's order. An order already in the target status is reported `ok` with
`changed: false` and nothing is written for it, so a retried request is harmless.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from chalicelib.core.errors import DomainError
from chalicelib.core.principal import Principal
from chalicelib.orders import repository
from chalicelib.orders.errors import OrderNotFound
from chalicelib.orders.queue_schemas import (
    BulkTransitionError,
    BulkTransitionOut,
    BulkTransitionRequest,
    BulkTransitionResult,
)
from chalicelib.orders.service import apply_transition


def _error_of(error: DomainError) -> BulkTransitionError:
    message = error.message
    if error.details:
        message = "; ".join(str(detail.get("message", "")) for detail in error.details) or message
    return BulkTransitionError(code=error.code, message=message)


def _move_one(
    session: Session,
    *,
    principal: Principal,
    order_id: uuid.UUID,
    request: BulkTransitionRequest,
    source_ip: str | None,
) -> BulkTransitionResult:
    business_id = principal.require_business_id()
    number: str | None = None
    try:
        with session.begin_nested():
            order = repository.get_order(session, business_id, order_id, lock=True)
            if order is None or order.wholesaler_id != business_id:
                raise OrderNotFound()
            number = order.number
            if order.status == request.to:
                return BulkTransitionResult(
                    id=order_id, number=number, ok=True, status=order.status, changed=False, error=None
                )
            apply_transition(session, principal=principal, order=order, request=request, source_ip=source_ip)
            session.flush()
            return BulkTransitionResult(
                id=order_id, number=number, ok=True, status=order.status, changed=True, error=None
            )
    except DomainError as error:
        current = repository.get_order(session, business_id, order_id) if number is not None else None
        if current is not None:
            session.refresh(current)
        return BulkTransitionResult(
            id=order_id,
            number=number,
            ok=False,
            status=current.status if current is not None else None,
            changed=False,
            error=_error_of(error),
        )


def transition_many(
    session: Session, *, principal: Principal, request: BulkTransitionRequest, source_ip: str | None
) -> BulkTransitionOut:
    wanted = list(dict.fromkeys(request.order_ids))
    results = {
        order_id: _move_one(session, principal=principal, order_id=order_id, request=request, source_ip=source_ip)
        for order_id in sorted(wanted)
    }
    ordered = [results[order_id] for order_id in wanted]
    succeeded = sum(1 for result in ordered if result.ok)
    return BulkTransitionOut(results=ordered, succeeded=succeeded, failed=len(ordered) - succeeded)
