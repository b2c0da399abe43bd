"""Each production Lambda (functions/<name>.py) serves exactly its blueprints' routes and
answers real API Gateway REST proxy events.

Each function module is imported in its own Python process, as in Lambda. A Chalice
Blueprint can be registered to one app per process only: a second registration (app.py's
app and a function's app side by side) silently turns every route into GET and rebinds
`bp.current_request` to the newest app. Importing `functions.*` here would therefore
break every other test that drives app.py through `chalice.test.Client`.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from chalicelib.blueprints import FUNCTION_BLUEPRINTS, blueprints_of
from chalicelib.core import http

ROOT = Path(__file__).resolve().parents[2]
FUNCTIONS = ["account", "admin", "auth", "catalog", "checkout", "payment_webhooks", "system"]

# Runs in a fresh interpreter: imports functions.<name>, reports its route table and the
# answers to the events given on stdin of its Lambda entry point `handler(event, context)`
# (or of its Chalice app, `app(event, context)`, when asked for `app`).
PROBE = """
import importlib, json, sys
from chalice.local import LambdaContext

name, out, entry = sys.argv[1], sys.argv[2], sys.argv[3]
events = json.load(sys.stdin)
module = importlib.import_module("functions." + name)
app = module.app
call = module.handler if entry == "handler" else app
routes = sorted([path, method] for path, methods in app.routes.items() for method in methods)
answers = [call(event, LambdaContext(function_name=name, memory_size=512)) for event in events]
with open(out, "w") as f:
    json.dump({"app_name": app.app_name, "debug": app.debug, "routes": routes, "answers": answers}, f)
