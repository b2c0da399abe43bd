"""Billing error codes: each a domain error with its status."""

from __future__ import annotations

from typing import Any

from chalicelib.core.errors import BusinessRuleViolation, Conflict, NotFound, PaymentRequired


class PlanNotFound(NotFound):
    code = "plan_not_found"
    message = "No such plan."


class PlanCodeTaken(Conflict):
    code = "plan_code_taken"
    message = "A plan with this code already exists."


class PlanNotOffered(BusinessRuleViolation):
    code = "plan_not_offered"
    message = "This plan is not offered to your kind of business."


class SubscriptionNotFound(NotFound):
    code = "subscription_not_found"
    message = "Your business has no subscription yet. Choose a plan to start one."


class SubscriptionExists(Conflict):
    code = "subscription_exists"
    message = "Your business already has a subscription. Change its plan instead."


class InvoiceNotFound(NotFound):
    code = "invoice_not_found"
    message = "No such invoice."


class InvoiceNotOpen(Conflict):
    code = "invoice_not_open"
    message = "This invoice is not open for payment."


class PaymentInProgress(Conflict):
    code = "payment_in_progress"
    message = "A payment for this invoice is already waiting for approval on the phone."


class InvalidSubscriptionTransition(Conflict):
    code = "invalid_subscription_transition"
    message = "The subscription cannot make this change now."


class SubscriptionNotChangeable(BusinessRuleViolation):
    code = "subscription_not_changeable"
    message = "The subscription cannot be changed in its current state."


class OpenInvoiceUnpaid(BusinessRuleViolation):
    code = "open_invoice_unpaid"
    message = "Pay the open invoice first."


class NoChange(BusinessRuleViolation):
    code = "no_change"
    message = "This is already your plan and billing interval."


class UsageExceedsPlan(BusinessRuleViolation):
    code = "usage_exceeds_plan"
    message = "Your current use exceeds the limits of that plan. Reduce it first."


class NotCancelling(BusinessRuleViolation):
    code = "not_cancelling"
    message = "The subscription is not set to cancel."


class SubscriptionRequired(PaymentRequired):
    code = "subscription_required"
    message = "A subscription in good standing is required. Choose a plan or pay the open invoice."


class PlanLimitReached(BusinessRuleViolation):
    code = "plan_limit_reached"
    message = "Your plan's limit is reached. Upgrade your plan to add more."

    def __init__(self, *, limit_name: str, limit: int, used: int, plan_code: str) -> None:
        extra: dict[str, Any] = {"limit": {"name": limit_name, "max": limit, "used": used, "plan": plan_code}}
        super().__init__(
            f"Your plan allows at most {limit} {limit_name.replace('_', ' ')}. Upgrade your plan to add more.",
            extra=extra,
        )


class FeatureNotIncluded(BusinessRuleViolation):
    code = "plan_feature_not_included"
    message = "Your plan does not include this feature. Upgrade your plan to use it."
