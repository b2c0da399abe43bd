"""With no settings at all, the local stack's links and CORS point at the web app `make run`
serves, and its banner shows that app first with a demo sign-in."""

from __future__ import annotations

import pytest

from chalicelib.core.settings import Settings
from infra.local.config import LocalStackConfig
from infra.local.database import LocalDatabase
from infra.local.seed import DEMO_PASSWORD, DEMO_RETAILER_EMAIL
from infra.local.stack import banner


@pytest.fixture
def no_web_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SPA_URL", "CORS_ALLOWED_ORIGINS", "LOCAL_WEB_PORT"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("no_web_settings")
def test_emailed_links_open_the_web_app_that_make_run_serves_and_the_api_allows_its_origin() -> None:
    web_url = LocalStackConfig().web_url
    settings = Settings()

    assert web_url == "http://127.0.0.1:5173"
    assert settings.spa_url == web_url
    assert web_url in settings.cors_allowed_origins


def test_the_web_port_can_be_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOCAL_WEB_PORT", "18663")

    assert LocalStackConfig().web_url == "http://127.0.0.1:18663"


def render(web_url: str | None) -> list[str]:
    text = banner(
        local=LocalStackConfig(),
        database=LocalDatabase(url="postgresql+psycopg://postgres@127.0.0.1/x", location="127.0.0.1:5432/x"),
        api_url="http://127.0.0.1:8000",
        web_url=web_url,
        seeded=False,
        workers=[],
    )
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("=")]


def test_the_banner_lists_the_web_app_first_with_how_to_sign_in() -> None:
    lines = render("http://127.0.0.1:5173")

    assert lines[1] == "Web app        http://127.0.0.1:5173/sign-in"
    assert lines[2] == f"sign in as {DEMO_RETAILER_EMAIL}, password {DEMO_PASSWORD}"
    assert lines[3].startswith("API ")


def test_without_the_web_app_the_banner_starts_with_the_api() -> None:
    lines = render(None)

    assert lines[1] == "API            http://127.0.0.1:8000"
    assert not any("Web app" in line for line in lines)
