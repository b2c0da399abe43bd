"""Small things every stack uses."""

from __future__ import annotations

from aws_cdk import aws_logs as logs

from infra.aws.config import StageConfig

RETENTION_BY_DAYS = {
    7: logs.RetentionDays.ONE_WEEK,
    14: logs.RetentionDays.TWO_WEEKS,
    30: logs.RetentionDays.ONE_MONTH,
    90: logs.RetentionDays.THREE_MONTHS,
    180: logs.RetentionDays.SIX_MONTHS,
    365: logs.RetentionDays.ONE_YEAR,
}


def log_retention(config: StageConfig) -> logs.RetentionDays:
    try:
        return RETENTION_BY_DAYS[config.log_retention_days]
    except KeyError:
        raise ValueError(
            f"log retention of {config.log_retention_days} days: use one of {sorted(RETENTION_BY_DAYS)}"
        ) from None
