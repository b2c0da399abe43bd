"""Registers billing's handlers for `subscription` payments with the payments dispatch
(`chalicelib.wiring` calls it when an entry point wires the app). The handlers
are in `payments_port`."""

from __future__ import annotations

from chalicelib.billing import payments_port


def register_subscription_outcomes() -> None:
    payments_port.register_outcome_handlers()
