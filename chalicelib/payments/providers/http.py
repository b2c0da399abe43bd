"""One httpx client per provider, with timeouts, bounded retries with back-off, and an
OAuth-style token cached until shortly before it expires.

Two retry policies, because the providers differ in what a repeated request means:
- `SAFE`: reads, and writes the provider deduplicates (MoMo's X-Reference-Id). Retried on
  transport errors, 429 and 5xx.
- `UNSENT_ONLY`: writes with no idempotency (Daraja's STK Push). Retried only when the
  request provably never left (connection refused or timed out while connecting).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

import httpx

from chalicelib.core.observability import logger
from chalicelib.core.settings import get_settings
from chalicelib.payments.providers.base import ProviderError

TOKEN_MARGIN_SECONDS = 60


class Retry(Enum):
    SAFE = "safe"
    UNSENT_ONLY = "unsent_only"


_UNSENT = (httpx.ConnectError, httpx.ConnectTimeout)


class ProviderHttp:
    def __init__(self, provider: str, base_url: str) -> None:
        settings = get_settings()
        self.provider = provider
        self.max_retries = settings.payments_http_max_retries
        self.backoff = settings.payments_http_backoff_seconds
        timeout = httpx.Timeout(
            settings.payments_http_timeout_seconds, connect=settings.payments_http_connect_timeout_seconds
        )
        self.client = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout)

    def request(self, method: str, path: str, *, retry: Retry, **kwargs: Any) -> httpx.Response:
        attempt = 0
        while True:
            try:
                response = self.client.request(method, path, **kwargs)
            except httpx.TransportError as exc:
                if attempt < self.max_retries and (retry is Retry.SAFE or isinstance(exc, _UNSENT)):
                    attempt = self._pause(attempt, f"{type(exc).__name__}")
                    continue
                raise ProviderError(f"{self.provider}: {type(exc).__name__} on {method} {path}") from exc
            if retry is Retry.SAFE and _retryable(response) and attempt < self.max_retries:
                attempt = self._pause(attempt, f"HTTP {response.status_code}")
                continue
            return response

    def _pause(self, attempt: int, why: str) -> int:
        delay = self.backoff * (2**attempt) * (0.5 + random.random() / 2)
        logger.warning("provider call retried", extra={"provider": self.provider, "why": why, "delay": delay})
        if delay:
            time.sleep(delay)
        return attempt + 1


def _retryable(response: httpx.Response) -> bool:
    return response.status_code == 429 or response.status_code >= 500


def json_body(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


@dataclass
class _Token:
    value: str
    expires_at: float


class TokenCache:
    """The provider's access token, fetched once and reused until a minute before expiry."""

    def __init__(self, fetch: Callable[[], tuple[str, int]]) -> None:
        self._fetch = fetch
        self._token: _Token | None = None
        self._lock = threading.Lock()

    def get(self) -> str:
        with self._lock:
            now = time.monotonic()
            if self._token is None or self._token.expires_at <= now:
                value, expires_in = self._fetch()
                self._token = _Token(value, now + max(0, expires_in - TOKEN_MARGIN_SECONDS))
            return self._token.value

    def forget(self) -> None:
        with self._lock:
            self._token = None
