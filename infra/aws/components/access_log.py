"""The API's access log line: JSON, one per request, that never carries a webhook token.

The payment callbacks carry their webhook token in the query string (`?token=`), and older
callback URLs in the path (`/webhooks/payments/{provider}/{part1}`), so the line names the route
by its template (`$context.resourcePath`), never the requested path (`$context.path`), and has
no query string and no header but the user agent.
"""

from __future__ import annotations

import json

ACCESS_LOG_FIELDS = {
    "requestId": "$context.requestId",
    "requestTime": "$context.requestTime",
    "ip": "$context.identity.sourceIp",
    "userAgent": "$context.identity.userAgent",
    "httpMethod": "$context.httpMethod",
    "resourcePath": "$context.resourcePath",
    "protocol": "$context.protocol",
    "status": "$context.status",
    "responseLength": "$context.responseLength",
    "responseLatency": "$context.responseLatency",
    "integrationLatency": "$context.integrationLatency",
    "integrationStatus": "$context.integration.status",
    "errorType": "$context.error.responseType",
    "wafResponseCode": "$context.wafResponseCode",
}


def access_log_format() -> str:
    return json.dumps(ACCESS_LOG_FIELDS, separators=(",", ":"))
