"""Request and response bodies of the payments routes."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from chalicelib.accounts.schemas import Phone
from chalicelib.core.money import MoneyInput
from chalicelib.core.schema import Schema


def _iso_day(value: object) -> object:
    """Only `YYYY-MM-DD` (as the document's `format: date` says), not a Unix time like `0`."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise PydanticCustomError("date_format", "Use a day as YYYY-MM-DD.")
    return value


IsoDay = Annotated[date, BeforeValidator(_iso_day)]

PaymentStatus = Literal["pending", "succeeded", "failed", "needs_review", "refunded", "partially_refunded"]
RefundStatus = Literal["open", "sent", "completed", "failed"]
RefundCause = Literal[
    "cancelled_order",
    "late_payment",
    "duplicate_collection",
    "orphan_collection",
    "needs_review",
    "invoice_already_settled",
    "manual",
]
NextAction = Literal["approve_on_phone", "wait", "retry", "none"]
Provider = Literal["mpesa", "mtn_momo", "sandbox"]
Purpose = Literal["checkout", "order_collection", "subscription"]
Reference = Annotated[str, Field(min_length=1, max_length=100)]
Cursor = Annotated[str | None, Field(default=None, max_length=500)]
Limit = Annotated[int, Field(default=20, ge=1, le=100)]


class Strict(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# --- the payer's view ------------------------------------------------------------------


class PaymentOrder(Schema):
    id: uuid.UUID
    number: str
    status: str
    total: Decimal
    wholesaler_id: uuid.UUID


class RefundSummary(Schema):
    """A refund as the payer sees it, on its payment and on its order."""

    id: uuid.UUID
    status: RefundStatus
    cause: RefundCause
    amount: Decimal
    currency: str
    reason: str
    payment_id: uuid.UUID | None
    order_id: uuid.UUID | None
    order_number: str | None
    reference: str | None = Field(description="The payout's reference (e.g. the M-Pesa transaction code).")
    created_at: datetime
    sent_at: datetime | None
    completed_at: datetime | None


class PaymentOut(Schema):
    id: uuid.UUID
    purpose: Purpose
    method: str
    provider: str | None
    status: PaymentStatus
    amount: Decimal
    charged_amount: Decimal | None = Field(description="What the provider was asked for (M-Pesa rounds up).")
    currency: str
    payer_phone: str | None
    receipt: str | None
    failure_reason: str | None
    failure_message: str | None
    late: bool
    attempts: int
    can_retry: bool
    retry_until: datetime | None
    next_action: NextAction = Field(
        description="approve_on_phone: the phone asks for approval; wait: we are confirming the payment with the "
        "provider (do not pay again); retry: it failed and may be tried again; none: nothing to do."
    )
    message: str
    orders: list[PaymentOrder]
    refunds: list[RefundSummary]
    created_at: datetime
    settled_at: datetime | None


class RetryRequest(Strict):
    payer_phone: Phone | None = Field(default=None, description="Pay from another number; the same one if omitted.")


# --- webhooks --------------------------------------------------------------------------


class WebhookAck(Schema):
    """Daraja's expected acknowledgement; MTN MoMo only looks at the 200."""

    ResultCode: int
    ResultDesc: str


# --- admin: ledger, refunds, reconciliation -----------------------------------------------


class AdminPaymentQuery(Strict):
    status: PaymentStatus | None = None
    provider: Provider | None = None
    purpose: Purpose | None = None
    date_from: IsoDay | None = Field(default=None, description="Created on or after this day (UTC).")
    date_to: IsoDay | None = Field(default=None, description="Created on or before this day (UTC).")
    q: Annotated[str | None, Field(default=None, min_length=1, max_length=100)] = Field(
        default=None,
        description="A provider reference (ours or the provider's request id), a receipt, an order number "
        "(of an order settled or refunded) or the payer's phone; matched exactly, case aside.",
    )
    cursor: Cursor
    limit: Limit


class AdminPaymentItem(Schema):
    id: uuid.UUID
    payer_business_id: uuid.UUID
    payer_name: str
    purpose: Purpose
    method: str
    provider: str | None
    provider_reference: str | None
    status: PaymentStatus
    amount: Decimal
    charged_amount: Decimal | None
    currency: str
    receipt: str | None
    failure_reason: str | None
    late: bool
    attempts: int
    created_at: datetime
    settled_at: datetime | None


class AdminPaymentPage(Schema):
    items: list[AdminPaymentItem]
    next_cursor: str | None


class RefundRequest(Strict):
    amount: Annotated[MoneyInput, Field(gt=0, le=Decimal("999999999999.99"), decimal_places=2)]
    reason: Annotated[str, Field(min_length=3, max_length=500)]
    order_id: uuid.UUID | None = Field(
        default=None,
        description="The order the refund is for, when the payment paid for several; "
        "a payment that paid for one order refunds that order.",
    )


class CompleteRefundRequest(Strict):
    reference: Reference


class RefundSentRequest(Strict):
    reference: Reference = Field(description="The payout's reference (e.g. the M-Pesa B2C or bank transfer code).")


class RefundFailedRequest(Strict):
    reason: Annotated[str, Field(min_length=3, max_length=300)]


class RefundOut(RefundSummary):
    """A refund as the platform's staff see it: where the money goes back to, and from what."""

    payment_status: PaymentStatus | None
    payer_business_id: uuid.UUID | None
    provider: str | None
    payer_phone: str | None = Field(description="Where the money goes back to.")
    provider_message_id: uuid.UUID | None = Field(description="For an orphan collection: the provider's message.")
    failure_reason: str | None


class AdminRefundQuery(Strict):
    status: RefundStatus | None = None
    cause: RefundCause | None = None
    provider: Provider | None = None
    payer_business_id: uuid.UUID | None = None
    date_from: IsoDay | None = Field(default=None, description="Opened on or after this day (UTC).")
    date_to: IsoDay | None = Field(default=None, description="Opened on or before this day (UTC).")
    cursor: Cursor
    limit: Limit


class AdminRefundItem(RefundOut):
    payer_name: str | None


class AdminRefundPage(Schema):
    items: list[AdminRefundItem]
    next_cursor: str | None


class ReviewResolution(Strict):
    """How an admin settles a payment the provider and we disagreed about, after checking
    with the provider: `credit` (the money arrived: place the orders if they still can be,
    else refund), `refund` (the money arrived but must go back) or `fail` (it never arrived)."""

    resolution: Literal["credit", "refund", "fail"]
    note: Annotated[str, Field(min_length=3, max_length=500)]
    receipt: Annotated[str | None, Field(default=None, min_length=1, max_length=100)] = None


class ReconciliationQuery(Strict):
    day: IsoDay = Field(alias="date", description="The UTC day to reconcile, e.g. 2026-11-24.")


class ReconciliationLine(Schema):
    provider: str
    reference: str
    payment_id: uuid.UUID | None
    provider_amount: Decimal | None
    ledger_amount: Decimal | None
    receipt: str | None
    refund_id: uuid.UUID | None = Field(default=None, description="The refund opened for an orphan collection.")


class ReconciliationReport(Schema):
    date: date
    matched: list[ReconciliationLine]
    amount_differences: list[ReconciliationLine]
    missing_in_ledger: list[ReconciliationLine] = Field(description="The provider reported money we did not credit.")
    missing_at_provider: list[ReconciliationLine] = Field(description="Credited without a provider receipt that day.")
    credited_other_day: list[ReconciliationLine] = Field(
        description="A provider receipt of that day for a payment credited on another day (e.g. a callback just "
        "before midnight): not missing, but counted in provider_total only."
    )
    provider_total: Decimal
    ledger_total: Decimal


# --- settlements ----------------------------------------------------------------------------


SettlementStatus = Literal["due", "paid", "cancelled"]
SETTLEMENT_STATUS_ORDER: tuple[SettlementStatus, ...] = ("due", "paid", "cancelled")


class SettlementQuery(Strict):
    status: SettlementStatus | None = None
    date_from: IsoDay | None = Field(default=None, description="Opened (the order paid) on or after this day (UTC).")
    date_to: IsoDay | None = Field(default=None, description="Opened (the order paid) on or before this day (UTC).")
    cursor: Cursor
    limit: Limit


class SettlementOut(Schema):
    id: uuid.UUID
    order_id: uuid.UUID
    order_number: str
    payment_id: uuid.UUID
    currency: str
    order_total: Decimal
    commission_rate: Decimal
    commission: Decimal
    amount_due: Decimal
    status: SettlementStatus
    held: bool = Field(
        description="Due but not payable yet: a refund on its order is under way, or its payment is in review."
    )
    refunded: Decimal = Field(description="Refunds to the retailer for this order (open, sent or completed).")
    payout_reference: str | None
    paid_at: datetime | None
    created_at: datetime


class SettlementSummary(Schema):
    """Sums over the settlements in the asked date range, whatever the `status` filter."""

    due: Decimal = Field(description="Owed and payable now: due settlements that are not held.")
    held: Decimal = Field(description="Owed but held (see `SettlementOut.held`).")
    paid: Decimal = Field(description="Paid out.")
    cancelled: Decimal = Field(description="Of orders cancelled before the payout: not owed.")
    currency: str


class SettlementPage(Schema):
    items: list[SettlementOut]
    next_cursor: str | None
    total_due: Decimal = Field(description="Everything owed (payable and held), over all time.")
    total_paid: Decimal = Field(description="Everything paid out, over all time.")
    currency: str
    summary: SettlementSummary


class PayoutRequest(Strict):
    reference: Reference
