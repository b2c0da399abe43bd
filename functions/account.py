"""The `account` Lambda: /notifications and /me/notification-preferences (later also
/plans, /subscription, /support, /reports). Its handler is `app` (`app(event, context)`)."""

from functions._build import build_function_app

app = build_function_app("account")
