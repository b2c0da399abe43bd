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

    terms_version: str = "2026-01"
    privacy_version: str = "2026-01"

    cors_allowed_origins: list[str] = Field(default_factory=lambda: ["http://127.0.0.1:5173"])

    aws_region: str = "eu-west-1"
    aws_endpoint_url: str | None = None
    notifications_queue_url: str | None = None
    email_sender: str = "no-reply@soko.example"
    images_bucket: str = "marketplace-product-images"

    platform_commission_rate: Decimal = Decimal("0.0250")

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
