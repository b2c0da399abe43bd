"""The application: one Lambda per `functions/` module, the notifications queue, the schedules, and
the migrations that gate every release; the API (`stacks.api`) calls the functions' aliases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from infra.aws.bundles import Bundles
from infra.aws.components.function import ARCHITECTURE, RUNTIME, MarketplaceFunction
from infra.aws.components.migrations import Migrations
from infra.aws.components.notifications_queue import NotificationsQueue
from infra.aws.components.schedules import add_schedule
from infra.aws.config import StageConfig
from infra.aws.connection_budget import reserved_concurrency
from infra.aws.environment import DeploymentValues, environment_of, secrets_of
from infra.aws.profiles import profile_of
from infra.aws.route_table import RouteTable
from infra.aws.stacks.api import ApiStack
from infra.aws.stacks.common import log_retention
from infra.aws.stacks.data import DataStack
from infra.aws.stacks.edge import EdgeStack

IMAGE_UPLOADS_FINDING = (
    r"Resource::(<.*ProductImagesBucket.*\.Arn>|.*:ExportsOutput\w*ProductImagesBucket\w*)/products/\*"
)
"""The bucket's ARN as cdk-nag prints it: a reference to the edge stack's bucket, or its export
once the reference was resolved (a second synthesis of the same app, as `Annotations` does)."""
DOCUMENTS_FINDING = (
    r"Resource::(<.*VerificationDocumentsBucket.*\.Arn>|.*:ExportsOutput\w*VerificationDocumentsBucket\w*)"
    r"/verification/\*"
)
"""The same for the verification documents bucket."""


@dataclass(frozen=True)
class ServiceInputs:
    functions: Sequence[str]
    """The modules of `functions/` (`discovery.discover_functions`)."""
    routes: RouteTable
    bundles: Bundles


class ServiceStack(Stack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: StageConfig,
        inputs: ServiceInputs,
        data: DataStack,
        edge: EdgeStack,
        api: ApiStack,
        **kwargs: Any,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        unknown = sorted(set(inputs.routes.functions) - set(inputs.functions))
        if unknown:
            raise ValueError(f"blueprints name functions without a module in functions/: {unknown}")
        self.config = config
        self.edge = edge
        notifications_timeout = Duration.seconds(profile_of("notifications").timeout_seconds)
        self.queue = NotificationsQueue(
            self, "Notifications", stage=config.stage, consumer_timeout=notifications_timeout
        )
        values = DeploymentValues(
            database_url=data.database.url,
            database_password=data.database.password_setting,
            common_secrets=data.secrets.common,
            payment_secrets=data.secrets.payments,
            notifications_queue_url=self.queue.queue.queue_url,
            notifications_dlq_url=self.queue.dead_letters.queue_url,
            images_bucket=edge.images.bucket.bucket_name,
            images_base_url=edge.images.origin,
            documents_bucket=edge.documents.bucket.bucket_name,
            spa_url=edge.spa_url,
            cors_origins=edge.cors_origins,
            payments_callback_base_url=api.api.base_url,
        )
        self.functions = self._functions(inputs, data, values)
        self.migrations = self._migrations(inputs)
        api_gateway = iam.ServicePrincipal("apigateway.amazonaws.com")
        for name in inputs.routes.functions:
            self.functions[name].alias.add_permission(
                "ApiInvoke", principal=api_gateway, source_arn=api.invoke_source_arn
            )
        self._triggers()
        for function in self.functions.values():
            function.finish()

    def _functions(
        self, inputs: ServiceInputs, data: DataStack, values: DeploymentValues
    ) -> dict[str, MarketplaceFunction]:
        layer = lambda_.LayerVersion(
            self,
            "Dependencies",
            code=lambda_.Code.from_asset(str(inputs.bundles.layer.path)),
            compatible_runtimes=[RUNTIME],
            compatible_architectures=[ARCHITECTURE],
            description=f"requirements.txt for {RUNTIME.name} on arm64 ({inputs.bundles.layer.content_hash})",
            removal_policy=RemovalPolicy.DESTROY,
        )
        app_code = lambda_.Code.from_asset(str(inputs.bundles.app_code.path))
        migrate_code = lambda_.Code.from_asset(str(inputs.bundles.migrate_code.path))
        functions: dict[str, MarketplaceFunction] = {}
        for name in inputs.functions:
            profile = profile_of(name)
            functions[name] = MarketplaceFunction(
                self,
                f"{_construct_id(name)}Function",
                stage=self.config.stage,
                function=name,
                profile=profile,
                code=migrate_code if profile.runs_migrations else app_code,
                layer=layer,
                vpc=data.network.vpc,
                subnets=data.network.subnets_for(internet=profile.calls_payment_providers),
                security_group=data.network.functions_security_group,
                environment=environment_of(self.config, profile, values),
                reserved_concurrency=reserved_concurrency(self.config, name),
                log_retention=log_retention(self.config),
            )
            self._grant(functions[name], values)
        return functions

    def _grant(self, function: MarketplaceFunction, values: DeploymentValues) -> None:
        profile = profile_of(function.name)
        secret_arns = sorted({setting.secret.secret_arn for setting in secrets_of(profile, values)})
        function.allow(["secretsmanager:GetSecretValue"], secret_arns)
        if profile.publishes_events:
            function.allow(["sqs:SendMessage"], [self.queue.queue.queue_arn])
        if profile.delivers_notifications:
            function.allow(["sqs:SendMessage"], [self.queue.dead_letters.queue_arn])
            function.allow(["ses:SendEmail", "ses:SendRawEmail"], [self.edge.email.identity_arn])
            function.allow_sms()
        if profile.signs_image_uploads:
            function.allow_objects(
                ["s3:PutObject", "s3:GetObject"],
                self.edge.images.uploads_arn(),
                finding_pattern=IMAGE_UPLOADS_FINDING,
                why=f"The {function.name} Lambda presigns browser uploads of product images: it may put and get "
                "objects under products/ of the images bucket only, whose keys are random per upload.",
            )
        if profile.keeps_verification_documents:
            function.allow_objects(
                ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"],
                self.edge.documents.objects_arn(),
                finding_pattern=DOCUMENTS_FINDING,
                why=f"The {function.name} Lambda presigns uploads (owners) or downloads (admins) of verification "
                "documents and deletes the removed ones: only objects under verification/ of the documents bucket.",
            )

    def _migrations(self, inputs: ServiceInputs) -> Migrations:
        """The migration custom resource; every other function's alias moves only after it."""
        migrators = [name for name in inputs.functions if profile_of(name).runs_migrations]
        if len(migrators) != 1:
            raise ValueError(f"exactly one function must run the migrations (runs_migrations), found {migrators}")
        migrations = Migrations(
            self,
            "Migrations",
            handler=self.functions[migrators[0]].alias,
            migrations_hash=inputs.bundles.migrations_hash,
            code_hash=inputs.bundles.migrate_code.content_hash,
            layer_hash=inputs.bundles.layer.content_hash,
            log_retention=log_retention(self.config),
        )
        for name, function in self.functions.items():
            if name not in migrators:
                function.alias.node.add_dependency(migrations.resource)
        return migrations

    def _triggers(self) -> None:
        for name, function in self.functions.items():
            profile = profile_of(name)
            if profile.consumes_notifications_queue:
                self.queue.feed(function.alias, max_concurrency=self.config.notifications_max_concurrency)
            if profile.schedule_minutes:
                add_schedule(
                    self,
                    f"{_construct_id(name)}Schedule",
                    function=name,
                    target=function.alias,
                    minutes=profile.schedule_minutes,
                )


def _construct_id(function: str) -> str:
    return "".join(part.capitalize() for part in function.split("_"))
