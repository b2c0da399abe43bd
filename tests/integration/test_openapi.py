"""The OpenAPI document served at /openapi.json is valid 3.1 and describes every route.

Expectations are derived from `http.ROUTES`, so every route added later is checked too.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator, validate
from pydantic import BaseModel

from chalicelib.blueprints import all_blueprints
from chalicelib.core import http
from chalicelib.core.http import RouteSpec
from chalicelib.core.openapi import build_openapi


def served_routes() -> list[RouteSpec]:
    served = {bp._import_name for bp in all_blueprints()}
    return [route for route in http.ROUTES if route.blueprint in served]


@pytest.fixture
def spec(client: Any) -> dict[str, Any]:
    response = client.http.get("/openapi.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    return response.json_body  # type: ignore[no-any-return]


def component(spec: dict[str, Any], ref: dict[str, Any]) -> dict[str, Any]:
    assert set(ref) == {"$ref"}, ref
    prefix = "#/components/schemas/"
    assert ref["$ref"].startswith(prefix)
    return spec["components"]["schemas"][ref["$ref"].removeprefix(prefix)]  # type: ignore[no-any-return]


def title_of(model: type[BaseModel]) -> str:
    return model.model_config.get("title") or model.__name__


def operation(spec: dict[str, Any], route: RouteSpec) -> dict[str, Any]:
    return spec["paths"][route.path][route.method.lower()]  # type: ignore[no-any-return]


def test_the_document_is_valid_openapi_3_1(spec: dict[str, Any]) -> None:
    validate(spec, cls=OpenAPIV31SpecValidator)
    assert spec["openapi"] == "3.1.0"
    assert spec["info"]["version"] == "0.1.0"


def test_known_system_routes_are_described(spec: dict[str, Any]) -> None:
    health = spec["paths"]["/health"]["get"]
    assert component(spec, health["responses"]["200"]["content"]["application/json"]["schema"])["title"] == "Health"
    assert component(spec, health["responses"]["503"]["content"]["application/json"]["schema"])["title"] == (
        "ErrorEnvelope"
    )
    assert "security" not in health
    document = spec["paths"]["/openapi.json"]["get"]
    assert set(document["responses"]) == {"200"}
    assert document["tags"] == ["system"]


def test_every_route_of_the_table_is_in_the_document_and_nothing_else(spec: dict[str, Any]) -> None:
    expected = {(route.path, route.method.lower()) for route in served_routes()}
    documented = {(path, method) for path, item in spec["paths"].items() for method in item}
    assert documented == expected
    assert ("/health", "get") in documented
    assert ("/openapi.json", "get") in documented


def test_operation_ids_are_unique(spec: dict[str, Any]) -> None:
    ids = [op["operationId"] for item in spec["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))


def test_request_bodies_reference_their_model(spec: dict[str, Any]) -> None:
    for route in served_routes():
        op = operation(spec, route)
        if route.consumes is not None:
            assert op["requestBody"]["content"] == {route.consumes: {"schema": {"type": "string"}}}, route.path
            assert "400" in op["responses"], (route.method, route.path)
            continue
        if route.request is None:
            assert "requestBody" not in op, route.path
            continue
        assert op["requestBody"]["required"] is True
        body = op["requestBody"]["content"]["application/json"]["schema"]
        if route.method == "PATCH":  # at least one field to change
            assert body["minProperties"] == 1, route.path
            body = body["allOf"][0]
        schema = component(spec, body)
        assert schema["title"] == title_of(route.request), (route.method, route.path)
        assert "400" in op["responses"], (route.method, route.path)


def test_the_csv_import_declares_its_csv_body(spec: dict[str, Any]) -> None:
    body = spec["paths"]["/inventory/import"]["post"]["requestBody"]
    assert body == {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}}


def test_responses_carry_their_model_at_the_declared_status(spec: dict[str, Any]) -> None:
    for route in served_routes():
        responses = operation(spec, route)["responses"]
        if route.response is not None:
            content = responses[str(route.status)]["content"]
            assert list(content) == [route.produces]
            assert component(spec, content[route.produces]["schema"])["title"] == title_of(route.response)
        elif route.produces == "application/json":
            no_content = "204" if route.status == 200 else str(route.status)
            assert "content" not in responses[no_content], (route.method, route.path)


def test_error_responses_use_the_envelope(spec: dict[str, Any]) -> None:
    for route in served_routes():
        op = operation(spec, route)
        statuses = set(route.errors)
        if route.request is not None or route.query is not None:
            statuses.add(400)
        if route.roles:
            statuses |= {401, 403}
        if "{" in route.path:
            statuses.add(404)
        for status in statuses:
            schema = op["responses"][str(status)]["content"]["application/json"]["schema"]
            assert component(spec, schema)["title"] == "ErrorEnvelope", (route.method, route.path, status)
    envelope = spec["components"]["schemas"]["ErrorEnvelope"]
    assert envelope["required"] == ["error"]


def test_routes_with_roles_require_the_bearer_token(spec: dict[str, Any]) -> None:
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "The access token answered by /auth/login or /auth/refresh.",
    }
    for route in served_routes():
        op = operation(spec, route)
        if route.roles:
            assert op["security"] == [{"bearerAuth": []}]
            assert op["x-roles"] == sorted(route.roles)
            kinds = sorted(route.business_kinds) if route.business_kinds is not None else None
            assert op.get("x-business-kinds") == kinds
        else:
            assert "security" not in op
            assert "x-roles" not in op


def test_path_and_query_parameters(spec: dict[str, Any]) -> None:
    for route in served_routes():
        params = {(p["in"], p["name"]): p for p in operation(spec, route).get("parameters", [])}
        path_names = [part[1:-1] for part in route.path.split("/") if part.startswith("{")]
        for name in path_names:
            param = params[("path", name)]
            assert param["required"] is True
            if name in route.uuid_params:
                assert param["schema"] == {"type": "string", "format": "uuid"}
            else:
                assert param["schema"] == {"type": "string", "pattern": "^[^\\u0000-\\u001f\\u007f]*$"}
        query_names = {p_name for (where, p_name) in params if where == "query"}
        if route.query is None:
            assert query_names == set()
        else:
            fields = route.query.model_fields
            assert query_names == {info.alias or name for name, info in fields.items()}
            for name, info in fields.items():
                assert params[("query", info.alias or name)]["required"] is info.is_required()


def test_query_text_states_what_the_api_refuses(spec: dict[str, Any]) -> None:
    orders = {p["name"]: p["schema"] for p in spec["paths"]["/orders"]["get"]["parameters"]}
    assert orders["cursor"]["pattern"] == "^[A-Za-z0-9_-]*$"
    assert "pattern" not in orders["payment_method"]  # an enum needs no pattern
    assert re.fullmatch(orders["status"]["pattern"], "placed,accepted")
    assert not re.fullmatch(orders["status"]["pattern"], "placed,shipped")
    assert re.fullmatch(orders["q"]["pattern"], "Mama Njeri")
    assert not re.fullmatch(orders["q"]["pattern"], "Mama\x00Njeri")
    search = {p["name"]: p["schema"] for p in spec["paths"]["/catalog/search"]["get"]["parameters"]}
    assert re.fullmatch(search["q"]["pattern"], "unga 2kg")
    assert not re.fullmatch(search["q"]["pattern"], "unga\x002kg")


# --- build_openapi on its own -----------------------------------------------------------


def route(path: str, method: str = "GET", **overrides: Any) -> RouteSpec:
    values: dict[str, Any] = {
        "blueprint": "tests",
        "path": path,
        "method": method,
        "summary": "A test route",
        "request": None,
        "query": None,
        "response": None,
        "status": 200,
        "roles": frozenset(),
        "business_kinds": None,
        "tags": (),
        "errors": (),
        "produces": "application/json",
        **overrides,
    }
    return RouteSpec(**values)


def build(routes: list[RouteSpec]) -> dict[str, Any]:
    document = build_openapi(routes, title="Test", version="1", servers=[{"url": "."}])
    validate(document, cls=OpenAPIV31SpecValidator)
    return document


def make_model(name: str, module: str, **fields: Any) -> type[BaseModel]:
    from pydantic import create_model

    return create_model(name, __module__=module, **fields)


def test_models_with_the_same_name_get_distinct_components() -> None:
    first = make_model("Item", "shop.catalog", sku=(str, ...))
    second = make_model("Item", "shop.orders", quantity=(int, ...))
    document = build([route("/a", "POST", request=first), route("/b", "POST", request=second)])

    def props(path: str) -> set[str]:
        ref = document["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        return set(document["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"])

    assert props("/a") == {"sku"}
    assert props("/b") == {"quantity"}


def test_a_model_used_for_input_and_output_is_split_when_its_schemas_differ() -> None:
    from pydantic import computed_field

    class Quote(BaseModel):
        amount: str

        @computed_field  # type: ignore[prop-decorator]
        @property
        def currency(self) -> str:
            return "KES"

    document = build([route("/quotes", "POST", request=Quote, response=Quote, status=201)])
    op = document["paths"]["/quotes"]["post"]
    request_ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    response_ref = op["responses"]["201"]["content"]["application/json"]["schema"]["$ref"]
    assert request_ref == "#/components/schemas/Quote-Input"
    assert response_ref == "#/components/schemas/Quote-Output"
    assert "currency" in document["components"]["schemas"]["Quote-Output"]["properties"]
    assert "currency" not in document["components"]["schemas"]["Quote-Input"]["properties"]


def test_non_json_and_empty_responses() -> None:
    document = build(
        [
            route("/reports/{id}/pdf", produces="application/pdf", uuid_params=("id",)),
            route("/reports/export", produces="text/csv", errors=(429,)),
            route("/things", "POST", status=202),
            route("/things/{slug}", "DELETE"),
        ]
    )
    pdf = document["paths"]["/reports/{id}/pdf"]["get"]
    assert pdf["responses"]["200"]["content"] == {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}
    assert set(pdf["responses"]) == {"200", "404", "406"}  # 406: the client refuses PDF
    csv = document["paths"]["/reports/export"]["get"]
    assert csv["responses"]["200"]["content"] == {"text/csv": {"schema": {"type": "string"}}}
    assert csv["responses"]["429"]["headers"]["Retry-After"]["schema"] == {"type": "integer"}
    assert document["paths"]["/things"]["post"]["responses"] == {"202": {"description": "Accepted"}}
    delete = document["paths"]["/things/{slug}"]["delete"]
    assert set(delete["responses"]) == {"204", "404"}
    slug = {"type": "string", "pattern": "^[^\\u0000-\\u001f\\u007f]*$"}
    assert delete["parameters"] == [{"name": "slug", "in": "path", "required": True, "schema": slug}]
    assert delete["tags"] == ["things"]
