"""Alarms to an encrypted SNS topic: dead letters, each function's errors and throttles, API 5xx,
a queue that stops draining, and the database at its capacity ceiling."""

from __future__ import annotations

from collections.abc import Iterable

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct

from infra.aws import metrics

PERIOD = Duration.minutes(5)
API_5XX_PER_PERIOD = 5
OLDEST_NOTIFICATION_SECONDS = 15 * 60
CAPACITY_CEILING_SHARE = 0.9


class Alarms(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, stage: str, alarm_email: str | None) -> None:
        super().__init__(scope, construct_id)
        self.stage = stage
        key = kms.Key(self, "TopicKey", description=f"Alarms topic of marketplace-{stage}", enable_key_rotation=True)
        key.add_to_resource_policy(
            iam.PolicyStatement(
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
                actions=["kms:Decrypt", "kms:GenerateDataKey*"],
                resources=["*"],
            )
        )
        self.topic = sns.Topic(
            self, "Topic", topic_name=f"marketplace-{stage}-alarms", master_key=key, enforce_ssl=True
        )
        if alarm_email:
            self.topic.add_subscription(subscriptions.EmailSubscription(alarm_email))
        self._action = actions.SnsAction(self.topic)

    def _alarm(self, construct_id: str, metric: cloudwatch.IMetric, threshold: float, description: str) -> None:
        alarm = cloudwatch.Alarm(
            self,
            construct_id,
            metric=metric,
            threshold=threshold,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
            alarm_description=description,
        )
        alarm.add_alarm_action(self._action)

    def watch_functions(self, functions: Iterable[str]) -> None:
        for function in functions:
            camel = "".join(part.capitalize() for part in function.split("_"))
            self._alarm(
                f"{camel}Errors",
                metrics.function_metric(self.stage, function, "Errors", "Sum", PERIOD),
                1,
                f"The {function} Lambda failed (an exception or a timeout, not an error answer).",
            )
            self._alarm(
                f"{camel}Throttles",
                metrics.function_metric(self.stage, function, "Throttles", "Sum", PERIOD),
                1,
                f"The {function} Lambda was throttled: its reserved concurrency (database budget) is used up.",
            )

    def watch_api(self) -> None:
        self._alarm(
            "Api5xx",
            metrics.api_metric(self.stage, "5XXError", "Sum", PERIOD),
            API_5XX_PER_PERIOD,
            f"The API answered {API_5XX_PER_PERIOD}+ server errors in 5 minutes.",
        )

    def watch_queues(self) -> None:
        self._alarm(
            "DeadLetters",
            metrics.queue_metric(
                metrics.dead_letters(self.stage), "ApproximateNumberOfMessagesVisible", "Maximum", PERIOD
            ),
            1,
            "Notifications were dead-lettered: they will not be sent until someone looks at them.",
        )
        self._alarm(
            "NotificationsBacklog",
            metrics.queue_metric(metrics.notifications(self.stage), "ApproximateAgeOfOldestMessage", "Maximum", PERIOD),
            OLDEST_NOTIFICATION_SECONDS,
            "A notification has waited 15+ minutes: the consumer is failing or too slow.",
        )

    def watch_database(self, max_acu: float) -> None:
        self._alarm(
            "DatabaseAtCapacity",
            metrics.database_metric(self.stage, "ServerlessDatabaseCapacity", "Average", PERIOD),
            max_acu * CAPACITY_CEILING_SHARE,
            f"Aurora ran at 90%+ of its {max_acu} ACU maximum for 5 minutes.",
        )
