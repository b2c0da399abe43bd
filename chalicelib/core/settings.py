"""One typed settings object, read from the environment once per container.

Every setting, its environment variable and its default is listed in the README.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", case_sensitive=False)

    stage: str = "dev"
    platform_name: str = "Soko Wholesale"
    spa_url: str = "http://127.0.0.1:8000"
    currency: str = "KES"
    default_phone_region: str = "KE"

    database_url: str = "postgresql+psycopg://postgres@127.0.0.1:5432/marketplace"
    db_pool_size: int = Field(default=1, ge=1)
    db_statement_timeout_ms: int = Field(default=10_000, ge=100)
    db_work_mem: str = Field(default="32MB", pattern=r"^[0-9]+(kB|MB|GB)$")
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

    cors_allowed_origins: list[str] = Field(default_factory=lambda: ["http://127.0.0.1:5173"])

    aws_region: str = "eu-west-1"
    aws_endpoint_url: str | None = None
    notifications_queue_url: str | None = None
    email_sender: str = "no-reply@soko.example"
    images_bucket: str = "marketplace-product-images"

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
    reconcile_after_minutes: int = Field(default=3, ge=1, description="Ask the provider about payments pending longer.")
    reconcile_batch_size: int = Field(default=100, ge=1)
    mpesa_base_url: str = "https://sandbox.safaricom.co.ke"
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
    mtn_momo_regions: list[str] = Field(
        default_factory=lambda: ["UG", "GH", "RW", "ZM", "CM", "CI", "BJ", "CG", "GN", "LR", "SZ"],
        description="Countries whose numbers MTN MoMo collections accept.",
    )
    sandbox_callback_delay_seconds: float = Field(default=3.0, ge=0)

    # Billing: subscriptions and the hourly billing run (chalicelib/billing).
    billing_grace_days: int = Field(default=7, ge=0, description="Days after the first failed charge until suspension.")
    billing_batch_size: int = Field(default=500, ge=1, le=5_000, description="Subscriptions per billing transaction.")
    billing_time_margin_ms: int = Field(default=10_000, ge=0, description="Stop billing this long before the timeout.")

    @field_validator("cors_allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str) and not value.startswith("["):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @property
    def is_production(self) -> bool:
        return self.stage == "prod"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
