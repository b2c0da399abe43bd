"""The providers' documented payloads parse to the right result (no database, no network)."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from chalicelib.payments.providers import daraja_shapes, get_provider
from chalicelib.payments.providers.base import CallbackRejected, Outcome, charged_amount
from chalicelib.payments.providers.momo import amount_text

# Daraja's documented STK Push callback on success (note the Balance item without a Value).
DARAJA_SUCCESS = """{"Body": {"stkCallback": {
    "MerchantRequestID": "29115-34620561-1",
    "CheckoutRequestID": "ws_CO_191220191020363925",
    "ResultCode": 0,
    "ResultDesc": "The service request is processed successfully.",
    "CallbackMetadata": {"Item": [
        {"Name": "Amount", "Value": 1.00},
        {"Name": "MpesaReceiptNumber", "Value": "NLJ7RT61SV"},
        {"Name": "Balance"},
        {"Name": "TransactionDate", "Value": 20191219102115},
        {"Name": "PhoneNumber", "Value": 254708374149}
    ]}}}}"""


def daraja_failure(code: int, description: str) -> str:
    return json.dumps(
        {
            "Body": {
                "stkCallback": {
                    "MerchantRequestID": "29115-34620561-1",
                    "CheckoutRequestID": "ws_CO_191220191020363925",
                    "ResultCode": code,
                    "ResultDesc": description,
                }
            }
        }
    )


def parse_daraja(text: str):
    return daraja_shapes.parse_callback(json.loads(text, parse_float=Decimal))


def test_daraja_success_callback_reads_the_metadata_items_by_name():
    parsed = parse_daraja(DARAJA_SUCCESS)

    assert parsed.transaction_id == "ws_CO_191220191020363925:0"
    result = parsed.result
    assert result.outcome is Outcome.SUCCEEDED
    assert result.reference == "ws_CO_191220191020363925"
    assert result.amount == Decimal("1.00")
    assert result.currency == "KES"
    assert result.receipt == "NLJ7RT61SV"
    assert result.payer == "254708374149"
    assert result.occurred_at == datetime(2019, 12, 19, 7, 21, 15, tzinfo=UTC)  # 10:21:15 EAT


def test_daraja_metadata_items_in_any_order_and_without_optional_ones():
    body = json.loads(DARAJA_SUCCESS, parse_float=Decimal)
    body["Body"]["stkCallback"]["CallbackMetadata"]["Item"] = [
        {"Name": "PhoneNumber", "Value": 254708374149},
        {"Name": "MpesaReceiptNumber", "Value": "NLJ7RT61SV"},
        {"Name": "Amount", "Value": Decimal("1250")},
    ]
    result = daraja_shapes.parse_callback(body).result
    assert (result.amount, result.receipt, result.occurred_at) == (Decimal("1250.00"), "NLJ7RT61SV", None)


@pytest.mark.parametrize(
    ("code", "description", "reason"),
    [
        (1032, "Request cancelled by user", "cancelled_by_user"),
        (1, "The balance is insufficient for the transaction", "insufficient_funds"),
        (2001, "The initiator information is invalid.", "wrong_pin"),
        (1037, "DS timeout user cannot be reached", "timeout"),
        (1019, "Transaction has expired", "timeout"),
        (
            1001,
            "Unable to lock subscriber, a transaction is already in process for the current subscriber",
            "payer_busy",
        ),
    ],
)
def test_daraja_failure_callbacks_map_to_reasons(code, description, reason):
    parsed = parse_daraja(daraja_failure(code, description))
    assert parsed.result.outcome is Outcome.FAILED
    assert parsed.result.reason == reason
    assert parsed.result.provider_code == str(code)
    assert parsed.result.provider_message == description
    assert parsed.result.amount is None
    assert parsed.transaction_id == f"ws_CO_191220191020363925:{code}"


def test_an_unknown_daraja_code_is_unknown_not_a_failure():
    assert parse_daraja(daraja_failure(4999, "Something new")).result.outcome is Outcome.UNKNOWN


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"Body": {}},
        {"Body": {"stkCallback": {"ResultCode": 0}}},
        {"Body": {"stkCallback": {"MerchantRequestID": "1", "CheckoutRequestID": "", "ResultCode": 0}}},
        [1, 2, 3],
        "text",
    ],
)
def test_a_body_that_is_not_an_stk_callback_is_rejected(body):
    with pytest.raises(CallbackRejected):
        daraja_shapes.parse_callback(body)


def test_daraja_query_result_code_is_a_string_and_500_001_1001_means_ask_later():
    success = {
        "ResponseCode": "0",
        "ResponseDescription": "The service request has been accepted successsfully",
        "MerchantRequestID": "22205-34066-1",
        "CheckoutRequestID": "ws_CO_13012021093521236557",
        "ResultCode": "0",
        "ResultDesc": "The service request is processed successfully.",
    }
    assert daraja_shapes.parse_query(200, success, "x").outcome is Outcome.SUCCEEDED
    cancelled = {**success, "ResultCode": "1032", "ResultDesc": "Request cancelled by user"}
    result = daraja_shapes.parse_query(200, cancelled, "x")
    assert (result.outcome, result.reason) == (Outcome.FAILED, "cancelled_by_user")
    processing = {"requestId": "1", "errorCode": "500.001.1001", "errorMessage": "The transaction is being processed"}
    result = daraja_shapes.parse_query(500, processing, "ws_CO_1")
    assert (result.outcome, result.provider_code, result.reference) == (Outcome.UNKNOWN, "500.001.1001", "ws_CO_1")
    assert daraja_shapes.parse_query(400, {"errorCode": "400.002.02"}, "x").outcome is Outcome.UNKNOWN


def test_daraja_password_and_timestamp_use_east_africa_time():
    stamp = daraja_shapes.timestamp(datetime(2026, 11, 24, 21, 30, 5, tzinfo=UTC))
    assert stamp == "20261125003005"
    password = daraja_shapes.password("174379", "passkey", stamp)
    assert base64.b64decode(password).decode() == "174379passkey20261125003005"


def test_whole_unit_amounts_round_up_and_texts_fit_daraja_limits():
    assert charged_amount(Decimal("301.50"), whole_units=True) == Decimal("302.00")
    assert charged_amount(Decimal("300.00"), whole_units=True) == Decimal("300.00")
    assert charged_amount(Decimal("301.01"), whole_units=False) == Decimal("301.01")
    assert daraja_shapes.fit("ORD-000123+2", 12) == "ORD-000123+2"
    assert len(daraja_shapes.fit("Soko Wholesale order payment", 13)) == 13
    assert amount_text(Decimal("1250.00")) == "1250"
    assert amount_text(Decimal("1250.50")) == "1250.50"


def test_payer_phones_in_each_provider_format():
    assert get_provider("mpesa").payer_msisdn("+254712345678") == "254712345678"
    assert get_provider("mpesa").payer_msisdn("+254110123456") == "254110123456"
    assert get_provider("mtn_momo").payer_msisdn("+256772123456") == "256772123456"


# --- MTN MoMo ----------------------------------------------------------------------------

PAYMENT_ID = uuid.UUID("6f1c7d36-8a0a-4c44-9a25-9b1c6a0e4c11")


def momo_body(status: str, **extra):
    return {
        "financialTransactionId": "23503452",
        "externalId": str(PAYMENT_ID),
        "amount": "1250",
        "currency": "UGX",
        "payer": {"partyIdType": "MSISDN", "partyId": "256772123456"},
        "payerMessage": "Order payment",
        "payeeNote": "ORD-000123",
        "status": status,
        **extra,
    }


def parse_momo(body, attempt="1"):
    return get_provider("mtn_momo").parse_callback(body, path_ref=(str(PAYMENT_ID), attempt))


def test_momo_successful_callback():
    parsed = parse_momo(momo_body("SUCCESSFUL"))
    assert parsed.transaction_id == f"{PAYMENT_ID}:1:succeeded"
    assert (parsed.payment_id, parsed.attempt) == (PAYMENT_ID, 1)
    result = parsed.result
    assert (result.outcome, result.amount, result.currency, result.receipt) == (
        Outcome.SUCCEEDED,
        Decimal("1250.00"),
        "UGX",
        "23503452",
    )
    assert result.external_id == str(PAYMENT_ID)


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("APPROVAL_REJECTED", "cancelled_by_user"),
        ("NOT_ENOUGH_FUNDS", "insufficient_funds"),
        ("PAYER_NOT_FOUND", "payer_not_found"),
        ("COULD_NOT_PERFORM_TRANSACTION", "timeout"),
        ({"code": "NOT_ENOUGH_FUNDS", "message": "The payer does not have enough funds."}, "insufficient_funds"),
        ("SOMETHING_NEW", "declined"),
        (None, "declined"),
    ],
)
def test_momo_failed_callbacks_accept_a_reason_string_or_object(reason, expected):
    body = momo_body("FAILED", reason=reason) if reason is not None else momo_body("FAILED")
    body.pop("financialTransactionId")
    result = parse_momo(body).result
    assert (result.outcome, result.reason) == (Outcome.FAILED, expected)


def test_momo_pending_and_unknown_statuses_settle_nothing():
    assert parse_momo(momo_body("PENDING")).result.outcome is Outcome.PENDING
    assert parse_momo(momo_body("ONGOING")).result.outcome is Outcome.UNKNOWN


def test_a_momo_callback_must_name_the_payment_of_its_path():
    with pytest.raises(CallbackRejected):
        get_provider("mtn_momo").parse_callback(momo_body("SUCCESSFUL"), path_ref=(str(uuid.uuid4()), "1"))
    with pytest.raises(CallbackRejected):
        get_provider("mtn_momo").parse_callback(momo_body("SUCCESSFUL"), path_ref=None)
    with pytest.raises(CallbackRejected):
        parse_momo({"amount": "1"})
