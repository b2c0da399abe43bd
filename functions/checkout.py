"""The `checkout` Lambda: /cart, /checkout, /orders, /business/delivery-options, /payments and
/settlements.

Lambda calls `handler`; `app` is its Chalice app (tests, the local stack)."""

from functions._build import api_handler, build_function_app

app = build_function_app("checkout")
handler = api_handler(app)
