"""One typed settings object, read from the environment once per container.

Every setting, its environment variable and its default is listed in the README. A secret
setting (`SECRET_SETTINGS`) may be given as a reference to AWS Secrets Manager or Parameter
Store instead of its value (`chalicelib.core.secrets`); the reference is read while the
settings are built, and the value it names is what the field's constraints check. Errors
never echo an input, so a secret that fails validation does not reach the logs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any, Self

from pydantic import Field, ModelWrapValidatorHandler, PrivateAttr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from chalicelib.core.secrets import SecretReference, SecretUnavailable, read_secret

DEPLOY_PLACEHOLDER = "__SET_AT_DEPLOY__"
"""A stand-in for a value only known at deploy time. Nothing in the repository holds it (the CDK
app sets every value of a deployed function), but an environment that still does is refused."""

SECRET_SETTINGS: tuple[str, ...] = (
    "jwt_secret",
    "field_encryption_key",
    "database_password",
    "mpesa_webhook_token",
    "mtn_momo_webhook_token",
    "sandbox_webhook_token",
    "mpesa_consumer_key",
    "mpesa_consumer_secret",
    "mpesa_passkey",
    "mtn_momo_subscription_key",
    "mtn_momo_api_user",
    "mtn_momo_api_key",
)
"""The settings that may be given as a secret reference (and in prod must be)."""


@dataclass(frozen=True)
class ConfigurationProblem:
    setting: str
    """The environment variable, upper case."""
    reason: str

    def __str__(self) -> str:
        return f"{self.setting}: {self.reason}"


class ConfigurationError(RuntimeError):
    """Settings a process must not run with; `problems` names each offending environment variable."""

    def __init__(self, heading: str, problems: Sequence[ConfigurationProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n  ".join([heading, *(str(problem) for problem in self.problems)]))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", case_sensitive=False, hide_input_in_errors=True)

    stage: str = "dev"
    platform_name: str = "Soko Wholesale"
    spa_url: str = "http://127.0.0.1:5173"
    currency: str = "KES"
    default_phone_region: str = "KE"

    database_url: str = "postgresql+psycopg://postgres@127.0.0.1:5432/marketplace"
    database_password: str | None = Field(
        default=None, description="Password of DATABASE_URL's user, kept out of the URL (a secret reference in prod)."
    )
    db_pool_size: int = Field(default=1, ge=1)
    db_ping_after_idle_seconds: float = Field(default=10.0, ge=0)

    jwt_secret: str = Field(default="dev-only-secret-change-me-please-0123456789", min_length=32)
    jwt_issuer: str = "marketplace-api"
    jwt_audience: str = "marketplace-spa"
    access_token_ttl_seconds: int = 15 * 60
    refresh_token_ttl_days: int = 30
    field_encryption_key: str = Field(
        default="ZGV2LW9ubHktZmllbGQta2V5LWNoYW5nZS1tZS0wMTI=",
        description="Fernet key (urlsafe base64 of 32 bytes) for secrets kept at rest.",
    )

    email_token_ttl_hours: int = 24
    password_reset_ttl_minutes: int = 60
    invitation_ttl_days: int = 7
    login_max_failures_per_account: int = 5
    login_max_failures_per_ip: int = 20
    login_failure_window_minutes: int = 15
    login_lockout_base_seconds: int = 60
    login_lockout_max_seconds: int = 3600
    password_reset_max_per_email: int = Field(default=3, ge=1)
    password_reset_max_per_ip: int = Field(default=20, ge=1)
    password_reset_window_minutes: int = Field(default=60, ge=1)

    terms_version: str = "2026-01"
    privacy_version: str = "2026-01"

    cors_allowed_origins: Annotated[list[str], NoDecode] = Field(default_factory=lambda: ["http://127.0.0.1:5173"])

    aws_region: str = "eu-west-1"
    aws_lambda_function_name: str | None = Field(
        default=None, description="Set by Lambda itself: a stage must then be chosen explicitly."
    )
    aws_endpoint_url: str | None = None
    notifications_queue_url: str | None = None
    email_sender: str = "no-reply@soko.example"
    images_bucket: str = "marketplace-product-images"
    images_base_url: str | None = Field(
        default=None,
        description="Where product images are read from (the images CDN); unset: the bucket's own S3 URL.",
    )
    verification_documents_bucket: str = Field(
        default="marketplace-verification-documents",
        description="The private bucket of wholesalers' verification documents (presigned uploads and downloads).",
    )

    platform_commission_rate: Decimal = Decimal("0.0250")
    unpaid_order_expiry_minutes: int = Field(default=15, ge=1)
    subscription_enforcement: bool = Field(
        default=True, description="Gate checkout, selling and plan limits on the subscription (always on in AWS)."
    )

    # Notifications: the outbox relay and the queue consumer.
    outbox_fast_path: bool = Field(
        default=True, description="Publish a request's own outbox events right after it commits."
    )
    relay_batch_size: int = Field(default=500, ge=1, description="Outbox rows claimed per relay transaction.")
    relay_send_concurrency: int = Field(default=4, ge=1, le=16, description="Parallel SQS batch sends per chunk.")
    notifications_dlq_url: str | None = None
    sweeper_time_margin_ms: int = Field(default=5_000, ge=0, description="Stop sweeping this long before timeout.")

    # Payments: mobile money collections, provider webhooks, reconciliation (chalicelib/payments).
    payment_providers_enabled: list[str] = Field(
        default_factory=lambda: ["mpesa", "mtn_momo", "sandbox"],
        description="Providers a checkout may choose (JSON list). Leave `sandbox` out in production.",
    )
    payments_callback_base_url: str | None = Field(
        default=None,
        description="Public base URL of the payment_webhooks API; callbacks go to <base>/webhooks/payments/...",
    )
    mpesa_webhook_token: str = Field(default="dev-only-mpesa-webhook-token", min_length=16)
    mtn_momo_webhook_token: str = Field(default="dev-only-momo-webhook-token", min_length=16)
    sandbox_webhook_token: str = Field(default="dev-only-sandbox-webhook-token", min_length=16)
    payments_webhook_ip_allowlist: dict[str, list[str]] = Field(
        default_factory=dict,
        description='Per provider, CIDRs its callbacks may come from (JSON, e.g. {"mpesa": [...]}).',
    )
    payments_webhook_max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    payments_http_timeout_seconds: float = Field(default=10.0, gt=0)
    payments_http_connect_timeout_seconds: float = Field(default=3.0, gt=0)
    payments_http_max_retries: int = Field(default=2, ge=0, le=5, description="Retries after the first try.")
    payments_http_backoff_seconds: float = Field(default=0.5, ge=0, description="First back-off; doubles per retry.")
    payments_collection_budget_seconds: float = Field(
        default=15.0,
        gt=0,
        le=25,
        description="Longest time one collection request (token, request, retries) may take: a checkout answers "
        "within the API Gateway limit whatever the provider does.",
    )
    payments_unmatched_callback_window_minutes: int = Field(
        default=30,
        ge=1,
        description="How long after an STK Push whose answer we never read a success callback with an unknown "
        "CheckoutRequestID is matched to it (by phone and amount).",
    )
    reconcile_after_minutes: int = Field(default=3, ge=1, description="Ask the provider about payments pending longer.")
    reconcile_batch_size: int = Field(default=100, ge=1)
    mpesa_base_url: str = "https://sandbox.safaricom.co.ke"
    mpesa_currency: str = Field(default="KES", pattern=r"^[A-Z]{3}$", description="The M-Pesa account's currency.")
    mpesa_consumer_key: str | None = None
    mpesa_consumer_secret: str | None = None
    mpesa_shortcode: str = "174379"
    mpesa_passkey: str | None = None
    mpesa_transaction_type: str = "CustomerPayBillOnline"
    mpesa_party_b: str | None = Field(
        default=None, description="Till number (CustomerBuyGoodsOnline); else the shortcode."
    )
    mtn_momo_base_url: str = "https://sandbox.momodeveloper.mtn.com"
    mtn_momo_subscription_key: str | None = None
    mtn_momo_api_user: str | None = None
    mtn_momo_api_key: str | None = None
    mtn_momo_target_environment: str = "sandbox"
    mtn_momo_currency: str = Field(
        default="EUR",
        pattern=r"^[A-Z]{3}$",
        description="The MoMo account's currency: EUR in MoMo's sandbox, the market's own (UGX, GHS, ...) live.",
    )
    mtn_momo_regions: list[str] = Field(
        default_factory=lambda: ["UG", "GH", "RW", "ZM", "CM", "CI", "BJ", "CG", "GN", "LR", "SZ"],
        description="Countries whose numbers MTN MoMo collections accept.",
    )
    sandbox_callback_delay_seconds: float = Field(default=3.0, ge=0)

    # Billing: subscriptions and the hourly billing run (chalicelib/billing).
    billing_grace_days: int = Field(default=7, ge=0, description="Days after the first failed charge until suspension.")
    billing_batch_size: int = Field(default=500, ge=1, le=5_000, description="Subscriptions per billing transaction.")
    billing_time_margin_ms: int = Field(default=10_000, ge=0, description="Stop billing this long before the timeout.")

    _secret_references: dict[str, str] = PrivateAttr(default_factory=dict)
    _unresolved_secrets: dict[str, str] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _read_secret_references(cls, data: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        """Swap each secret reference for the secret it names before the fields are validated.

        A reference that cannot be read leaves its field at the default and is recorded. In prod
        the startup check (`core.production_check`) reports it together with every other problem;
        in other stages nothing else would, so it is refused here.
        """
        if not isinstance(data, dict):
            return handler(data)
        values = dict(data)
        references: dict[str, SecretReference] = {}
        unresolved: dict[str, str] = {}
        for name in SECRET_SETTINGS:
            reference = SecretReference.parse(values.get(name))
            if reference is None:
                continue
            references[name] = reference
            try:
                values[name] = cls._read_reference(reference, values)
            except SecretUnavailable as exc:
                del values[name]
                unresolved[name] = f"the secret {reference} cannot be read: {exc}"
        settings = handler(values)
        settings._secret_references = {name: str(reference) for name, reference in references.items()}
        settings._unresolved_secrets = unresolved
        if unresolved and not settings.is_production:
            problems = [ConfigurationProblem(name.upper(), reason) for name, reason in unresolved.items()]
            raise ConfigurationError("Secret references that cannot be read:", problems)
        return settings

    @classmethod
    def _read_reference(cls, reference: SecretReference, values: Mapping[str, Any]) -> str:
        if DEPLOY_PLACEHOLDER in str(reference):
            raise SecretUnavailable(f"its name is still the placeholder {DEPLOY_PLACEHOLDER}")
        region = values.get("aws_region") or cls.model_fields["aws_region"].default
        return read_secret(reference, region=str(region), endpoint_url=values.get("aws_endpoint_url") or None)

    @field_validator("cors_allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        """Comma-separated or a JSON list (the environment source leaves the text to this validator).
        A trailing slash is dropped: a browser's `Origin` never has one."""
        if isinstance(value, str):
            value = json.loads(value) if value.lstrip().startswith("[") else value.split(",")
        if isinstance(value, list):
            return [item.strip().rstrip("/") if isinstance(item, str) else item for item in value if item != ""]
        return value

    @property
    def is_production(self) -> bool:
        return self.stage == "prod"

    @property
    def secret_references(self) -> Mapping[str, str]:
        """Secret settings given as a reference, with the reference (never the value)."""
        return dict(self._secret_references)

    @property
    def unresolved_secrets(self) -> Mapping[str, str]:
        """Secret settings whose reference could not be read, with the reason (prod only: elsewhere they raise)."""
        return dict(self._unresolved_secrets)

    def database_url_with_password(self) -> str:
        """DATABASE_URL with DATABASE_PASSWORD as its password when that is set, for the engine."""
        if self.database_password is None:
            return self.database_url
        from sqlalchemy.engine import make_url

        url = make_url(self.database_url).set(password=self.database_password)
        return url.render_as_string(hide_password=False)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
