"""What the payer should do next about a payment, in words: one answer for the checkout,
a retry and `GET /payments/{id}`, so each tells the truth about the payment's state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chalicelib.payments.models import Payment, PaymentAttempt
from chalicelib.payments.reasons import RETRY_HINT, message_for

UNCONFIRMED = "unconfirmed"
"""Set in an attempt's `response` when we could not read the provider's answer."""

PROVIDER_NAMES = {"mpesa": "M-Pesa", "mtn_momo": "MTN MoMo", "sandbox": "the sandbox"}


@dataclass(frozen=True)
class NextStep:
    payment_status: str
    next_action: str
    message: str
    can_retry: bool = False
    retry_until: datetime | None = None


def is_unconfirmed(attempt: PaymentAttempt) -> bool:
    return bool(attempt.response.get(UNCONFIRMED))


def next_step(payment: Payment, open_attempt: PaymentAttempt | None, *, now: datetime) -> NextStep:
    status = payment.status
    if status == "pending":
        if open_attempt is not None and open_attempt.reference is not None and not is_unconfirmed(open_attempt):
            amount = payment.charged_amount if payment.charged_amount is not None else payment.amount
            return NextStep(
                status,
                "approve_on_phone",
                f"Approve the payment of {payment.currency} {amount} on {payment.payer_phone}."
                + (" Your orders are held until the payment is confirmed." if payment.purpose == "checkout" else ""),
            )
        provider = PROVIDER_NAMES.get(payment.provider or "", "the provider")
        return NextStep(
            status,
            "wait",
            f"We are confirming your payment with {provider}. Do not pay again: "
            "we will tell you as soon as it is confirmed.",
        )
    if status == "failed":
        hold = payment.hold_until
        can_retry = payment.purpose == "checkout" and hold is not None and hold > now
        message = message_for(payment.failure_reason) or ""
        if can_retry:
            return NextStep(status, "retry", f"{message} {RETRY_HINT}", True, hold)
        if payment.purpose == "checkout":
            message += " Your orders were released; place them again from your cart."
        return NextStep(status, "none", message.strip())
    if status == "needs_review":
        return NextStep(status, "none", "We are checking this payment with the provider. We will let you know.")
    if payment.late:
        return NextStep(status, "none", "The payment arrived after your orders had expired. It will be refunded.")
    return NextStep(status, "none", "Payment received.")
