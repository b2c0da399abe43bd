"""One Lambda of `functions/`: its log group, its own role, the function and its `live` alias.

The role starts with what running in the VPC and logging to its own log group need, and
nothing else; the service stack then grants exactly what the function's profile asks for
(`allow`). Everything that triggers the function (API Gateway, the queue, schedules, the
migration custom resource) calls the `live` alias, which the service stack moves to the new
version only after the migrations ran.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct

from infra.aws.discovery import handler_of
from infra.aws.nag import finding, suppress
from infra.aws.names import function_name
from infra.aws.profiles import FunctionProfile

RUNTIME = lambda_.Runtime.PYTHON_3_12
ARCHITECTURE = lambda_.Architecture.ARM_64
ALIAS = "live"
NETWORK_INTERFACE_ACTIONS = (
    "ec2:CreateNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSubnets",
    "ec2:DeleteNetworkInterface",
    "ec2:AssignPrivateIpAddresses",
    "ec2:UnassignPrivateIpAddresses",
)


class MarketplaceFunction(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: str,
        function: str,
        profile: FunctionProfile,
        code: lambda_.Code,
        layer: lambda_.ILayerVersion,
        vpc: ec2.IVpc,
        subnets: ec2.SubnetSelection,
        security_group: ec2.ISecurityGroup,
        environment: Mapping[str, str],
        reserved_concurrency: int,
        log_retention: logs.RetentionDays,
    ) -> None:
        super().__init__(scope, construct_id)
        self.name = function
        self.function_name = function_name(stage, function)
        self.log_group = logs.LogGroup(
            self,
            "Logs",
            log_group_name=f"/aws/lambda/{self.function_name}",
            retention=log_retention,
            removal_policy=RemovalPolicy.DESTROY,
        )
        self.role = iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description=f"The {function} Lambda",
            inline_policies={
                "run-in-vpc-and-log": iam.PolicyDocument(
                    statements=[
                        iam.PolicyStatement(actions=list(NETWORK_INTERFACE_ACTIONS), resources=["*"]),
                        iam.PolicyStatement(
                            actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                            resources=[self.log_group.log_group_arn],
                        ),
                    ]
                )
            },
        )
        self.function = lambda_.Function(
            self,
            "Function",
            function_name=self.function_name,
            description=f"functions/{function}.py",
            runtime=RUNTIME,
            architecture=ARCHITECTURE,
            handler=handler_of(function),
            code=code,
            layers=[layer],
            memory_size=profile.memory_mb,
            timeout=Duration.seconds(profile.timeout_seconds),
            environment=dict(environment),
            role=self.role,
            vpc=vpc,
            vpc_subnets=subnets,
            security_groups=[security_group],
            tracing=lambda_.Tracing.ACTIVE,
            reserved_concurrent_executions=reserved_concurrency,
            log_group=self.log_group,
        )
        self.alias = lambda_.Alias(self, "Live", alias_name=ALIAS, version=self.function.current_version)

        suppress(
            self.role,
            "IAM5",
            f"The {function} Lambda runs in the VPC: Lambda manages its network interfaces with EC2 actions that "
            "take no resource ARN (Describe*) or whose ENIs do not exist yet; logging is scoped to its log group.",
            applies_to=["Resource::*"],
        )
        suppress(
            self.function,
            "L1",
            f"The {function} Lambda runs on Python 3.12, the runtime nearest to the 3.11 the test suite runs on; "
            "the layer is built for cp312 wheels. A newer runtime is a deliberate upgrade with its own test run.",
        )

    def allow(self, actions: Sequence[str], resources: Sequence[str]) -> None:
        self.role.add_to_policy(iam.PolicyStatement(actions=list(actions), resources=list(resources)))

    def allow_objects(self, actions: Sequence[str], objects_arn: str, *, finding_pattern: str, why: str) -> None:
        """Actions on the objects under a key prefix (`<bucket arn>/prefix/*`)."""
        self.allow(actions, [objects_arn])
        suppress(self.role.node.find_child("DefaultPolicy"), "IAM5", why, applies_to=[finding(finding_pattern)])

    def allow_sms(self) -> None:
        """sns:Publish straight to phone numbers, in its own policy so the wildcard stays visible."""
        policy = iam.Policy(
            self,
            "SmsPolicy",
            statements=[iam.PolicyStatement(actions=["sns:Publish"], resources=["*"])],
            roles=[self.role],
        )
        suppress(
            policy,
            "IAM5",
            f"The {self.name} Lambda sends SMS with sns:Publish to a phone number, which has no ARN: IAM cannot "
            "scope it to a resource. The function publishes to no topic, and SNS spending limits cap SMS cost.",
            applies_to=["Resource::*"],
        )

    def finish(self) -> None:
        """After every grant: the default policy (X-Ray and the grants) exists only now."""
        default_policy = self.role.node.try_find_child("DefaultPolicy")
        if default_policy is not None:
            suppress(
                default_policy,
                "IAM5",
                f"Active X-Ray tracing of the {self.name} Lambda: xray:PutTraceSegments and PutTelemetryRecords "
                "support no resource-level permissions; every data-service grant in this policy names its ARN.",
                applies_to=["Resource::*"],
            )
