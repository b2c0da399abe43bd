"""Aurora PostgreSQL Serverless v2 behind RDS Proxy, in the isolated subnets.

The application connects to the proxy only, as the cluster's master user, with the password
from the generated secret (`DATABASE_PASSWORD` is a reference to it; `DATABASE_URL` names user,
proxy and database, never the password). The migrations run as the same user (they store the
application's session settings on its role). The proxy requires TLS; the cluster is encrypted,
deletion-protected, snapshotted on removal, and keeps point-in-time backups for the stage's
retention. IAM database authentication is enabled on the cluster for operators; the
application uses the password, because the proxy would otherwise need IAM tokens from it too.
"""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_logs as logs
from aws_cdk import aws_rds as rds
from constructs import Construct

from infra.aws.components.app_secrets import SecretSetting
from infra.aws.nag import suppress
from infra.aws.names import database_identifier

DATABASE_NAME = "marketplace"
USERNAME = "marketplace"
PORT = 5432
ENGINE_VERSION = rds.AuroraPostgresEngineVersion.VER_16_13


class Database(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: str,
        vpc: ec2.IVpc,
        clients: ec2.ISecurityGroup,
        min_acu: float,
        max_acu: float,
        readers: int,
        backup_retention_days: int,
        proxy_max_connections_percent: int,
        log_retention: logs.RetentionDays,
    ) -> None:
        super().__init__(scope, construct_id)
        isolated = ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED)
        self.identifier = database_identifier(stage)
        self.secret = rds.DatabaseSecret(
            self, "Credentials", username=USERNAME, secret_name=f"marketplace/{stage}/database"
        )
        self.secret.apply_removal_policy(RemovalPolicy.RETAIN)

        cluster_security_group = ec2.SecurityGroup(
            self,
            "ClusterSecurityGroup",
            vpc=vpc,
            description="Aurora: PostgreSQL from RDS Proxy only",
            allow_all_outbound=False,
        )
        proxy_security_group = ec2.SecurityGroup(
            self,
            "ProxySecurityGroup",
            vpc=vpc,
            description="RDS Proxy: PostgreSQL from the Lambda functions",
            allow_all_outbound=False,
        )
        postgres_logs = logs.LogGroup(
            self,
            "PostgresLogs",
            log_group_name=f"/aws/rds/cluster/{self.identifier}/postgresql",
            retention=log_retention,
            removal_policy=RemovalPolicy.DESTROY,
        )
        self.cluster = rds.DatabaseCluster(
            self,
            "Cluster",
            cluster_identifier=self.identifier,
            engine=rds.DatabaseClusterEngine.aurora_postgres(version=ENGINE_VERSION),
            credentials=rds.Credentials.from_secret(self.secret),
            default_database_name=DATABASE_NAME,
            port=PORT,
            writer=rds.ClusterInstance.serverless_v2("Writer", enable_performance_insights=True),
            readers=[
                rds.ClusterInstance.serverless_v2(
                    f"Reader{index}", scale_with_writer=True, enable_performance_insights=True
                )
                for index in range(1, readers + 1)
            ],
            serverless_v2_min_capacity=min_acu,
            serverless_v2_max_capacity=max_acu,
            vpc=vpc,
            vpc_subnets=isolated,
            security_groups=[cluster_security_group],
            storage_encrypted=True,
            deletion_protection=True,
            removal_policy=RemovalPolicy.SNAPSHOT,
            backup=rds.BackupProps(retention=Duration.days(backup_retention_days), preferred_window="01:00-02:00"),
            preferred_maintenance_window="Sun:02:30-Sun:03:30",
            iam_authentication=True,
            cloudwatch_logs_exports=["postgresql"],
            copy_tags_to_snapshot=True,
        )
        self.cluster.node.add_dependency(postgres_logs)

        self.proxy = self.cluster.add_proxy(
            "Proxy",
            db_proxy_name=self.identifier,
            secrets=[self.secret],
            vpc=vpc,
            vpc_subnets=isolated,
            security_groups=[proxy_security_group],
            require_tls=True,
            iam_auth=False,
            max_connections_percent=proxy_max_connections_percent,
            max_idle_connections_percent=proxy_max_connections_percent // 2,
            borrow_timeout=Duration.seconds(10),
            idle_client_timeout=Duration.minutes(30),
        )
        self.cluster.connections.allow_default_port_from(proxy_security_group, "PostgreSQL from RDS Proxy")
        clients.connections.allow_to(proxy_security_group, ec2.Port.tcp(PORT), "PostgreSQL to RDS Proxy")

        self.url = f"postgresql+psycopg://{USERNAME}@{self.proxy.endpoint}:{PORT}/{DATABASE_NAME}?sslmode=require"
        """DATABASE_URL: through the proxy, TLS required, no password."""
        self.password_setting = SecretSetting("DATABASE_PASSWORD", self.secret, key="password")
        """Read by the application at start (`chalicelib.core.secrets`)."""

        suppress(
            self.secret,
            "SMG4",
            "The database password is not rotated: each Lambda container reads it once at start and keeps its "
            "connection to RDS Proxy, so a rotation would lock out running containers. Rotation comes with IAM "
            "authentication to the proxy (application change), which removes the password altogether.",
        )
