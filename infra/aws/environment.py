"""Each function's environment: the settings it reads (`chalicelib.core.settings`), nothing more.

Every function gets the common settings, which the production check requires of any module
that imports `functions` (stage, database, JWT and field-encryption keys, https URLs of the SPA
and its origins, the enabled providers); a function that calls no provider enables none, so it
needs no provider credential either. The rest follows the function's profile. Secrets are
references (`SecretSetting.reference`), and the same `SecretSetting`s decide which secrets the
function's role may read (`secrets_of`), so the two cannot disagree.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from infra.aws.components.app_secrets import SecretSetting
from infra.aws.config import StageConfig
from infra.aws.profiles import FunctionProfile

POWERTOOLS_SERVICE_NAME = "marketplace"
POWERTOOLS_METRICS_NAMESPACE = "Marketplace"
"""As in `.chalice/config.json`; the dashboard reads the payment metrics from this namespace."""


@dataclass(frozen=True)
class DeploymentValues:
    """What the environment takes from the deployed resources (CloudFormation tokens)."""

    database_url: str
    database_password: SecretSetting
    common_secrets: tuple[SecretSetting, ...]
    payment_secrets: tuple[SecretSetting, ...]
    notifications_queue_url: str
    notifications_dlq_url: str
    images_bucket: str
    images_base_url: str
    documents_bucket: str
    spa_url: str
    cors_origins: tuple[str, ...]
    payments_callback_base_url: str


def secrets_of(profile: FunctionProfile, values: DeploymentValues) -> tuple[SecretSetting, ...]:
    secrets = (values.database_password, *values.common_secrets)
    if profile.calls_payment_providers:
        secrets += values.payment_secrets
    return secrets


def environment_of(config: StageConfig, profile: FunctionProfile, values: DeploymentValues) -> dict[str, str]:
    providers = config.payment_providers if profile.calls_payment_providers else ()
    environment = {
        "STAGE": config.stage,
        "POWERTOOLS_SERVICE_NAME": POWERTOOLS_SERVICE_NAME,
        "POWERTOOLS_METRICS_NAMESPACE": POWERTOOLS_METRICS_NAMESPACE,
        "POWERTOOLS_LOG_LEVEL": config.log_level,
        **config.platform_settings,
        "DATABASE_URL": values.database_url,
        "DB_POOL_SIZE": "1",
        "SPA_URL": values.spa_url,
        "CORS_ALLOWED_ORIGINS": ",".join(values.cors_origins),
        "SUBSCRIPTION_ENFORCEMENT": "true",
        "PAYMENT_PROVIDERS_ENABLED": json.dumps(list(providers)),
    }
    environment.update({secret.variable: secret.reference for secret in secrets_of(profile, values)})
    if profile.calls_payment_providers:
        environment["PAYMENTS_CALLBACK_BASE_URL"] = values.payments_callback_base_url
        environment.update(config.payment_settings)
    if profile.publishes_events:
        environment["NOTIFICATIONS_QUEUE_URL"] = values.notifications_queue_url
    if profile.delivers_notifications:
        environment["NOTIFICATIONS_DLQ_URL"] = values.notifications_dlq_url
    environment.update(_plain_settings(profile, _plain_values(config, values)))
    return environment


def _plain_values(config: StageConfig, values: DeploymentValues) -> Mapping[str, str]:
    return {
        "EMAIL_SENDER": config.email_sender,
        "IMAGES_BUCKET": values.images_bucket,
        "IMAGES_BASE_URL": values.images_base_url,
        "VERIFICATION_DOCUMENTS_BUCKET": values.documents_bucket,
    }


def _plain_settings(profile: FunctionProfile, available: Mapping[str, str]) -> dict[str, str]:
    unknown = [name for name in profile.reads_settings if name not in available]
    if unknown:
        raise KeyError(f"no deployment value for the settings {unknown}; add them to environment._plain_values")
    return {name: available[name] for name in profile.reads_settings}
