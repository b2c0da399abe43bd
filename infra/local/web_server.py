"""The built web app (frontend/dist) served on its own origin, as CloudFront serves it in AWS.

- A path that names no file and has no file extension is a route of the app (`/orders/123`):
  it is answered with `index.html`, so deep links and e-mailed links open the app.
- A missing file (`/assets/gone-1234.js`, `/favicon.png`) is a plain 404 (so is a hidden
  one, such as the build's own `.vite/` records): answering it with
  `index.html` would hand the browser HTML where it expects a script, and hide a broken deploy.
- Vite's hashed files under `/assets/` never change under their name: cached for a year,
  immutable. `index.html`, the service worker and the web manifest name those files, so the
  browser revalidates them on every load (`no-cache` with an ETag, answered 304 when unchanged).
  The rest of `public/` (icons) is cached for a day.
- Text (HTML, JS, CSS, JSON, SVG, source maps) is sent gzipped to a browser that accepts it,
  compressed once per file version and kept in memory.

Only GET and HEAD; the security headers of the production distribution except HSTS (plain http).
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import mimetypes
import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from infra.local.config import LOCAL_HOST

log = logging.getLogger("infra.local.web")

APP_SHELL = "index.html"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
PUBLIC_FILE = "public, max-age=86400"
ALWAYS_REVALIDATED = frozenset({APP_SHELL, "sw.js", "registerSW.js", "manifest.webmanifest"})
HASHED_DIRECTORY = "assets/"
COMPRESSIBLE = frozenset(
    {
        "text/html",
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/manifest+json",
        "image/svg+xml",
    }
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
CONTENT_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".html": "text/html",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".woff2": "font/woff2",
    ".ico": "image/x-icon",
}


def cache_control(relative_path: str) -> str:
    """The Cache-Control header for a file of the build, by its path under dist/."""
    if relative_path in ALWAYS_REVALIDATED:
        return REVALIDATE
    if relative_path.startswith(HASHED_DIRECTORY):
        return IMMUTABLE
    return PUBLIC_FILE


def content_type(path: Path) -> str:
    known = CONTENT_TYPES.get(path.suffix.lower())
    if known:
        return known
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def is_app_route(url_path: str) -> bool:
    """`/orders/123` is a route of the app; `/assets/x.js` or `/logo.png` would be a file."""
    last_segment = url_path.rstrip("/").rsplit("/", 1)[-1]
    return not url_path.startswith("/" + HASHED_DIRECTORY) and "." not in last_segment


@dataclass(frozen=True)
class Body:
    raw: bytes
    gzipped: bytes | None
    etag: str


@lru_cache(maxsize=512)
def _body(path: Path, mtime_ns: int, size: int, compressible: bool) -> Body:
    """One file version's bytes, gzip and ETag; keyed by mtime and size so a rebuild is seen."""
    raw = path.read_bytes()
    gzipped = gzip.compress(raw, compresslevel=9, mtime=0) if compressible and len(raw) > 512 else None
    return Body(raw=raw, gzipped=gzipped, etag='"' + hashlib.sha256(raw).hexdigest()[:32] + '"')


class StaticSiteHandler(SimpleHTTPRequestHandler):
    """GET/HEAD of the built app under `directory`; see the module docstring for the rules."""

    server_version = "SokoLocalWeb"
    protocol_version = "HTTP/1.1"

    def __init__(self, *args: Any, directory: str, **kwargs: Any) -> None:
        super().__init__(*args, directory=directory, **kwargs)

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, *, send_body: bool) -> None:
        url_path = unquote(urlsplit(self.path).path)
        root = Path(self.directory).resolve()
        file = self._file_for(root, url_path)
        if file is None and is_app_route(url_path):
            file = root / APP_SHELL
        if file is None or not file.is_file():
            self._not_found(send_body=send_body)
            return
        relative = file.relative_to(root).as_posix()
        kind = content_type(file)
        stat = file.stat()
        body = _body(file, stat.st_mtime_ns, stat.st_size, kind in COMPRESSIBLE)
        headers = {
            "Content-Type": f"{kind}; charset=utf-8" if kind.startswith("text/") else kind,
            "Cache-Control": cache_control(relative),
            "ETag": body.etag,
            **SECURITY_HEADERS,
        }
        if body.gzipped is not None:
            headers["Vary"] = "Accept-Encoding"
        if body.etag in _etags(self.headers.get("If-None-Match")):
            self._send(HTTPStatus.NOT_MODIFIED, headers, b"", send_body=False)
            return
        payload = body.raw
        if body.gzipped is not None and "gzip" in (self.headers.get("Accept-Encoding") or ""):
            payload = body.gzipped
            headers["Content-Encoding"] = "gzip"
        self._send(HTTPStatus.OK, headers, payload, send_body=send_body)

    @staticmethod
    def _file_for(root: Path, url_path: str) -> Path | None:
        """The file the path names inside root (never outside it), or None."""
        relative = url_path.lstrip("/")
        if not relative or any(part.startswith(".") for part in relative.split("/")):
            return None
        candidate = (root / relative).resolve()
        if not candidate.is_relative_to(root) or not candidate.is_file():
            return None
        return candidate

    def _not_found(self, *, send_body: bool) -> None:
        body = b"Not found.\n"
        headers = {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": REVALIDATE, **SECURITY_HEADERS}
        self._send(HTTPStatus.NOT_FOUND, headers, body, send_body=send_body)

    def _send(self, status: HTTPStatus, headers: dict[str, str], payload: bytes, *, send_body: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != HTTPStatus.NOT_MODIFIED:
            self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if send_body:
            self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)


class WebServer:
    """The static site in a background thread, on 127.0.0.1:`port` (0: any free port)."""

    def __init__(self, directory: Path, port: int) -> None:
        self._server = ThreadingHTTPServer((LOCAL_HOST, port), _handler_for(directory))
        self._server.daemon_threads = True
        self.url = f"http://{LOCAL_HOST}:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="web-server", daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> None:
        self._thread.start()
        log.info("Web app on %s", self.url)

    def stop(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(10)
        self._server.server_close()


def _etags(if_none_match: str | None) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in (if_none_match or "").split(",")}


def _handler_for(directory: Path) -> type[StaticSiteHandler]:
    root = os.fspath(directory.resolve())

    class Handler(StaticSiteHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=root, **kwargs)

    return Handler
