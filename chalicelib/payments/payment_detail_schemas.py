"""The response of `GET /admin/payments/{id}`: one payment with what a person resolving it
needs (the requests sent to the provider, the provider's messages, the admins' actions, what
it paid for, its refunds and the settlements it funded)."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import Field

from chalicelib.core.schema import Schema
from chalicelib.payments.schemas import AdminPaymentItem, PaymentOrder, RefundOut
from chalicelib.payments.settlement_schemas import AdminSettlementItem


class ProviderRequest(Schema):
    """One collection request sent to the provider (e.g. an STK Push); `outcome` null while open."""

    number: int
    provider: str
    reference: str | None
    payer_phone: str
    requested_at: datetime
    outcome: str | None
    closed_at: datetime | None


class ProviderMessageOut(Schema):
    """A provider's callback or a status-query answer about this payment, as logged (the raw
    body and headers stay in the log)."""

    id: uuid.UUID
    kind: str
    provider: str
    provider_transaction_id: str | None
    reference: str | None
    received_at: datetime
    outcome: str = Field(description="What we did with it, e.g. processed, no_effect, rejected.")
    reason: str | None
    result: str | None = Field(description="succeeded | failed | pending | unknown")
    amount: Decimal | None
    currency: str | None
    receipt: str | None
    processed_at: datetime | None


class PaymentAction(Schema):
    """An audited action on the payment (a retry, a review resolved, a refund asked)."""

    action: str
    actor_user_id: uuid.UUID | None
    created_at: datetime
    details: dict[str, Any]


class AdminPaymentDetail(AdminPaymentItem):
    payer_phone: str | None
    checkout_id: uuid.UUID | None
    order_id: uuid.UUID | None = Field(description="The order of a collection recorded on delivery.")
    subscription_invoice_id: uuid.UUID | None
    hold_until: datetime | None = Field(description="Until when the payer may still pay or retry.")
    last_checked_at: datetime | None = Field(description="When reconciliation last asked the provider.")
    updated_at: datetime
    notes: dict[str, Any] = Field(
        description="What the ledger noted on it: rounding, review reason, how it was verified, the resolution."
    )
    requests: list[ProviderRequest] = Field(description="The requests sent to the provider, first first.")
    provider_messages: list[ProviderMessageOut] = Field(description="Callbacks and status answers, oldest first.")
    actions: list[PaymentAction] = Field(description="The audited actions on it, oldest first.")
    orders: list[PaymentOrder]
    refunds: list[RefundOut]
    settlements: list[AdminSettlementItem] = Field(description="What its wholesalers are owed from it.")
