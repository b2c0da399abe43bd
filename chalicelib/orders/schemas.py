"""Request and response bodies of the cart, checkout, delivery-option and order routes."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal, get_args

from pydantic import ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from chalicelib.accounts.schemas import Address, Phone
from chalicelib.catalog.schemas import TierOut
from chalicelib.core.money import MoneyInput
from chalicelib.core.schema import Schema
from chalicelib.payments.schemas import NextAction, PaymentStatus, RefundSummary

Quantity = Annotated[int, Field(strict=True, ge=1, le=1_000_000)]
MoneyIn = Annotated[MoneyInput, Field(ge=0, le=Decimal("999999999999.99"), decimal_places=2)]
OrderStatus = Literal[
    "pending_payment", "placed", "accepted", "packed", "dispatched", "delivered", "completed", "cancelled"
]
OrderStatusValues: tuple[str, ...] = get_args(OrderStatus)


class Strict(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# --- delivery options -------------------------------------------------------------------


class _DeliveryOptionFields(Schema):
    pickup_enabled: bool = True
    pickup_address: str | None = Field(default=None, max_length=300)
    pickup_hours: str | None = Field(default=None, max_length=200)
    delivery_enabled: bool = False
    delivery_fee: MoneyIn = Decimal("0.00")
    free_delivery_threshold: MoneyIn | None = None
    regions: Annotated[list[Annotated[str, Field(min_length=1, max_length=120)]], Field(max_length=100)] = []
    lead_time_days: Annotated[int, Field(ge=0, le=60)] = 1
    pay_on_delivery_enabled: bool = False
    pay_on_delivery_max: MoneyIn | None = None


class DeliveryOptionsBody(_DeliveryOptionFields):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="after")
    def _consistent(self) -> DeliveryOptionsBody:
        if not (self.pickup_enabled or self.delivery_enabled):
            raise PydanticCustomError("no_option", "Offer pickup, delivery or both.")
        if self.pickup_enabled and not self.pickup_address:
            raise PydanticCustomError("pickup_address_required", "Give the pickup address.")
        if self.delivery_enabled and not self.regions:
            raise PydanticCustomError("regions_required", "List the regions you deliver to.")
        return self


class DeliveryOptionsOut(_DeliveryOptionFields):
    configured: bool = Field(description="False until the wholesaler saves its options (pickup only until then).")


# --- cart -----------------------------------------------------------------------------------


class AddCartItem(Strict):
    product_id: uuid.UUID
    quantity: Quantity


class UpdateCartItem(Strict):
    quantity: Quantity


class ChooseDelivery(Strict):
    wholesaler_id: uuid.UUID
    method: Literal["pickup", "delivery"]
    address: Address | None = Field(default=None, description="Omit to use your business address.")


class CartWarning(Schema):
    code: Literal["price_changed", "low_stock", "insufficient_stock", "unavailable", "region_not_served"]
    message: str


class CartLine(Schema):
    id: uuid.UUID
    product_id: uuid.UUID
    sku: str
    name: str
    unit_of_sale: str
    quantity: int
    min_order_qty: int
    order_increment: int
    unit_price: Decimal
    unit_price_when_added: Decimal
    line_total: Decimal
    stock_on_hand: int
    available: bool
    warnings: list[CartWarning]
    price_tiers: list[TierOut] = Field(description="The product's tiers, as its product page shows them.")


class CartDeliveryChoice(Schema):
    method: Literal["pickup", "delivery"]
    fee: Decimal
    address: dict[str, str] | None
    lead_time_days: int
    pickup_address: str | None
    pickup_hours: str | None
    options: list[Literal["pickup", "delivery"]]


class CartGroup(Schema):
    wholesaler_id: uuid.UUID
    wholesaler_name: str
    lines: list[CartLine]
    subtotal: Decimal
    delivery: CartDeliveryChoice
    total: Decimal
    pay_on_delivery_available: bool
    warnings: list[CartWarning]


class CartOut(Schema):
    version: str = Field(description="Changes whenever a price, quantity, total, fee or availability changes.")
    currency: str
    groups: list[CartGroup]
    items_total: Decimal
    delivery_total: Decimal
    grand_total: Decimal
    item_count: int


# --- checkout -----------------------------------------------------------------------------


class MobileMoneyPayment(Strict):
    method: Literal["mobile_money"]
    provider: Literal["mpesa", "mtn_momo", "sandbox"]
    payer_phone: Phone


class PayOnDelivery(Strict):
    method: Literal["pay_on_delivery"]


class CheckoutRequest(Strict):
    cart_version: Annotated[str, Field(min_length=1, max_length=64)]
    payment: Annotated[MobileMoneyPayment | PayOnDelivery, Field(discriminator="method")]


class OrderSummary(Schema):
    id: uuid.UUID
    number: str
    wholesaler_id: uuid.UUID
    wholesaler_name: str
    status: OrderStatus
    total: Decimal


class CheckoutOut(Schema):
    checkout_id: uuid.UUID
    orders: list[OrderSummary]
    grand_total: Decimal
    currency: str
    payment_id: uuid.UUID | None
    payment_status: PaymentStatus | None = Field(description="The mobile money payment's status when answered.")
    next_action: NextAction = Field(
        description="approve_on_phone: approve on the phone; wait: we are confirming the payment with the provider "
        "(do not pay again; poll GET /payments/{payment_id}); retry: the request failed and may be tried again "
        "(POST /payments/{payment_id}/retry); none: the orders are placed."
    )
    message: str


# --- orders -------------------------------------------------------------------------------


PaymentMethod = Literal["mobile_money", "pay_on_delivery"]
PaymentState = Literal["awaiting", "paid", "to_collect", "collected", "not_due"]


class OrderPaymentRef(Schema):
    """The newest mobile money payment of the order's checkout, open at GET /payments/{id}."""

    id: uuid.UUID
    status: PaymentStatus


