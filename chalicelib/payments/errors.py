"""Error codes of the payments domain."""

from __future__ import annotations

from chalicelib.core.errors import BusinessRuleViolation, Conflict, NotFound


class PaymentNotFound(NotFound):
    code = "payment_not_found"
    message = "Payment not found."


class PaymentInProgress(Conflict):
    code = "payment_in_progress"
    message = (
        "This payment is still in progress: approve it on the phone, or wait until we know whether it went "
        "through before trying again."
    )


class ProviderCurrencyMismatch(BusinessRuleViolation):
    code = "provider_currency_mismatch"
    message = "This payment provider collects in another currency."


class PaymentNotRetryable(Conflict):
    code = "payment_not_retryable"
    message = "Only a failed payment can be tried again."


class RetryWindowClosed(BusinessRuleViolation):
    code = "retry_window_closed"
    message = "Your orders are no longer held for this payment. Place them again from your cart."


class NotRefundable(BusinessRuleViolation):
    code = "payment_not_refundable"
    message = "Only money actually received can be refunded."


class RefundTooLarge(BusinessRuleViolation):
    code = "refund_exceeds_paid"
    message = "The refund is larger than what is left to refund on this payment."


class RefundOrderRequired(BusinessRuleViolation):
    code = "refund_order_required"
    message = "This payment paid for several orders: say which order the refund is for."


class RefundOrderNotOfPayment(BusinessRuleViolation):
    code = "refund_order_not_of_payment"
    message = "This payment did not pay for that order."


class RefundNotFound(NotFound):
    code = "refund_not_found"
    message = "Refund not found."


class RefundAlreadyClosed(Conflict):
    code = "refund_closed"
    message = "This refund cannot move to that status."


class PaymentNotInReview(Conflict):
    code = "payment_not_in_review"
    message = "Only a payment in review can be resolved."


class SettlementNotFound(NotFound):
    code = "settlement_not_found"
    message = "Settlement not found."


class SettlementAlreadyPaid(Conflict):
    code = "settlement_already_paid"
    message = "This settlement has already been paid out."


class SettlementCancelled(BusinessRuleViolation):
    code = "settlement_cancelled"
    message = "The order was cancelled: nothing is owed for it."
