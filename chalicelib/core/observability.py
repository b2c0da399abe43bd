"""The Powertools logger shared by every Lambda (JSON logs, correlation id = request id).

No line it writes carries a payment webhook token: every record is redacted before its
handlers see it, and the JSON line once more as a whole (`core.log_redaction`).
"""

from __future__ import annotations

import logging

from aws_lambda_powertools import Logger

from chalicelib.core.log_redaction import RedactingFormatter, redact_logger

SERVICE = "marketplace"

logger = Logger(service=SERVICE, logger_formatter=RedactingFormatter())
redact_logger(logging.getLogger(SERVICE))
