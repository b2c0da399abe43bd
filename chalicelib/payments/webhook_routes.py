"""Provider callbacks, the `payment_webhooks` Lambda. The body is read raw (the routes declare
no request model): `webhook.receive` stores it before anything else.

The URLs we give providers (`callback_urls`) carry the per-provider token in the query, out of
the path that API Gateway's access logs record; a caller that can set headers may send it in
`X-Webhook-Token` instead:

    POST|PUT /webhooks/payments/{provider}?token=...                 Daraja, the sandbox
    PUT|POST /webhooks/payments/{provider}/{part1}/{part2}?token=... MTN MoMo: part1 is our payment
                                                                     id, part2 the attempt (its
                                                                     callback lacks our reference)

The earlier URLs, with the token in the path, stay accepted for the collections already asked
for with them: `/webhooks/payments/{provider}/{part1}` (part1 is the token) and
`.../{provider}/{part1}/{part2}/{part3}` (the token, the payment id, the attempt).

The segments after `{provider}` are named by position, not meaning: API Gateway wants sibling
path variables to share their name, and the same position holds the token in the earlier
URLs and the payment id in the current ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.core.http import RequestContext, endpoint
from chalicelib.payments.callback_urls import TOKEN_HEADER, TOKEN_PARAMETER
from chalicelib.payments.schemas import WebhookAck
from chalicelib.payments.webhook import RawCallback, TokenPlace, receive

webhooks_bp = Blueprint(f"{__name__}.webhooks")

CALLBACK = "/webhooks/payments/{provider}"
CALLBACK_WITH_REFERENCE = CALLBACK + "/{part1}/{part2}"
PATH_TOKEN_CALLBACK = CALLBACK + "/{part1}"
PATH_TOKEN_CALLBACK_WITH_REFERENCE = CALLBACK + "/{part1}/{part2}/{part3}"


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


def presented_token(ctx: RequestContext) -> tuple[str, TokenPlace]:
    """The token of the query (`?token=`, given once) or else of the header; empty if neither."""
    query = ctx.request.query_params
    values = query.getlist(TOKEN_PARAMETER) if query is not None and TOKEN_PARAMETER in query else []
    if values:
        return (values[0] if len(values) == 1 else ""), "query"
    header = ctx.header(TOKEN_HEADER)
    if header is not None:
        return header, "header"
    return "", "none"


def _receive(
    ctx: RequestContext, provider: str, token: tuple[str, TokenPlace], path_ref: tuple[str, str] | None
) -> Response:
    request = ctx.request
    raw = request.raw_body if isinstance(request.raw_body, bytes) else (request.raw_body or "").encode()
    answer = receive(
        RawCallback(
            provider=provider,
            token=token[0],
            token_place=token[1],
            method=request.method,
            body=raw,
            headers={k.lower(): str(v) for k, v in request.headers.items()},
            source_ip=ctx.source_ip,
            path_ref=path_ref,
        )
    )
    return Response(body=answer.body, status_code=answer.status, headers={"Content-Type": "application/json"})


@_route(CALLBACK, "POST", "Provider callback (M-Pesa, sandbox); token in ?token= or X-Webhook-Token")
def provider_callback(ctx: RequestContext, provider: str) -> Response:
    return _receive(ctx, provider, presented_token(ctx), None)


@_route(CALLBACK, "PUT", "Provider callback sent with PUT")
def provider_callback_put(ctx: RequestContext, provider: str) -> Response:
    return _receive(ctx, provider, presented_token(ctx), None)


@_route(CALLBACK_WITH_REFERENCE, "PUT", "MTN MoMo request-to-pay callback: part1 = payment id, part2 = attempt")
def momo_callback(ctx: RequestContext, provider: str, part1: str, part2: str) -> Response:
    return _receive(ctx, provider, presented_token(ctx), (part1, part2))


@_route(CALLBACK_WITH_REFERENCE, "POST", "MTN MoMo callback sent with POST")
def momo_callback_post(ctx: RequestContext, provider: str, part1: str, part2: str) -> Response:
    return _receive(ctx, provider, presented_token(ctx), (part1, part2))


@_route(PATH_TOKEN_CALLBACK, "POST", "Earlier form, token in the path (part1)")
def path_token_callback(ctx: RequestContext, provider: str, part1: str) -> Response:
    return _receive(ctx, provider, (part1, "path"), None)


@_route(PATH_TOKEN_CALLBACK, "PUT", "Earlier form, token in the path (part1), sent with PUT")
def path_token_callback_put(ctx: RequestContext, provider: str, part1: str) -> Response:
    return _receive(ctx, provider, (part1, "path"), None)


@_route(PATH_TOKEN_CALLBACK_WITH_REFERENCE, "PUT", "Earlier MTN MoMo form: token, payment id, attempt")
def path_token_momo_callback(ctx: RequestContext, provider: str, part1: str, part2: str, part3: str) -> Response:
    return _receive(ctx, provider, (part1, "path"), (part2, part3))


@_route(PATH_TOKEN_CALLBACK_WITH_REFERENCE, "POST", "Earlier MTN MoMo form sent with POST")
def path_token_momo_callback_post(ctx: RequestContext, provider: str, part1: str, part2: str, part3: str) -> Response:
    return _receive(ctx, provider, (part1, "path"), (part2, part3))
