"""Powertools for every Lambda: the logger (JSON, correlation id = request id), metrics (EMF)
and the tracer, and `lambda_entry`, which puts the three around a handler.

No line the logger writes carries a payment webhook token: every record is redacted before
its handlers see it, and the JSON line once more as a whole (`core.log_redaction`).

Metrics go to the namespace in POWERTOOLS_METRICS_NAMESPACE (`DEFAULT_NAMESPACE` when it is
unset, as in tests). An invocation that records no metric publishes only what it has (the
cold start metric, once per container) and says nothing about it.

The tracer is lazy. Creating a Powertools `Tracer` imports the X-Ray SDK and patches botocore,
httpx and others: 300-450 ms on the 2-core dev machine, more than the whole cold-import
budget of a function module (benchmarks/COLD_START.md). So nothing X-Ray is imported while a
module loads; the first invocation creates the tracer, and only where Powertools would trace
(inside Lambda, POWERTOOLS_TRACE_DISABLED not true). X-Ray active tracing on the functions
(set by the CDK app) records the invocations whatever this module does; the tracer adds the
handler's subsegment and the downstream calls (providers, AWS).
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.metrics.provider.cloudwatch_emf.cloudwatch import AmazonCloudWatchEMFProvider

from chalicelib.core.log_redaction import RedactingFormatter, redact_logger

SERVICE = "marketplace"
DEFAULT_NAMESPACE = "Marketplace"
NAMESPACE_VARIABLE = "POWERTOOLS_METRICS_NAMESPACE"

Handler = Callable[[Any, Any], Any]

logger = Logger(service=SERVICE, logger_formatter=RedactingFormatter())
redact_logger(logging.getLogger(SERVICE))

metrics = Metrics(service=SERVICE, namespace=os.environ.get(NAMESPACE_VARIABLE) or DEFAULT_NAMESPACE)
EMPTY_METRICS_WARNING = "No application metrics to publish"

_tracer: Any = None


def count(name: str, **dimensions: str) -> None:
    """One Count metric with its own dimensions, written at once as its own EMF line; never raises
    (a metric must not fail the work it counts).

    Not through `metrics`: its dimensions are shared by every metric of an invocation, and one
    invocation (a sweep) can count outcomes of several providers."""
    try:
        emf = AmazonCloudWatchEMFProvider(namespace=metrics.namespace, service=SERVICE)
        emf.add_metric(name=name, unit=MetricUnit.Count, value=1)
        for dimension, value in dimensions.items():
            emf.add_dimension(name=dimension, value=value)
        emf.flush_metrics()
    except Exception:
        logger.exception("metric not written", extra={"metric": name})


def tracing_enabled() -> bool:
    """Where a Powertools `Tracer` would trace: in Lambda and not switched off."""
    disabled = os.environ.get("POWERTOOLS_TRACE_DISABLED", "false").strip().lower() in ("1", "true", "yes", "on")
    in_lambda = bool(os.environ.get("LAMBDA_TASK_ROOT"))
    emulated = bool(os.environ.get("AWS_SAM_LOCAL") or os.environ.get("AWS_CHALICE_CLI_MODE"))
    return in_lambda and not emulated and not disabled


def get_tracer() -> Any:
    """The container's Powertools `Tracer`, created (X-Ray SDK imported, clients patched) on first use."""
    global _tracer
    if _tracer is None:
        from aws_lambda_powertools import Tracer

        _tracer = Tracer(service=SERVICE)
    return _tracer


def traced(handler: Handler) -> Handler:
    """`handler` under the tracer's `capture_lambda_handler` when tracing is on, else as it is.

    The response is not recorded in the trace: an API answer can hold access tokens and
    personal data, which X-Ray must not keep."""
    captured: list[Handler] = []

    def invoke(event: Any, context: Any) -> Any:
        if not tracing_enabled():
            return handler(event, context)
        if not captured:
            captured.append(get_tracer().capture_lambda_handler(handler, capture_response=False))
        return captured[0](event, context)

    return invoke


def _without_empty_metrics_warning(handler: Handler) -> Handler:
    """Powertools warns at the end of every invocation that recorded no metric: most do."""

    def invoke(event: Any, context: Any) -> Any:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=EMPTY_METRICS_WARNING, category=UserWarning)
            return handler(event, context)

    return invoke


def lambda_entry(handler: Handler, *, correlation_id_path: str | None = None) -> Handler:
    """A Lambda entry point: Lambda context (and the correlation id at `correlation_id_path`) in
    every log line, metrics flushed after each invocation with the cold start counted, traced."""
    with_metrics = metrics.log_metrics(traced(handler), capture_cold_start_metric=True)
    quiet = _without_empty_metrics_warning(with_metrics)
    entry: Handler = logger.inject_lambda_context(quiet, correlation_id_path=correlation_id_path)
    entry.__name__ = "handler"
    entry.__doc__ = handler.__doc__
    return entry
