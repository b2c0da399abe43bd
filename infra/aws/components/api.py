"""The REST API: one resource per route of the functions' blueprints, each method a Lambda proxy
integration to its function's `live` alias.

CORS preflights are answered by API Gateway itself (no Lambda invocation) for the configured
origins, with the methods and headers the application's middleware allows
(`chalicelib.core.envelope`); the application adds the CORS headers to its own answers. The
stage throttles, logs errors (never request data) to a log group of its own (API Gateway would
create it without a retention) and writes the JSON access log of `access_log`.

No X-Ray tracing on the stage: API Gateway's trace segment records the full request URL, query
string included, and the payment callbacks carry their webhook token there (`?token=`). The
Lambdas trace actively; their segments hold no URL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from aws_cdk import Aws, Duration, RemovalPolicy, Size
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct

from chalicelib.core.envelope import CORS_ALLOWED_HEADERS, CORS_ALLOWED_METHODS
from infra.aws.components.access_log import access_log_format
from infra.aws.components.gateway_responses import add_gateway_responses
from infra.aws.nag import suppress
from infra.aws.names import api_name
from infra.aws.route_table import RouteTable

STAGE_NAME = "api"
"""As Chalice's `api_gateway_stage` (.chalice/config.json)."""
MINIMUM_COMPRESSION_SIZE = Size.bytes(1024)
PREFLIGHT_MAX_AGE = Duration.seconds(600)


class MarketplaceApi(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: str,
        binary_media_types: Sequence[str],
        cors_origins: Sequence[str],
        rate_limit: int,
        burst_limit: int,
        log_retention: logs.RetentionDays,
    ) -> None:
        super().__init__(scope, construct_id)
        self.access_logs = logs.LogGroup(
            self, "AccessLogs", retention=log_retention, removal_policy=RemovalPolicy.DESTROY
        )
        self.rest_api = apigw.RestApi(
            self,
            "RestApi",
            rest_api_name=api_name(stage),
            description="Soko Wholesale API: routes generated from chalicelib.blueprints",
            endpoint_types=[apigw.EndpointType.REGIONAL],
            binary_media_types=list(binary_media_types),
            min_compression_size=MINIMUM_COMPRESSION_SIZE,
            cloud_watch_role=True,
            cloud_watch_role_removal_policy=RemovalPolicy.RETAIN,
            default_cors_preflight_options=apigw.CorsOptions(
                allow_origins=list(cors_origins),
                allow_methods=CORS_ALLOWED_METHODS.split(","),
                allow_headers=CORS_ALLOWED_HEADERS.split(","),
                allow_credentials=True,
                max_age=PREFLIGHT_MAX_AGE,
            ),
            deploy_options=apigw.StageOptions(
                stage_name=STAGE_NAME,
                tracing_enabled=False,
                metrics_enabled=True,
                logging_level=apigw.MethodLoggingLevel.ERROR,
                data_trace_enabled=False,
                throttling_rate_limit=rate_limit,
                throttling_burst_limit=burst_limit,
                access_log_destination=apigw.LogGroupLogDestination(self.access_logs),
                access_log_format=apigw.AccessLogFormat.custom(access_log_format()),
            ),
        )
        add_gateway_responses(self.rest_api)
        execution_logs = logs.LogGroup(
            self,
            "ExecutionLogs",
            log_group_name=f"API-Gateway-Execution-Logs_{self.rest_api.rest_api_id}/{STAGE_NAME}",
            retention=log_retention,
            removal_policy=RemovalPolicy.DESTROY,
        )
        self.rest_api.deployment_stage.node.add_dependency(execution_logs)
        self.base_url = f"https://{self.rest_api.rest_api_id}.execute-api.{Aws.REGION}.{Aws.URL_SUFFIX}/{STAGE_NAME}"
        """The stage's URL without the trailing slash of `rest_api.url`: callbacks go to `<base>/webhooks/...`."""

    @property
    def stage_arn(self) -> str:
        return self.rest_api.deployment_stage.stage_arn

    def add_routes(self, table: RouteTable, targets: Mapping[str, lambda_.IFunction]) -> None:
        """Each route's methods to its function; one invoke permission per function for the whole API."""
        integrations = {
            function: apigw.LambdaIntegration(targets[function], proxy=True, scope_permission_to_method=False)
            for function in table.functions
        }
        for route in table.routes:
            resource = self.rest_api.root.resource_for_path(route.path)
            for method in route.methods:
                resource.add_method(
                    method, integrations[route.function], authorization_type=apigw.AuthorizationType.NONE
                )
        self._suppress_findings()

    def _suppress_findings(self) -> None:
        """Once every method exists; each suppression on the resources its rule looks at."""
        suppress(
            self.rest_api,
            "APIG2",
            "No request validation in API Gateway: every route parses its body and query into pydantic models in "
            "the Lambda (`chalicelib.core.http.endpoint`) and answers 400 in the API's error envelope, field by field.",
        )
        for method in self.rest_api.methods:
            suppress(
                method,
                "APIG4",
                "No API Gateway authorizer: the routes authenticate in the Lambda (short-lived JWT access tokens, "
                "roles per route, ownership per object); sign-in, registration, the catalogue and the provider "
                "callbacks (a secret token in the URL) are public by design, and preflights must be.",
            )
            suppress(
                method,
                "COG4",
                "No Cognito user pool authorizer: the platform issues and verifies its own JWT access tokens with "
                "rotating refresh tokens (chalicelib.accounts), checked in every Lambda.",
            )
        suppress(
            self.rest_api.node.find_child("CloudWatchRole"),
            "IAM4",
            "API Gateway's account-level CloudWatch role needs AmazonAPIGatewayPushToCloudWatchLogs, the managed "
            "policy AWS maintains for exactly that service role; it is what lets the stage write its logs.",
            applies_to=[
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
            ],
        )
