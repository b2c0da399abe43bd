"""The `system` Lambda: /health and /openapi.json.

Lambda calls `handler`; `app` is its Chalice app (tests, the local stack)."""

from functions._build import api_handler, build_function_app

app = build_function_app("system")
handler = api_handler(app)
