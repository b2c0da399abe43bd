"""The local stand-in for API Gateway, answering as the production REST API does.

A path no function serves never reaches a Lambda: API Gateway answers it with its "missing
authentication token" gateway response, which the CDK app (infra/aws gateway_responses) makes
our 404 envelope, with the request id in the body and the security headers. Every request for
a path a function serves goes to the app, which answers a method the path does not serve
(405 with `Allow`) and CORS preflights (204 with the CORS headers for an allowed origin) itself
(`core.envelope`).

Chalice's `LocalGateway` answers an unknown path with 403 `{"message": "Missing Authentication
Token"}` and answers OPTIONS itself. `ApiGatewayLikeGateway` answers an unknown path with
`not_found_response()` and hands every other request, OPTIONS included, to the app, with a
request id as API Gateway gives one. The local server (`infra.local.api_server`) and the tests'
`chalice.test.Client` (`tests/support/local_api.py`) use it.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from chalice.local import LocalGateway

from chalicelib.core.envelope import SECURITY_HEADERS
from chalicelib.core.errors import error_body

NOT_FOUND_MESSAGE = "Not found."


def not_found_response(request_id: str | None = None) -> dict[str, Any]:
    """The gateway's answer for a path no function serves, as a Lambda proxy response."""
    request_id = request_id or str(uuid.uuid4())
    return {
        "statusCode": 404,
        "headers": {"Content-Type": "application/json", **SECURITY_HEADERS, "X-Request-Id": request_id},
        "multiValueHeaders": {},
        "body": json.dumps(error_body("not_found", NOT_FOUND_MESSAGE, request_id=request_id)),
        "isBase64Encoded": False,
    }


class ApiGatewayLikeGateway(LocalGateway):
    def handle_request(self, method: str, path: str, headers: dict[str, str], body: bytes | None) -> dict[str, Any]:
        context = self._generate_lambda_context()
        try:
            event = self._generate_lambda_event(method, path, headers, body)
        except ValueError:
            return not_found_response(context.aws_request_id)
        event["requestContext"].setdefault("requestId", context.aws_request_id)
        event, context = self._authorizer.authorize(path, event, context)
        response: dict[str, Any] = self._app_object(event, context)
        return response
