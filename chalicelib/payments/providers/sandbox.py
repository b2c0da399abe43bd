"""The sandbox provider: M-Pesa without M-Pesa, for local use and demos.

It answers in Daraja's shapes (run through the same parsers as the real thing) and, after
`SANDBOX_CALLBACK_DELAY_SECONDS`, delivers its callback in Daraja's exact shape over HTTP to
`<PAYMENTS_CALLBACK_BASE_URL>/webhooks/payments/sandbox?token=<token>` from a background thread.
The outcome is chosen by the last digit of the payer's phone number:

    ...0  success                    ...2  insufficient funds (ResultCode 1)
    ...1  cancelled by the user      ...3  no answer: no callback at all; the status query
          (ResultCode 1032)                says 1037 (unreachable), so reconciliation fails it
    any other digit: success

The CheckoutRequestID carries the request time and the outcome digit, so the status query
is stateless and agrees with the callback: "being processed" (500.001.1001) until the
delay has passed, then the same result. Refunds complete at once.
"""

from __future__ import annotations

import secrets
import threading
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from chalicelib.core.clock import utcnow
from chalicelib.core.observability import logger
from chalicelib.core.settings import get_settings
from chalicelib.payments.callback_urls import callback_url
from chalicelib.payments.providers import daraja_shapes as shapes
from chalicelib.payments.providers.base import (
    CollectionRequest,
    Initiation,
    ParsedCallback,
    ProviderResult,
    RefundResult,
    msisdn,
    parse_e164,
)
from chalicelib.payments.providers.daraja import initiation_from

OUTCOMES: dict[str, tuple[int, str]] = {
    "0": (0, "The service request is processed successfully."),
    "1": (1032, "Request cancelled by user"),
    "2": (1, "The balance is insufficient for the transaction."),
    "3": (1037, "DS timeout user cannot be reached"),
}
NO_CALLBACK = "3"


def outcome_for(phone_digits: str) -> tuple[int, str]:
    return OUTCOMES.get(phone_digits[-1:], OUTCOMES["0"])


class SandboxProvider:
    name = "sandbox"
    whole_units = True
    supports_refund = True

    @property
    def currency(self) -> str:
        """The sandbox moves no money: it collects in the deployment's own currency."""
        return get_settings().currency

    def payer_msisdn(self, e164: str) -> str:
        return msisdn(parse_e164(e164))

    def new_reference(self) -> str | None:
        return None

    def initiate_collection(self, request: CollectionRequest) -> Initiation:
        phone = self.payer_msisdn(request.payer_phone)
        now = utcnow()
        digit = phone[-1]
        reference = f"ws_CO_SBX_{int(now.timestamp() * 1000)}_{secrets.token_hex(5)}_{digit}"
        merchant_id = f"{secrets.randbelow(90000) + 10000}-{secrets.randbelow(10**8)}-1"
        answer = {
            "MerchantRequestID": merchant_id,
            "CheckoutRequestID": reference,
            "ResponseCode": "0",
            "ResponseDescription": "Success. Request accepted for processing",
            "CustomerMessage": "Success. Request accepted for processing",
        }
        initiation = initiation_from(200, answer)
        if digit != NO_CALLBACK:
            code, description = outcome_for(phone)
            body = shapes.callback_body(
                merchant_request_id=merchant_id,
                checkout_request_id=reference,
                result_code=code,
                result_desc=description,
                amount=request.amount,
                receipt="SBX" + secrets.token_hex(4).upper()[:7],
                paid_at=now,
                phone=phone,
            )
            schedule_callback(body)
        return initiation

    def query_status(self, reference: str) -> ProviderResult:
        status_code, body = query_answer(reference, utcnow())
        return shapes.parse_query(status_code, body, reference)

    def parse_callback(self, body: Any, *, path_ref: tuple[str, str] | None) -> ParsedCallback:
        return shapes.parse_callback(body)

    def refund(self, *, reference: str, receipt: str | None, amount: Decimal, currency: str) -> RefundResult:
        return RefundResult(reference="SBXR" + secrets.token_hex(4).upper(), completed=True)


def query_answer(reference: str, now: datetime) -> tuple[int, dict[str, Any]]:
    """What Daraja's STK Push query would answer for this sandbox reference."""
    try:
        _, _, _, millis, _, digit = reference.split("_")
        requested = datetime.fromtimestamp(int(millis) / 1000, tz=now.tzinfo)
    except ValueError:
        return 400, {"requestId": "sandbox", "errorCode": "400.002.02", "errorMessage": "Invalid CheckoutRequestID"}
    if now < requested + timedelta(seconds=get_settings().sandbox_callback_delay_seconds):
        return 500, {
            "requestId": "sandbox",
            "errorCode": shapes.STILL_PROCESSING,
            "errorMessage": "The transaction is being processed",
        }
    code, description = outcome_for(digit)
    return 200, {
        "ResponseCode": "0",
        "ResponseDescription": "The service request has been accepted successsfully",
        "MerchantRequestID": "sandbox",
        "CheckoutRequestID": reference,
        "ResultCode": str(code),
        "ResultDesc": description,
    }


def schedule_callback(body: dict[str, Any]) -> None:
    settings = get_settings()
    base = settings.payments_callback_base_url
    if not base:
        logger.info("sandbox: PAYMENTS_CALLBACK_BASE_URL unset; reconciliation will settle the payment")
        return
    url = callback_url(base, "sandbox")
    timer = threading.Timer(settings.sandbox_callback_delay_seconds, deliver_callback, args=(url, body))
    timer.daemon = True
    timer.start()


def deliver_callback(url: str, body: dict[str, Any]) -> None:
    import httpx

    try:
        response = httpx.post(url, json=body, timeout=10)
        logger.info("sandbox callback delivered", extra={"status": response.status_code})
    except httpx.HTTPError:
        logger.warning("sandbox callback could not be delivered", extra={"url": url.split("?", 1)[0]})
