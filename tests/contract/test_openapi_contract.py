"""The OpenAPI document is the API's contract: schemathesis checks every operation against it.

Three runs of the schemathesis CLI (`--checks all`), signed in as the demo retailer, the demo
wholesaler and the demo admin, at once, against the local stack's API server (infra.local) on
a 127.0.0.1 port, over this run's fresh database with the demo data committed (the tables are
emptied afterwards). A run fails on any server error, undocumented status code, answer that
does not match its schema, schema-invalid request accepted (a PATCH without a body
included), ... : whatever `--checks all` reports.

Method, to stay within about a minute on two cores: every run tries every operation with the
examples and fuzzing phases (CONTRACT_MAX_EXAMPLES per operation, default 2; no shrinking).
The coverage phase (boundary values and every kind of schema-invalid input, some 4,000
requests over the whole document, whatever `--max-examples` says) runs once per operation,
in the run of the role that may call it (`COVERAGE_ELSEWHERE`), so its requests reach the
validation instead of stopping at 403; a test checks that each operation gets it exactly once.

Settings (`schemathesis.toml`): the undeclared methods tried are PUT, PATCH and DELETE, not
TRACE, which the local server's http.server answers (501) before the app sees it and which
API Gateway does not have; a schema-valid request refused with 400/422 fails the run except
on the operations listed there with their reason (a link token or cursor the API never issued,
a phone number no numbering plan has, a rule on stored data, and a named list of rules the
document does not state yet).

No operation is excluded: the auth routes and the payment webhooks run too (without the
webhook token they answer their declared 403). The run's user is signed in again whenever
an answer is 401 (`hooks.py`), since a fuzzed sign-out ends its session; the sign-in,
password-reset and password-change throttles answer their declared 429.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from schemathesis.core.transforms import resolve_pointer
from schemathesis.filters import parse_expression
from sqlalchemy import text

from infra.local.seed import DEMO_ADMIN_EMAIL, DEMO_RETAILER_EMAIL, DEMO_WHOLESALER_EMAIL, seed_demo
from tests.support.local_api import running_api_server

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
MAX_EXAMPLES = int(os.environ.get("CONTRACT_MAX_EXAMPLES", "2"))

pytestmark = pytest.mark.concurrency


@pytest.fixture(scope="module")
def api_url(database_url: str) -> Iterator[str]:
    from app import app
    from chalicelib.all_models import Base
    from chalicelib.core import db as core_db

    core_db.use_session_factory(None)
    with core_db.unit_of_work() as uow:
        seed_demo(uow.session)
        uow.commit()
    try:
        with running_api_server(app) as url:
            yield url
    finally:
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with core_db.get_engine().begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} CASCADE"))


ROLES = {"retailer": DEMO_RETAILER_EMAIL, "wholesaler": DEMO_WHOLESALER_EMAIL, "admin": DEMO_ADMIN_EMAIL}

# The operations each run leaves out of its coverage phase (schemathesis `include-by`
# expressions on the document's `x-roles` and `x-business-kinds`; `x-roles` is sorted, so
# "admin" comes first whenever an admin may call the operation). Together the three runs cover
# every operation once: the admin ones and those open to every signed-in user as the admin,
# the retailer-only ones as the retailer, the rest (wholesaler, both kinds, public) as the
# wholesaler.
COVERAGE_ELSEWHERE = {
    "retailer": ['/x-business-kinds != ["retailer"]'],
    "wholesaler": ['/x-roles/0 == "admin"', '/x-business-kinds == ["retailer"]'],
    "admin": ['/x-roles/0 != "admin"'],
}


def _config(role: str, folder: Path) -> Path:
    """`schemathesis.toml` plus this role's operations without the coverage phase."""
    blocks = [
        f"\n[[operations]]\ninclude-by = '{expression}'\nphases.coverage.enabled = false\n"
        for expression in COVERAGE_ELSEWHERE[role]
    ]
    config = folder / f"{role}.toml"
    config.write_text((HERE / "schemathesis.toml").read_text() + "".join(blocks))
    return config


def _command(api_url: str, config: Path, report: Path) -> list[str]:
    return [
        str(SCHEMATHESIS), "--config-file", str(config), "run", f"{api_url}/openapi.json",
        "--url", api_url, "--checks", "all", "--phases", "examples,coverage,fuzzing",
        "--max-examples", str(MAX_EXAMPLES), "--workers", "1", "--seed", "20261203", "--no-shrink", "--no-color",
        "--output-truncate", "false", "--request-timeout", "60", "--max-response-time", "60",
        "--generation-database", "none",
        "--report", "junit", "--report-junit-path", str(report),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def contract_runs(api_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str]]:
    """The three runs at once (each is one client at a time; the server serves them side by side):
    role -> (exit code, output)."""
    folder = tmp_path_factory.mktemp("contract")
    running = {}
    for role, email in ROLES.items():
        environment = {
            **os.environ, "CONTRACT_USER_EMAIL": email, "SCHEMATHESIS_HOOKS": "tests.contract.hooks",
            "PYTHONPATH": str(ROOT),
        }  # fmt: skip
        log = (folder / f"{role}.log").open("w")
        command = _command(api_url, _config(role, folder), folder / f"{role}.xml")
        process = subprocess.Popen(command, cwd=folder, env=environment, stdout=log, stderr=subprocess.STDOUT)
        running[role] = (process, log)
    results = {}
    for role, (process, log) in running.items():
        code = process.wait(timeout=600)
        log.close()
        results[role] = (code, (folder / f"{role}.log").read_text())
    return results


@pytest.mark.parametrize("role", list(ROLES))
def test_every_operation_keeps_the_contract(contract_runs: dict[str, tuple[int, str]], role: str) -> None:
    code, output = contract_runs[role]
    (ROOT / ".local").mkdir(exist_ok=True)
    (ROOT / ".local" / f"contract-{role}.log").write_text(output)
    assert code == 0, output[-30000:]
    selected = re.search(r"Selected: (\d+)/(\d+)", output)
    assert selected is not None and selected[1] == selected[2], "every operation is selected"
    assert f"Tested: {selected[1]}" in output


def test_every_operation_gets_the_coverage_phase_in_exactly_one_run(api_url: str) -> None:
    document = httpx.get(f"{api_url}/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            covered_by = [
                role
                for role, expressions in COVERAGE_ELSEWHERE.items()
                if not any(_matches(expression, operation) for expression in expressions)
            ]
            assert len(covered_by) == 1, f"{method.upper()} {path}: coverage phase in {covered_by}"


def _matches(expression: str, operation: dict[str, object]) -> bool:
    pointer, op, value = parse_expression(expression)
    equal = resolve_pointer(operation, pointer) == value
    return equal if op == "==" else not equal
