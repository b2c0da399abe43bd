"""Believing money: a callback is only a hint until the provider's status query agrees and
the amount, currency and reference match the payment.

    status query   callback                 verdict
    unknown/pending anything                 wait (reconciliation asks again)
    succeeded      failed                   review (they disagree)
    succeeded      none / succeeded / other succeed, if every amount, currency and
                                             reference given matches; else review
    failed         succeeded                review
    failed         none / failed / other    fail, with the provider's reason
"""

from __future__ import annotations

from dataclasses import dataclass
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
    amount: object = None
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
    receipt = (final_callback.receipt if final_callback else None) or query.receipt
    amount = (final_callback.amount if final_callback else None) or query.amount
    return Verdict(Decision.SUCCEED, receipt=receipt, amount=amount, provider_code=query.provider_code)


def _mismatch(payment: Payment, attempt: PaymentAttempt, result: ProviderResult | None) -> str | None:
    if result is None:
        return None
    expected = payment.charged_amount if payment.charged_amount is not None else payment.amount
    if result.amount is not None and result.amount != expected:
        return f"amount {result.amount} instead of {expected}"
    if result.currency is not None and result.currency != payment.currency:
        return f"currency {result.currency} instead of {payment.currency}"
    if result.reference is not None and result.reference != attempt.reference:
        return "the reference is not this attempt's"
    if result.external_id is not None and result.external_id != str(payment.id):
        return "the external id is not this payment's"
    return None
