"""The `notifications` Lambda: consumes the notifications SQS queue with partial batch failures.

A plain Lambda handler (Chalice's `on_sqs_message` cannot report partial failures); its event
source mapping, with `ReportBatchItemFailures`, is declared in `infra/aws`. The response is
always `{"batchItemFailures": [...]}`, even when every record failed, which SQS treats
exactly like an error for the whole batch.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

from chalicelib.core.observability import lambda_entry
from chalicelib.notifications.events import handle_record

processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)


def consume_batch(event: dict[str, Any], context: Any) -> dict[str, Any]:
    response = process_partial_response(event=event, record_handler=handle_record, processor=processor, context=context)
    return dict(response)


handler = lambda_entry(consume_batch)
