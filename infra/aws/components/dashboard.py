"""The operations dashboard: the API and each function, the database and its proxy, the
notifications queue, and the payment success rate."""

from __future__ import annotations

from collections.abc import Sequence

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from constructs import Construct

from infra.aws import metrics

PERIOD = Duration.minutes(5)
WIDTH = 12


class OperationsDashboard(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: str,
        functions: Sequence[str],
        api_functions: Sequence[str],
        payment_providers: Sequence[str],
    ) -> None:
        super().__init__(scope, construct_id)
        self.dashboard = cloudwatch.Dashboard(self, "Dashboard", dashboard_name=f"marketplace-{stage}")
        api = [
            _graph(
                "API requests and errors",
                [metrics.api_metric(stage, name, "Sum", PERIOD) for name in ("Count", "4XXError", "5XXError")],
            ),
            _graph(
                "API latency (ms)",
                [metrics.api_metric(stage, "Latency", statistic, PERIOD) for statistic in ("p50", "p90", "p99")]
                + [metrics.api_metric(stage, "IntegrationLatency", "p99", PERIOD)],
            ),
        ]
        per_function = [
            _graph(
                "API functions: duration p90 (ms)",
                [metrics.function_metric(stage, f, "Duration", "p90", PERIOD) for f in api_functions],
            ),
            _graph(
                "Functions: errors", [metrics.function_metric(stage, f, "Errors", "Sum", PERIOD) for f in functions]
            ),
            _graph(
                "Functions: throttles",
                [metrics.function_metric(stage, f, "Throttles", "Sum", PERIOD) for f in functions],
            ),
            _graph(
                "Functions: concurrent executions (max)",
                [metrics.function_metric(stage, f, "ConcurrentExecutions", "Maximum", PERIOD) for f in functions],
            ),
        ]
        database = [
            _graph(
                "Database connections",
                [
                    metrics.database_metric(stage, "DatabaseConnections", "Maximum", PERIOD),
                    metrics.proxy_metric(stage, "ClientConnections", "Maximum", PERIOD),
                    metrics.proxy_metric(stage, "DatabaseConnections", "Maximum", PERIOD),
                    metrics.proxy_metric(stage, "DatabaseConnectionsCurrentlySessionPinned", "Maximum", PERIOD),
                ],
            ),
            _graph(
                "Aurora capacity",
                [
                    metrics.database_metric(stage, "ServerlessDatabaseCapacity", "Average", PERIOD),
                    metrics.database_metric(stage, "ACUUtilization", "Average", PERIOD),
                ],
            ),
        ]
        queue = [
            _graph(
                "Notifications queue depth",
                [
                    metrics.queue_metric(
                        metrics.notifications(stage), "ApproximateNumberOfMessagesVisible", "Maximum", PERIOD
                    ),
                    metrics.queue_metric(
                        metrics.dead_letters(stage), "ApproximateNumberOfMessagesVisible", "Maximum", PERIOD
                    ),
                ],
            ),
            _graph(
                "Oldest notification (s)",
                [
                    metrics.queue_metric(
                        metrics.notifications(stage), "ApproximateAgeOfOldestMessage", "Maximum", PERIOD
                    )
                ],
            ),
        ]
        self.dashboard.add_widgets(*api)
        self.dashboard.add_widgets(*per_function[:2])
        self.dashboard.add_widgets(*per_function[2:])
        self.dashboard.add_widgets(*database)
        self.dashboard.add_widgets(*queue)
        self.dashboard.add_widgets(*_payments(payment_providers))


def _graph(title: str, lines: Sequence[cloudwatch.IMetric]) -> cloudwatch.GraphWidget:
    return cloudwatch.GraphWidget(title=title, left=list(lines), width=WIDTH)


def _payments(providers: Sequence[str]) -> list[cloudwatch.GraphWidget]:
    """Success rate = succeeded / (succeeded + failed), per provider and overall."""
    if not providers:
        return []
    counts: dict[str, cloudwatch.IMetric] = {}
    rates: list[cloudwatch.IMetric] = []
    for index, provider in enumerate(providers):
        succeeded, failed = f"s{index}", f"f{index}"
        counts[succeeded] = metrics.payment_metric(metrics.PAYMENT_SUCCEEDED, provider, PERIOD)
        counts[failed] = metrics.payment_metric(metrics.PAYMENT_FAILED, provider, PERIOD)
        rates.append(
            cloudwatch.MathExpression(
                expression=f"100 * {succeeded} / ({succeeded} + {failed})",
                using_metrics={succeeded: counts[succeeded], failed: counts[failed]},
                label=f"{provider} success %",
                period=PERIOD,
            )
        )
    succeeded_ids = " + ".join(key for key in counts if key.startswith("s"))
    failed_ids = " + ".join(key for key in counts if key.startswith("f"))
    overall = cloudwatch.MathExpression(
        expression=f"100 * ({succeeded_ids}) / ({succeeded_ids} + {failed_ids})",
        using_metrics=counts,
        label="all providers success %",
        period=PERIOD,
    )
    return [
        cloudwatch.GraphWidget(
            title="Payment success rate (%)",
            left=[overall, *rates],
            left_y_axis=cloudwatch.YAxisProps(min=0, max=100),
            width=WIDTH,
        ),
        _graph("Payments settled", list(counts.values())),
    ]
