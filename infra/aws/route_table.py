"""The API's routes, read from the Chalice apps the API Lambdas serve.

Each function in `chalicelib.blueprints.FUNCTION_BLUEPRINTS` is built exactly as its Lambda
builds it (`functions._build.build_function_app`) and its `app.routes` read: the same route
tables that `app.py` and the OpenAPI document use, so no route can be left out of API Gateway.

The apps are built in a child interpreter (`python -m infra.aws.route_table`), because a
Chalice blueprint can be registered in one app per process only, and because importing the
function modules runs the production settings check: the child gets a clean environment
with `STAGE=dev`, whatever the shell that synthesizes says (`make deploy STAGE=prod`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infra.aws.paths import REPO_ROOT

CHILD_STAGE = "dev"
INHERITED_VARIABLES = ("PATH", "HOME", "LANG", "SYSTEMROOT", "TMPDIR")


@dataclass(frozen=True)
class Route:
    function: str
    path: str
    methods: tuple[str, ...]


@dataclass(frozen=True)
class RouteTable:
    routes: tuple[Route, ...]
    binary_media_types: tuple[str, ...]
    """The content types Chalice answers base64-encoded (PDF invoices): API Gateway must know them."""

    @property
    def functions(self) -> tuple[str, ...]:
        return tuple(sorted({route.function for route in self.routes}))

    def of(self, function: str) -> tuple[Route, ...]:
        return tuple(route for route in self.routes if route.function == function)

    def operations(self) -> set[tuple[str, str]]:
        return {(route.path, method) for route in self.routes for method in route.methods}


class RouteTableError(RuntimeError):
    """Routes API Gateway cannot serve as declared; the message names them."""


def load_route_table() -> RouteTable:
    environment = {name: os.environ[name] for name in INHERITED_VARIABLES if name in os.environ}
    environment.update({"STAGE": CHILD_STAGE, "PYTHONPATH": str(REPO_ROOT), "PYTHONDONTWRITEBYTECODE": "1"})
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "routes.json"
        completed = subprocess.run(
            [sys.executable, "-m", "infra.aws.route_table", str(output)],
            cwd=REPO_ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        if completed.returncode != 0:
            raise RouteTableError(f"building the functions' Chalice apps failed:\n{completed.stderr[-4000:]}")
        return parse(json.loads(output.read_text()))


def parse(document: dict[str, Any]) -> RouteTable:
    routes = tuple(
        Route(function=function, path=path, methods=tuple(sorted(methods)))
        for function, table in sorted(document["functions"].items())
        for path, methods in sorted(table.items())
    )
    table = RouteTable(routes=routes, binary_media_types=tuple(document["binary_media_types"]))
    check(table)
    return table


def check(table: RouteTable) -> None:
    """Refuse what API Gateway would reject or silently route to one function only."""
    owners: dict[tuple[str, str], list[str]] = defaultdict(list)
    for route in table.routes:
        for method in route.methods:
            owners[(route.path, method)].append(route.function)
    shared = {f"{method} {path}": functions for (path, method), functions in owners.items() if len(functions) > 1}
    if shared:
        raise RouteTableError(f"routes served by more than one function: {shared}")
    variables: dict[str, set[str]] = defaultdict(set)
    for route in table.routes:
        parts = route.path.strip("/").split("/")
        for depth, part in enumerate(parts):
            if part.startswith("{"):
                variables["/" + "/".join(parts[:depth])].add(part)
    clashing = {parent: sorted(names) for parent, names in variables.items() if len(names) > 1}
    if clashing:
        raise RouteTableError(f"API Gateway allows one path variable name per level: {clashing}")


def _collect() -> dict[str, Any]:
    """In the child: every API function's routes as its Lambda builds them."""
    if os.environ.get("STAGE") != CHILD_STAGE:
        raise SystemExit(f"route_table: the child runs with STAGE={CHILD_STAGE} only")
    from chalicelib.blueprints import FUNCTION_BLUEPRINTS
    from functions._build import build_function_app

    functions: dict[str, dict[str, list[str]]] = {}
    binary_media_types: set[str] = set()
    for function in FUNCTION_BLUEPRINTS:
        app = build_function_app(function)
        functions[function] = {path: sorted(methods) for path, methods in app.routes.items()}
        binary_media_types.update(app.api.binary_types)
    return {"functions": functions, "binary_media_types": sorted(binary_media_types)}


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(json.dumps(_collect()))
