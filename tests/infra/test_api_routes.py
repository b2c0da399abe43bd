"""The API is the blueprints' route table: every route of every function, nothing else."""

from __future__ import annotations

import re
from typing import Any

import pytest

from chalicelib.blueprints import FUNCTION_BLUEPRINTS, blueprints_of
from chalicelib.core import http
from infra.aws.route_table import Route, RouteTable, RouteTableError, check, load_route_table
from tests.infra.template_reading import Templates, properties, render, resources

ALIAS_IN_URI = re.compile(r":function:marketplace-prod-([a-z-]+):live/invocations$")


def resource_paths(api: dict[str, Any]) -> dict[str, str]:
    """Logical id of each API resource (and of the root, as the RestApi's attribute) to its path."""
    nodes = resources(api, "AWS::ApiGateway::Resource")
    paths: dict[str, str] = {}

    def path_of(logical_id: str) -> str:
        if logical_id not in paths:
            node = properties(nodes[logical_id])
            parent = node["ParentId"]
            parent_path = "" if "Fn::GetAtt" in parent else path_of(parent["Ref"])
            paths[logical_id] = f"{parent_path}/{node['PathPart']}"
        return paths[logical_id]

    for logical_id in nodes:
        path_of(logical_id)
    return paths


def served_operations(api: dict[str, Any]) -> dict[tuple[str, str], list[str]]:
    """(path, method) -> the functions whose alias its integration invokes (OPTIONS left out)."""
    paths = resource_paths(api)
    served: dict[tuple[str, str], list[str]] = {}
    for method in resources(api, "AWS::ApiGateway::Method").values():
        settings = properties(method)
        if settings["HttpMethod"] == "OPTIONS":
            continue
        resource = settings["ResourceId"]
        path = "/" if "Fn::GetAtt" in resource else paths[resource["Ref"]]
        integration = settings["Integration"]
        assert integration["Type"] == "AWS_PROXY"
        match = ALIAS_IN_URI.search(render(integration["Uri"]))
        assert match, render(integration["Uri"])
        served.setdefault((path, settings["HttpMethod"]), []).append(match.group(1).replace("-", "_"))
    return served


def test_every_route_reaches_exactly_its_function_and_nothing_else_is_served(
    templates: Templates, routes: RouteTable
) -> None:
    expected = {(route.path, method): [route.function] for route in routes.routes for method in route.methods}

    assert served_operations(templates.api) == expected


def test_the_route_table_is_every_endpoint_of_each_functions_blueprints(routes: RouteTable) -> None:
    """`http.ROUTES` records each `endpoint` as its module loads (it feeds the OpenAPI document);
    loading the blueprints registers them nowhere, so this process may do it."""
    declared: set[tuple[str, str, str]] = set()
    for function in FUNCTION_BLUEPRINTS:
        names = {blueprint._import_name for blueprint in blueprints_of(function)}
        declared |= {(function, spec.path, spec.method) for spec in http.ROUTES if spec.blueprint in names}

    table = {(route.function, route.path, method) for route in routes.routes for method in route.methods}
    assert table == declared
    assert "application/pdf" in routes.binary_media_types


def test_every_route_path_answers_cors_preflights_in_api_gateway(templates: Templates, routes: RouteTable) -> None:
    paths = resource_paths(templates.api)
    preflighted = {
        paths[properties(method)["ResourceId"]["Ref"]]
        for method in resources(templates.api, "AWS::ApiGateway::Method").values()
        if properties(method)["HttpMethod"] == "OPTIONS" and "Ref" in properties(method)["ResourceId"]
    }

    assert {route.path for route in routes.routes} <= preflighted
    options = next(
        properties(method)
        for method in resources(templates.api, "AWS::ApiGateway::Method").values()
        if properties(method)["HttpMethod"] == "OPTIONS"
    )
    assert options["Integration"]["Type"] == "MOCK"
    headers = options["Integration"]["IntegrationResponses"][0]["ResponseParameters"]
    assert render(headers["method.response.header.Access-Control-Allow-Origin"]).startswith("'https://<")
    assert headers["method.response.header.Access-Control-Allow-Credentials"] == "'true'"
    assert "Idempotency-Key" in headers["method.response.header.Access-Control-Allow-Headers"]


def test_a_route_two_functions_declare_is_refused() -> None:
    table = RouteTable(
        routes=(Route("catalog", "/orders", ("GET",)), Route("checkout", "/orders", ("GET", "POST"))),
        binary_media_types=(),
    )

    with pytest.raises(RouteTableError, match="GET /orders"):
        check(table)


def test_two_path_variable_names_at_one_level_are_refused() -> None:
    table = RouteTable(
        routes=(Route("checkout", "/orders/{id}", ("GET",)), Route("checkout", "/orders/{order_id}/cancel", ("POST",))),
        binary_media_types=(),
    )

    with pytest.raises(RouteTableError, match=r"'/orders': \['\{id\}', '\{order_id\}'\]"):
        check(table)


def test_the_route_table_is_read_as_dev_whatever_stage_the_shell_deploys(
    monkeypatch: pytest.MonkeyPatch, routes: RouteTable
) -> None:
    """`make deploy STAGE=prod` exports STAGE=prod: the production check must not run on the build machine."""
    monkeypatch.setenv("STAGE", "prod")
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "marketplace-prod-auth")
    monkeypatch.setenv("PAYMENT_PROVIDERS_ENABLED", '["sandbox"]')

    assert load_route_table() == routes
