"""M-Pesa Daraja STK Push over HTTP (shapes in `daraja_shapes`).

- OAuth client-credentials token, cached until shortly before `expires_in` (a string).
- STK Push is not idempotent at Daraja: it is sent once (retried only when the request
  never left) and `collection.send_collection_request` keeps one push in flight per payment.
  An answer we cannot read (timeout, reset, 5xx) is `ProviderError`: the push may have
  reached the phone, so the payment waits for the callback (see `webhook`), never fails.
- The STK Push query answers HTTP 500 `500.001.1001` while the payment is being processed:
  that, and any error, is `unknown` (ask later), never a failure.
- No refunds through this API (Daraja's reversal needs initiator credentials and its own
  asynchronous result); an admin refunds by hand and records the reference.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalicelib.core.clock import utcnow
from chalicelib.core.settings import get_settings
from chalicelib.payments.providers import daraja_shapes as shapes
from chalicelib.payments.providers.base import (
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

if TYPE_CHECKING:
    import httpx

STK_PUSH = "/mpesa/stkpush/v1/processrequest"
STK_QUERY = "/mpesa/stkpushquery/v1/query"
OAUTH = "/oauth/v1/generate"


def kenyan_msisdn(e164: str) -> str:
    number = parse_e164(e164)
    if number.country_code != 254 or not is_mobile(number):
        raise InvalidPayerPhone("M-Pesa needs a Kenyan mobile number, e.g. +254712345678.")
    return msisdn(number)


class DarajaProvider:
    name = "mpesa"
    whole_units = True
    supports_refund = False

    def __init__(self) -> None:
        settings = get_settings()
        self.http = ProviderHttp(self.name, settings.mpesa_base_url)
        self.tokens = TokenCache(self._fetch_token)

    @property
    def currency(self) -> str:
        return get_settings().mpesa_currency

    def payer_msisdn(self, e164: str) -> str:
        return kenyan_msisdn(e164)

    def new_reference(self) -> str | None:
        return None

    # --- credentials ----------------------------------------------------------------

    def _credentials(self) -> tuple[str, str, str, str]:
        settings = get_settings()
        key, secret, passkey = settings.mpesa_consumer_key, settings.mpesa_consumer_secret, settings.mpesa_passkey
        if not (key and secret and passkey):
            raise ProviderRejected("M-Pesa is not configured (consumer key, secret and passkey).", code="config")
        return key, secret, settings.mpesa_shortcode, passkey

    def _fetch_token(self) -> tuple[str, int]:
        key, secret, _, _ = self._credentials()
        response = self.http.request(
            "GET", OAUTH, params={"grant_type": "client_credentials"}, auth=(key, secret), retry=Retry.SAFE
        )
        body = json_body(response)
        if response.status_code != 200 or not body.get("access_token"):
            raise ProviderError(f"mpesa: token request answered HTTP {response.status_code}")
        return str(body["access_token"]), int(str(body.get("expires_in") or 3599))

    def _signed(self) -> dict[str, Any]:
        _, _, shortcode, passkey = self._credentials()
        stamp = shapes.timestamp(utcnow())
        return {
            "BusinessShortCode": int(shortcode),
            "Password": shapes.password(shortcode, passkey, stamp),
            "Timestamp": stamp,
        }

    def _post(self, path: str, payload: dict[str, Any], retry: Retry) -> httpx.Response:
        for _ in range(2):
            headers = {"Authorization": f"Bearer {self.tokens.get()}"}
            response = self.http.request("POST", path, json=payload, headers=headers, retry=retry)
            if response.status_code != 401:
                return response
            self.tokens.forget()
        return response

    # --- the interface --------------------------------------------------------------

    def initiate_collection(self, request: CollectionRequest) -> Initiation:
        settings = get_settings()
        if not request.callback_url:
            raise ProviderRejected("PAYMENTS_CALLBACK_BASE_URL is not set.", code="config")
        phone = int(self.payer_msisdn(request.payer_phone))
        payload = {
            **self._signed(),
            "TransactionType": settings.mpesa_transaction_type,
            "Amount": int(request.amount),
            "PartyA": phone,
            "PartyB": int(settings.mpesa_party_b or settings.mpesa_shortcode),
            "PhoneNumber": phone,
            "CallBackURL": request.callback_url,
            "AccountReference": shapes.fit(request.account_reference, shapes.ACCOUNT_REFERENCE_MAX),
            "TransactionDesc": shapes.fit(request.description, shapes.TRANSACTION_DESC_MAX),
        }
        try:
            self.tokens.get()
        except ProviderError as exc:
            raise ProviderNotReached(f"mpesa: no access token ({exc})") from exc
        response = self._post(STK_PUSH, payload, Retry.UNSENT_ONLY)
        return initiation_from(response.status_code, json_body(response))

    def query_status(self, reference: str) -> ProviderResult:
        try:
            response = self._post(STK_QUERY, {**self._signed(), "CheckoutRequestID": reference}, Retry.SAFE)
        except (ProviderError, ProviderRejected) as exc:
            return ProviderResult(Outcome.UNKNOWN, reference=reference, provider_message=str(exc))
        return shapes.parse_query(response.status_code, json_body(response), reference)

    def parse_callback(self, body: Any, *, path_ref: tuple[str, str] | None) -> ParsedCallback:
        return shapes.parse_callback(body)

    def refund(self, *, reference: str, receipt: str | None, amount: Any, currency: str) -> RefundResult:
        raise RefundNotSupported("M-Pesa STK Push payments are refunded by hand.")


def initiation_from(status_code: int, body: dict[str, Any]) -> Initiation:
    """The push's reference; `ProviderRejected` for a refusal; `ProviderError` for an answer
    that does not say (a 5xx may come after Daraja sent the push to the phone)."""
    accepted = status_code == 200 and str(body.get("ResponseCode")) == "0"
    if accepted and body.get("CheckoutRequestID"):
        return Initiation(reference=str(body["CheckoutRequestID"]), response=body)
    if accepted:
        raise ProviderError("mpesa: STK Push accepted without a CheckoutRequestID")
    if status_code < 500 and (body.get("errorCode") or body.get("ResponseCode")):
        message = str(body.get("errorMessage") or body.get("ResponseDescription") or "refused")
        raise ProviderRejected(message, code=str(body.get("errorCode") or body.get("ResponseCode")), details=body)
    raise ProviderError(f"mpesa: STK Push answered HTTP {status_code}")
