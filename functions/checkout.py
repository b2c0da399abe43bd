"""The `checkout` Lambda: /cart, /checkout, /orders, /business/delivery-options, /payments and
/settlements. Its handler is `app` (`app(event, context)`)."""

from functions._build import build_function_app

app = build_function_app("checkout")
