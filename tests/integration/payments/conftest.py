"""Payments test fixtures: provider settings, the providers' HTTP APIs stubbed (respx, no
network), the sandbox's callbacks captured instead of sent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import respx

from chalicelib.core.settings import get_settings
from chalicelib.payments.providers import reset_providers
from chalicelib.payments.providers import sandbox as sandbox_module
from tests.integration.payments.stubs import DarajaStub, MomoStub

CALLBACK_BASE = "https://api.example.test"
TEST_SETTINGS: dict[str, Any] = {
    "payments_http_backoff_seconds": 0,
    "payments_callback_base_url": CALLBACK_BASE,
    "mpesa_consumer_key": "consumer-key",
    "mpesa_consumer_secret": "consumer-secret",
    "mpesa_passkey": "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919",
    "mpesa_shortcode": "174379",
    "mtn_momo_subscription_key": "momo-subscription-key",
    "mtn_momo_api_user": "b118d864-b932-41fa-bc53-17d2841772ee",
    "mtn_momo_api_key": "momo-api-key",
    "sandbox_callback_delay_seconds": 0,
}


@pytest.fixture(autouse=True)
def payment_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    settings = get_settings()
    for name, value in TEST_SETTINGS.items():
        monkeypatch.setattr(settings, name, value)
    reset_providers()
    yield settings
    reset_providers()


@pytest.fixture(autouse=True)
def sandbox_callbacks(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    """What the sandbox would have POSTed (url, body); the end-to-end test sends them for real."""
    sent: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr(sandbox_module, "deliver_callback", lambda url, body: sent.append((url, body)))
    return sent


@pytest.fixture
def eur_market(monkeypatch: pytest.MonkeyPatch) -> None:
    """A deployment charging in EUR: MTN MoMo's sandbox collects only in EUR."""
    monkeypatch.setattr(get_settings(), "currency", "EUR")


@pytest.fixture
def providers() -> Iterator[tuple[DarajaStub, MomoStub]]:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as router:
        yield DarajaStub(router), MomoStub(router)


@pytest.fixture
def daraja(providers: tuple[DarajaStub, MomoStub]) -> DarajaStub:
    return providers[0]


@pytest.fixture
def momo(providers: tuple[DarajaStub, MomoStub]) -> MomoStub:
    return providers[1]
