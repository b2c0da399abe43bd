"""The API as the gateway will answer it: through chalice.test.Client, and through the local
server over real HTTP on 127.0.0.1 (infra.local)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from chalice.test import Client

from infra.local.api_server import ApiServer
from infra.local.gateway import ApiGatewayLikeGateway


def gateway_client(app: Any) -> Client:
    """chalice.test.Client whose gateway answers like production's (`infra.local.gateway`):
    an unknown path is our 404 envelope, OPTIONS reaches the app."""
    client = Client(app)
    http = client.http
    http._local_gateway = ApiGatewayLikeGateway(app, http._config)
    return client


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_api_server(app: Any) -> Iterator[str]:
    """The local stack's API server for `app` on a free port; yields its base URL."""
    server = ApiServer(app, free_port())
    server.start()
    try:
        yield server.url
    finally:
        server.stop()
