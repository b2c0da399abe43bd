"""The whole API (`app.app`) served by Chalice's local server in a background thread.

Requests go through `ApiGatewayLikeGateway`, which answers as the production gateway does
(an unknown path is our 404 envelope; OPTIONS reaches the app). What the HTTP server itself
refuses before any gateway (a request line it cannot read) is the error envelope too, with
the security headers. Its access log (one line per request on stderr) goes through
`redact_secrets`, so a payment webhook token in a callback's URL never reaches the terminal.
"""

from __future__ import annotations

import functools
import importlib
import json
import logging
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

from chalice.app import Chalice
from chalice.config import Config
from chalice.local import ChaliceRequestHandler, LocalChalice, LocalDevServer, create_local_server

from chalicelib.core.envelope import SECURITY_HEADERS
from chalicelib.core.errors import error_body
from chalicelib.core.log_redaction import redact_secrets
from infra.local.config import LOCAL_HOST, ROOT
from infra.local.gateway import ApiGatewayLikeGateway

log = logging.getLogger("infra.local.api")

APP_NAME = "marketplace"
CHALICE_STAGE = "dev"


def load_app() -> Any:
    """`app.app` from the project root (imported only once the environment is set)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module("app").app


def _chalice_config(app: Any) -> Config:
    config_file = ROOT / ".chalice" / "config.json"
    from_disk = json.loads(config_file.read_text(encoding="utf-8")) if config_file.exists() else {}
    return Config(
        chalice_stage=CHALICE_STAGE,
        user_provided_params={"app_name": APP_NAME, "project_dir": str(ROOT), "chalice_app": app},
        config_from_disk=from_disk,
    )


class RedactingRequestHandler(ChaliceRequestHandler):
    """Chalice's request handler with the production-like gateway, answers in the envelope
    even when the request never reaches the gateway, and redacted log lines.

    TCP_NODELAY on: Chalice writes an answer's headers and body separately, and with Nagle's
    algorithm the body waits for the client's delayed ACK, about 40 ms per request on a
    kept-alive connection (a browser's, or a test client's)."""

    disable_nagle_algorithm = True

    def __init__(
        self,
        request: bytes,
        client_address: tuple[str, int],
        server: HTTPServer,
        app_object: Chalice,
        config: Config,
    ) -> None:
        self.local_gateway = ApiGatewayLikeGateway(app_object, config)
        BaseHTTPRequestHandler.__init__(self, request, client_address, server)  # type: ignore[arg-type]

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's refusals (unreadable request line, unsupported method) as the envelope."""
        self.log_error("code %d, message %s", code, message)
        status = HTTPStatus(code)
        error_code = "bad_request" if code < 500 else "not_implemented" if code == 501 else "internal_error"
        body = json.dumps(error_body(error_code, status.phrase + ".")).encode()
        self.send_response(code, message)
        self.send_header("Connection", "close")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        super().log_message("%s", redact_secrets(format % args))


class ApiServer:
    def __init__(self, app: Any, port: int) -> None:
        self.url = f"http://{LOCAL_HOST}:{port}"
        config = _chalice_config(app)
        if isinstance(app, LocalChalice):  # served before in this process: its class is swapped already
            self._local = LocalDevServer(app, config, LOCAL_HOST, port, handler_cls=RedactingRequestHandler)
        else:
            self._local = create_local_server(app, config, LOCAL_HOST, port)
            self._local.server.RequestHandlerClass = functools.partial(
                RedactingRequestHandler, app_object=app, config=config
            )
        self._thread = threading.Thread(target=self._local.server.serve_forever, name="api-server", daemon=True)

    def start(self) -> None:
        self._thread.start()
        log.info("API listening on %s", self.url)

    def stop(self) -> None:
        if self._thread.is_alive():
            self._local.shutdown()
            self._thread.join(10)
        self._local.server.server_close()
