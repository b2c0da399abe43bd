"""Every notified event renders on each of its channels from a payload of its documented
shape (the domains' event contracts), with the payload's facts in the text."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from chalicelib.notifications.recipients import NOTIFIED_EVENTS
from chalicelib.notifications.rendering import render_email, render_in_app, render_sms

MONEY = {"amount": "8550.00", "currency": "KES"}
ORDER = {"order_id": "o-1", "number": "ORD-000042", "business_id": "b-1", "retailer_id": "b-1", "wholesaler_id": "b-2"}
SUBSCRIPTION = {
    "subscription_id": "s-1",
    "business_id": "b-1",
    "plan_code": "retailer-pro",
    "plan_name": "Pro",
    "interval": "month",
    **MONEY,
}
INVOICE = {"invoice_id": "i-1", "invoice_number": "SUB-000007"}
PAYMENT = {
    "payment_id": "p-1",
    "business_id": "b-1",
    "purpose": "checkout",
    "provider": "mpesa",
    "checkout_id": "c-1",
    "subscription_invoice_id": None,
    **MONEY,
}

PAYLOADS: dict[str, tuple[dict[str, Any], str]] = {
    "OrderPlaced": (
        {**ORDER, "total": "8550.00", "currency": "KES", "line_count": 3, "payment_method": "pay_on_delivery"},
        "ORD-000042",
    ),
    "OrdersPlaced": (
        {
            "checkout_id": "c-1",
            "business_id": "b-1",
            "order_ids": ["o-1", "o-2"],
            "order_numbers": ["ORD-000042", "ORD-000043"],
            "total": "8550.00",
            "currency": "KES",
            "payment_method": "pay_on_delivery",
        },
        "ORD-000043",
    ),
    "OrderStatusChanged": (
        {**ORDER, "from_status": "placed", "to_status": "dispatched", "actor": "wholesaler", "note": None},
        "dispatched",
    ),
    "OrderCancelled": (
        {**ORDER, "from_status": "placed", "to_status": "cancelled", "actor": "retailer", "note": "Ordered twice"},
        "Ordered twice",
    ),
    "OrderExpired": (
        {**ORDER, "from_status": "pending_payment", "to_status": "cancelled", "actor": "system", "note": None},
        "ORD-000042",
    ),
    "LowStock": (
        {
            "business_id": "b-2",
            "product_id": "p-9",
            "sku": "PW-COKE-500",
            "name": "Coca-Cola 500ml",
            "stock_on_hand": 7,
            "threshold": 10,
        },
        "PW-COKE-500",
    ),
    "PaymentSucceeded": (
        {**PAYMENT, "receipt": "SGH7K2L9QX", "late": False, "order_numbers": ["ORD-000042"]},
        "SGH7K2L9QX",
    ),
    "PaymentFailed": (
        {
            **PAYMENT,
            "reason": "insufficient_funds",
            "message": "Your M-Pesa balance was too low.",
            "can_retry": True,
            "retry_until": "2026-11-24T10:15:00+00:00",
        },
        "balance was too low",
    ),
    "PaymentNeedsReview": ({**PAYMENT, "why": "amount_mismatch"}, "8550.00"),
    "PaymentArrivedLate": ({**PAYMENT, "refund_id": "r-1", "refund_amount": "8550.00"}, "refunding"),
    "RefundCompleted": ({**PAYMENT, "refund_id": "r-1", "refund_amount": "100.00", "reference": "RF123"}, "RF123"),
    "RefundOpened": (
        {
            "business_id": "b-1",
            "refund_id": "r-1",
            "payment_id": "p-1",
            "order_id": "o-1",
            "order_number": "ORD-000042",
            "cause": "cancelled_order",
            "reason": "The order was cancelled: Changed my mind.",
            "refund_amount": "301.50",
            "currency": "KES",
            "provider": "mpesa",
            "payer_phone": "+254712345678",
            "reference": None,
        },
        "Changed my mind",
    ),
    "OrphanCollectionReceived": (
        {
            "business_id": None,
            "refund_id": "r-2",
            "payment_id": None,
            "order_id": None,
            "order_number": None,
            "cause": "orphan_collection",
            "reason": "Collected by mpesa for no payment we asked for.",
            "refund_amount": "302.00",
            "currency": "KES",
            "provider": "mpesa",
            "payer_phone": "+254799000111",
            "reference": None,
            "receipt": "QLK4ABCDE1",
        },
        "QLK4ABCDE1",
    ),
    "SettlementPaidOut": (
        {
            "business_id": "b-2",
            "settlement_id": "st-1",
            "order_id": "o-1",
            "order_number": "ORD-000042",
            "reference": "PAYOUT-9",
            **MONEY,
        },
        "PAYOUT-9",
    ),
    "PayoutSent": (
        {
            "business_id": "b-2",
            "reference": "BATCH-7",
            "amount": "422.60",
            "currency": "KES",
            "settlement_count": 2,
            "paid_at": "2026-12-03T10:00:00+00:00",
        },
        "KES 422.60 for 2 orders (reference BATCH-7)",
    ),
    "SubscriptionStarted": (
        {**SUBSCRIPTION, "status": "trialing", "trial_end": "2026-12-08T00:00:00+00:00"},
        "2026-12-08",
    ),
    "SubscriptionStatusChanged": (
        {**SUBSCRIPTION, "from_status": "active", "to_status": "past_due", "reason": "payment_failed"},
        "past due",
    ),
    "SubscriptionSuspended": (
        {
            **SUBSCRIPTION,
            **INVOICE,
            "from_status": "past_due",
            "to_status": "suspended",
            "reason": "grace_period_over",
            "suspended_at": "2026-12-01T00:00:00+00:00",
        },
        "SUB-000007",
    ),
    "SubscriptionPaymentFailed": (
        {
            **SUBSCRIPTION,
            **INVOICE,
            "reason": "insufficient funds",
            "attempt": 1,
            "status": "past_due",
            "next_retry_at": "2026-11-25T09:00:00+00:00",
            "suspends_at": "2026-12-01T09:00:00+00:00",
        },
        "2026-11-25",
    ),
    "SubscriptionPaymentReceived": (
        {**SUBSCRIPTION, **INVOICE, "period_end": "2026-12-24T00:00:00+00:00"},
        "2026-12-24",
    ),
    "SubscriptionRenewalReminder": (
        {**SUBSCRIPTION, "renews_at": "2026-12-01T00:00:00+00:00", "days_before": 3},
        "2026-12-01",
    ),
    "SubscriptionTrialEnding": ({**SUBSCRIPTION, "trial_ends_at": "2026-11-27T00:00:00+00:00"}, "2026-11-27"),
    "SubscriptionCancellationScheduled": ({**SUBSCRIPTION, "ends_at": "2026-12-24T00:00:00+00:00"}, "2026-12-24"),
    "SubscriptionPaymentRefundOpened": (
        {
            "business_id": "b-1",
            "subscription_id": "s-1",
            **INVOICE,
            "invoice_status": "paid",
            "payment_id": "p-1",
            "provider": "mpesa",
            "receipt": "SGH7K2L9QX",
            **MONEY,
            "refund_id": "r-1",
            "refund_amount": "8550.00",
        },
        "SUB-000007",
    ),
    "WholesalerReverificationRequested": (
        {
            "business_id": "b-2",
            "business_name": "Pwani Traders Ltd",
            "previous_name": "Pwani Wholesale Ltd",
            "changed_fields": ["name"],
        },
        "formerly Pwani Wholesale Ltd",
    ),
}


@pytest.mark.parametrize("event_type", sorted(PAYLOADS))
def test_the_event_renders_on_each_channel_with_its_facts(event_type: str) -> None:
    payload, fact = PAYLOADS[event_type]
    recipient = SimpleNamespace(
        full_name="Njeri Wanjiru", email="njeri@duka.co.ke", phone="+254712345678", business_name="Mama Njeri Mini Mart"
    )
    context = {
        "payload": payload,
        "recipient": recipient,
        "platform_name": "Soko Wholesale",
        "link": "https://app.example/x",
        "spa_url": "https://app.example",
    }
    channels = NOTIFIED_EVENTS[event_type].channels
    in_app = render_in_app(event_type, context)
    assert fact in in_app.title + in_app.body
    if "email" in channels:
        email = render_email(event_type, context)
        assert fact in email.subject + email.text
        assert "Njeri Wanjiru" in email.text
        assert "https://app.example/x" in email.html
    if "sms" in channels:
        assert 0 < len(render_sms(event_type, context)) <= 160


def test_every_domain_event_has_a_payload_here() -> None:
    account_events = {
        "EmailVerificationRequested",
        "PasswordResetRequested",
        "StaffInvited",
        "SignInLockedOut",
        "PasswordChanged",
        "TwoFactorReset",
        "BusinessRegistered",
        "WholesalerVerificationChanged",
    }
    assert set(NOTIFIED_EVENTS) - account_events == set(PAYLOADS)


def test_a_wholesaler_pending_review_again_is_told_why_and_what_it_means() -> None:
    recipient = SimpleNamespace(
        full_name="Njeri Wanjiru", email="njeri@duka.co.ke", phone="+254712345678", business_name="Pwani Traders Ltd"
    )
    reason = "The legal name changed; our team will verify the business again."
    context = {
        "payload": {"business_id": "b-2", "status": "pending", "reason": reason},
        "recipient": recipient,
        "platform_name": "Soko Wholesale",
        "link": "https://app.example/business",
        "spa_url": "https://app.example",
    }

    in_app = render_in_app("WholesalerVerificationChanged", context)
    email = render_email("WholesalerVerificationChanged", context)

    assert in_app.title == "Your business is being verified again"
    assert in_app.body == reason + " Until Pwani Traders Ltd is verified again, retailers do not see your products."
    assert email.subject == "Pwani Traders Ltd is being verified again"
    assert reason in email.text
    assert reason in email.html
