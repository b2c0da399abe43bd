"""The `auth` Lambda: /auth, /me and /business. Its handler is `app` (`app(event, context)`)."""

from functions._build import build_function_app

app = build_function_app("auth")
