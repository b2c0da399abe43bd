"""Registers billing's handlers for `subscription` payments with the payments dispatch.

The payments domain imports this module on first use (`payments.handlers.HANDLER_MODULES`),
so every Lambda that settles payments (payment_webhooks, sweeper) reaches billing's
`outcomes` without importing billing itself. The handlers are in `payments_port`.
"""

from __future__ import annotations

from chalicelib.billing import payments_port

payments_port.register_outcome_handlers()
