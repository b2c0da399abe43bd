"""The e-mails and SMS the local moto server accepted, for `make mail`.

Moto's dashboard endpoint `/moto-api/data.json` lists every tracked model instance,
including SES messages (`ses.Message`, `ses.RawMessage`, `ses.TemplateMessage`) and SNS
SMS (`sns.SMS`). Moto does not record when they were sent, so the `run` process stamps
each one with `sent_at` as it is created (`stamp_send_times`).
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import httpx

from chalicelib.core.clock import utcnow

DATA_PATH = "/moto-api/data.json"
UNKNOWN_TIME = "time unknown"


def stamp_send_times() -> None:
    """Give moto's SES and SNS message models a `sent_at` attribute (UTC, ISO 8601)."""
    from moto.ses import models as ses_models
    from moto.sns import models as sns_models

    for model in (ses_models.Message, ses_models.RawMessage, ses_models.TemplateMessage, sns_models.SMS):
        if getattr(model, "_sent_at_stamped", False):
            continue
        setattr(model, "__init__", _stamped_init(model.__init__))  # noqa: B010
        setattr(model, "_sent_at_stamped", True)  # noqa: B010


def _stamped_init(original: Callable[..., None]) -> Callable[..., None]:
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.sent_at = utcnow().isoformat(timespec="seconds")

    return __init__


@dataclass(frozen=True)
class SentEmail:
    sent_at: str
    sender: str
    to: list[str]
    subject: str
    body: str


@dataclass(frozen=True)
class SentSms:
    sent_at: str
    phone_number: str
    message: str


def fetch_moto_state(endpoint_url: str) -> dict[str, Any]:
    response = httpx.get(endpoint_url.rstrip("/") + DATA_PATH, timeout=15)
    response.raise_for_status()
    state: dict[str, Any] = response.json()
    return state


def sent_emails(state: dict[str, Any]) -> list[SentEmail]:
    ses = state.get("ses", {})
    emails = [_simple_email(item) for item in ses.get("Message", [])]
    emails += [_raw_email(item) for item in ses.get("RawMessage", [])]
    emails += [_template_email(item) for item in ses.get("TemplateMessage", [])]
    return sorted(emails, key=lambda item: item.sent_at)


def sent_sms(state: dict[str, Any]) -> list[SentSms]:
    messages = [
        SentSms(
            sent_at=item.get("sent_at", UNKNOWN_TIME),
            phone_number=str(item.get("phone_number", "")),
            message=str(item.get("message", "")),
        )
        for item in state.get("sns", {}).get("SMS", [])
    ]
    return sorted(messages, key=lambda item: item.sent_at)


def _recipients(destinations: Any) -> list[str]:
    if isinstance(destinations, list):
        return [str(address) for address in destinations]
    if isinstance(destinations, dict):
        return [
            str(address)
            for key in ("ToAddresses", "CcAddresses", "BccAddresses")
            for address in destinations.get(key) or []
        ]
    return []


def _simple_email(item: dict[str, Any]) -> SentEmail:
    body = str(item.get("body") or "")
    return SentEmail(
        sent_at=item.get("sent_at", UNKNOWN_TIME),
        sender=str(item.get("source", "")),
        to=_recipients(item.get("destinations")),
        subject=str(item.get("subject") or ""),
        body=html_to_text(body) if _looks_like_html(body) else body,
    )


def _raw_email(item: dict[str, Any]) -> SentEmail:
    message = email.message_from_string(str(item.get("raw_data", "")), policy=email.policy.default)
    part = message.get_body(preferencelist=("plain", "html"))
    body = part.get_content() if part is not None else ""
    if part is not None and part.get_content_subtype() == "html":
        body = html_to_text(body)
    to = _recipients(item.get("destinations")) or [str(message.get("To", ""))]
    return SentEmail(
        sent_at=item.get("sent_at", UNKNOWN_TIME),
        sender=str(item.get("source") or message.get("From", "")),
        to=to,
        subject=str(message.get("Subject", "")),
        body=str(body),
    )


def _template_email(item: dict[str, Any]) -> SentEmail:
    return SentEmail(
        sent_at=item.get("sent_at", UNKNOWN_TIME),
        sender=str(item.get("source", "")),
        to=_recipients(item.get("destinations")),
        subject=f"(template {item.get('template', '')})",
        body=str(item.get("template_data", "")),
    )


def _looks_like_html(body: str) -> bool:
    lowered = body.lstrip()[:200].lower()
    return lowered.startswith(("<!doctype", "<html", "<body", "<div", "<p", "<table"))


class _TextExtractor(HTMLParser):
    """Visible text, with each link's address after its text so it can be copied."""

    BLOCKS = frozenset({"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "table"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hrefs: list[str | None] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "head"):
            self._skip += 1
        if tag == "a":
            self._hrefs.append(dict(attrs).get("href"))
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "head"):
            self._skip = max(0, self._skip - 1)
        if tag == "a" and self._hrefs:
            href = self._hrefs.pop()
            if href:
                self.parts.append(f" ({href})")
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(html)
    lines = [" ".join(line.split()) for line in "".join(extractor.parts).splitlines()]
    return "\n".join(line for line in lines if line)


def format_mailbox(emails: list[SentEmail], sms: list[SentSms], *, limit: int) -> str:
    out: list[str] = []
    shown_emails = emails[-limit:]
    out.append(f"E-mails: {len(shown_emails)} of {len(emails)} (oldest first)")
    for item in shown_emails:
        out += [
            "-" * 72,
            f"Time:    {item.sent_at}",
            f"From:    {item.sender}",
            f"To:      {', '.join(item.to)}",
            f"Subject: {item.subject}",
            "",
            item.body.strip(),
        ]
    shown_sms = sms[-limit:]
    out += ["=" * 72, f"SMS: {len(shown_sms)} of {len(sms)} (oldest first)"]
    for message in shown_sms:
        out += ["-" * 72, f"Time:    {message.sent_at}", f"To:      {message.phone_number}", ""]
        out.append(message.message.strip())
    return "\n".join(out)
