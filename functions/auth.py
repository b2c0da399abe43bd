"""The `auth` Lambda: /auth, /me and /business.

Lambda calls `handler`; `app` is its Chalice app (tests, the local stack)."""

from functions._build import api_handler, build_function_app

app = build_function_app("auth")
handler = api_handler(app)
