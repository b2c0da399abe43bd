"""The route table is one API Gateway can build: a resource's variable children must share one
name (`/a/{id}` and `/a/{key}/b` cannot both exist), or the deployment fails."""

from __future__ import annotations

from collections import defaultdict

from chalicelib.blueprints import all_blueprints
from chalicelib.core import http


def variable_children() -> dict[str, set[str]]:
    """Each resource path -> the names of the path variables directly below it."""
    all_blueprints()
    children: dict[str, set[str]] = defaultdict(set)
    for route in http.ROUTES:
        parts = [part for part in route.path.split("/") if part]
        for depth, part in enumerate(parts):
            if part.startswith("{"):
                children["/" + "/".join(parts[:depth])].add(part)
    return children


def test_sibling_path_variables_share_their_name() -> None:
    children = variable_children()

    assert {parent: names for parent, names in children.items() if len(names) > 1} == {}
    assert children["/webhooks/payments"] == {"{provider}"}
    assert children["/webhooks/payments/{provider}"] == {"{part1}"}
