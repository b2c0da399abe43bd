"""The `catalog` Lambda: /catalog and /categories (retailers, public) and /inventory
(wholesalers). Its handler is `app` (`app(event, context)`)."""

from functions._build import build_function_app

app = build_function_app("catalog")
