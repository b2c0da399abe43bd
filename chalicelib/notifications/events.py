"""The notifications queue consumer's record handler (one SQS record, one unit of work).

`functions/notifications.py` feeds each record of a batch to `handle_record` through
Powertools' `BatchProcessor`; an exception marks only that record failed
(`batchItemFailures`), so SQS redelivers it alone, and after the queue's max receive count
its redrive policy moves it to the dead-letter queue.

A record that can never succeed (unparseable body, unknown event type, bad payload,
broken template) is not retried: it is sent to the dead-letter queue at once with the
reason as a message attribute, logged, and reported as processed so it leaves the main
queue. Without a DLQ configured it is reported failed instead, and the redrive policy
gets it there after a few receives; it never blocks the other records of the batch.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from pydantic import ValidationError

from chalicelib.core import aws
from chalicelib.core.db import unit_of_work
from chalicelib.core.observability import logger
from chalicelib.core.settings import get_settings
from chalicelib.notifications.delivery import deliver_event
from chalicelib.notifications.errors import UndeliverableMessage
from chalicelib.notifications.schemas import QueuedEvent


def parse_message(body: str) -> QueuedEvent:
    try:
        return QueuedEvent.model_validate_json(body)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors()[:5])
        raise UndeliverableMessage(f"unparseable message: {problems}") from exc


def handle_record(record: SQSRecord) -> None:
    try:
        event = parse_message(record.body)
        with unit_of_work() as uow:
            report = deliver_event(uow, event)
    except UndeliverableMessage as exc:
        dead_letter(record, exc.reason)
        return
    logger.info(
        "event delivered",
        extra={"event_id": str(event.event_id), "event_type": event.event_type, **asdict(report)},
    )


def dead_letter(record: SQSRecord, reason: str) -> None:
    """Park a message that no retry can deliver in the DLQ, with why."""
    dlq_url = get_settings().notifications_dlq_url
    log = {"message_id": record.message_id, "reason": reason}
    if not dlq_url:
        logger.error("undeliverable message; no DLQ configured, leaving it to the redrive policy", extra=log)
        raise UndeliverableMessage(reason)
    aws.sqs().send_message(
        QueueUrl=dlq_url,
        MessageBody=record.body or json.dumps(None),
        MessageAttributes={
            "failure_reason": {"DataType": "String", "StringValue": reason[:1000]},
            "source_message_id": {"DataType": "String", "StringValue": record.message_id or "unknown"},
        },
    )
    logger.error("undeliverable message moved to the DLQ", extra=log)
