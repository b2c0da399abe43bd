"""What API Gateway answers itself, how its stage logs and throttles, and its WebACL."""

from __future__ import annotations

import json
import re
from typing import Any

from chalicelib.blueprints import FUNCTION_BLUEPRINTS
from chalicelib.core.envelope import SECURITY_HEADERS
from infra.aws.app import Deployment
from infra.aws.components.gateway_responses import GATEWAY_ERRORS
from infra.aws.config import PROD
from tests.infra.template_reading import Templates, app_lambdas, properties, render, resources

ENVELOPE_KEYS = {"code", "message", "details", "request_id"}


def gateway_responses(api: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        properties(response)["ResponseType"]: properties(response)
        for response in resources(api, "AWS::ApiGateway::GatewayResponse").values()
    }


def test_gateway_errors_answer_in_the_error_envelope_with_the_security_headers(templates: Templates) -> None:
    responses = gateway_responses(templates.api)

    assert set(responses) == {error.response_type for error in GATEWAY_ERRORS}
    for response_type, response in responses.items():
        body = json.loads(response["ResponseTemplates"]["application/json"])
        assert set(body) == {"error"}, response_type
        assert set(body["error"]) == ENVELOPE_KEYS, response_type
        assert body["error"]["details"] == []
        assert body["error"]["request_id"] == "$context.requestId"
        headers = {
            name.removeprefix("gatewayresponse.header."): value
            for name, value in response["ResponseParameters"].items()
        }
        assert headers == {name: f"'{value}'" for name, value in SECURITY_HEADERS.items()}, response_type


def test_an_unknown_route_is_a_404_not_found_and_throttling_a_429(templates: Templates) -> None:
    responses = gateway_responses(templates.api)

    def answer(response_type: str) -> tuple[str | None, str]:
        response = responses[response_type]
        return response.get("StatusCode"), json.loads(response["ResponseTemplates"]["application/json"])["error"][
            "code"
        ]

    assert answer("MISSING_AUTHENTICATION_TOKEN") == ("404", "not_found")
    assert answer("ACCESS_DENIED") == ("403", "forbidden")
    assert answer("THROTTLED") == ("429", "too_many_requests")
    assert answer("DEFAULT_4XX") == (None, "bad_request")
    assert answer("DEFAULT_5XX") == (None, "internal_error")


def test_the_access_log_names_the_route_template_never_the_requested_path(templates: Templates) -> None:
    (stage,) = resources(templates.api, "AWS::ApiGateway::Stage").values()
    access_log = properties(stage)["AccessLogSetting"]["Format"]

    fields = json.loads(access_log)
    assert fields["resourcePath"] == "$context.resourcePath"
    assert "$context.path" not in access_log
    assert not re.search(r"querystring|\$input|\$context\.requestOverride|\$method\.request", access_log, re.IGNORECASE)
    assert all(value.startswith("$context.") for value in fields.values())


def test_the_stage_throttles_logs_only_errors_and_is_not_traced(templates: Templates) -> None:
    (stage,) = resources(templates.api, "AWS::ApiGateway::Stage").values()
    (method_settings,) = properties(stage)["MethodSettings"]

    assert properties(stage)["StageName"] == "api"
    assert properties(stage)["TracingEnabled"] is False
    assert method_settings["ThrottlingRateLimit"] == PROD.api_rate_limit
    assert method_settings["ThrottlingBurstLimit"] == PROD.api_burst_limit
    assert method_settings["LoggingLevel"] == "ERROR"
    assert method_settings["DataTraceEnabled"] is False


def test_the_api_is_regional_compresses_and_passes_pdf_invoices_as_binary(templates: Templates) -> None:
    (api,) = resources(templates.api, "AWS::ApiGateway::RestApi").values()

    assert properties(api)["EndpointConfiguration"] == {"Types": ["REGIONAL"]}
    assert properties(api)["MinimumCompressionSize"] == 1024
    assert "application/pdf" in properties(api)["BinaryMediaTypes"]


def test_the_webacl_limits_each_ip_on_auth_and_webhooks_and_guards_the_stage(templates: Templates) -> None:
    ((acl_id, acl),) = resources(templates.api, "AWS::WAFv2::WebACL").items()
    (association,) = resources(templates.api, "AWS::WAFv2::WebACLAssociation").values()
    (stage_id,) = resources(templates.api, "AWS::ApiGateway::Stage")
    rules = {rule["Name"]: rule for rule in properties(acl)["Rules"]}

    assert properties(acl)["Scope"] == "REGIONAL"
    assert set(rules) == {"AuthPerIp", "WebhooksPerIp"}
    limits = {name: rule["Statement"]["RateBasedStatement"] for name, rule in rules.items()}
    assert limits["AuthPerIp"]["Limit"] == PROD.auth_requests_per_ip
    assert limits["WebhooksPerIp"]["Limit"] == PROD.webhook_requests_per_ip
    patterns = {
        name: limit["ScopeDownStatement"]["RegexMatchStatement"]["RegexString"] for name, limit in limits.items()
    }
    assert re.match(patterns["AuthPerIp"], "/api/auth/login") and re.match(patterns["AuthPerIp"], "/auth/refresh")
    assert not re.match(patterns["AuthPerIp"], "/api/catalog/authors")
    assert re.match(patterns["WebhooksPerIp"], "/api/webhooks/payments/mpesa")
    for rule in rules.values():
        response = rule["Action"]["Block"]["CustomResponse"]
        assert response["ResponseCode"] == 429
        body = json.loads(properties(acl)["CustomResponseBodies"][response["CustomResponseBodyKey"]]["Content"])
        assert body["error"]["code"] == "too_many_requests"
    assert properties(association)["WebACLArn"] == {"Fn::GetAtt": [acl_id, "Arn"]}
    assert render(properties(association)["ResourceArn"]).endswith(f"/stages/<{stage_id}>")


def test_api_gateway_may_invoke_the_live_alias_of_each_api_function_only(templates: Templates) -> None:
    lambdas = app_lambdas(templates.service)
    aliases = {
        logical_id: properties(alias)["FunctionName"]["Ref"]
        for logical_id, alias in resources(templates.service, "AWS::Lambda::Alias").items()
    }
    function_of = {view.logical_id: function for function, view in lambdas.items()}
    invokable = set()
    for permission in resources(templates.service, "AWS::Lambda::Permission").values():
        settings = properties(permission)
        if settings["Principal"] == "apigateway.amazonaws.com":
            assert render(settings["SourceArn"]).endswith("/*/*/*")
            assert "Soko-prod-Api" in render(settings["SourceArn"])
            invokable.add(function_of[aliases[settings["FunctionName"]["Ref"]]])

    assert invokable == set(FUNCTION_BLUEPRINTS)


def test_the_deploy_workflow_finds_the_api_url_where_it_looks(prod: Deployment, templates: Templates) -> None:
    """.github/workflows/deploy-stage.yml smoke-tests the output ApiUrl of the stack Soko-<stage>-Api."""
    assert prod.api.stack_name == "Soko-prod-Api"
    url = render(templates.api["Outputs"]["ApiUrl"]["Value"])
    (rest_api_id,) = resources(templates.api, "AWS::ApiGateway::RestApi")
    assert url == f"https://<{rest_api_id}>.execute-api.<AWS::Region>.<AWS::URLSuffix>/api"
