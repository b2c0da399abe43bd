"""EventBridge schedules that start the `sweeper` (every minute) and `billing` (hourly) Lambdas.

Each run works within its own time budget and the next run picks up what is left, so a failed
run is not retried (it would overlap the next one) and an event older than its period is dropped.
"""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_lambda as lambda_
from constructs import Construct


def add_schedule(
    scope: Construct, construct_id: str, *, function: str, target: lambda_.Alias, minutes: int
) -> events.Rule:
    period = Duration.minutes(minutes)
    every = "every minute" if minutes == 1 else f"every {minutes} minutes"
    target.configure_async_invoke(retry_attempts=0, max_event_age=period)
    return events.Rule(
        scope,
        construct_id,
        description=f"Starts the {function} Lambda {every}",
        schedule=events.Schedule.rate(period),
        targets=[targets.LambdaFunction(target, retry_attempts=2, max_event_age=period)],
    )
