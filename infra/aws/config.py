"""What differs between the deployment's stages (CDK context `stage`: `dev` or `prod`).

Each stage has its defaults below; these CDK context keys override them (`-c key=value` on
`python -m infra.aws.app`, or `CDK_CONTEXT_JSON`):

- `stage`: `dev` (default) or `prod`; also the application's `STAGE`.
- `domain`: the e-mail domain: the SES identity, and `EMAIL_SENDER` = `no-reply@<domain>`.
- `cors_origins`: comma-separated SPA origins the API (CORS) and the images bucket accept, besides
  the SPA distribution's own `https://` origin (and `spa_url`'s).
- `spa_url`: public URL of the SPA for links in e-mails (default: the SPA distribution's URL).
- `alarm_email`: address subscribed to the alarms topic (none: subscribe later).
- `nat_gateways`: 1 is cheaper, but then the provider calls depend on one AZ's NAT gateway.
- `min_acu`, `max_acu`: Aurora Serverless v2 capacity range.
- `payment_settings`: JSON object of plain provider settings for the Lambdas that call providers,
  e.g. `{"MPESA_SHORTCODE": "600000"}`.

Plain data only (no CDK types), so the tests and the connection budget read it without jsii.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from chalicelib.core.settings import DEPLOY_PLACEHOLDER

STAGES = ("dev", "prod")
DEFAULT_STAGE = "dev"


@dataclass(frozen=True)
class StageConfig:
    stage: str
    domain: str
    cors_origins: tuple[str, ...]
    spa_url: str | None
    alarm_email: str | None
    nat_gateways: int
    min_acu: float
    max_acu: float
    database_readers: int
    """Serverless v2 readers in the other AZ: failover in seconds instead of a new writer in minutes."""
    backup_retention_days: int
    payment_providers: tuple[str, ...]
    """PAYMENT_PROVIDERS_ENABLED of the Lambdas that call providers (the others enable none)."""
    payment_settings: Mapping[str, str]
    reserved_concurrency: Mapping[str, int]
    """Per function; each concurrent execution may hold one database connection (`connection_budget`)."""
    default_reserved_concurrency: int
    """For a function module added later that `reserved_concurrency` does not name yet."""
    notifications_max_concurrency: int
    """Concurrent batches the queue's event source may run (at most the function's reserved concurrency)."""
    proxy_max_connections_percent: int
    log_retention_days: int
    log_level: str
    api_rate_limit: int
    """Stage-wide steady requests per second; `api_burst_limit` on top."""
    api_burst_limit: int
    auth_requests_per_ip: int
    """Per source IP per 5 minutes on /auth (WAF); sign-in also has its own lock-outs."""
    webhook_requests_per_ip: int
    """Per source IP per 5 minutes on /webhooks: providers call back from a few addresses, so generous."""
    platform_settings: Mapping[str, str] = field(default_factory=dict)

    @property
    def email_sender(self) -> str:
        return f"no-reply@{self.domain}"

    @property
    def production(self) -> bool:
        return self.stage == "prod"


COMMON_PLATFORM_SETTINGS: Mapping[str, str] = {
    "PLATFORM_NAME": "Soko Wholesale",
    "CURRENCY": "KES",
    "DEFAULT_PHONE_REGION": "KE",
}
"""As in `.chalice/config.json`."""

DEV = StageConfig(
    stage="dev",
    domain="dev.soko.example",
    cors_origins=("http://127.0.0.1:5173",),
    spa_url=None,
    alarm_email=None,
    nat_gateways=1,
    min_acu=0.5,
    max_acu=4,
    database_readers=0,
    backup_retention_days=14,
    payment_providers=("sandbox",),
    payment_settings={},
    reserved_concurrency={
        "auth": 10,
        "admin": 5,
        "catalog": 20,
        "account": 5,
        "checkout": 10,
        "payment_webhooks": 5,
        "system": 2,
        "notifications": 4,
        "sweeper": 1,
        "billing": 1,
        "migrate": 1,
    },
    default_reserved_concurrency=2,
    notifications_max_concurrency=2,
    proxy_max_connections_percent=50,
    log_retention_days=14,
    log_level="DEBUG",
    api_rate_limit=50,
    api_burst_limit=100,
    auth_requests_per_ip=500,
    webhook_requests_per_ip=3000,
    platform_settings=COMMON_PLATFORM_SETTINGS,
)

PROD = StageConfig(
    stage="prod",
    domain="soko.example",
    cors_origins=(),
    spa_url=None,
    alarm_email=None,
    nat_gateways=2,
    min_acu=1,
    max_acu=16,
    database_readers=1,
    backup_retention_days=30,
    payment_providers=("mpesa",),
    payment_settings={
        "MPESA_BASE_URL": "https://api.safaricom.co.ke",
        "MPESA_SHORTCODE": DEPLOY_PLACEHOLDER,
    },
    reserved_concurrency={
        "auth": 40,
        "admin": 10,
        "catalog": 120,
        "account": 30,
        "checkout": 80,
        "payment_webhooks": 30,
        "system": 5,
        "notifications": 10,
        "sweeper": 1,
        "billing": 1,
        "migrate": 1,
    },
    default_reserved_concurrency=5,
    notifications_max_concurrency=10,
    proxy_max_connections_percent=50,
    log_retention_days=90,
    log_level="INFO",
    api_rate_limit=200,
    api_burst_limit=400,
    auth_requests_per_ip=500,
    webhook_requests_per_ip=3000,
    platform_settings=COMMON_PLATFORM_SETTINGS,
)

DEFAULTS = {"dev": DEV, "prod": PROD}


class StageConfigError(ValueError):
    """A context value the deployment cannot use; the message names the key."""


def load_stage_config(context: Mapping[str, Any]) -> StageConfig:
    """The stage's defaults with the context's overrides (values as the CDK CLI passes them: text)."""
    stage = str(context.get("stage") or DEFAULT_STAGE)
    if stage not in DEFAULTS:
        raise StageConfigError(f"context stage={stage!r}: expected one of {', '.join(STAGES)}")
    config = DEFAULTS[stage]
    overrides: dict[str, Any] = {}
    if context.get("domain"):
        overrides["domain"] = str(context["domain"])
    if context.get("cors_origins") is not None:
        overrides["cors_origins"] = _origins(context["cors_origins"])
    if context.get("spa_url"):
        overrides["spa_url"] = str(context["spa_url"])
    if context.get("alarm_email"):
        overrides["alarm_email"] = str(context["alarm_email"])
    if context.get("nat_gateways") is not None:
        overrides["nat_gateways"] = _number(context, "nat_gateways", int)
    for key in ("min_acu", "max_acu"):
        if context.get(key) is not None:
            overrides[key] = _number(context, key, float)
    if context.get("payment_settings") is not None:
        overrides["payment_settings"] = {**config.payment_settings, **_settings(context["payment_settings"])}
    return _checked(replace(config, **overrides))


def _origins(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    return tuple(origin.strip().rstrip("/") for origin in items if str(origin).strip())


def _number(context: Mapping[str, Any], key: str, kind: type[int] | type[float]) -> Any:
    try:
        return kind(context[key])
    except (TypeError, ValueError):
        raise StageConfigError(f"context {key}={context[key]!r} is not a number") from None


def _settings(value: Any) -> dict[str, str]:
    document = json.loads(value) if isinstance(value, str) else value
    if not isinstance(document, dict):
        raise StageConfigError("context payment_settings must be a JSON object of setting names to text")
    return {str(name).upper(): str(setting) for name, setting in document.items()}


def _checked(config: StageConfig) -> StageConfig:
    if not 0.5 <= config.min_acu <= config.max_acu:
        raise StageConfigError(f"min_acu {config.min_acu} and max_acu {config.max_acu}: need 0.5 <= min <= max")
    if config.nat_gateways < 1:
        raise StageConfigError(
            "nat_gateways must be at least 1: the payment Lambdas call the providers on the internet"
        )
    if config.production and any(origin.startswith("http://") for origin in config.cors_origins):
        raise StageConfigError("cors_origins: prod serves https:// origins only (production_check refuses http://)")
    return config
