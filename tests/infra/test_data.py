"""Aurora behind RDS Proxy, the secrets, the network, and the database connection budget."""

from __future__ import annotations

import json
from typing import Any

import pytest

from chalicelib.core.production_check import PROVIDER_CREDENTIALS
from chalicelib.core.settings import DEPLOY_PLACEHOLDER
from infra.aws.app import Deployment
from infra.aws.config import DEFAULTS, PROD, StageConfig
from infra.aws.connection_budget import budget, estimated_max_connections, proxy_connection_limit
from infra.aws.discovery import discover_functions
from tests.infra.template_reading import Templates, properties, render, resources


def only(template: dict[str, Any], kind: str) -> dict[str, Any]:
    (resource,) = resources(template, kind).values()
    return resource


def test_aurora_is_serverless_v2_postgres_encrypted_protected_and_backed_up(templates: Templates) -> None:
    cluster = only(templates.data, "AWS::RDS::DBCluster")
    settings = properties(cluster)

    assert settings["Engine"] == "aurora-postgresql"
    assert settings["EngineVersion"].split(".")[0] in ("15", "16")
    assert settings["BackupRetentionPeriod"] >= 14
    assert settings["BackupRetentionPeriod"] == PROD.backup_retention_days
    assert settings["DeletionProtection"] is True
    assert settings["StorageEncrypted"] is True
    assert settings["EnableIAMDatabaseAuthentication"] is True
    assert settings["ServerlessV2ScalingConfiguration"] == {"MinCapacity": PROD.min_acu, "MaxCapacity": PROD.max_acu}
    assert cluster["DeletionPolicy"] == "Snapshot"
    assert cluster["UpdateReplacePolicy"] == "Snapshot"
    instances = resources(templates.data, "AWS::RDS::DBInstance").values()
    assert [properties(instance)["DBInstanceClass"] for instance in instances] == ["db.serverless"] * 2
    assert all(properties(instance)["PubliclyAccessible"] is False for instance in instances)


def test_the_proxy_requires_tls_and_uses_the_generated_secret(templates: Templates) -> None:
    proxy = properties(only(templates.data, "AWS::RDS::DBProxy"))
    target_group = properties(only(templates.data, "AWS::RDS::DBProxyTargetGroup"))
    secret_id = proxy["Auth"][0]["SecretArn"]["Ref"]

    assert proxy["RequireTLS"] is True
    assert proxy["EngineFamily"] == "POSTGRESQL"
    assert proxy["Auth"][0]["AuthScheme"] == "SECRETS"
    assert "GenerateSecretString" in properties(templates.data["Resources"][secret_id])
    assert (
        target_group["ConnectionPoolConfigurationInfo"]["MaxConnectionsPercent"] == PROD.proxy_max_connections_percent
    )


def test_generated_secrets_and_placeholders_the_production_check_refuses(templates: Templates) -> None:
    secrets = {
        properties(secret)["Name"]: secret
        for secret in resources(templates.data, "AWS::SecretsManager::Secret").values()
    }

    assert "GenerateSecretString" in properties(secrets["marketplace/prod/jwt-secret"])
    assert "GenerateSecretString" in properties(secrets["marketplace/prod/mpesa-webhook-token"])
    credentials = json.loads(properties(secrets["marketplace/prod/mpesa-credentials"])["SecretString"])
    assert credentials == dict.fromkeys(PROVIDER_CREDENTIALS["mpesa"], DEPLOY_PLACEHOLDER)
    assert all(secret["DeletionPolicy"] == "Retain" for secret in secrets.values())
    (fernet,) = resources(templates.data, "Custom::FernetKey").values()
    field_key = templates.data["Resources"][properties(fernet)["SecretId"]["Ref"]]
    assert properties(field_key)["Name"] == "marketplace/prod/field-encryption-key"


def test_two_azs_with_a_nat_per_az_flow_logs_and_private_endpoints(templates: Templates) -> None:
    endpoints = resources(templates.data, "AWS::EC2::VPCEndpoint").values()
    services = {render(properties(endpoint)["ServiceName"]).rsplit(".", 1)[1] for endpoint in endpoints}

    assert len(resources(templates.data, "AWS::EC2::Subnet")) == 6
    assert len(resources(templates.data, "AWS::EC2::NatGateway")) == PROD.nat_gateways == 2
    assert services == {"s3", "secretsmanager", "sqs", "sns", "email"}
    assert len(resources(templates.data, "AWS::EC2::FlowLog")) == 1


def test_the_dev_stage_runs_on_one_nat_gateway_and_one_database_instance(dev: Deployment) -> None:
    data = Templates.of(dev).data

    assert len(resources(data, "AWS::EC2::NatGateway")) == 1
    assert len(resources(data, "AWS::RDS::DBInstance")) == 1


@pytest.mark.parametrize("config", DEFAULTS.values(), ids=DEFAULTS.keys())
def test_reserved_concurrency_fits_in_the_connections_the_proxy_may_open(config: StageConfig) -> None:
    connections = budget(config, discover_functions())

    assert set(discover_functions()) - set(config.reserved_concurrency) == set(), "give each function its budget"
    assert sum(connections.values()) <= proxy_connection_limit(config)
    assert config.notifications_max_concurrency <= connections["notifications"]
    assert connections["sweeper"] == connections["billing"] == connections["migrate"] == 1


def test_max_connections_follows_aurora_s_documented_values() -> None:
    assert estimated_max_connections(min_acu=0.5, max_acu=1) == 189
    assert estimated_max_connections(min_acu=1, max_acu=16) <= 3360
    assert estimated_max_connections(min_acu=0.5, max_acu=64) == 2000
    assert estimated_max_connections(min_acu=1, max_acu=128) == 5000
