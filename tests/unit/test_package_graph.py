"""The packages of `chalicelib` depend one way (`chalicelib.PACKAGE_ORDER`), `core` on no
domain, and no module grows past what one person can hold in mind.

Every import counts: at module level, inside functions and under `TYPE_CHECKING`.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from chalicelib import COMPOSITION_MODULES, PACKAGE_ORDER

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "chalicelib"
MAX_LINES = 400
DESCRIBES_THE_API = {("system", "blueprints")}
"""`system` serves the OpenAPI document of every route, so it reads which blueprints exist."""


def unit_of(path: Path) -> str:
    """The package (or top-level module) of `chalicelib` a file belongs to."""
    first = path.relative_to(LIBRARY).parts[0]
    return first.removesuffix(".py")


def imports_of(path: Path) -> list[tuple[str, int]]:
    """(imported `chalicelib` unit, line) for every import in the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + (
                [f"{node.module}.{alias.name}" for alias in node.names] if node.module == "chalicelib" else []
            )
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "chalicelib" and len(parts) > 1:
                found.append((parts[1], node.lineno))
    return found


def import_edges() -> dict[tuple[str, str], list[str]]:
    """(importer, imported) -> every place, as `file:line`."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(LIBRARY.rglob("*.py")):
        if path.name == "__init__.py" and path.parent == LIBRARY:
            continue
        source = unit_of(path)
        for target, line in imports_of(path):
            if target not in (source, "PACKAGE_ORDER", "COMPOSITION_MODULES"):
                edges[(source, target)].append(f"{path.relative_to(ROOT)}:{line}")
    return edges


def cycles(edges: dict[tuple[str, str], list[str]]) -> list[list[str]]:
    """The strongly connected components with more than one unit (Tarjan)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for source, target in edges:
        graph[source].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(unit: str) -> None:
        index[unit] = low[unit] = len(index)
        stack.append(unit)
        for target in sorted(graph[unit]):
            if target not in index:
                visit(target)
                low[unit] = min(low[unit], low[target])
            elif target in stack:
                low[unit] = min(low[unit], index[target])
        if low[unit] == index[unit]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == unit:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for unit in sorted(graph):
        if unit not in index:
            visit(unit)
    return found


def describe(edges: dict[tuple[str, str], list[str]], pairs: list[tuple[str, str]]) -> str:
    return "\n".join(f"{source} -> {target}: {', '.join(edges[(source, target)])}" for source, target in pairs)


def test_every_unit_of_the_library_has_a_place_in_the_order():
    units = {unit_of(path) for path in LIBRARY.rglob("*.py") if path != LIBRARY / "__init__.py"}
    assert units == set(PACKAGE_ORDER) | set(COMPOSITION_MODULES)


def test_no_cycle_between_packages():
    edges = import_edges()
    found = cycles(edges)
    within = [(s, t) for component in found for (s, t) in edges if s in component and t in component]
    assert found == [], "import cycles:\n" + describe(edges, sorted(within))


def test_packages_import_only_packages_below_them():
    edges = import_edges()
    rank = {package: position for position, package in enumerate(PACKAGE_ORDER)}
    upward = sorted(
        (source, target)
        for source, target in edges
        if source in rank
        and (
            (target in COMPOSITION_MODULES and (source, target) not in DESCRIBES_THE_API)
            or rank.get(target, -1) > rank[source]
        )
    )
    assert upward == [], "imports of a higher package:\n" + describe(edges, upward)


def test_core_imports_no_domain():
    edges = import_edges()
    from_core = sorted((source, target) for source, target in edges if source == "core")
    assert from_core == [], "core imports:\n" + describe(edges, from_core)


def test_the_graph_test_sees_imports_inside_functions_and_type_checking(tmp_path, monkeypatch):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from chalicelib.orders.models import Order\n"
        "def f():\n    import chalicelib.billing.gating\n    from chalicelib import wiring\n"
    )
    assert imports_of(sample) == [("orders", 3), ("billing", 5), ("wiring", 6)]


def test_a_cycle_is_found_and_named():
    edges = {("a", "b"): ["a.py:1"], ("b", "c"): ["b.py:2"], ("c", "a"): ["c.py:3"], ("c", "d"): ["c.py:4"]}
    assert cycles(edges) == [["a", "b", "c"]]


def application_sources() -> list[Path]:
    """Our Python files: the library, the functions and infra, without what tools install or
    generate there (the CDK CLI's node_modules, cdk.out)."""
    generated = {"node_modules", "cdk.out", "__pycache__"}
    files = [*LIBRARY.rglob("*.py"), *(ROOT / "functions").rglob("*.py"), *(ROOT / "infra").rglob("*.py")]
    return sorted(path for path in files if generated.isdisjoint(path.relative_to(ROOT).parts))


@pytest.mark.parametrize(
    "path",
    application_sources(),
    ids=lambda path: str(path.relative_to(ROOT)),
)
def test_no_module_is_longer_than_one_person_holds_in_mind(path):
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines; split it along its seams"


@pytest.mark.parametrize(
    "path",
    application_sources(),
    ids=lambda path: str(path.relative_to(ROOT)),
)
def test_no_assert_decides_anything(path):
    """`python -O` removes asserts: what the code relies on raises `InvariantBroken` instead."""
    tree = ast.parse(path.read_text(), filename=str(path))
    asserts = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Assert)]
    assert asserts == [], f"{path.relative_to(ROOT)}: assert on line(s) {asserts}"
