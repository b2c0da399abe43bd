"""`POST|PUT /webhooks/payments/{provider}/{token}` (Daraja, the sandbox) and
`.../{payment_id}/{attempt}` (MTN MoMo, whose callback lacks our reference): the
`payment_webhooks` Lambda. The body is read raw (the route declares no request model):
`webhook.receive` stores it before anything else."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.core.http import RequestContext, endpoint
from chalicelib.payments.schemas import WebhookAck
from chalicelib.payments.webhook import RawCallback, receive

webhooks_bp = Blueprint(f"{__name__}.webhooks")

BASE = "/webhooks/payments/{provider}/{token}"
WITH_REF = BASE + "/{payment_id}/{attempt}"


def _route(path: str, method: str, summary: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return endpoint(
        webhooks_bp,
        path,
        method,
        summary=summary,
        response=WebhookAck,
        errors=(400, 403),
        tags=("webhooks",),
        uuid_params=(),
    )


def _receive(ctx: RequestContext, provider: str, token: str, path_ref: tuple[str, str] | None) -> Response:
    request = ctx.request
    raw = request.raw_body if isinstance(request.raw_body, bytes) else (request.raw_body or "").encode()
    answer = receive(
        RawCallback(
            provider=provider,
            token=token,
            method=request.method,
            body=raw,
            headers={k.lower(): str(v) for k, v in request.headers.items()},
            source_ip=ctx.source_ip,
            path_ref=path_ref,
        )
    )
    return Response(body=answer.body, status_code=answer.status, headers={"Content-Type": "application/json"})


@_route(BASE, "POST", "Provider callback (M-Pesa, sandbox)")
def provider_callback(ctx: RequestContext, provider: str, token: str) -> Response:
    return _receive(ctx, provider, token, None)


@_route(BASE, "PUT", "Provider callback sent with PUT")
def provider_callback_put(ctx: RequestContext, provider: str, token: str) -> Response:
    return _receive(ctx, provider, token, None)


@_route(WITH_REF, "PUT", "MTN MoMo request-to-pay callback")
def momo_callback(ctx: RequestContext, provider: str, token: str, payment_id: str, attempt: str) -> Response:
    return _receive(ctx, provider, token, (payment_id, attempt))


@_route(WITH_REF, "POST", "MTN MoMo callback sent with POST")
def momo_callback_post(ctx: RequestContext, provider: str, token: str, payment_id: str, attempt: str) -> Response:
    return _receive(ctx, provider, token, (payment_id, attempt))
