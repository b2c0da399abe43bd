"""The `payment_webhooks` Lambda: /webhooks/payments (M-Pesa, MTN MoMo and sandbox callbacks).

Lambda calls `handler`; `app` is its Chalice app (tests, the local stack)."""

from functions._build import api_handler, build_function_app

app = build_function_app("payment_webhooks")
handler = api_handler(app)
