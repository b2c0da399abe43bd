"""Every Lambda entry point (`core.observability.lambda_entry`): Lambda context and correlation id
in the log lines, the cold start counted, no warning for an invocation without metrics, the
tracer only where it traces; and `count`, one metric with its own dimensions."""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from aws_lambda_powertools.logging import logger as powertools_logger
from aws_lambda_powertools.metrics.provider import cold_start

from chalicelib.core import observability
from chalicelib.core.observability import DEFAULT_NAMESPACE, SERVICE, count, lambda_entry, logger, tracing_enabled
from infra.local.lambda_events import LambdaContext
from tests.support.child_python import last_json_line

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def log_lines(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    stream = io.StringIO()
    monkeypatch.setattr(logger.registered_handler, "stream", stream)
    return stream


@pytest.fixture
def new_container(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a fresh Lambda container: the next invocation is a cold start; no tracer yet."""
    monkeypatch.setattr(cold_start, "is_cold_start", True)
    monkeypatch.setattr(powertools_logger, "is_cold_start", True)
    monkeypatch.setattr(observability, "_tracer", None)


def emf_lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith('{"_aws"')]


def context() -> LambdaContext:
    return LambdaContext(function_name="sweeper", region="eu-west-1", timeout_seconds=60)


def api_event(request_id: str) -> dict[str, Any]:
    return {"requestContext": {"requestId": request_id, "resourcePath": "/health", "httpMethod": "GET"}}


@pytest.mark.usefixtures("new_container")
def test_the_first_invocation_counts_a_cold_start_and_the_next_does_not(capsys: pytest.CaptureFixture[str]) -> None:
    entry = lambda_entry(lambda event, _context: {"ok": True})

    assert entry({}, context()) == {"ok": True}
    first = emf_lines(capsys.readouterr().out)
    entry({}, context())
    second = emf_lines(capsys.readouterr().out)

    assert [(line["_aws"]["CloudWatchMetrics"][0]["Namespace"], line["ColdStart"]) for line in first] == [
        (DEFAULT_NAMESPACE, [1.0])
    ]
    assert (first[0]["function_name"], first[0]["service"]) == ("sweeper", SERVICE)
    assert second == []


@pytest.mark.usefixtures("new_container")
def test_an_invocation_without_metrics_does_not_warn() -> None:
    entry = lambda_entry(lambda event, _context: None)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        entry({}, context())
        entry({}, context())

    assert [str(warning.message) for warning in caught] == []


@pytest.mark.usefixtures("new_container")
def test_every_log_line_of_an_api_invocation_carries_the_request_id(log_lines: io.StringIO) -> None:
    def view(event: dict[str, Any], _context: Any) -> None:
        logger.info("inside the handler")

    invocation = context()
    lambda_entry(view, correlation_id_path="requestContext.requestId")(api_event("req-42"), invocation)

    [line] = [json.loads(text) for text in log_lines.getvalue().splitlines()]
    assert line["message"] == "inside the handler"
    assert line["correlation_id"] == "req-42"
    assert (line["function_name"], line["cold_start"]) == ("sweeper", True)
    assert line["function_request_id"] == invocation.aws_request_id


def test_count_writes_one_metric_with_its_own_dimensions(capsys: pytest.CaptureFixture[str]) -> None:
    count("PaymentSucceeded", provider="mpesa")
    count("PaymentSucceeded", provider="mtn_momo")

    lines = emf_lines(capsys.readouterr().out)
    assert [(line["PaymentSucceeded"], line["provider"], line["service"]) for line in lines] == [
        ([1.0], "mpesa", SERVICE),
        ([1.0], "mtn_momo", SERVICE),
    ]
    assert lines[0]["_aws"]["CloudWatchMetrics"] == [
        {
            "Namespace": DEFAULT_NAMESPACE,
            "Dimensions": [["provider", "service"]],
            "Metrics": [{"Name": "PaymentSucceeded", "Unit": "Count"}],
        }
    ]


@pytest.mark.parametrize(
    ("environment", "enabled"),
    [
        ({}, False),
        ({"LAMBDA_TASK_ROOT": "/var/task"}, True),
        ({"LAMBDA_TASK_ROOT": "/var/task", "POWERTOOLS_TRACE_DISABLED": "true"}, False),
        ({"LAMBDA_TASK_ROOT": "/var/task", "POWERTOOLS_TRACE_DISABLED": "false"}, True),
        ({"LAMBDA_TASK_ROOT": "/var/task", "AWS_CHALICE_CLI_MODE": "true"}, False),
    ],
)
def test_tracing_is_on_only_inside_lambda_unless_switched_off(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], enabled: bool
) -> None:
    for name in ("LAMBDA_TASK_ROOT", "POWERTOOLS_TRACE_DISABLED", "AWS_SAM_LOCAL", "AWS_CHALICE_CLI_MODE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)

    assert tracing_enabled() is enabled


@pytest.mark.usefixtures("new_container")
def test_no_tracer_is_created_where_tracing_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAMBDA_TASK_ROOT", "/var/task")
    monkeypatch.setenv("POWERTOOLS_TRACE_DISABLED", "true")

    lambda_entry(lambda event, _context: None)({}, context())

    assert observability._tracer is None


TRACED_IN_A_LAMBDA = """
import json, sys
from chalicelib.core import observability
from infra.local.lambda_events import LambdaContext

entry = observability.lambda_entry(lambda event, context: {"answer": event["question"] * 2})
before = ("aws_xray_sdk" in sys.modules, observability._tracer is not None)
answer = entry({"question": 21}, LambdaContext(function_name="traced", region="eu-west-1", timeout_seconds=5))
after = ("aws_xray_sdk.core" in sys.modules, observability._tracer is not None)
print(json.dumps({"before": before, "answer": answer, "after": after}))
"""


def test_inside_lambda_the_tracer_is_created_by_the_first_invocation_not_the_import() -> None:
    """In a child process: the tracer patches clients process-wide."""
    environment = {
        "STAGE": "dev",
        "LAMBDA_TASK_ROOT": str(ROOT),
        "AWS_LAMBDA_FUNCTION_NAME": "traced",
        "AWS_XRAY_CONTEXT_MISSING": "IGNORE_ERROR",
    }

    result = last_json_line(TRACED_IN_A_LAMBDA, environment=environment)

    assert result == {"before": [False, False], "answer": {"answer": 42}, "after": [True, True]}
