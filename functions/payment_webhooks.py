"""The `payment_webhooks` Lambda: /webhooks/payments (M-Pesa, MTN MoMo and sandbox callbacks).
Its handler is `app` (`app(event, context)`)."""

from functions._build import build_function_app

app = build_function_app("payment_webhooks")
