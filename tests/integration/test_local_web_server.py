"""The web app's static server of `make run` (infra/local/web_server.py) over real HTTP on
127.0.0.1: deep links open the app, a missing file is a 404 (never the app shell), hashed
assets are cached for good while the app shell, the service worker and the manifest are
revalidated, text is gzipped, and nothing outside the build is reachable."""

from __future__ import annotations

import gzip
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from infra.local.web_server import WebServer

APP_SHELL = b"<!doctype html><html><head><title>Soko</title></head><body><div id=root></div></body></html>"
ASSET = "/assets/index-BqX3k9aZ.js"
SCRIPT = b"export const catalogue = [" + b", ".join(b'"item %d"' % n for n in range(400)) + b"];\n"


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    (tmp_path / "outside.txt").write_text("not part of the build")
    built = tmp_path / "dist"
    (built / "assets").mkdir(parents=True)
    (built / "icons").mkdir()
    (built / ".vite").mkdir()
    (built / "index.html").write_bytes(APP_SHELL)
    (built / ASSET.lstrip("/")).write_bytes(SCRIPT)
    (built / "sw.js").write_text("self.addEventListener('fetch', () => {});")
    (built / "manifest.webmanifest").write_text('{"name": "Soko Wholesale", "start_url": "/catalog"}')
    (built / "icons" / "icon-192.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (built / ".vite" / "manifest.json").write_text("{}")
    return built


@pytest.fixture
def site(dist: Path) -> Iterator[str]:
    server = WebServer(dist, 0)
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def http(site: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=site, timeout=10) as client:
        yield client


@pytest.mark.parametrize("path", ["/", "/orders/123", "/products/7d1f0c52-3b1a-4b8e-9a51-0e8d2f3c4b5a", "/catalog/"])
def test_a_route_of_the_app_is_answered_with_the_app_shell_revalidated_each_time(http: httpx.Client, path: str) -> None:
    response = http.get(path)

    assert response.status_code == 200
    assert response.content == APP_SHELL
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("path", ["/assets/index-gone1234.js", "/icons/icon-1024.png", "/robots.txt"])
def test_a_missing_file_is_a_404_not_the_app_shell(http: httpx.Client, path: str) -> None:
    response = http.get(path)

    assert response.status_code == 404
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert APP_SHELL not in response.content


def test_hashed_assets_are_cached_for_a_year_as_immutable(http: httpx.Client) -> None:
    response = http.get(ASSET)

    assert response.status_code == 200
    assert response.content == SCRIPT
    assert response.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/sw.js", "text/javascript; charset=utf-8"), ("/manifest.webmanifest", "application/manifest+json")],
)
def test_the_service_worker_and_the_manifest_are_revalidated_each_time(
    http: httpx.Client, path: str, content_type: str
) -> None:
    response = http.get(path)

    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type
    assert response.headers["Cache-Control"] == "no-cache"


def test_other_public_files_are_cached_for_a_day(http: httpx.Client) -> None:
    response = http.get("/icons/icon-192.png")

    assert (response.status_code, response.headers["Content-Type"]) == (200, "image/png")
    assert response.headers["Cache-Control"] == "public, max-age=86400"


def test_text_is_gzipped_for_a_browser_that_accepts_it(http: httpx.Client) -> None:
    with http.stream("GET", ASSET, headers={"Accept-Encoding": "gzip, deflate, br"}) as compressed:
        sent = b"".join(compressed.iter_raw())
    plain = http.get(ASSET, headers={"Accept-Encoding": "identity"})

    assert compressed.headers["Content-Encoding"] == "gzip"
    assert int(compressed.headers["Content-Length"]) == len(sent) < len(SCRIPT) / 3
    assert gzip.decompress(sent) == SCRIPT
    assert "Content-Encoding" not in plain.headers
    assert int(plain.headers["Content-Length"]) == len(SCRIPT)
    assert compressed.headers["Vary"] == plain.headers["Vary"] == "Accept-Encoding"


def test_an_unchanged_app_shell_is_answered_304_to_a_revalidation(http: httpx.Client) -> None:
    first = http.get("/orders/123")

    again = http.get("/catalog", headers={"If-None-Match": first.headers["ETag"]})

    assert again.status_code == 304
    assert again.content == b""


def test_a_rebuilt_file_is_served_fresh(http: httpx.Client, dist: Path) -> None:
    first = http.get("/sw.js")
    (dist / "sw.js").write_text("self.addEventListener('install', () => self.skipWaiting());")

    again = http.get("/sw.js", headers={"If-None-Match": first.headers["ETag"]})

    assert again.status_code == 200
    assert again.text == "self.addEventListener('install', () => self.skipWaiting());"


def test_the_security_headers_are_on_every_answer(http: httpx.Client) -> None:
    for response in (http.get("/orders/1"), http.get("/assets/missing.js")):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "no-referrer"


def raw_get(site: str, target: str) -> tuple[str, bytes]:
    """A request line sent as written (an HTTP client would normalise `..` away)."""
    address = urlsplit(site)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        raw = b""
        while chunk := connection.recv(65536):
            raw += chunk
    head, _, body = raw.partition(b"\r\n\r\n")
    return head.decode().split("\r\n")[0], body


@pytest.mark.parametrize("target", ["/../outside.txt", "/%2e%2e/outside.txt", "/assets/..%2f..%2foutside.txt"])
def test_nothing_outside_the_build_is_served(site: str, target: str) -> None:
    status_line, body = raw_get(site, target)

    assert status_line == "HTTP/1.1 404 Not Found"
    assert b"not part of the build" not in body


def test_the_builds_hidden_records_are_not_served(http: httpx.Client) -> None:
    assert http.get("/.vite/manifest.json").status_code == 404


def test_head_answers_the_headers_without_the_body(http: httpx.Client) -> None:
    response = http.head("/orders/123")

    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["Content-Length"]) == len(APP_SHELL)
