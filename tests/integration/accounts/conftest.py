"""Fixtures shared by the accounts tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import time_machine


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    """Time stands still unless the test moves it."""
    with time_machine.travel(datetime.now(UTC).replace(microsecond=0), tick=False) as traveller:
        yield traveller
