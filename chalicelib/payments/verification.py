"""Believing money: a callback is only a hint until the provider's status query agrees and
the amount, currency and reference match the payment.

    status query   callback                 verdict
    unknown/pending anything                 wait (reconciliation asks again)
    succeeded      failed                   review (they disagree)
    succeeded      none / succeeded / other succeed, if every amount, currency and
                                             reference given matches; else review
    failed         succeeded                review
    failed         none / failed / other    fail, with the provider's reason

What a success credits comes from the status query, never from the callback body: the
amount the query reports, or else the amount the reference was asked for (Daraja's STK Push
query reports none: a CheckoutRequestID is bound to the amount of its push); the receipt the
query reports (MoMo's financialTransactionId), or else, for a provider whose query has no
receipt (Daraja), the callback's MpesaReceiptNumber, kept as a label only once the query
confirmed the success and every amount, currency and reference in the callback matched.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from chalicelib.payments.models import Payment, PaymentAttempt
from chalicelib.payments.providers.base import Outcome, ProviderResult


class Decision(StrEnum):
    SUCCEED = "succeed"
    FAIL = "fail"
    REVIEW = "review"
    WAIT = "wait"


@dataclass(frozen=True)
class Verdict:
    decision: Decision
    reason: str | None = None
    """The failure reason code, or why the payment needs review."""
    receipt: str | None = None
    amount: Decimal | None = None
    receipt_source: str | None = None
    provider_code: str | None = None
    provider_message: str | None = None


def decide(
    payment: Payment, attempt: PaymentAttempt, callback: ProviderResult | None, query: ProviderResult
) -> Verdict:
    if query.outcome in (Outcome.UNKNOWN, Outcome.PENDING):
        return Verdict(Decision.WAIT, provider_code=query.provider_code, provider_message=query.provider_message)
    final_callback = (
        callback if callback is not None and callback.outcome in (Outcome.SUCCEEDED, Outcome.FAILED) else None
    )
    if final_callback is not None and final_callback.outcome is not query.outcome:
        return Verdict(
            Decision.REVIEW,
            reason=f"the callback says {final_callback.outcome.value}, the status query {query.outcome.value}",
        )
    if query.outcome is Outcome.FAILED:
        reason = query.reason or (final_callback.reason if final_callback else None) or "declined"
        return Verdict(
            Decision.FAIL, reason=reason, provider_code=query.provider_code, provider_message=query.provider_message
        )
    for source, result in (("callback", final_callback), ("status query", query)):
        mismatch = _mismatch(payment, attempt, result)
        if mismatch:
            return Verdict(Decision.REVIEW, reason=f"{source}: {mismatch}")
    receipt, receipt_source = query.receipt, "status_query"
    if receipt is None and final_callback is not None and final_callback.receipt:
        receipt, receipt_source = final_callback.receipt, "callback"
    amount = query.amount if query.amount is not None else _expected(payment)
    return Verdict(
        Decision.SUCCEED,
        receipt=receipt,
        amount=amount,
        receipt_source=receipt_source if receipt else None,
        provider_code=query.provider_code,
    )


def _expected(payment: Payment) -> Decimal:
    return payment.charged_amount if payment.charged_amount is not None else payment.amount


def _mismatch(payment: Payment, attempt: PaymentAttempt, result: ProviderResult | None) -> str | None:
    if result is None:
        return None
    expected = _expected(payment)
    if result.amount is not None and result.amount != expected:
        return f"amount {result.amount} instead of {expected}"
    if result.currency is not None and result.currency != payment.currency:
        return f"currency {result.currency} instead of {payment.currency}"
    if result.reference is not None and result.reference != attempt.reference:
        return "the reference is not this attempt's"
    if result.external_id is not None and result.external_id != str(payment.id):
        return "the external id is not this payment's"
    return None
