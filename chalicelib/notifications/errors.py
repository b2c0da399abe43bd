"""Notifications error codes (HTTP) and the consumer's permanent-failure signal."""

from __future__ import annotations

from chalicelib.core.errors import BusinessRuleViolation, NotFound


class NotificationNotFound(NotFound):
    code = "notification_not_found"
    message = "Notification not found."


class CannotDisableSecurity(BusinessRuleViolation):
    """422: the request is well-formed, but security messages are locked on."""

    code = "cannot_disable_security"
    message = "Security messages (verification, password reset, sign-in alerts) cannot be turned off."


class UndeliverableMessage(Exception):
    """A queue message that can never be delivered however often it is retried: it cannot
    be parsed, names an unknown event type, lacks a payload field, or cannot be rendered.
    The consumer moves it to the dead-letter queue with this reason instead of retrying."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)
