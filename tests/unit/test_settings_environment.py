"""Settings read from the real environment as a Lambda reads them (pydantic-settings' own
environment source, no values passed in)."""

from __future__ import annotations

import pytest

from chalicelib.core.production_check import check_settings
from chalicelib.core.settings import Settings


@pytest.mark.parametrize(
    ("value", "origins"),
    [
        ("https://app.soko.example", ["https://app.soko.example"]),
        (
            "https://app.soko.example, https://admin.soko.example/ ,",
            ["https://app.soko.example", "https://admin.soko.example"],
        ),
        (
            '["https://app.soko.example", "http://127.0.0.1:5173/"]',
            ["https://app.soko.example", "http://127.0.0.1:5173"],
        ),
        ("[]", []),
    ],
)
def test_cors_allowed_origins_accepts_a_comma_separated_list_and_json(
    monkeypatch: pytest.MonkeyPatch, value: str, origins: list[str]
) -> None:
    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", value)

    assert Settings().cors_allowed_origins == origins


def test_cors_allowed_origins_that_are_not_json_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAGE", "test")
    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", '["https://app.soko.example",')

    settings, problems = check_settings()

    assert settings is None
    assert [problem.setting for problem in problems] == ["CORS_ALLOWED_ORIGINS"]
