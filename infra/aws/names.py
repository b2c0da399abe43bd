"""The physical names of what the monitoring reads by name: one definition for the resource and
its alarms, so they cannot drift apart (and the monitoring stack needs no cross-stack export)."""

from __future__ import annotations

PREFIX = "marketplace"
STACK_PREFIX = "Soko"


def stack_name(stage: str, part: str) -> str:
    """`Soko-<stage>-<part>`; the deploy workflow reads the output `ApiUrl` of `Soko-<stage>-Api`."""
    return f"{STACK_PREFIX}-{stage}-{part}"


def function_name(stage: str, function: str) -> str:
    return f"{PREFIX}-{stage}-{function.replace('_', '-')}"


def api_name(stage: str) -> str:
    return f"{PREFIX}-{stage}"


def queue_name(stage: str) -> str:
    return f"{PREFIX}-{stage}-notifications"


def dead_letter_queue_name(stage: str) -> str:
    return f"{PREFIX}-{stage}-notifications-dlq"


def database_identifier(stage: str) -> str:
    """Of the Aurora cluster and of its RDS Proxy."""
    return f"{PREFIX}-{stage}"
