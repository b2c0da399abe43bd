"""What only some routes need is not imported with a function module (its cold start), and is
there when a route needs it (benchmarks/COLD_START.md).

Each function module is imported in a fresh interpreter with a Lambda's environment, and the
modules it loaded are compared with those it must leave for later.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.child_python import last_json_line

ROOT = Path(__file__).resolve().parents[2]
FUNCTIONS = sorted(path.stem for path in (ROOT / "functions").glob("*.py") if not path.stem.startswith("_"))

DEFERRED = (
    "fpdf",
    "PIL",
    "fontTools",
    "argon2",
    "phonenumbers",
    "email_validator",
    "httpx",
    "aws_xray_sdk",
    "alembic",
    "jinja2",
    "chalicelib.orders.payment_outcomes",
    "chalicelib.billing.payment_outcomes",
    "chalicelib.core.openapi",
)
"""Loaded by the routes or tasks that use them, never by importing a function module..."""

NEEDED_AT_START = {
    "notifications": {"jinja2"},
    "system": {"chalicelib.core.openapi"},
}
"""...except where every invocation uses them."""

LOADED = """
import importlib, json, sys
importlib.import_module("functions." + sys.argv[1])
print(json.dumps(sorted(sys.modules)))
"""


def modules_loaded_by(function: str) -> set[str]:
    environment = {
        "STAGE": "dev",
        "AWS_LAMBDA_FUNCTION_NAME": function,
        "AWS_REGION": "eu-west-1",
        "LAMBDA_TASK_ROOT": str(ROOT),
    }
    return set(last_json_line(LOADED, function, environment=environment))


@pytest.mark.parametrize("function", FUNCTIONS)
def test_importing_a_function_leaves_what_only_some_routes_need(function: str) -> None:
    loaded = modules_loaded_by(function)

    early = {name for name in DEFERRED if name in loaded} - NEEDED_AT_START.get(function, set())

    assert early == set()


def test_a_payment_purpose_handler_is_loaded_when_first_needed() -> None:
    script = """
import sys
import functions.checkout
from chalicelib.payments.handlers import handler_for
before = "chalicelib.orders.payment_outcomes" in sys.modules
handler = handler_for("checkout")
print(before, "chalicelib.orders.payment_outcomes" in sys.modules, handler.lock_first.__name__)
"""
    completed = subprocess.run(
        [sys.executable, "-c", script],
        env={"PATH": os.environ.get("PATH", ""), "STAGE": "dev", "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr[-3000:]
    assert completed.stdout.split() == ["False", "True", "lock_orders"]
