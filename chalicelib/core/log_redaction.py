"""Keeping the payment webhook tokens (and any other token) out of the logs.

A webhook token travels in the callback URL's query (`?token=...`), in the `X-Webhook-Token`
header, or, in the earlier callback URLs still accepted, in the path:
`/webhooks/payments/<provider>/<token>[/...]`. Redacted, each becoming `<redacted>`:

- everything after the provider in a webhook path (a route template, `.../{part1}`, is left);
- the value of a `token=` (or `..._token=`, `...-token=`) parameter in a query string;
- the value of a `token` (or `..._token`, `...-token`) field written as JSON or a Python repr
  (`"token": "..."`, `'X-Webhook-Token': ['...']`), as in a logged event or headers;
- in a structure, the value of every such key, whatever it holds.

`redact_secrets` is the pure function on text, `redact_value` on structures.
`RedactSecretsFilter` applies them to a log record (message, arguments, every string field,
the traceback text; `redact_logger` installs it), and `RedactingFormatter` to the JSON line
Powertools writes. The exception object a record carries is left as it is: handlers print
the redacted traceback text instead.
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any

from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter

REDACTED = "<redacted>"
_STOP = r"\s?#\"'<>"
_TOKEN_NAME = r"(?:[\w-]*[_-])?token"
_WEBHOOK_PATH = re.compile(rf"(/webhooks/payments/[^/{_STOP}]+/)(?!\{{)[^{_STOP}]+")
_TOKEN_PARAMETER = re.compile(rf"((?<![\w-]){_TOKEN_NAME}=)[^&{_STOP}]+", re.IGNORECASE)
_TOKEN_FIELD = re.compile(
    rf"((\\?)([\"']){_TOKEN_NAME}\2\3\s*:\s*\[?\s*\2\3)(?:(?!\2\3).)+",
    re.IGNORECASE,
)
_TOKEN_KEY = re.compile(rf"^{_TOKEN_NAME}$", re.IGNORECASE)
_STANDARD_RECORD_FIELDS = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


def redact_secrets(text: str) -> str:
    if "token" not in text.lower() and "/webhooks/payments/" not in text:
        return text
    text = _WEBHOOK_PATH.sub(rf"\1{REDACTED}", text)
    text = _TOKEN_PARAMETER.sub(rf"\1{REDACTED}", text)
    return _TOKEN_FIELD.sub(rf"\1{REDACTED}", text)


def is_token_key(key: object) -> bool:
    return isinstance(key, str) and _TOKEN_KEY.match(key) is not None


def redact_value(value: Any) -> Any:
    """`value` with every string in it redacted (through dicts, lists and tuples)."""
    if isinstance(value, str):
        return redact_secrets(value)
    if isinstance(value, dict):
        return {key: REDACTED if is_token_key(key) else redact_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(redact_value(item) for item in value)
    return value


class RedactSecretsFilter(logging.Filter):
    """Redacts a record in place before any handler sees it (including test capture)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact_value(record.msg)
        if record.args:
            record.args = redact_value(record.args)
        if record.exc_info and not record.exc_text:
            record.exc_text = redact_secrets("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
        if record.stack_info:
            record.stack_info = redact_secrets(record.stack_info)
        for name, value in list(vars(record).items()):
            if name not in _STANDARD_RECORD_FIELDS:
                setattr(record, name, redact_value(value))
        return True


def redact_logger(log: logging.Logger) -> None:
    """Adds the filter to `log` (once): every record logged through it is redacted."""
    if not any(isinstance(existing, RedactSecretsFilter) for existing in log.filters):
        log.addFilter(RedactSecretsFilter())


class RedactingFormatter(LambdaPowertoolsFormatter):
    """The Powertools JSON line, redacted once more as a whole: Powertools renders the
    exception and the stack trace itself, from the exception object."""

    def serialize(self, log: Any) -> str:
        return redact_secrets(super().serialize(log))
