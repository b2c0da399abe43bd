"""The Powertools logger shared by every Lambda (JSON logs, correlation id = request id)."""

from __future__ import annotations

from aws_lambda_powertools import Logger

SERVICE = "marketplace"

logger = Logger(service=SERVICE)
