"""What API Gateway itself answers (unknown route, throttled, timeouts, ...), in the API's one
error envelope (`chalicelib.core.errors.error_body`) with the API's security headers
(`chalicelib.core.envelope.SECURITY_HEADERS`), and the request id to quote to support.

An unknown route reaches no Lambda: REST APIs answer it as MISSING_AUTHENTICATION_TOKEN (403),
which is a 404 `not_found` here, as the Lambdas answer an unknown id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from aws_cdk import aws_apigateway as apigw

from chalicelib.core.envelope import SECURITY_HEADERS
from chalicelib.core.errors import error_body

REQUEST_ID = "$context.requestId"


@dataclass(frozen=True)
class GatewayError:
    response_type: str
    status: str | None
    """None keeps the status API Gateway chose (the DEFAULT_ types cover several)."""
    code: str
    message: str

    def body(self) -> str:
        return json.dumps(error_body(self.code, self.message, request_id=REQUEST_ID))


GATEWAY_ERRORS = (
    GatewayError("MISSING_AUTHENTICATION_TOKEN", "404", "not_found", "Not found."),
    GatewayError("RESOURCE_NOT_FOUND", "404", "not_found", "Not found."),
    GatewayError("ACCESS_DENIED", "403", "forbidden", "You are not allowed to do this."),
    GatewayError("WAF_FILTERED", "403", "forbidden", "The request was refused."),
    GatewayError("THROTTLED", "429", "too_many_requests", "Too many requests. Try again later."),
    GatewayError("REQUEST_TOO_LARGE", "413", "request_too_large", "The request is too large."),
    GatewayError("UNSUPPORTED_MEDIA_TYPE", "415", "unsupported_content_type", "The content type is not supported."),
    GatewayError("DEFAULT_4XX", None, "bad_request", "The request was refused."),
    GatewayError("INTEGRATION_TIMEOUT", "504", "timeout", "The request took too long. Please try again."),
    GatewayError("DEFAULT_5XX", None, "internal_error", "Something went wrong on our side. Please try again."),
)


def response_headers() -> dict[str, str]:
    """Header values as API Gateway wants static ones: in single quotes."""
    return {name: f"'{value}'" for name, value in SECURITY_HEADERS.items()}


def add_gateway_responses(api: apigw.RestApi) -> None:
    for error in GATEWAY_ERRORS:
        api.add_gateway_response(
            "".join(part.capitalize() for part in error.response_type.split("_")),
            type=apigw.ResponseType.of(error.response_type),
            status_code=error.status,
            response_headers=response_headers(),
            templates={"application/json": error.body()},
        )
