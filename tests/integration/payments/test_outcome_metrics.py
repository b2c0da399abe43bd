"""The dashboard's payment counters: one `PaymentSucceeded` / `PaymentFailed` EMF metric per
payment settled, with the provider as a dimension; none for a repeated delivery."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from chalicelib.core.observability import SERVICE
from chalicelib.payments.providers.daraja_shapes import callback_body
from tests.integration.payments.support import mobile_checkout, payment, post_callback


def payment_metrics(output: str) -> list[tuple[str, str, str]]:
    """(metric, provider, service) of every payment counter written."""
    found = []
    for line in output.splitlines():
        if not line.startswith('{"_aws"'):
            continue
        document: dict[str, Any] = json.loads(line)
        for definition in document["_aws"]["CloudWatchMetrics"]:
            for metric in definition["Metrics"]:
                if metric["Name"] in ("PaymentSucceeded", "PaymentFailed"):
                    assert definition["Dimensions"] == [["provider", "service"]]
                    assert document[metric["Name"]] == [1.0]
                    found.append((metric["Name"], document["provider"], document["service"]))
    return found


def daraja_callback(reference: str, code: int, description: str) -> dict[str, Any]:
    if code != 0:
        return callback_body(
            merchant_request_id="1", checkout_request_id=reference, result_code=code, result_desc=description
        )
    return callback_body(
        merchant_request_id="1",
        checkout_request_id=reference,
        result_code=0,
        result_desc=description,
        amount=Decimal("302"),
        receipt="NLJ7RT61SV",
        phone="254712345678",
    )


def test_a_success_is_counted_once_with_its_provider(api, db, daraja, capsys: pytest.CaptureFixture[str]) -> None:
    bought = mobile_checkout(api, db, provider="mpesa", prices=("100.50",), quantity=3)
    reference = daraja.last_reference
    daraja.answer(reference, 0)
    capsys.readouterr()

    body = daraja_callback(reference, 0, "The service request is processed successfully.")
    post_callback(api, "mpesa", body)
    post_callback(api, "mpesa", {**body})  # the same delivery again: nothing new

    assert payment(db, bought.payment_id).status == "succeeded"
    assert payment_metrics(capsys.readouterr().out) == [("PaymentSucceeded", "mpesa", SERVICE)]


def test_a_failure_is_counted_with_its_provider(api, db, daraja, capsys: pytest.CaptureFixture[str]) -> None:
    bought = mobile_checkout(api, db, provider="mpesa")
    reference = daraja.last_reference
    daraja.answer(reference, 1032, "Request cancelled by user")
    capsys.readouterr()

    post_callback(api, "mpesa", daraja_callback(reference, 1032, "Request cancelled by user"))

    assert payment(db, bought.payment_id).status == "failed"
    assert payment_metrics(capsys.readouterr().out) == [("PaymentFailed", "mpesa", SERVICE)]
