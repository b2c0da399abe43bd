"""The providers by name, built once per container on first use (their HTTP clients and
token caches live as long as the container)."""

from __future__ import annotations

import threading

from chalicelib.payments.providers.base import PaymentProvider

PROVIDER_NAMES = ("mpesa", "mtn_momo", "sandbox")

_providers: dict[str, PaymentProvider] = {}
_lock = threading.Lock()


def _build(name: str) -> PaymentProvider:
    if name == "mpesa":
        from chalicelib.payments.providers.daraja import DarajaProvider

        return DarajaProvider()
    if name == "mtn_momo":
        from chalicelib.payments.providers.momo import MomoProvider

        return MomoProvider()
    if name == "sandbox":
        from chalicelib.payments.providers.sandbox import SandboxProvider

        return SandboxProvider()
    raise KeyError(name)


def get_provider(name: str) -> PaymentProvider:
    existing = _providers.get(name)
    if existing is not None:
        return existing
    with _lock:
        if name not in _providers:
            _providers[name] = _build(name)
        return _providers[name]


def use_provider(name: str, provider: PaymentProvider | None) -> None:
    """Swap in a provider (tests, benchmarks); None forgets it so the next use rebuilds."""
    with _lock:
        if provider is None:
            _providers.pop(name, None)
        else:
            _providers[name] = provider


def reset_providers() -> None:
    with _lock:
        _providers.clear()