class OrderListItem(Schema):
    id: uuid.UUID
    number: str
    status: OrderStatus
    retailer_id: uuid.UUID
    retailer_name: str
    wholesaler_id: uuid.UUID
    wholesaler_name: str
    payment_method: PaymentMethod
    payment_status: PaymentState = Field(description="Where the order's money stands (see `GET /orders`).")
    total: Decimal
    currency: str
    line_count: int
    expected_delivery_date: date | None = Field(
        description="Placement day + the wholesaler's lead time, or the date given at dispatch."
    )
    placed_at: datetime | None
    created_at: datetime
    payment: OrderPaymentRef | None = Field(
        description="The newest mobile money payment of the order's checkout when the caller is its payer (to pay "
        "or follow it); null for the wholesaler and for payment on delivery."
    )


class OrderPage(Schema):
    items: list[OrderListItem]
    next_cursor: str | None


class OrderLineOut(Schema):
    product_id: uuid.UUID
    sku: str
    name: str
    unit_of_sale: str
    unit_price: Decimal
    quantity: int
    line_total: Decimal


class TimelineEntry(Schema):
    kind: Literal["status_changed", "collection_recorded"] = Field(
        description="collection_recorded: money collected on delivery; `data` has amount, currency, method, "
        "reference and recorded_by (the person's name); the status does not change."
    )
    from_status: str | None
    to_status: str
    actor: str
    actor_user_id: uuid.UUID | None
    note: str | None
    data: dict[str, str | None]
    at: datetime


class DeliveryTracking(Schema):
    method: Literal["pickup", "delivery"]
    address: dict[str, str] | None
    lead_time_days: int
    driver_name: str | None
    driver_phone: str | None
    vehicle: str | None = Field(description="The registration plate of the vehicle carrying the order.")
    expected_delivery_date: date | None


class OrderOut(OrderListItem):
    subtotal: Decimal
    delivery_fee: Decimal
    amount_collected: Decimal
    invoice_number: str | None
    cancel_reason: str | None
    expires_at: datetime | None
    lines: list[OrderLineOut]
    delivery: DeliveryTracking
    timeline: list[TimelineEntry]
    refunds: list[RefundSummary] = Field(description="Money going back to the retailer for this order.")


TransitionTarget = Literal["accepted", "packed", "dispatched", "delivered", "completed", "cancelled"]
VehiclePlate = Annotated[
    str,
    Field(
        min_length=2,
        max_length=20,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9 -]*$",
        description="Registration plate, e.g. `KDA 123B`.",
    ),
]


class TransitionFields(Strict):
    to: TransitionTarget
    note: Annotated[str | None, Field(default=None, max_length=500)]
    driver_name: Annotated[str | None, Field(default=None, min_length=1, max_length=120)]
    driver_phone: Phone | None = None
    vehicle: VehiclePlate | None = None
    expected_delivery_date: date | None = None

    @field_validator("vehicle")
    @classmethod
    def _plate_upper(cls, value: str | None) -> str | None:
        return " ".join(value.upper().split()) if value else None

    @model_validator(mode="after")
    def _dispatch_details(self) -> TransitionFields:
        if self.to == "dispatched" and not (self.driver_name and self.driver_phone and self.expected_delivery_date):
            raise PydanticCustomError(
                "dispatch_details_required", "Give the driver's name and phone and the expected delivery date."
            )
        return self


class TransitionRequest(TransitionFields):
    """Dispatching needs the driver's name and phone and the expected delivery date; the vehicle is optional."""


class CancelRequest(Strict):
    reason: Annotated[str | None, Field(default=None, max_length=500)]


class ReceiptRequest(Strict):
    note: Annotated[str | None, Field(default=None, max_length=500)]


class CollectionRequest(Strict):
    amount: Annotated[MoneyInput, Field(gt=0, le=Decimal("999999999999.99"), decimal_places=2)]
    method: Literal["cash", "mobile_money"]
    reference: Annotated[str | None, Field(default=None, max_length=100)]

    @field_validator("reference")
    @classmethod
    def _reference_for_mobile_money(cls, value: str | None) -> str | None:
        return value or None


class ReorderSkipped(Schema):
    product_id: uuid.UUID
    name: str
    reason: Literal["unavailable", "insufficient_stock", "quantity_adjusted"]
    message: str


class ReorderOut(Schema):
    cart: CartOut
    added: int
    skipped: list[ReorderSkipped]
