"""The REST API, its gateway responses, access log and WebACL, in a stack of their own.

The API holds two resources per path segment and route (resource, method, CORS preflight), a
few hundred in all: the service stack would come near CloudFormation's 500-resource limit
with them. The methods reach the functions' `live` aliases by ARN, built from the functions'
names (`names.function_name`), so this stack needs nothing from the service stack, while the
service stack takes the API's id (the payment callback URL) and grants API Gateway the right
to invoke the aliases.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aws_cdk import Arn, ArnComponents, ArnFormat, CfnOutput, Stack
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from infra.aws.components.api import STAGE_NAME, MarketplaceApi
from infra.aws.components.firewall import ApiFirewall
from infra.aws.components.function import ALIAS
from infra.aws.config import StageConfig
from infra.aws.names import api_name, function_name
from infra.aws.route_table import RouteTable
from infra.aws.stacks.common import log_retention


def alias_arn(stack: Stack, stage: str, function: str) -> str:
    return Arn.format(
        ArnComponents(
            service="lambda",
            resource="function",
            resource_name=f"{function_name(stage, function)}:{ALIAS}",
            arn_format=ArnFormat.COLON_RESOURCE_NAME,
        ),
        stack,
    )


class ApiStack(Stack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: StageConfig,
        routes: RouteTable,
        cors_origins: Sequence[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(scope, construct_id, suppress_template_indentation=True, **kwargs)
        self.api = MarketplaceApi(
            self,
            "Api",
            stage=config.stage,
            binary_media_types=routes.binary_media_types,
            cors_origins=cors_origins,
            rate_limit=config.api_rate_limit,
            burst_limit=config.api_burst_limit,
            log_retention=log_retention(config),
        )
        targets = {
            function: lambda_.Function.from_function_attributes(
                self,
                f"{''.join(part.capitalize() for part in function.split('_'))}Live",
                function_arn=alias_arn(self, config.stage, function),
                same_environment=False,
                skip_permissions=True,
            )
            for function in routes.functions
        }
        self.api.add_routes(routes, targets)
        ApiFirewall(
            self,
            "Firewall",
            name=api_name(config.stage),
            stage_arn=self.api.stage_arn,
            stage_name=STAGE_NAME,
            auth_limit=config.auth_requests_per_ip,
            webhook_limit=config.webhook_requests_per_ip,
        )
        self.invoke_source_arn = self.api.rest_api.arn_for_execute_api()
        """Every method of every stage of this API: what the aliases let API Gateway invoke them from."""
        CfnOutput(self, "ApiUrl", value=self.api.base_url)
