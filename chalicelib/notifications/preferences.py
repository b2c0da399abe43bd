"""Notification categories, channels and the default for each pair.

A user's stored preference overrides the default; `security` (e-mail verification,
password reset, invitations, sign-in alerts) is locked on: it cannot be turned off,
because those messages are how an account is proven and protected.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

Category = Literal["security", "account", "orders", "payments", "inventory", "billing"]
Channel = Literal["in_app", "email", "sms"]

SECURITY: Category = "security"
IN_APP: Channel = "in_app"
EMAIL: Channel = "email"
SMS: Channel = "sms"

CATEGORIES: tuple[Category, ...] = ("security", "account", "orders", "payments", "inventory", "billing")
CHANNELS: tuple[Channel, ...] = ("in_app", "email", "sms")
LOCKED_CATEGORIES: frozenset[str] = frozenset({SECURITY})

CATEGORY_DESCRIPTIONS: dict[str, str] = {
    "security": "Sign-in, password and verification messages. Always on.",
    "account": "Your business account: welcome, verification decisions, staff.",
    "orders": "New orders, status changes and deliveries.",
    "payments": "Payment results and refunds.",
    "inventory": "Low stock and stock changes.",
    "billing": "Your subscription: renewals, failed payments, suspension.",
}

# SMS costs money and interrupts: on by default only where a phone matters (money, orders).
DEFAULTS: dict[str, dict[str, bool]] = {
    "security": {"in_app": True, "email": True, "sms": True},
    "account": {"in_app": True, "email": True, "sms": False},
    "orders": {"in_app": True, "email": True, "sms": True},
    "payments": {"in_app": True, "email": True, "sms": True},
    "inventory": {"in_app": True, "email": False, "sms": False},
    "billing": {"in_app": True, "email": True, "sms": True},
}


def is_locked(category: str) -> bool:
    return category in LOCKED_CATEGORIES


def is_enabled(category: str, channel: str, stored: Mapping[tuple[str, str], bool]) -> bool:
    """Whether a user wants `category` on `channel`, given their stored (category, channel) choices."""
    if is_locked(category):
        return True
    default = DEFAULTS.get(category, {}).get(channel, True)
    return stored.get((category, channel), default)
