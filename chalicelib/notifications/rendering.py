"""Renders an event's messages from its Jinja2 templates.

Per event type: `<EventType>.txt.j2` holds the plain-text parts as blocks (`subject`,
`text`, `sms`, `title`, `body`) and `<EventType>.html.j2` the e-mail's HTML part, which
extends `_layout.html.j2` and is autoescaped. Undefined variables are errors, so a
template that does not fit its payload fails loudly (in tests, and as an undeliverable
message in production) instead of sending a half-empty e-mail. Rendering does no I/O, so
any error in it (a filter given a bad value included) is permanent for that message.

Templates see: `platform_name`, `spa_url`, `link` (absolute, or None), `recipient`
(`full_name`, `email`, `phone`, `business_name`, ...), `payload` (the event's payload
without its `*_sealed` fields), `event_type`, `occurred_at`, `validity` (token lifetimes)
and the filter `when` (ISO time -> "24 Nov 2026, 10:15 UTC").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, TemplateError, select_autoescape

from chalicelib.notifications.errors import UndeliverableMessage

TEMPLATES_DIR = Path(__file__).parent / "templates"
SMS_MAX_CHARS = 320
TITLE_MAX_CHARS = 200
BODY_MAX_CHARS = 2000


@dataclass(frozen=True)
class Email:
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class InApp:
    title: str
    body: str


def _when(value: Any) -> str:
    """ISO 8601 (or datetime) -> '24 Nov 2026, 10:15 UTC'."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.strftime("%d %b %Y, %H:%M UTC").lstrip("0")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = _when
    return env


def _template(name: str) -> Template:
    try:
        return environment().get_template(name)
    except TemplateError as exc:
        raise UndeliverableMessage(f"template {name} cannot be loaded: {exc}") from exc


def _block(event_type: str, block: str, context: dict[str, Any]) -> str:
    template = _template(f"{event_type}.txt.j2")
    if block not in template.blocks:
        raise UndeliverableMessage(f"template {event_type}.txt.j2 has no block {block!r}")
    try:
        return "".join(template.blocks[block](template.new_context(context))).strip()
    except Exception as exc:
        raise UndeliverableMessage(f"template {event_type}.txt.j2 block {block!r} failed: {exc}") from exc


def render_email(event_type: str, context: dict[str, Any]) -> Email:
    template = _template(f"{event_type}.html.j2")
    try:
        html = template.render(context)
    except Exception as exc:
        raise UndeliverableMessage(f"template {event_type}.html.j2 failed: {exc}") from exc
    subject = " ".join(_block(event_type, "subject", context).split())
    return Email(subject=subject, text=_block(event_type, "text", context) + "\n", html=html)


def render_sms(event_type: str, context: dict[str, Any]) -> str:
    return " ".join(_block(event_type, "sms", context).split())[:SMS_MAX_CHARS]


def render_in_app(event_type: str, context: dict[str, Any]) -> InApp:
    title = " ".join(_block(event_type, "title", context).split())[:TITLE_MAX_CHARS]
    return InApp(title=title, body=_block(event_type, "body", context)[:BODY_MAX_CHARS])
