"""The `account` Lambda: /plans, /subscription, /notifications and /me/notification-preferences.

Lambda calls `handler`; `app` is its Chalice app (tests, the local stack)."""

from functions._build import api_handler, build_function_app

app = build_function_app("account")
handler = api_handler(app)
