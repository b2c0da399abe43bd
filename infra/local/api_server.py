"""The whole API (`app.app`) served by Chalice's local server in a background thread.

Its access log (one line per request on stderr) goes through `redact_secrets`, so the
payment webhook token in a callback's path never reaches the terminal.
"""

from __future__ import annotations

import functools
import importlib
import json
import logging
import sys
import threading
from typing import Any

from chalice.config import Config
from chalice.local import ChaliceRequestHandler, create_local_server

from chalicelib.core.log_redaction import redact_secrets
from infra.local.config import LOCAL_HOST, ROOT

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
    """Chalice's request handler whose log lines (request lines, errors) are redacted."""

    def log_message(self, format: str, *args: Any) -> None:
        super().log_message("%s", redact_secrets(format % args))


class ApiServer:
    def __init__(self, app: Any, port: int) -> None:
        self.url = f"http://{LOCAL_HOST}:{port}"
        config = _chalice_config(app)
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
