"""The providers' HTTP APIs, stubbed with respx in their documented shapes."""

from __future__ import annotations

import json
from typing import Any

import httpx
import respx

DARAJA = "https://sandbox.safaricom.co.ke"
MOMO = "https://sandbox.momodeveloper.mtn.com"
STILL_PROCESSING = {
    "requestId": "16813-1590513-1",
    "errorCode": "500.001.1001",
    "errorMessage": "The transaction is being processed",
}


class DarajaStub:
    """OAuth, STK Push (a new CheckoutRequestID per push) and STK Push query."""

    def __init__(self, router: respx.MockRouter) -> None:
        self.pushes: list[dict[str, Any]] = []
        self.answers: dict[str, tuple[int, dict[str, Any]]] = {}
        self.push_response: tuple[int, dict[str, Any]] | None = None
        self.token = router.get(f"{DARAJA}/oauth/v1/generate").mock(
            return_value=httpx.Response(200, json={"access_token": "daraja-token", "expires_in": "3599"})
        )
        self.push = router.post(f"{DARAJA}/mpesa/stkpush/v1/processrequest").mock(side_effect=self._push)
        self.query = router.post(f"{DARAJA}/mpesa/stkpushquery/v1/query").mock(side_effect=self._query)

    def _push(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.pushes.append(body)
        if self.push_response is not None:
            return httpx.Response(self.push_response[0], json=self.push_response[1])
        reference = f"ws_CO_241120261015{len(self.pushes):06d}"
        return httpx.Response(
            200,
            json={
                "MerchantRequestID": f"29115-34620561-{len(self.pushes)}",
                "CheckoutRequestID": reference,
                "ResponseCode": "0",
                "ResponseDescription": "Success. Request accepted for processing",
                "CustomerMessage": "Success. Request accepted for processing",
            },
        )

    def _query(self, request: httpx.Request) -> httpx.Response:
        reference = json.loads(request.content)["CheckoutRequestID"]
        status, body = self.answers.get(reference, (500, STILL_PROCESSING))
        return httpx.Response(status, json=body)

    @property
    def last_reference(self) -> str:
        return f"ws_CO_241120261015{len(self.pushes):06d}"

    def answer(self, reference: str, code: int, description: str = "") -> None:
        """The query's answer for `reference` from now on (ResultCode as a string, as Daraja sends it)."""
        self.answers[reference] = (
            200,
            {
                "ResponseCode": "0",
                "ResponseDescription": "The service request has been accepted successsfully",
                "MerchantRequestID": "29115-34620561-1",
                "CheckoutRequestID": reference,
                "ResultCode": str(code),
                "ResultDesc": description or "The service request is processed successfully.",
            },
        )


class MomoStub:
    """Token, request to pay (202) and its status."""

    def __init__(self, router: respx.MockRouter) -> None:
        self.requests: list[httpx.Request] = []
        self.statuses: dict[str, tuple[int, dict[str, Any]]] = {}
        self.token = router.post(f"{MOMO}/collection/token/").mock(
            return_value=httpx.Response(
                200, json={"access_token": "momo-token", "token_type": "access_token", "expires_in": 3600}
            )
        )
        self.pay = router.post(f"{MOMO}/collection/v1_0/requesttopay").mock(side_effect=self._pay)
        self.status = router.get(url__regex=rf"{MOMO}/collection/v1_0/requesttopay/.+").mock(side_effect=self._status)

    def _pay(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(202)

    def _status(self, request: httpx.Request) -> httpx.Response:
        reference = request.url.path.rsplit("/", 1)[-1]
        status, body = self.statuses.get(reference, (404, {"code": "RESOURCE_NOT_FOUND", "message": "not found"}))
        return httpx.Response(status, json=body)


def momo_result(
    external_id: str, amount: str, status: str, reason: Any = None, currency: str = "EUR"
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "amount": amount,
        "currency": currency,
        "externalId": external_id,
        "payer": {"partyIdType": "MSISDN", "partyId": "256772123456"},
        "payerMessage": "Order payment",
        "payeeNote": "ORD-000001",
        "status": status,
    }
    if status == "SUCCESSFUL":
        body["financialTransactionId"] = "1234567890"
    if reason is not None:
        body["reason"] = reason
    return body
