"""The stateful core: the VPC, Aurora behind RDS Proxy, and the application's secrets."""

from __future__ import annotations

from typing import Any

from aws_cdk import CfnOutput, Stack
from constructs import Construct

from infra.aws.components.app_secrets import AppSecrets
from infra.aws.components.database import Database
from infra.aws.components.network import Network
from infra.aws.config import StageConfig
from infra.aws.stacks.common import log_retention


class DataStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, *, config: StageConfig, **kwargs: Any) -> None:
        super().__init__(scope, construct_id, **kwargs)
        retention = log_retention(config)
        self.network = Network(self, "Network", nat_gateways=config.nat_gateways, log_retention=retention)
        self.database = Database(
            self,
            "Database",
            stage=config.stage,
            vpc=self.network.vpc,
            clients=self.network.functions_security_group,
            min_acu=config.min_acu,
            max_acu=config.max_acu,
            readers=config.database_readers,
            backup_retention_days=config.backup_retention_days,
            proxy_max_connections_percent=config.proxy_max_connections_percent,
            log_retention=retention,
        )
        self.secrets = AppSecrets(
            self, "Secrets", stage=config.stage, payment_providers=config.payment_providers, log_retention=retention
        )
        CfnOutput(self, "DatabaseProxyEndpoint", value=self.database.proxy.endpoint)
        operator_filled = sorted({setting.secret.secret_name for setting in self.secrets.payments if setting.key})
        if operator_filled:
            CfnOutput(
                self,
                "SecretsToFill",
                description="Provider credentials the operator puts before the payment Lambdas can start",
                value=" ".join(operator_filled),
            )
