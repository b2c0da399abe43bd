"""Request and response bodies of the money views: a wholesaler's payouts, payout account
and refunds, and the admins' settlements, bulk payouts and payout export."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from chalicelib.core.schema import Schema
from chalicelib.payments.schemas import (
    Cursor,
    IsoDay,
    Limit,
    Reference,
    RefundStatus,
    RefundSummary,
    SettlementOut,
    SettlementStatus,
    Strict,
)

MAX_BULK_PAYOUT = 500
PayoutMethod = Literal["mpesa", "mtn_momo", "bank"]

# --- a wholesaler's payouts and refunds -------------------------------------------------


class PayoutQuery(Strict):
    cursor: Cursor
    limit: Limit


class PayoutItem(Schema):
    """One payout to you: the settlements an admin paid out under one reference."""

    reference: str
    paid_at: datetime = Field(description="When the last settlement of this payout was marked paid.")
    amount: Decimal
    currency: str
    settlement_count: int


class PayoutPage(Schema):
    items: list[PayoutItem]
    next_cursor: str | None


class BusinessRefundQuery(Strict):
    status: RefundStatus | None = None
    cursor: Cursor
    limit: Limit


class BusinessRefundPage(Schema):
    items: list[RefundSummary]
    next_cursor: str | None


# --- payout accounts ----------------------------------------------------------------------

_BANK_CODE = re.compile(r"[0-9A-Z]{2,11}")
_ACCOUNT_NUMBER = re.compile(r"[0-9]{6,20}")
_MOBILE_REGIONS = {"mpesa": "KE", "mtn_momo": "UG"}


def _compact(value: str | None) -> str | None:
    return re.sub(r"[\s-]", "", value).upper() if value is not None else None


Compact = Annotated[str | None, Field(default=None, max_length=40), AfterValidator(_compact)]


class PayoutAccountIn(Strict):
    """`mpesa`: a Kenyan mobile number (+2547..., +2541...); `mtn_momo`: a Ugandan one
    (+2567...); `bank`: a bank code (2-11 letters or digits, e.g. `01` or a SWIFT code) and an
    account number (6-20 digits; spaces and dashes are ignored)."""

    method: PayoutMethod
    account_name: Annotated[str, Field(min_length=2, max_length=100)]
    phone: Annotated[str | None, Field(default=None, max_length=32)] = None
    bank_code: Compact = None
    bank_name: Annotated[str | None, Field(default=None, min_length=2, max_length=100)] = None
    account_number: Compact = None

    @model_validator(mode="after")
    def _details_of_method(self) -> PayoutAccountIn:
        if self.method == "bank":
            if self.phone is not None:
                raise PydanticCustomError("phone_not_for_bank", "A bank payout takes no phone number.")
            if not self.bank_code or not _BANK_CODE.fullmatch(self.bank_code):
                raise PydanticCustomError("invalid_bank_code", "Enter the bank's code: 2-11 letters or digits.")
            if not self.account_number or not _ACCOUNT_NUMBER.fullmatch(self.account_number):
                raise PydanticCustomError("invalid_account_number", "Enter the account number: 6-20 digits.")
            return self
        if self.bank_code is not None or self.account_number is not None or self.bank_name is not None:
            raise PydanticCustomError("bank_details_not_for_mobile", "A mobile money payout takes only a phone number.")
        self.phone = _mobile_number(self.phone, _MOBILE_REGIONS[self.method])
        return self


def _mobile_number(value: str | None, region: str) -> str:
    import phonenumbers

    country = {"KE": "Kenyan", "UG": "Ugandan"}[region]
    invalid = PydanticCustomError(
        "invalid_payout_phone", "Enter a {country} mobile number, e.g. {example}.", {"country": country,
        "example": "+254712345678" if region == "KE" else "+256772123456"},
    )  # fmt: skip
    if not value:
        raise invalid
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as exc:
        raise invalid from exc
    mobile = phonenumbers.number_type(number) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
    if not phonenumbers.is_valid_number(number) or phonenumbers.region_code_for_number(number) != region or not mobile:
        raise invalid
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class PayoutAccountOut(Schema):
    method: PayoutMethod
    account_name: str
    phone: str | None
    bank_code: str | None
    bank_name: str | None
    account_number: str | None
    updated_at: datetime


class PayoutAccountView(Schema):
    payout_account: PayoutAccountOut | None = Field(description="null until the owner sets one.")


# --- admins: settlements, bulk payouts, export --------------------------------------------


class AdminSettlementQuery(Strict):
    status: SettlementStatus | None = None
    wholesaler_id: uuid.UUID | None = None
    date_from: IsoDay | None = Field(default=None, description="Opened (the order paid) on or after this day (UTC).")
    date_to: IsoDay | None = Field(default=None, description="Opened (the order paid) on or before this day (UTC).")
    cursor: Cursor
    limit: Limit


class AdminSettlementItem(SettlementOut):
    wholesaler_id: uuid.UUID
    wholesaler_name: str


class StatusTotal(Schema):
    status: SettlementStatus
    count: int
    amount: Decimal


class AdminSettlementPage(Schema):
    items: list[AdminSettlementItem]
    next_cursor: str | None
    totals: list[StatusTotal] = Field(
        description="Per status (due, paid, cancelled) over the wholesaler and date filters, whatever `status` says."
    )
    currency: str


def _distinct(ids: list[uuid.UUID]) -> list[uuid.UUID]:
    if len(set(ids)) != len(ids):
        raise PydanticCustomError("duplicate_ids", "Name each settlement once.")
    return ids


class BulkPayoutRequest(Strict):
    settlement_ids: Annotated[
        list[uuid.UUID],
        Field(min_length=1, max_length=MAX_BULK_PAYOUT, json_schema_extra={"uniqueItems": True}),
        AfterValidator(_distinct),
    ]
    reference: Reference = Field(description="The payout batch's reference (e.g. the bank or M-Pesa B2C batch code).")


class BulkPayoutWholesaler(Schema):
    wholesaler_id: uuid.UUID
    wholesaler_name: str
    amount: Decimal
    settlement_count: int


class BulkPayoutResult(Schema):
    reference: str
    paid_at: datetime
    amount: Decimal
    currency: str
    settlement_count: int
    wholesalers: list[BulkPayoutWholesaler]


class SettlementExportQuery(Strict):
    status: Literal["due"] = Field(default="due", description="Only due settlements are exported for payout.")
    wholesaler_id: uuid.UUID | None = None
