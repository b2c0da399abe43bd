"""The few lines every API function module shares: a Chalice app from that Lambda's blueprints,
and the Lambda entry point around it."""

from __future__ import annotations

from aws_lambda_powertools.logging import correlation_paths
from chalice.app import Chalice

from chalicelib.accounts.principals import load_principal
from chalicelib.blueprints import SETTLES_PAYMENTS, blueprints_of
from chalicelib.core.app_factory import create_app
from chalicelib.core.observability import Handler, lambda_entry
from chalicelib.wiring import wire_packages


def build_function_app(name: str) -> Chalice:
    wire_packages(payment_purposes=name in SETTLES_PAYMENTS)
    return create_app(name, blueprints_of(name), principal_loader=load_principal)


def api_handler(app: Chalice) -> Handler:
    """`handler(event, context)` for API Gateway REST proxy events: the Chalice `app` with the
    request id as the correlation id of every log line, metrics and the tracer."""

    def serve(event: dict[str, object], context: object) -> dict[str, object]:
        response: dict[str, object] = app(event, context)
        return response

    serve.__doc__ = f"The `{app.app_name}` API: API Gateway REST proxy event in, proxy response out."
    return lambda_entry(serve, correlation_id_path=correlation_paths.API_GATEWAY_REST)
