"""The `catalog` Lambda: /catalog and /categories (retailers, public) and /inventory (wholesalers).

Lambda calls `handler`; `app` is its Chalice app (tests, the local stack)."""

from functions._build import api_handler, build_function_app

app = build_function_app("catalog")
handler = api_handler(app)
