"""Alarms to an encrypted topic, and the dashboard's metrics."""

from __future__ import annotations

from typing import Any

from infra.aws.discovery import discover_functions
from infra.aws.names import function_name
from tests.infra.template_reading import Templates, properties, render, resources


def alarmed(monitoring: dict[str, Any]) -> set[tuple[str, str, str]]:
    """(namespace, metric, dimension values) of every alarm that notifies the alarms topic."""
    (topic,) = resources(monitoring, "AWS::SNS::Topic")
    found = set()
    for alarm in resources(monitoring, "AWS::CloudWatch::Alarm").values():
        settings = properties(alarm)
        assert settings["AlarmActions"] == [{"Ref": topic}]
        (query,) = settings["Metrics"]
        metric = query["MetricStat"]["Metric"]
        dimensions = ",".join(dimension["Value"] for dimension in metric["Dimensions"])
        found.add((metric["Namespace"], metric["MetricName"], dimensions))
    return found


def test_each_function_alarms_on_errors_and_throttles(templates: Templates) -> None:
    found = alarmed(templates.monitoring)

    for function in discover_functions():
        assert ("AWS/Lambda", "Errors", function_name("prod", function)) in found
        assert ("AWS/Lambda", "Throttles", function_name("prod", function)) in found


def test_dead_letters_api_errors_backlog_and_capacity_alarm(templates: Templates) -> None:
    found = alarmed(templates.monitoring)

    assert ("AWS/SQS", "ApproximateNumberOfMessagesVisible", "marketplace-prod-notifications-dlq") in found
    assert ("AWS/SQS", "ApproximateAgeOfOldestMessage", "marketplace-prod-notifications") in found
    assert ("AWS/ApiGateway", "5XXError", "marketplace-prod,api") in found
    assert ("AWS/RDS", "ServerlessDatabaseCapacity", "marketplace-prod") in found
    assert len(found) == 2 * len(discover_functions()) + 4


def test_the_alarms_topic_is_encrypted_with_a_rotated_key_cloudwatch_may_use(templates: Templates) -> None:
    (topic,) = resources(templates.monitoring, "AWS::SNS::Topic").values()
    ((key_id, key),) = resources(templates.monitoring, "AWS::KMS::Key").items()

    assert properties(topic)["KmsMasterKeyId"] == {"Fn::GetAtt": [key_id, "Arn"]}
    assert properties(key)["EnableKeyRotation"] is True
    principals = [statement["Principal"] for statement in properties(key)["KeyPolicy"]["Statement"]]
    assert {"Service": "cloudwatch.amazonaws.com"} in principals


def test_the_dashboard_shows_latency_errors_database_queue_and_payment_success(templates: Templates) -> None:
    (dashboard,) = resources(templates.monitoring, "AWS::CloudWatch::Dashboard").values()
    body = render(properties(dashboard)["DashboardBody"])

    for expected in (
        '"AWS/ApiGateway","Latency"',
        '"AWS/Lambda","Duration","FunctionName","marketplace-prod-checkout"',
        '"AWS/Lambda","Errors","FunctionName","marketplace-prod-catalog"',
        '"AWS/RDS","DatabaseConnections","DBClusterIdentifier","marketplace-prod"',
        '"AWS/RDS","ServerlessDatabaseCapacity"',
        '"AWS/RDS","DatabaseConnectionsCurrentlySessionPinned","ProxyName","marketplace-prod"',
        '"AWS/SQS","ApproximateNumberOfMessagesVisible","QueueName","marketplace-prod-notifications"',
        '"Marketplace","PaymentSucceeded","provider","mpesa","service","marketplace"',
        '"Marketplace","PaymentFailed","provider","mpesa","service","marketplace"',
        "100 * (s0) / (s0 + f0)",
    ):
        assert expected in body, expected