"""


def rest_api_event(
    method: str,
    resource: str,
    *,
    path: str | None = None,
    headers: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
    path_parameters: dict[str, str] | None = None,
    body: str | None = None,
) -> dict[str, Any]:
    """An API Gateway REST API (payload 1.0) Lambda proxy event, as the gateway sends it."""
    path = path or resource
    headers = {"Host": "api.example.test", "User-Agent": "pytest", "X-Forwarded-For": "203.0.113.7", **(headers or {})}
    return {
        "resource": resource,
        "path": path,
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {name: [value] for name, value in headers.items()},
        "queryStringParameters": query,
        "multiValueQueryStringParameters": {k: [v] for k, v in query.items()} if query else None,
        "pathParameters": path_parameters,
        "stageVariables": None,
        "requestContext": {
            "resourceId": "abc123",
            "resourcePath": resource,
            "httpMethod": method,
            "extendedRequestId": "Yx1gRF8njoEFbXw=",
            "requestTime": "01/Mar/2026:10:00:00 +0000",
            "path": f"/prod{path}",
            "accountId": "123456789012",
            "protocol": "HTTP/1.1",
            "stage": "prod",
            "domainPrefix": "api",
            "requestTimeEpoch": 1772359200000,
            "requestId": str(uuid.uuid4()),
            "identity": {"sourceIp": "203.0.113.7", "userAgent": "pytest"},
            "domainName": "api.example.test",
            "apiId": "a1b2c3d4e5",
        },
        "body": body,
        "isBase64Encoded": False,
    }


def lambda_context(name: str) -> Any:
    from chalice.local import LambdaContext

    return LambdaContext(function_name=name, memory_size=512)


def run_lambda(name: str, events: list[dict[str, Any]], tmp_path: Path, *, entry: str = "app") -> dict[str, Any]:
    """Import functions.<name> in a new process (env: this run's test database) and invoke its
    `app` or its `handler`; `stdout` holds what the process wrote (log lines, metrics)."""
    out = tmp_path / f"{name}-{uuid.uuid4().hex}.json"
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, name, str(out), entry],
        input=json.dumps(events),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ),
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    result: dict[str, Any] = json.loads(out.read_text())
    result["routes"] = {(path, method) for path, method in result["routes"]}
    result["stdout"] = completed.stdout
    return result


def routes_of_function(name: str) -> set[tuple[str, str]]:
    """What the route table says the function's blueprints declare."""
    blueprints = {bp._import_name for bp in blueprints_of(name)}
    return {(route.path, route.method) for route in http.ROUTES if route.blueprint in blueprints}


def envelope(answer: dict[str, Any]) -> Any:
    assert answer["headers"]["Content-Type"] == "application/json"
    return json.loads(answer["body"])


@pytest.fixture(scope="module")
def tables(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Each function's app: its name, debug flag and route table (no events)."""
    tmp_path = tmp_path_factory.mktemp("lambdas")
    return {name: run_lambda(name, [], tmp_path) for name in FUNCTIONS}


def test_every_function_of_the_wiring_has_a_module() -> None:
    assert sorted(FUNCTION_BLUEPRINTS) == sorted(FUNCTIONS)
    for name in FUNCTIONS:
        assert (ROOT / "functions" / f"{name}.py").is_file()


@pytest.mark.parametrize("name", FUNCTIONS)
def test_each_function_serves_exactly_its_blueprints_routes(name: str, tables: dict[str, dict[str, Any]]) -> None:
    expected = routes_of_function(name)
    assert expected  # every function declares at least one route
    assert tables[name]["routes"] == expected
    assert tables[name]["app_name"] == name
    assert tables[name]["debug"] is False


def test_the_functions_do_not_overlap_and_cover_the_whole_api(tables: dict[str, dict[str, Any]]) -> None:
    for name in FUNCTIONS:
        for other in FUNCTIONS:
            if other != name:
                assert tables[name]["routes"].isdisjoint(tables[other]["routes"]), (name, other)
    all_blueprints = {bp._import_name for name in FUNCTION_BLUEPRINTS for bp in blueprints_of(name)}
    every_route = {(route.path, route.method) for route in http.ROUTES if route.blueprint in all_blueprints}
    assert set().union(*(tables[name]["routes"] for name in FUNCTIONS)) == every_route


def test_auth_serves_no_admin_or_system_route(tables: dict[str, dict[str, Any]]) -> None:
    auth_paths = {path for path, _ in tables["auth"]["routes"]}
    assert "/health" not in auth_paths
    assert "/openapi.json" not in auth_paths
    assert "/admin/businesses" not in auth_paths
    assert not any(path.startswith("/admin") for path in auth_paths)
    assert tables["system"]["routes"] == {("/health", "GET"), ("/openapi.json", "GET")}


def test_auth_serves_login_which_the_accounts_routes_declare(tables: dict[str, dict[str, Any]]) -> None:
    accounts_routes = importlib.import_module("chalicelib.accounts.routes")
    declared = {
        (route.path, route.method) for route in http.ROUTES if route.blueprint == accounts_routes.auth_bp._import_name
    }
    assert ("/auth/login", "POST") in declared
    assert ("/auth/login", "POST") in tables["auth"]["routes"]
    assert not any(path == "/auth/login" for path, _ in tables["admin"]["routes"])


def test_the_system_lambda_answers_real_api_gateway_events(database_url: str, tmp_path: Path) -> None:
    health = rest_api_event("GET", "/health")
    events = [health, rest_api_event("GET", "/openapi.json"), rest_api_event("DELETE", "/health")]

    ok, document, wrong_method = run_lambda("system", events, tmp_path)["answers"]

    assert ok["statusCode"] == 200
    assert envelope(ok) == {"status": "ok", "database": "ok"}
    assert ok["headers"]["Cache-Control"] == "no-store"
    assert ok["headers"]["X-Content-Type-Options"] == "nosniff"
    assert ok["headers"]["X-Request-Id"] == health["requestContext"]["requestId"]

    assert document["statusCode"] == 200
    # The document describes the whole API, not only the routes of the Lambda serving it.
    paths = envelope(document)["paths"]
    documented = {(path, method.upper()) for path, item in paths.items() for method in item}
    for name in FUNCTIONS:
        assert routes_of_function(name) <= documented

    assert wrong_method["statusCode"] == 405
    assert wrong_method["headers"]["Allow"] == "GET"
    assert envelope(wrong_method)["error"]["code"] == "method_not_allowed"


def test_a_function_never_runs_a_route_it_does_not_serve(database_url: str, tmp_path: Path) -> None:
    """API Gateway would never send it; if it did, the answer is an error envelope, not the view."""
    business_id = str(uuid.uuid4())
    event = rest_api_event(
        "POST",
        "/admin/businesses/{id}/verification",
        path=f"/admin/businesses/{business_id}/verification",
        path_parameters={"id": business_id},
        headers={"Content-Type": "application/json"},
        body=json.dumps({"decision": "verify"}),
    )

    (answer,) = run_lambda("auth", [event], tmp_path)["answers"]

    # Chalice finds no method for the unknown resource and refuses with a 405 that allows
    # nothing, which the middleware answers as the 404 it is. The view, which would have
    # answered 401 without a token, never ran.
    assert answer["statusCode"] == 404
    assert envelope(answer) == {"error": {"code": "not_found", "message": "Not found.", "details": []}}
    assert answer["headers"]["X-Content-Type-Options"] == "nosniff"


def json_lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_the_handler_is_the_app_with_correlation_id_and_cold_start_metric(database_url: str, tmp_path: Path) -> None:
    health = rest_api_event("GET", "/health")
    document = rest_api_event("GET", "/openapi.json")

    result = run_lambda("system", [health, document], tmp_path, entry="handler")

    ok, described = result["answers"]
    assert (ok["statusCode"], envelope(ok)) == (200, {"status": "ok", "database": "ok"})
    assert ok["headers"]["X-Request-Id"] == health["requestContext"]["requestId"]
    assert described["statusCode"] == 200
    lines = json_lines(result["stdout"])
    cold_starts = [line for line in lines if "ColdStart" in line]
    assert [(line["function_name"], line["service"], line["ColdStart"]) for line in cold_starts] == [
        ("system", "marketplace", [1.0])
    ]
    assert cold_starts[0]["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "Marketplace"
    assert "No application metrics" not in result["stdout"]


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_api_function_has_a_handler(name: str, database_url: str, tmp_path: Path) -> None:
    """`functions.<name>.handler`, the entry point the CDK app names, answers through the app
    (here an event for a path the function does not serve) and counts its cold start."""
    event = rest_api_event("GET", "/no/such/resource")

    result = run_lambda(name, [event], tmp_path, entry="handler")

    [answer] = result["answers"]
    assert answer["statusCode"] == 404
    assert envelope(answer) == {"error": {"code": "not_found", "message": "Not found.", "details": []}}
    assert answer["headers"]["X-Request-Id"] == event["requestContext"]["requestId"]
    assert [line["function_name"] for line in json_lines(result["stdout"]) if "ColdStart" in line] == [name]
