"""The notifications queue and its consumer, and the schedules."""

from __future__ import annotations

from typing import Any

from infra.aws.config import PROD
from tests.infra.template_reading import Templates, app_lambdas, properties, referenced_ids, render, resources


def queues(service: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    return {
        properties(queue)["QueueName"]: (logical_id, queue)
        for logical_id, queue in resources(service, "AWS::SQS::Queue").items()
    }


def alias_of(service: dict[str, Any], function: str) -> str:
    (alias,) = (
        logical_id
        for logical_id, alias in resources(service, "AWS::Lambda::Alias").items()
        if properties(alias)["FunctionName"] == {"Ref": app_lambdas(service)[function].logical_id}
    )
    return alias


def test_the_queue_dead_letters_after_five_receives_and_both_are_encrypted(templates: Templates) -> None:
    found = queues(templates.service)
    dead_letters_id, dead_letters = found["marketplace-prod-notifications-dlq"]
    _, queue = found["marketplace-prod-notifications"]

    assert properties(queue)["RedrivePolicy"] == {
        "deadLetterTargetArn": {"Fn::GetAtt": [dead_letters_id, "Arn"]},
        "maxReceiveCount": 5,
    }
    assert properties(queue)["SqsManagedSseEnabled"] is True
    assert properties(dead_letters)["SqsManagedSseEnabled"] is True
    assert properties(queue)["VisibilityTimeout"] == 6 * 60


def test_both_queues_refuse_requests_without_tls(templates: Templates) -> None:
    queue_ids = {logical_id for logical_id, _ in queues(templates.service).values()}
    refusing: set[str] = set()
    for policy in resources(templates.service, "AWS::SQS::QueuePolicy").values():
        for statement in properties(policy)["PolicyDocument"]["Statement"]:
            if statement["Effect"] == "Deny" and statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}:
                refusing |= referenced_ids(properties(policy)["Queues"])

    assert refusing == queue_ids


def test_the_notifications_alias_consumes_the_queue_reporting_partial_batch_failures(templates: Templates) -> None:
    (mapping,) = resources(templates.service, "AWS::Lambda::EventSourceMapping").values()
    queue_id, _ = queues(templates.service)["marketplace-prod-notifications"]

    assert properties(mapping)["EventSourceArn"] == {"Fn::GetAtt": [queue_id, "Arn"]}
    assert properties(mapping)["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert properties(mapping)["ScalingConfig"] == {"MaximumConcurrency": PROD.notifications_max_concurrency}
    assert alias_of(templates.service, "notifications") in referenced_ids(properties(mapping)["FunctionName"])
    assert render(properties(mapping)["FunctionName"]).endswith(":live")


def test_the_sweeper_runs_every_minute_and_billing_every_hour(templates: Templates) -> None:
    schedules = {
        properties(rule)["ScheduleExpression"]: [target["Arn"] for target in properties(rule)["Targets"]]
        for rule in resources(templates.service, "AWS::Events::Rule").values()
    }

    assert schedules == {
        "rate(1 minute)": [{"Ref": alias_of(templates.service, "sweeper")}],
        "rate(1 hour)": [{"Ref": alias_of(templates.service, "billing")}],
    }


def test_a_scheduled_run_that_failed_is_not_retried_over_the_next_one(templates: Templates) -> None:
    by_logical_id = {view.logical_id: function for function, view in app_lambdas(templates.service).items()}
    configs = {
        by_logical_id[logical_id]: (settings["MaximumRetryAttempts"], settings["MaximumEventAgeInSeconds"])
        for config in resources(templates.service, "AWS::Lambda::EventInvokeConfig").values()
        for settings in [properties(config)]
        for logical_id in referenced_ids(settings["FunctionName"])
    }

    assert configs == {"sweeper": (0, 60), "billing": (0, 3600)}
