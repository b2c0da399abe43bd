"""The OpenAPI document is the API's contract: schemathesis checks every operation against it.

Three runs of the schemathesis CLI (`--checks all`; phases examples, coverage and fuzzing;
a bounded number of examples per operation), signed in as the demo retailer, the demo
wholesaler and the demo admin, against the local stack's API server (infra.local) on a
127.0.0.1 port, over this run's fresh database with the demo data committed (the tables are
emptied afterwards). A run fails on any server error, undocumented status code, answer that
does not match its schema, schema-invalid request accepted (a PATCH without a body
included), ... : whatever `--checks all` reports, with two settings (`schemathesis.toml`):
a schema-valid request refused with 400/422 is accepted (an unknown link token, a cursor we
never issued, a common password: what no schema states), and the undeclared methods tried
are PUT, PATCH and DELETE, not TRACE, which the local server's http.server answers (501)
before the app sees it and which API Gateway does not have.

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

import pytest
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


def _command(api_url: str, report: Path) -> list[str]:
    return [
        str(SCHEMATHESIS), "--config-file", str(HERE / "schemathesis.toml"), "run", f"{api_url}/openapi.json",
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
        process = subprocess.Popen(
            _command(api_url, folder / f"{role}.xml"), cwd=folder, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
        running[role] = (process, log)
    results = {}
    for role, (process, log) in running.items():
        code = process.wait(timeout=900)
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
