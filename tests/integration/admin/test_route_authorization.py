"""Every `/admin` route, read from the route table (so routes added later are covered too), as
each kind of caller: nobody signed in (401), a retailer's or wholesaler's owner or staff (403),
support (reads answer, writes 403) and an admin (allowed; an unknown id is a 404)."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

import pytest

from chalicelib.blueprints import all_blueprints
from chalicelib.core.http import ROUTES, RouteSpec
from tests.integration.admin.conftest import Staff
from tests.integration.admin.example_bodies import example_body
from tests.support.api import Api

all_blueprints()
ADMIN_ROUTES = sorted(
    (r for r in ROUTES if r.path.startswith("/admin/") or r.path == "/admin"), key=lambda r: (r.path, r.method)
)
NOT_AUTHENTICATED = {"error": {"code": "not_authenticated", "message": "Sign in to continue.", "details": []}}
ROLE_NOT_ALLOWED = {"error": {"code": "role_not_allowed", "message": "Your role does not allow this.", "details": []}}


def route_id(route: RouteSpec) -> str:
    return f"{route.method} {route.path}"


def call(api: Api, route: RouteSpec, token: str | None) -> Any:
    """The route with a fresh random id in each path variable and a valid body and query."""
    path = route.path
    for part in route.path.split("/"):
        if part.startswith("{"):
            path = path.replace(part, str(uuid.uuid4()))
    query = example_body("GET", route.path, route.query) if route.query is not None else None
    if query:
        path += "?" + urlencode(query)
    body = example_body(route.method, route.path, route.request)
    return api.request(route.method, path, body, token=token)


def test_the_admin_routes_are_the_ones_this_test_knows_of() -> None:
    paths = {route.path for route in ADMIN_ROUTES}

    assert {"/admin/users", "/admin/users/{id}/suspend", "/admin/audit", "/admin/businesses/{id}"} <= paths
    assert all(route.roles and route.roles <= {"admin", "support"} for route in ADMIN_ROUTES)
    assert not any("impersonat" in route.path for route in ADMIN_ROUTES)


@pytest.mark.parametrize("route", ADMIN_ROUTES, ids=route_id)
def test_nobody_signed_in_and_no_business_user_may_use_it(
    api: Api, route: RouteSpec, business_tokens: dict[str, str]
) -> None:
    anonymous = call(api, route, None)
    refused = {who: call(api, route, token) for who, token in business_tokens.items()}

    assert (anonymous.status_code, anonymous.json_body) == (401, NOT_AUTHENTICATED)
    assert {who: (r.status_code, r.json_body) for who, r in refused.items()} == dict.fromkeys(
        business_tokens, (403, ROLE_NOT_ALLOWED)
    )


@pytest.mark.parametrize("route", ADMIN_ROUTES, ids=route_id)
def test_support_reads_and_may_not_write(api: Api, route: RouteSpec, support: Staff) -> None:
    response = call(api, route, support.token)

    if route.method == "GET":
        expected = 404 if route.uuid_params else 200
        assert response.status_code == expected, response.body
    else:
        assert (response.status_code, response.json_body) == (403, ROLE_NOT_ALLOWED)


@pytest.mark.parametrize("route", ADMIN_ROUTES, ids=route_id)
def test_an_admin_may_use_it_and_an_unknown_id_is_not_found(api: Api, route: RouteSpec, admin: Staff) -> None:
    response = call(api, route, admin.token)

    if route.uuid_params:
        assert response.status_code == 404, response.json_body
        assert set(response.json_body["error"]) >= {"code", "message", "details"}
    else:
        assert response.status_code not in (401, 403, 500), response.body
        if route.method == "GET":
            assert response.status_code == 200, response.body


def test_there_is_no_route_to_act_as_another_user(api: Api, admin: Staff) -> None:
    for path in (f"/admin/users/{uuid.uuid4()}/impersonate", "/admin/impersonate"):
        response = api.post(path, {"reason": "Look as them"}, token=admin.token)

        assert response.status_code == 404, path
        assert response.json_body["error"]["code"] == "not_found"
        assert set(response.json_body["error"]) == {"code", "message", "details", "request_id"}
