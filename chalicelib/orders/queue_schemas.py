"""Request and response bodies of the wholesaler's order queue: the list's filters, the pick
list and bulk transitions."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from chalicelib.core.schema import Schema
from chalicelib.orders.schemas import OrderStatus, PaymentMethod, PaymentState, Strict, TransitionFields
from chalicelib.payments.schemas import IsoDay

ORDER_STATUS_LIST_PATTERN = (
    r"^(pending_payment|placed|accepted|packed|dispatched|delivered|completed|cancelled)"
    r"(,(pending_payment|placed|accepted|packed|dispatched|delivered|completed|cancelled))*$"
)
OrderSort = Literal["newest", "oldest", "delivery_date"]


class OrderListQuery(Strict):
    status: Annotated[
        str | None,
        Field(
            default=None,
            max_length=200,
            pattern=ORDER_STATUS_LIST_PATTERN,
            description="One status or several, comma-separated (`placed,accepted`) or the parameter repeated.",
        ),
    ]
    payment_method: PaymentMethod | None = None
    payment_status: PaymentState | None = Field(
        default=None,
        description="awaiting: mobile money not paid yet; paid: mobile money received; to_collect: payment on "
        "delivery with money outstanding; collected: payment on delivery fully collected; not_due: cancelled "
        "before any money was due.",
    )
    delivery_date_from: IsoDay | None = Field(default=None, description="Expected delivery on or after this day.")
    delivery_date_to: IsoDay | None = Field(default=None, description="Expected delivery on or before this day.")
    placed_from: IsoDay | None = Field(default=None, description="Placed on or after this day (UTC).")
    placed_to: IsoDay | None = Field(default=None, description="Placed on or before this day (UTC).")
    q: Annotated[
        str | None,
        Field(
            default=None,
            min_length=1,
            max_length=100,
            description="An order number (`ORD-000123`, or its digits) or part of the other party's name.",
        ),
    ]
    sort: OrderSort = Field(
        default="newest",
        description="newest / oldest: by creation; delivery_date: soonest expected delivery first, "
        "orders without a date last.",
    )
    cursor: Annotated[str | None, Field(default=None, max_length=500)]
    limit: Annotated[int, Field(default=20, ge=1, le=100)]

    @model_validator(mode="after")
    def _ranges_in_order(self) -> OrderListQuery:
        for start, end in (("delivery_date_from", "delivery_date_to"), ("placed_from", "placed_to")):
            first, last = getattr(self, start), getattr(self, end)
            if first is not None and last is not None and first > last:
                raise PydanticCustomError("range_reversed", f"{start} is after {end}.")
        return self

    @property
    def statuses(self) -> list[str]:
        return sorted(set(self.status.split(","))) if self.status else []


MAX_BULK_TRANSITIONS = 100
MAX_PICK_LIST_ORDERS = 200


class BulkTransitionRequest(TransitionFields):
    order_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=MAX_BULK_TRANSITIONS)]


class BulkTransitionError(Schema):
    code: str
    message: str


class BulkTransitionResult(Schema):
    id: uuid.UUID
    number: str | None = Field(description="Null when no order of yours has this id.")
    ok: bool
    status: OrderStatus | None = Field(description="The order's status after the attempt; null when not found.")
    changed: bool = Field(description="False when the order already had the target status (nothing written).")
    error: BulkTransitionError | None


class BulkTransitionOut(Schema):
    results: list[BulkTransitionResult] = Field(description="One per requested id, in the request's order.")
    succeeded: int
    failed: int


class PickListRequest(Strict):
    order_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=MAX_PICK_LIST_ORDERS)]


class PickListOrder(Schema):
    id: uuid.UUID
    number: str
    status: OrderStatus
    retailer_name: str
    delivery_method: Literal["pickup", "delivery"]
    delivery_address: dict[str, str] | None
    expected_delivery_date: date | None
    line_count: int


class PickListOrderQuantity(Schema):
    order_id: uuid.UUID
    number: str
    quantity: int


class PickListLine(Schema):
    product_id: uuid.UUID
    sku: str
    gtin: str | None
    name: str
    unit_of_sale: str
    pack_size: int
    total_quantity: int
    orders: list[PickListOrderQuantity] = Field(description="How many of the total each order takes, by number.")


class PickListOut(Schema):
    generated_at: datetime
    orders: list[PickListOrder] = Field(description="By expected delivery date, then number.")
    lines: list[PickListLine] = Field(description="One per product, by SKU.")
