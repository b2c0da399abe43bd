"""Powertools logger and metrics, shared by every Lambda (JSON logs, EMF metrics)."""

from __future__ import annotations

from aws_lambda_powertools import Logger, Metrics

SERVICE = "marketplace"

logger = Logger(service=SERVICE)
metrics = Metrics(namespace="Marketplace", service=SERVICE)
