"""Settings of the local stack itself (ports, timer periods), read from the environment.

The application's own settings live in `chalicelib.core.settings`; these only say how
the local stack runs them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[2]
LOCAL_DIR = ROOT / ".local"
PGDATA_DIR = LOCAL_DIR / "pgdata"
LOCAL_DATABASE_NAME = "marketplace"
LOCAL_HOST = "127.0.0.1"
LOCAL_DB_POOL_SIZE = 8


class LocalStackConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LOCAL_", extra="ignore", case_sensitive=False)

    api_port: int = Field(default=8000, ge=1, le=65535, description="Port of the Chalice local API.")
    aws_port: int = Field(default=5050, ge=1, le=65535, description="Port of the moto server (SQS, SES, SNS, S3).")
    web_port: int = Field(default=5173, ge=1, le=65535, description="Port of the built web app (`make run`).")
    sweeper_seconds: float = Field(default=60, gt=0, description="Period of the sweeper schedule.")
    billing_seconds: float = Field(default=3600, gt=0, description="Period of the billing schedule.")

    @property
    def api_url(self) -> str:
        return f"http://{LOCAL_HOST}:{self.api_port}"

    @property
    def web_url(self) -> str:
        return f"http://{LOCAL_HOST}:{self.web_port}"

    @property
    def aws_endpoint_url(self) -> str:
        return f"http://{LOCAL_HOST}:{self.aws_port}"


@lru_cache(maxsize=1)
def get_local_config() -> LocalStackConfig:
    return LocalStackConfig()
