"""The payments package sits below orders and billing: it never imports them, and orders
never holds the payments models at run time (it acts on payments through their services)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from chalicelib.payments import handlers

ROOT = Path(__file__).resolve().parents[2] / "chalicelib"


def runtime_imports(path: Path) -> set[str]:
    """Modules `path` imports outside `if TYPE_CHECKING:` blocks, anywhere in the file."""
    tree = ast.parse(path.read_text(), filename=str(path))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def modules_of(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def test_runtime_imports_sees_through_type_checking_blocks(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\nimport a.b\nif TYPE_CHECKING:\n    from c import d\n"
        "def f():\n    from e import g\n"
    )
    assert runtime_imports(sample) == {"typing", "typing.TYPE_CHECKING", "a.b", "e", "e.g"}


@pytest.mark.parametrize("path", modules_of("payments"), ids=lambda p: str(p.relative_to(ROOT)))
def test_payments_never_imports_a_package_above_it(path):
    higher = ("chalicelib.orders", "chalicelib.billing", "chalicelib.wiring", "functions")
    assert [name for name in runtime_imports(path) if name.startswith(higher)] == []


@pytest.mark.parametrize("path", modules_of("orders"), ids=lambda p: str(p.relative_to(ROOT)))
def test_orders_never_holds_the_payments_models(path):
    assert [name for name in runtime_imports(path) if name.startswith("chalicelib.payments.models")] == []


def test_a_purpose_nobody_registered_is_a_wiring_error_not_a_silent_no_op():
    with pytest.raises(handlers.UnregisteredPurpose, match="wire_packages"):
        handlers.handler_for("gift_card")


def test_the_api_names_the_same_refund_and_payment_states_as_the_database():
    from typing import get_args

    from chalicelib.payments import models, schemas

    assert get_args(schemas.RefundStatus) == models.REFUND_STATUSES
    assert get_args(schemas.RefundCause) == models.REFUND_CAUSES
    assert get_args(schemas.PaymentStatus) == models.PAYMENT_STATUSES
