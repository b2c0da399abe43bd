"""The VPC: two AZs, three kinds of subnet, and private endpoints for the AWS APIs the Lambdas call.

- `public`: the NAT gateway(s) only.
- `egress` (private, through NAT): Lambdas that call the payment providers on the internet.
- `isolated` (no route out): the database, RDS Proxy, the endpoints, and every Lambda that only
  talks to the database and AWS (auth, catalog, system, notifications, migrate): such a Lambda
  cannot reach the internet at all.

The interface endpoints (Secrets Manager, SQS, SNS, SES's API `email`) and the S3 gateway
endpoint are what make the isolated Lambdas work; the payment Lambdas use them too, so their
AWS calls neither pay NAT data charges nor depend on the NAT gateway. CloudWatch Logs and X-Ray
need no endpoint: the Lambda service ships both outside the function's network. Four interface
endpoints in two AZs cost about as much as one NAT gateway; `nat_gateways=1` (dev) saves the
second NAT at the price of provider calls depending on one AZ.
"""

from __future__ import annotations

from aws_cdk import RemovalPolicy
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_logs as logs
from constructs import Construct

HTTPS = ec2.Port.tcp(443)
INTERFACE_ENDPOINTS = {
    "SecretsManager": ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
    "Sqs": ec2.InterfaceVpcEndpointAwsService.SQS,
    "Sns": ec2.InterfaceVpcEndpointAwsService.SNS,
    "SesApi": ec2.InterfaceVpcEndpointAwsService.EMAIL,
}


class Network(Construct):
    def __init__(
        self, scope: Construct, construct_id: str, *, nat_gateways: int, log_retention: logs.RetentionDays
    ) -> None:
        super().__init__(scope, construct_id)
        self.vpc = ec2.Vpc(
            self,
            "Vpc",
            ip_addresses=ec2.IpAddresses.cidr("10.40.0.0/16"),
            max_azs=2,
            nat_gateways=nat_gateways,
            restrict_default_security_group=False,
            subnet_configuration=[
                ec2.SubnetConfiguration(name="public", subnet_type=ec2.SubnetType.PUBLIC, cidr_mask=24),
                ec2.SubnetConfiguration(name="egress", subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS, cidr_mask=22),
                ec2.SubnetConfiguration(name="isolated", subnet_type=ec2.SubnetType.PRIVATE_ISOLATED, cidr_mask=22),
            ],
            gateway_endpoints={"S3": ec2.GatewayVpcEndpointOptions(service=ec2.GatewayVpcEndpointAwsService.S3)},
        )
        flow_logs = logs.LogGroup(self, "FlowLogs", retention=log_retention, removal_policy=RemovalPolicy.DESTROY)
        self.vpc.add_flow_log("FlowLog", destination=ec2.FlowLogDestination.to_cloud_watch_logs(flow_logs))

        self.functions_security_group = ec2.SecurityGroup(
            self,
            "Functions",
            vpc=self.vpc,
            description="Lambda functions: HTTPS out (AWS endpoints, payment providers), PostgreSQL to RDS Proxy",
            allow_all_outbound=False,
        )
        self.functions_security_group.add_egress_rule(ec2.Peer.any_ipv4(), HTTPS, "HTTPS to AWS APIs and providers")

        endpoints_security_group = ec2.SecurityGroup(
            self,
            "Endpoints",
            vpc=self.vpc,
            description="Interface VPC endpoints: HTTPS from the Lambda functions only",
            allow_all_outbound=False,
        )
        endpoints_security_group.add_ingress_rule(self.functions_security_group, HTTPS, "HTTPS from the functions")
        for name, service in INTERFACE_ENDPOINTS.items():
            self.vpc.add_interface_endpoint(
                name,
                service=service,
                subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED),
                security_groups=[endpoints_security_group],
                open=False,
                private_dns_enabled=True,
            )

    def subnets_for(self, *, internet: bool) -> ec2.SubnetSelection:
        kind = ec2.SubnetType.PRIVATE_WITH_EGRESS if internet else ec2.SubnetType.PRIVATE_ISOLATED
        return ec2.SubnetSelection(subnet_type=kind)
