"""The `notifications` queue the outbox relay fills and the `notifications` Lambda drains, and its
dead-letter queue (after 5 receives, as locally: `infra.local.aws_resources`)."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as event_sources
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.aws.names import dead_letter_queue_name, queue_name

MAX_RECEIVE_COUNT = 5
BATCH_SIZE = 10
VISIBILITY_PER_CONSUMER_TIMEOUT = 6
"""AWS's advice for a Lambda consumer: six times its timeout, so retries of a throttled batch fit."""


class NotificationsQueue(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, stage: str, consumer_timeout: Duration) -> None:
        super().__init__(scope, construct_id)
        self.dead_letters = sqs.Queue(
            self,
            "DeadLetters",
            queue_name=dead_letter_queue_name(stage),
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            retention_period=Duration.days(14),
        )
        self.queue = sqs.Queue(
            self,
            "Queue",
            queue_name=queue_name(stage),
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            retention_period=Duration.days(4),
            visibility_timeout=Duration.seconds(consumer_timeout.to_seconds() * VISIBILITY_PER_CONSUMER_TIMEOUT),
            dead_letter_queue=sqs.DeadLetterQueue(max_receive_count=MAX_RECEIVE_COUNT, queue=self.dead_letters),
        )

    def feed(self, consumer: lambda_.IFunction, *, max_concurrency: int) -> None:
        """Batches to `consumer`, which reports the records that failed (Powertools BatchProcessor)."""
        consumer.add_event_source(
            event_sources.SqsEventSource(
                self.queue,
                batch_size=BATCH_SIZE,
                max_batching_window=Duration.seconds(1),
                report_batch_item_failures=True,
                max_concurrency=max_concurrency,
            )
        )
