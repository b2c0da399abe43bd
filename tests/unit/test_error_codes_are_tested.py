"""Every error code the API can answer with is asserted by at least one test.

The codes are collected by reading chalicelib/ with `ast` (nothing is imported). A code is:

- the `code = "..."` class attribute of every `DomainError` subclass (each domain's
  errors.py and chalicelib/core/errors.py): the envelope's `error.code`;
- a string literal passed as `code=` to a call of a `DomainError` subclass, e.g.
  `ValidationFailed(..., code="malformed_csv")` or `Forbidden(..., code="role_not_allowed")`;
- a string literal passed as the code (second argument) of `field_error(...)`: the codes of
  the envelope's `details`;
- a string literal passed as the code (first argument) of `error_body(...)`, and the codes
  of the middleware's table of framework refusals (`_FRAMEWORK_ERRORS` in core/envelope.py).

Not counted: codes only known at run time (pydantic's error types, codes passed on in a
variable), and codes that are not errors of the API: cart and plan-change warnings, CSV
row problems of a valid import, and the payment providers' `ProviderRejected` codes, which
never reach the envelope.

A code is tested when it appears as a string literal (the whole literal) in a test file
under tests/, this file excepted. Two lists name the exceptions, and are themselves checked:

- `FALLBACK_ONLY`: the codes of the core base classes that nothing raises as they are: every
  call of the class in chalicelib passes its own `code=`, and nothing raises the bare class.
  Raise one without a code and its code needs a test.
- `UNREACHABLE`: codes no request can provoke today, each with the reason. They are dead
  code to delete (or to make reachable, and then test): an entry fails once a test names the
  code or the code is gone from the source.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "chalicelib"
TESTS = ROOT / "tests"
THIS_FILE = Path(__file__).resolve()

FALLBACK_ONLY = {
    "bad_request": "DomainError",
    "conflict": "Conflict",
    "business_rule_violation": "BusinessRuleViolation",
    "payment_required": "PaymentRequired",
}
"""code -> the core class whose default it is. Only the class attribute is exempt: a code
the source also gives another way (`bad_request` is a framework refusal too) needs a test."""

UNREACHABLE = {
    "unauthorized": (
        "core/http.py RequestContext.principal raises Unauthorized() when a route without roles reads the "
        "principal; every route that reads it declares roles, so `_authorize` answers `not_authenticated` first"
    ),
    "tiers_required": (
        "inventory/rules.py tier_problems(): the schemas (ProductFields, ProductUpdate: tiers min_length=1) "
        "refuse an empty price list first, and a null one is `null_not_allowed`"
    ),
    "too_many_tiers": (
        "inventory/rules.py tier_problems(): the schemas (tiers max_length=MAX_TIERS) refuse more than "
        "MAX_TIERS tiers first, in the JSON API and in the CSV import"
    ),
    "invalid_subscription_transition": (
        "billing/state.py move(): every caller checks the status first (start: only an incomplete one is "
        "replaced; cancel: only unpaid ones end at once; the schedule claims by status and, to end one, with no "
        "open invoice; a payment settles only an open invoice, and invoices are voided when a subscription ends)"
    ),
}


def _python_files(folder: Path) -> Iterator[Path]:
    yield from sorted(path for path in folder.rglob("*.py") if "__pycache__" not in path.parts)


@cache
def _parsed(folder: Path) -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(), filename=str(path))) for path in _python_files(folder)]


def _name_of(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _string(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def domain_error_classes(modules: list[tuple[Path, ast.Module]]) -> dict[str, list[ast.ClassDef]]:
    """Every class of chalicelib deriving (by name) from DomainError, DomainError included."""
    classes: dict[str, list[ast.ClassDef]] = defaultdict(list)
    for _, module in modules:
        for node in ast.walk(module):
            if isinstance(node, ast.ClassDef):
                classes[node.name].append(node)
    found = {"DomainError"}
    while True:
        more = {
            name
            for name, defs in classes.items()
            if name not in found and any(_name_of(base) in found for d in defs for base in d.bases)
        }
        if not more:
            return {name: classes[name] for name in found}
        found |= more


@cache
def error_codes() -> dict[str, set[str]]:
    """code -> where the source gives it (path:line and how)."""
    modules = _parsed(LIBRARY)
    errors = domain_error_classes(modules)
    codes: dict[str, set[str]] = defaultdict(set)

    def add(code: str | None, path: Path, node: ast.AST, how: str) -> None:
        if code is not None:
            codes[code].add(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)} {how}")

    for path, module in modules:
        for node in ast.walk(module):
            if isinstance(node, ast.ClassDef) and node.name in errors:
                for statement in node.body:
                    if isinstance(statement, ast.Assign) and any(
                        isinstance(target, ast.Name) and target.id == "code" for target in statement.targets
                    ):
                        add(_string(statement.value), path, statement, f"class {node.name}")
            elif isinstance(node, ast.Call):
                name = _name_of(node.func)
                if name in errors:
                    for keyword in node.keywords:
                        if keyword.arg == "code":
                            add(_string(keyword.value), path, node, f"{name}(code=...)")
                elif name == "field_error" and len(node.args) >= 2:
                    add(_string(node.args[1]), path, node, "field_error(...)")
                elif name == "error_body" and node.args:
                    add(_string(node.args[0]), path, node, "error_body(...)")
            elif isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == "_FRAMEWORK_ERRORS" for target in node.targets
            ):
                assert isinstance(node.value, ast.Dict)
                for value in node.value.values:
                    assert isinstance(value, ast.Tuple)
                    add(_string(value.elts[1]), path, value, "_FRAMEWORK_ERRORS")
    return dict(codes)


@cache
def literals_in_tests() -> set[str]:
    return {
        node.value
        for path, module in _parsed(TESTS)
        if path.resolve() != THIS_FILE
        for node in ast.walk(module)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_the_collection_finds_the_codes_of_every_kind_of_source() -> None:
    codes = error_codes()

    assert "order_not_found" in codes  # a class attribute in a domain's errors.py
    assert "validation_failed" in codes  # a class attribute in core/errors.py
    assert "role_not_allowed" in codes  # Forbidden(..., code="role_not_allowed")
    assert "reason_required" in codes  # field_error("note", "reason_required", ...)
    assert "internal_error" in codes  # error_body("internal_error", ...)
    assert "unsupported_content_type" in codes  # the middleware's framework refusals
    assert "config" not in codes  # ProviderRejected(code="config") is not a DomainError


def test_every_error_code_is_asserted_by_a_test() -> None:
    codes = error_codes()
    tested = literals_in_tests()

    def exempt(code: str, where: set[str]) -> bool:
        fallback = code in FALLBACK_ONLY and all(w.endswith(f" class {FALLBACK_ONLY[code]}") for w in where)
        return fallback or code in UNREACHABLE

    untested = {code: sorted(where) for code, where in codes.items() if code not in tested and not exempt(code, where)}

    assert not untested, "error codes no test asserts (provoke each through the API, or list it in UNREACHABLE):\n" + (
        "\n".join(f"  {code}: {', '.join(where)}" for code, where in sorted(untested.items()))
    )


def test_the_fallback_codes_are_never_raised_as_they_are() -> None:
    """Each FALLBACK_ONLY class is only called with a `code=` of its own and never raised bare."""
    codes = error_codes()
    modules = _parsed(LIBRARY)
    bare: list[str] = []
    for path, module in modules:
        for node in ast.walk(module):
            if isinstance(node, ast.Call) and _name_of(node.func) in FALLBACK_ONLY.values():
                if not any(keyword.arg == "code" for keyword in node.keywords):
                    bare.append(f"{path.relative_to(ROOT)}:{node.lineno} {_name_of(node.func)}(...)")
            elif isinstance(node, ast.Raise) and node.exc is not None and _name_of(node.exc) in FALLBACK_ONLY.values():
                bare.append(f"{path.relative_to(ROOT)}:{node.lineno} raise {_name_of(node.exc)}")

    assert bare == []
    assert set(FALLBACK_ONLY) <= set(codes)


def test_the_unreachable_codes_still_exist_and_are_still_untested() -> None:
    codes = error_codes()
    tested = literals_in_tests()

    assert {code for code in UNREACHABLE if code not in codes} == set(), "gone from the source: drop the entry"
    assert {code for code in UNREACHABLE if code in tested} == set(), "a test provokes it now: drop the entry"
