"""The `system` Lambda: /health and /openapi.json. Its handler is `app` (`app(event, context)`)."""

from functions._build import build_function_app

app = build_function_app("system")
