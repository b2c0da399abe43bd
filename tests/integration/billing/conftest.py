"""Billing tests: collections are sent one at a time (the rolled-back `db` fixture shares
one connection, which threads must not use at once)."""

from __future__ import annotations

import pytest

from chalicelib.billing import payments_port


@pytest.fixture(autouse=True)
def _send_collections_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(payments_port, "SEND_CONCURRENCY", 1)


@pytest.fixture(autouse=True)
def _billing_is_enforced(enforced_billing: None) -> None:
    """Every billing test runs with subscription gating on, as in production."""
