"""One httpx client per provider, with timeouts, bounded retries with back-off, a time
budget, and an OAuth-style token cached until shortly before it expires.

Two retry policies, because the providers differ in what a repeated request means:
- `SAFE`: reads, and writes the provider deduplicates (MoMo's X-Reference-Id). Retried on
  transport errors, 429 and 5xx.
- `UNSENT_ONLY`: writes with no idempotency (Daraja's STK Push). Retried only when the
  request provably never left (connection refused or timed out while connecting).

`time_budget(seconds)` bounds every request made inside it, retries and token fetches
included: each try waits at most what is left, and no try or back-off starts once the
budget is spent. A caller answering a person (the checkout) thus answers in time whatever
the provider does; the budget is a total, not a sum of timeouts.

A request that fails raises `ProviderNotReached` when no try can have reached the provider
(every try failed to connect, or none was started), else `ProviderError`.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from chalicelib.core.observability import logger
from chalicelib.core.settings import get_settings
from chalicelib.payments.providers.base import ProviderError, ProviderNotReached

if TYPE_CHECKING:
    import httpx

TOKEN_MARGIN_SECONDS = 60
MIN_TRY_SECONDS = 0.05
"""A try that could not wait this long for an answer is not started."""

_deadline: ContextVar[float | None] = ContextVar("provider_call_deadline", default=None)


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Every provider request made inside ends within `seconds` (monotonic clock)."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def seconds_left() -> float | None:
    deadline = _deadline.get()
    return None if deadline is None else deadline - time.monotonic()


class Retry(Enum):
    SAFE = "safe"
    UNSENT_ONLY = "unsent_only"


class ProviderHttp:
    """httpx is imported when a provider is first used: only the routes that ask a provider need it."""

    def __init__(self, provider: str, base_url: str) -> None:
        import httpx

        settings = get_settings()
        self.provider = provider
        self.max_retries = settings.payments_http_max_retries
        self.backoff = settings.payments_http_backoff_seconds
        self.timeout = httpx.Timeout(
            settings.payments_http_timeout_seconds, connect=settings.payments_http_connect_timeout_seconds
        )
        self.client = httpx.Client(base_url=base_url.rstrip("/"), timeout=self.timeout)

    def request(self, method: str, path: str, *, retry: Retry, **kwargs: Any) -> httpx.Response:
        import httpx

        unsent = (httpx.ConnectError, httpx.ConnectTimeout)
        attempt = 0
        may_have_arrived = False
        while True:
            timeout = self._try_timeout()
            if timeout is None:
                raise self._failure(may_have_arrived, f"no time left for {method} {path}")
            try:
                response = self.client.request(method, path, timeout=timeout, **kwargs)
            except httpx.TransportError as exc:
                may_have_arrived = may_have_arrived or not isinstance(exc, unsent)
                retryable = retry is Retry.SAFE or isinstance(exc, unsent)
                if attempt < self.max_retries and retryable and self._pause(attempt, type(exc).__name__):
                    attempt += 1
                    continue
                raise self._failure(may_have_arrived, f"{type(exc).__name__} on {method} {path}") from exc
            retryable = retry is Retry.SAFE and _retryable(response)
            if retryable and attempt < self.max_retries and self._pause(attempt, f"HTTP {response.status_code}"):
                attempt += 1
                may_have_arrived = True
                continue
            return response

    def _try_timeout(self) -> httpx.Timeout | None:
        import httpx

        left = seconds_left()
        if left is None:
            return self.timeout
        if left < MIN_TRY_SECONDS:
            return None
        return httpx.Timeout(
            min(self.timeout.read or left, left),
            connect=min(self.timeout.connect or left, left),
            write=min(self.timeout.write or left, left),
            pool=min(self.timeout.pool or left, left),
        )

    def _failure(self, may_have_arrived: bool, what: str) -> ProviderError:
        error = ProviderError if may_have_arrived else ProviderNotReached
        return error(f"{self.provider}: {what}")

    def _pause(self, attempt: int, why: str) -> bool:
        """Backs off before the next try; False when the budget leaves no room for one."""
        delay = self.backoff * (2**attempt) * (0.5 + random.random() / 2)
        left = seconds_left()
        if left is not None and delay + MIN_TRY_SECONDS > left:
            return False
        logger.warning("provider call retried", extra={"provider": self.provider, "why": why, "delay": delay})
        if delay:
            time.sleep(delay)
        return True


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
