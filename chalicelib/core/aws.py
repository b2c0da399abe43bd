"""Lazy boto3 clients: one per service per Lambda container, built on first use.

Nothing is created at import time, so a Lambda that never touches SQS does not pay for a
client (or for importing boto3). `endpoint_url` comes from `AWS_ENDPOINT_URL` (the local
moto server) and the region from `AWS_REGION`. Retries use botocore's standard mode with a
small budget: a consumer that keeps failing hands the message back to SQS, which retries
with back-off far better than a Lambda spinning on a throttled API.
"""

from __future__ import annotations

import threading
from typing import Any

from chalicelib.core.settings import get_settings

_clients: dict[str, Any] = {}
_lock = threading.Lock()


def client(service: str) -> Any:
    """The container's client for `service` (boto3 clients are thread-safe once built)."""
    existing = _clients.get(service)
    if existing is not None:
        return existing
    with _lock:
        if service not in _clients:
            _clients[service] = _build(service)
        return _clients[service]


def _build(service: str) -> Any:
    settings = get_settings()
    return new_client(
        service,
        region=settings.aws_region,
        endpoint_url=settings.aws_endpoint_url,
        max_pool_connections=max(10, settings.relay_send_concurrency * 2),
    )


def new_client(service: str, *, region: str, endpoint_url: str | None, max_pool_connections: int = 10) -> Any:
    """A client with the policy above, for a caller that cannot ask the settings (the settings
    themselves, reading their secrets while they are being built)."""
    import boto3
    from botocore.config import Config

    config = Config(
        region_name=region,
        retries={"mode": "standard", "max_attempts": 3},
        connect_timeout=3,
        read_timeout=10,
        max_pool_connections=max_pool_connections,
    )
    return boto3.session.Session().client(service, endpoint_url=endpoint_url, config=config)


def sqs() -> Any:
    return client("sqs")


def ses() -> Any:
    return client("ses")


def sns() -> Any:
    return client("sns")


def reset_clients() -> None:
    """Forget every client (tests, or after the settings changed)."""
    with _lock:
        _clients.clear()


def errors() -> tuple[type[Exception], ...]:
    """botocore's client and transport errors, imported only when a call was made."""
    from botocore.exceptions import BotoCoreError, ClientError

    return (ClientError, BotoCoreError)
