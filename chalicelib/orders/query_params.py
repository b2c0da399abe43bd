"""A repeated `status` query parameter (`?status=placed&status=accepted`).

The query model sees one value per name (the last), so the route asks the request for
every value of `status` and checks each one as the model checks a comma-separated list.
"""

from __future__ import annotations

from chalice.app import Request

from chalicelib.core.errors import ValidationFailed, field_error
from chalicelib.orders.queue_schemas import OrderListQuery
from chalicelib.orders.schemas import OrderStatusValues


def repeated_statuses(request: Request, query: OrderListQuery) -> list[str]:
    params = request.query_params
    values = params.getlist("status") if params is not None and "status" in params else []
    if len(values) <= 1:
        return query.statuses
    statuses = {part.strip() for value in values for part in value.split(",")}
    unknown = sorted(statuses - set(OrderStatusValues))
    if unknown:
        raise ValidationFailed(
            details=[field_error("status", "invalid_status", f"Unknown status: {', '.join(unknown)}.")]
        )
    return sorted(statuses)
