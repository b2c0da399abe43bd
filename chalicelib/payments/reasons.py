"""Why a payment failed, in words a retailer understands, with what to do next.

Providers map their own codes onto these reason codes (`providers/daraja.py`,
`providers/momo.py`); `failure_reason` on a payment holds the code, and the API and the
events carry the message.
"""

from __future__ import annotations

REASONS: dict[str, str] = {
    "cancelled_by_user": "The payment request was cancelled on the phone.",
    "insufficient_funds": "There was not enough money in the mobile money account. Top up and try again.",
    "wrong_pin": "The PIN entered was wrong. Try again and enter the correct PIN.",
    "timeout": "The payment request was not answered in time (the phone may be off or out of signal). "
    "Try again and approve it promptly.",
    "unreachable": "The phone could not be reached. Check that it is on and has signal, then try again.",
    "payer_busy": "Another mobile money transaction was in progress on the phone. Wait a minute and try again.",
    "payer_not_found": "This number is not registered for mobile money with the chosen provider.",
    "limit_reached": "The payment would go over the account's transaction limit.",
    "account_blocked": "The mobile money account cannot make this payment. Contact the provider.",
    "declined": "The provider declined the payment.",
    "request_rejected": "The provider refused the payment request.",
    "provider_unavailable": "The payment provider could not be reached. Try again in a moment.",
    "expired": "The payment was not completed in time.",
    "unknown": "The payment could not be confirmed.",
}

RETRY_HINT = "You can try again while your orders are held."


def message_for(reason: str | None) -> str | None:
    if reason is None:
        return None
    return REASONS.get(reason, REASONS["unknown"])
