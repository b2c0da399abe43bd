"""The database migrations, run by the `migrate` Lambda as a custom resource on every deploy that
changes what the Lambdas run.

The resource's properties hash the migrations, the code bundle and the layer: any change to
them is an Update, which runs `alembic upgrade heads`; the Lambdas' `live` aliases depend on
this resource, so they move to the new versions only once the schema is ready (and a failed
migration fails the deploy before any alias moves). Old versions keep serving while the
migration runs, so a migration must keep the previous release working (expand, then contract).
"""

from __future__ import annotations

from aws_cdk import CustomResource, RemovalPolicy, custom_resources
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct

from infra.aws.nag import suppress


class Migrations(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        handler: lambda_.IFunction,
        migrations_hash: str,
        code_hash: str,
        layer_hash: str,
        log_retention: logs.RetentionDays,
    ) -> None:
        super().__init__(scope, construct_id)
        provider_logs = logs.LogGroup(
            self, "ProviderLogs", retention=log_retention, removal_policy=RemovalPolicy.DESTROY
        )
        provider = custom_resources.Provider(self, "Provider", on_event_handler=handler, log_group=provider_logs)
        self.resource = CustomResource(
            self,
            "Schema",
            service_token=provider.service_token,
            resource_type="Custom::DatabaseMigrations",
            properties={"MigrationsHash": migrations_hash, "CodeHash": code_hash, "LayerHash": layer_hash},
        )
        suppress(
            provider,
            "IAM4",
            "The CDK Provider framework's own function uses AWSLambdaBasicExecutionRole (CloudWatch Logs only); "
            "CDK does not let its role be replaced, and it only relays the migration event to the migrate Lambda.",
            children=True,
        )
