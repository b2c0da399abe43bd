"""M-Pesa Daraja (Lipa na M-Pesa Online / STK Push) shapes, codes and formats. Pure: no I/O.

Request:  POST /mpesa/stkpush/v1/processrequest
          {"BusinessShortCode": 174379, "Password": base64(shortcode+passkey+timestamp),
           "Timestamp": "YYYYMMDDHHMMSS" (East Africa Time), "TransactionType":
           "CustomerPayBillOnline", "Amount": 1 (whole shillings), "PartyA": 2547..,
           "PartyB": 174379, "PhoneNumber": 2547.., "CallBackURL": "https://...",
           "AccountReference": <=12 chars, "TransactionDesc": <=13 chars}
Answer:   {"MerchantRequestID", "CheckoutRequestID", "ResponseCode": "0",
           "ResponseDescription", "CustomerMessage"}; errors {"requestId", "errorCode",
           "errorMessage"}.
Query:    POST /mpesa/stkpushquery/v1/query {"BusinessShortCode", "Password", "Timestamp",
           "CheckoutRequestID"} -> {"ResponseCode": "0", ..., "ResultCode": "1032",
           "ResultDesc"} (ResultCode a *string*); HTTP 500 {"errorCode": "500.001.1001",
           "errorMessage": "The transaction is being processed"} means ask again later.
Callback: {"Body": {"stkCallback": {"MerchantRequestID", "CheckoutRequestID",
           "ResultCode": 0 (an *integer*), "ResultDesc", "CallbackMetadata": {"Item":
           [{"Name": "Amount", "Value": 1.0}, {"Name": "MpesaReceiptNumber", "Value": ".."},
           {"Name": "Balance"}, {"Name": "TransactionDate", "Value": 20191219102115},
           {"Name": "PhoneNumber", "Value": 254708374149}]}}}}; the metadata only on success.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from chalicelib.payments.providers.base import CallbackRejected, Outcome, ParsedCallback, ProviderResult

EAT = timezone(timedelta(hours=3), "EAT")
"""East Africa Time: UTC+3 all year (no daylight saving)."""
STILL_PROCESSING = "500.001.1001"
ACCOUNT_REFERENCE_MAX = 12
TRANSACTION_DESC_MAX = 13
MAX_AMOUNT = Decimal("1e12")

RESULT_CODES: dict[int, str | None] = {
    0: None,
    1: "insufficient_funds",
    1032: "cancelled_by_user",
    2001: "wrong_pin",
    1037: "timeout",
    1019: "timeout",
    1001: "payer_busy",
    1025: "request_rejected",
    9999: "request_rejected",
    17: "provider_unavailable",
    26: "provider_unavailable",
}
"""Documented STK Push result codes; 0 is success, any code not listed is `unknown`."""


def timestamp(now: datetime) -> str:
    return now.astimezone(EAT).strftime("%Y%m%d%H%M%S")


def password(shortcode: str, passkey: str, stamp: str) -> str:
    return base64.b64encode(f"{shortcode}{passkey}{stamp}".encode()).decode()


def fit(text: str, limit: int) -> str:
    cleaned = "".join(ch for ch in text if ch.isalnum() or ch in " -_.#/+")
    return cleaned[:limit].strip() or "Payment"


def result_from_code(code: Any, description: str | None, reference: str | None) -> ProviderResult:
    try:
        number = int(str(code).strip())
    except ValueError:
        number = -1
    if number == 0:
        return ProviderResult(Outcome.SUCCEEDED, reference=reference, provider_code="0", provider_message=description)
    if number in RESULT_CODES:
        return ProviderResult(
            Outcome.FAILED,
            reference=reference,
            reason=RESULT_CODES[number],
            provider_code=str(number),
            provider_message=description,
        )
    return ProviderResult(Outcome.UNKNOWN, reference=reference, provider_code=str(code), provider_message=description)


def parse_query(status_code: int, body: dict[str, Any], reference: str) -> ProviderResult:
    if "ResultCode" in body and status_code == 200:
        return result_from_code(body["ResultCode"], body.get("ResultDesc"), body.get("CheckoutRequestID") or reference)
    code = str(body.get("errorCode") or body.get("ResponseCode") or status_code)
    message = body.get("errorMessage") or body.get("ResponseDescription")
    return ProviderResult(Outcome.UNKNOWN, reference=reference, provider_code=code, provider_message=message)


# --- the callback -------------------------------------------------------------------


class _Item(BaseModel):
    model_config = ConfigDict(extra="allow")
    Name: str
    Value: Any = None


class _Metadata(BaseModel):
    model_config = ConfigDict(extra="allow")
    Item: list[_Item] = Field(default_factory=list)


class _StkCallback(BaseModel):
    model_config = ConfigDict(extra="allow")
    MerchantRequestID: str = Field(max_length=100)
    CheckoutRequestID: str = Field(min_length=1, max_length=150)
    ResultCode: int | Annotated[str, Field(max_length=20)]
    ResultDesc: str | None = None
    CallbackMetadata: _Metadata | None = None


class _Body(BaseModel):
    model_config = ConfigDict(extra="allow")
    stkCallback: _StkCallback


class StkCallbackEnvelope(BaseModel):
    model_config = ConfigDict(extra="allow")
    Body: _Body


def parse_callback(body: Any) -> ParsedCallback:
    try:
        callback = StkCallbackEnvelope.model_validate(body).Body.stkCallback
    except ValidationError as exc:
        raise CallbackRejected("not an STK Push callback: " + _first_error(exc)) from exc
    base = result_from_code(callback.ResultCode, callback.ResultDesc, callback.CheckoutRequestID)
    if base.outcome is Outcome.SUCCEEDED and callback.CallbackMetadata is not None:
        items = {item.Name: item.Value for item in callback.CallbackMetadata.Item}
        base = ProviderResult(
            Outcome.SUCCEEDED,
            reference=callback.CheckoutRequestID,
            amount=_decimal(items.get("Amount")),
            currency="KES",
            receipt=_text(items.get("MpesaReceiptNumber")),
            payer=_text(items.get("PhoneNumber")),
            provider_code="0",
            provider_message=callback.ResultDesc,
            occurred_at=_eat_datetime(items.get("TransactionDate")),
        )
    key = f"{callback.CheckoutRequestID}:{base.provider_code}"
    return ParsedCallback(transaction_id=key, result=base)


def callback_body(
    *,
    merchant_request_id: str,
    checkout_request_id: str,
    result_code: int,
    result_desc: str,
    amount: Decimal | None = None,
    receipt: str | None = None,
    paid_at: datetime | None = None,
    phone: str | None = None,
) -> dict[str, Any]:
    """A callback exactly as Daraja sends it (used by the sandbox and the tests)."""
    callback: dict[str, Any] = {
        "MerchantRequestID": merchant_request_id,
        "CheckoutRequestID": checkout_request_id,
        "ResultCode": result_code,
        "ResultDesc": result_desc,
    }
    if result_code == 0:
        callback["CallbackMetadata"] = {
            "Item": [
                {"Name": "Amount", "Value": float(amount or 0)},
                {"Name": "MpesaReceiptNumber", "Value": receipt},
                {"Name": "Balance"},
                {"Name": "TransactionDate", "Value": int(timestamp(paid_at or datetime.now(UTC)))},
                {"Name": "PhoneNumber", "Value": int(phone or 0)},
            ]
        }
    return {"Body": {"stkCallback": callback}}


def _first_error(exc: ValidationError) -> str:
    error = exc.errors(include_url=False)[0]
    return ".".join(str(part) for part in error["loc"]) + ": " + error["msg"]


def _decimal(value: Any) -> Decimal | None:
    """An amount the provider gave: absent is None; one that is not a sane amount is refused."""
    if value is None:
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        amount = None
    if amount is None or isinstance(value, bool) or not 0 <= amount < MAX_AMOUNT:
        raise CallbackRejected(f"the Amount {str(value)[:30]!r} is not an amount")
    return amount


def _text(value: Any) -> str | None:
    return None if value is None else str(value)[:100]


def _eat_datetime(value: Any) -> datetime | None:
    try:
        return datetime.strptime(str(value), "%Y%m%d%H%M%S").replace(tzinfo=EAT).astimezone(UTC)
    except (TypeError, ValueError):
        return None
