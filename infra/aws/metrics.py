"""CloudWatch metrics of the deployment, addressed by the resources' names (`names`)."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch

from infra.aws.components.api import STAGE_NAME
from infra.aws.environment import POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_SERVICE_NAME
from infra.aws.names import api_name, database_identifier, dead_letter_queue_name, function_name, queue_name

PAYMENT_SUCCEEDED = "PaymentSucceeded"
PAYMENT_FAILED = "PaymentFailed"
"""Counted by the application once per payment settled (`chalicelib.payments.outcome_metrics`),
with the dimensions `provider` and `service`."""


def function_metric(stage: str, function: str, name: str, statistic: str, period: Duration) -> cloudwatch.Metric:
    return cloudwatch.Metric(
        namespace="AWS/Lambda",
        metric_name=name,
        dimensions_map={"FunctionName": function_name(stage, function)},
        statistic=statistic,
        period=period,
        label=function,
    )


def api_metric(stage: str, name: str, statistic: str, period: Duration) -> cloudwatch.Metric:
    return cloudwatch.Metric(
        namespace="AWS/ApiGateway",
        metric_name=name,
        dimensions_map={"ApiName": api_name(stage), "Stage": STAGE_NAME},
        statistic=statistic,
        period=period,
        label=f"{name} {statistic}",
    )


def notifications(stage: str) -> str:
    return queue_name(stage)


def dead_letters(stage: str) -> str:
    return dead_letter_queue_name(stage)


def queue_metric(queue: str, name: str, statistic: str, period: Duration) -> cloudwatch.Metric:
    return cloudwatch.Metric(
        namespace="AWS/SQS",
        metric_name=name,
        dimensions_map={"QueueName": queue},
        statistic=statistic,
        period=period,
        label=queue,
    )


def database_metric(stage: str, name: str, statistic: str, period: Duration) -> cloudwatch.Metric:
    return cloudwatch.Metric(
        namespace="AWS/RDS",
        metric_name=name,
        dimensions_map={"DBClusterIdentifier": database_identifier(stage)},
        statistic=statistic,
        period=period,
        label=name,
    )


def proxy_metric(stage: str, name: str, statistic: str, period: Duration) -> cloudwatch.Metric:
    return cloudwatch.Metric(
        namespace="AWS/RDS",
        metric_name=name,
        dimensions_map={"ProxyName": database_identifier(stage)},
        statistic=statistic,
        period=period,
        label=f"proxy {name}",
    )


def payment_metric(name: str, provider: str, period: Duration) -> cloudwatch.Metric:
    return cloudwatch.Metric(
        namespace=POWERTOOLS_METRICS_NAMESPACE,
        metric_name=name,
        dimensions_map={"provider": provider, "service": POWERTOOLS_SERVICE_NAME},
        statistic="Sum",
        period=period,
        label=f"{name} {provider}",
    )
