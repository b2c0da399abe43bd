"""MTN MoMo Collection (request to pay).

Token:    POST /collection/token/ (Basic api-user:api-key, Ocp-Apim-Subscription-Key)
          -> {"access_token", "token_type", "expires_in": 3600}
Request:  POST /collection/v1_0/requesttopay with X-Reference-Id (a UUID we choose: the
          reference), X-Callback-Url, X-Target-Environment, Ocp-Apim-Subscription-Key;
          body {"amount": "1250", "currency", "externalId": <payment id>, "payer":
          {"partyIdType": "MSISDN", "partyId": "2567..."}, "payerMessage", "payeeNote"}
          -> 202 Accepted. 409 means that X-Reference-Id exists already: our own earlier
          try got through, so a retry is safe.
Status:   GET /collection/v1_0/requesttopay/{referenceId} -> 200 with "status"
          PENDING | SUCCESSFUL | FAILED (200 even for FAILED) and "reason"; 404 unknown.
Callback: the same body as the status, PUT (or POST) to X-Callback-Url. It carries
          `externalId` but not the X-Reference-Id, so the callback path carries our
          payment id and attempt number: .../mtn_momo/{payment_id}/{attempt}?token=...
          `reason` is a string or, in some versions, {"code", "message"}.
"""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from chalicelib.core.settings import get_settings
from chalicelib.payments.providers.base import (
    CallbackRejected,
    CollectionRequest,
    Initiation,
    InvalidPayerPhone,
    Outcome,
    ParsedCallback,
    ProviderError,
    ProviderNotReached,
    ProviderRejected,
    ProviderResult,
    RefundNotSupported,
    RefundResult,
    is_mobile,
    msisdn,
    parse_e164,
)
from chalicelib.payments.providers.http import ProviderHttp, Retry, TokenCache, json_body

TOKEN = "/collection/token/"
REQUEST_TO_PAY = "/collection/v1_0/requesttopay"

REASONS: dict[str, str] = {
    "APPROVAL_REJECTED": "cancelled_by_user",
    "TRANSACTION_CANCELED": "cancelled_by_user",
    "NOT_ENOUGH_FUNDS": "insufficient_funds",
    "PAYER_NOT_FOUND": "payer_not_found",
    "COULD_NOT_PERFORM_TRANSACTION": "timeout",
    "EXPIRED": "timeout",
    "PAYER_LIMIT_REACHED": "limit_reached",
    "SENDER_ACCOUNT_NOT_ACTIVE": "account_blocked",
    "NOT_ALLOWED": "account_blocked",
    "INTERNAL_PROCESSING_ERROR": "declined",
}
"""MoMo failure reasons; FAILED with any other reason is still a failure (`declined`)."""


class _Party(BaseModel):
    model_config = ConfigDict(extra="allow")
    partyIdType: str | None = None
    partyId: str | None = None


class _Reason(BaseModel):
    model_config = ConfigDict(extra="allow")
    code: str | None = None
    message: str | None = None


class RequestToPayResult(BaseModel):
    model_config = ConfigDict(extra="allow")
    amount: str | int | Decimal | None = None
    currency: str | None = Field(default=None, max_length=3)
    financialTransactionId: str | None = Field(default=None, max_length=100)
    externalId: str | None = Field(default=None, max_length=100)
    payer: _Party | None = None
    status: str = Field(min_length=1, max_length=40)
    reason: str | _Reason | None = None


def result_from(body: Any, reference: str | None) -> ProviderResult:
    data = RequestToPayResult.model_validate(body)
    code, message = _reason(data.reason)
    status = data.status.upper()
    common: dict[str, Any] = {
        "reference": reference,
        "amount": _decimal(data.amount),
        "currency": data.currency,
        "external_id": data.externalId,
        "payer": data.payer.partyId if data.payer else None,
        "provider_code": code or status,
        "provider_message": message,
    }
    if status == "SUCCESSFUL":
        return ProviderResult(Outcome.SUCCEEDED, receipt=data.financialTransactionId, **common)
    if status == "FAILED":
        return ProviderResult(Outcome.FAILED, reason=REASONS.get((code or "").upper(), "declined"), **common)
    if status == "PENDING":
        return ProviderResult(Outcome.PENDING, **common)
    return ProviderResult(Outcome.UNKNOWN, **common)


def _reason(reason: str | _Reason | None) -> tuple[str | None, str | None]:
    if reason is None:
        return None, None
    if isinstance(reason, str):
        return reason, None
    return reason.code, reason.message


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        amount = None
    if amount is None or not 0 <= amount < Decimal("1e12"):
        raise ValueError(f"the amount {str(value)[:30]!r} is not an amount")
    return amount


def amount_text(amount: Decimal) -> str:
    """ "1250" for a whole amount, "1250.50" otherwise."""
    return str(int(amount)) if amount == amount.to_integral_value() else f"{amount:.2f}"


