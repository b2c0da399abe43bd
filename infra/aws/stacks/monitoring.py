"""Alarms and the dashboard, reading the other stacks' resources by name (`names`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aws_cdk import Stack
from constructs import Construct

from infra.aws.components.alarms import Alarms
from infra.aws.components.dashboard import OperationsDashboard
from infra.aws.config import StageConfig


class MonitoringStack(Stack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: StageConfig,
        functions: Sequence[str],
        api_functions: Sequence[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.alarms = Alarms(self, "Alarms", stage=config.stage, alarm_email=config.alarm_email)
        self.alarms.watch_functions(functions)
        self.alarms.watch_api()
        self.alarms.watch_queues()
        self.alarms.watch_database(config.max_acu)
        OperationsDashboard(
            self,
            "Dashboard",
            stage=config.stage,
            functions=functions,
            api_functions=api_functions,
            payment_providers=config.payment_providers,
        )
