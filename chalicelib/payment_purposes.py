"""Which package acts on a settled payment of which purpose.

The payments package sits below orders and billing and never imports them: it calls the
outcome handler registered for a payment's purpose (`payments.handlers`). The packages
that own a purpose register theirs here, once per process, from the entry points that
settle or show payments (`app.py` and the function modules that need it).
"""

from __future__ import annotations

_registered = False


def register_payment_purposes() -> None:
    global _registered
    if _registered:
        return
    from chalicelib.billing.payment_outcomes import register_subscription_outcomes
    from chalicelib.orders.payment_outcomes import register_checkout_outcomes

    register_checkout_outcomes()
    register_subscription_outcomes()
    _registered = True