class MomoProvider:
    name = "mtn_momo"
    whole_units = False
    supports_refund = False

    def __init__(self) -> None:
        self.http = ProviderHttp(self.name, get_settings().mtn_momo_base_url)
        self.tokens = TokenCache(self._fetch_token)

    @property
    def currency(self) -> str:
        return get_settings().mtn_momo_currency

    def payer_msisdn(self, e164: str) -> str:
        import phonenumbers

        number = parse_e164(e164)
        region = phonenumbers.region_code_for_number(number)
        if region not in get_settings().mtn_momo_regions or not is_mobile(number):
            raise InvalidPayerPhone("MTN MoMo needs a mobile number of a country where MTN MoMo operates.")
        return msisdn(number)

    def new_reference(self) -> str | None:
        return str(uuid.uuid4())

    def _key(self) -> str:
        key = get_settings().mtn_momo_subscription_key
        if not key:
            raise ProviderRejected("MTN MoMo is not configured (subscription key).", code="config")
        return key

    def _fetch_token(self) -> tuple[str, int]:
        settings = get_settings()
        if not (settings.mtn_momo_api_user and settings.mtn_momo_api_key):
            raise ProviderRejected("MTN MoMo is not configured (API user and key).", code="config")
        response = self.http.request(
            "POST",
            TOKEN,
            auth=(settings.mtn_momo_api_user, settings.mtn_momo_api_key),
            headers={"Ocp-Apim-Subscription-Key": self._key()},
            retry=Retry.SAFE,
        )
        body = json_body(response)
        if response.status_code != 200 or not body.get("access_token"):
            raise ProviderError(f"mtn_momo: token request answered HTTP {response.status_code}")
        return str(body["access_token"]), int(str(body.get("expires_in") or 3600))

    def _headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.tokens.get()}",
            "X-Target-Environment": get_settings().mtn_momo_target_environment,
            "Ocp-Apim-Subscription-Key": self._key(),
        }

    def initiate_collection(self, request: CollectionRequest) -> Initiation:
        if not request.reference or not request.callback_url:
            raise ProviderRejected("A reference and PAYMENTS_CALLBACK_BASE_URL are required.", code="config")
        payload = {
            "amount": amount_text(request.amount),
            "currency": request.currency,
            "externalId": str(request.payment_id),
            "payer": {"partyIdType": "MSISDN", "partyId": self.payer_msisdn(request.payer_phone)},
            "payerMessage": request.description[:160],
            "payeeNote": request.account_reference[:160],
        }
        try:
            headers = {**self._headers(), "X-Reference-Id": request.reference, "X-Callback-Url": request.callback_url}
        except ProviderError as exc:
            raise ProviderNotReached(f"mtn_momo: no access token ({exc})") from exc
        response = self.http.request("POST", REQUEST_TO_PAY, json=payload, headers=headers, retry=Retry.SAFE)
        if response.status_code == 401:
            self.tokens.forget()
            headers["Authorization"] = f"Bearer {self.tokens.get()}"
            response = self.http.request("POST", REQUEST_TO_PAY, json=payload, headers=headers, retry=Retry.SAFE)
        if response.status_code in (202, 409):
            return Initiation(reference=request.reference, response={"http_status": response.status_code})
        body = json_body(response)
        if 400 <= response.status_code < 500:
            raise ProviderRejected(str(body.get("message") or body.get("code") or "refused"), code=body.get("code"))
        raise ProviderError(f"mtn_momo: request to pay answered HTTP {response.status_code}")

    def query_status(self, reference: str) -> ProviderResult:
        try:
            response = self.http.request(
                "GET", f"{REQUEST_TO_PAY}/{reference}", headers=self._headers(), retry=Retry.SAFE
            )
        except (ProviderError, ProviderRejected) as exc:
            return ProviderResult(Outcome.UNKNOWN, reference=reference, provider_message=str(exc))
        if response.status_code == 200:
            try:
                return result_from(json_body(response), reference)
            except ValueError:  # pydantic's ValidationError included
                return ProviderResult(Outcome.UNKNOWN, reference=reference, provider_code="unreadable")
        if response.status_code == 401:
            self.tokens.forget()
        code = "not_found" if response.status_code == 404 else f"http_{response.status_code}"
        return ProviderResult(Outcome.UNKNOWN, reference=reference, provider_code=code)

    def parse_callback(self, body: Any, *, path_ref: tuple[str, str] | None) -> ParsedCallback:
        if path_ref is None:
            raise CallbackRejected("the callback path lacks the payment id and attempt")
        try:
            if not (path_ref[1].isdigit() and len(path_ref[1]) <= 6):
                raise ValueError("attempt")
            payment_id, attempt = uuid.UUID(path_ref[0]), int(path_ref[1])
            result = result_from(body, None)
        except (ValueError, ValidationError) as exc:
            raise CallbackRejected(f"not a request-to-pay callback: {type(exc).__name__}") from exc
        if result.external_id != str(payment_id):
            raise CallbackRejected("externalId does not match the callback path")
        key = f"{payment_id}:{attempt}:{result.outcome.value}"
        return ParsedCallback(transaction_id=key, result=result, payment_id=payment_id, attempt=attempt)

    def refund(self, *, reference: str, receipt: str | None, amount: Decimal, currency: str) -> RefundResult:
        raise RefundNotSupported("MTN MoMo collections are refunded by hand (a disbursement).")
