"""The AWS edge of the notifications pipeline, under moto: queues, what SES and SNS
received, a Lambda-like SQS poller, and fault injection at the boto3 client.

The poller does what the Lambda event source mapping does: receive up to 10 messages,
hand them to the handler as a real SQS event, delete the ones reported processed, and
make the failed ones visible again (as their visibility timeout would).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from botocore.awsrequest import AWSResponse
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends
from moto.sns.models import sns_backends
from moto.sqs.models import sqs_backends

from chalicelib.core import aws

REGION = "eu-west-1"


class LambdaContext:
    """What the Lambda runtime passes as `context`, enough for our handlers."""

    function_name = "test-function"
    function_version = "$LATEST"
    invoked_function_arn = f"arn:aws:lambda:{REGION}:{DEFAULT_ACCOUNT_ID}:function:test-function"
    memory_limit_in_mb = 512
    aws_request_id = "req-test"
    log_group_name = "/aws/lambda/test-function"
    log_stream_name = "stream"

    def __init__(self, remaining_ms: int = 60_000) -> None:
        self.remaining_ms = remaining_ms

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms


@dataclass
class AwsEdge:
    queue_url: str
    dlq_url: str
    queue_arn: str

    # --- what reached the providers ---------------------------------------------------

    @property
    def emails(self) -> list[Any]:
        return list(ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages)

    def emails_to(self, address: str) -> list[Any]:
        return [m for m in self.emails if address in m.destinations.get("ToAddresses", [])]

    @property
    def sms(self) -> list[tuple[str, str]]:
        return list(sns_backends[DEFAULT_ACCOUNT_ID][REGION].sms_messages.values())

    def queued_bodies(self, queue_url: str | None = None) -> list[dict[str, Any]]:
        """Every message in the queue (visible or not), without receiving it."""
        name = (queue_url or self.queue_url).rsplit("/", 1)[-1]
        queue = sqs_backends[DEFAULT_ACCOUNT_ID][REGION].queues[name]
        return [json.loads(message.body) for message in queue._messages]

    def dead_letters(self) -> list[dict[str, Any]]:
        """DLQ messages with their reason attribute (received, so they stay out of the way)."""
        messages = receive(self.dlq_url, max_messages=10, wait=False)
        return [
            {"body": m["Body"], "reason": m["MessageAttributes"]["failure_reason"]["StringValue"]} for m in messages
        ]

    # --- the Lambda event source mapping ----------------------------------------------

    def poll_once(self, handler: Callable[[dict[str, Any], Any], dict[str, Any]]) -> PollResult:
        messages = receive(self.queue_url, max_messages=10)
        if not messages:
            return PollResult(received=0, response={"batchItemFailures": []})
        event = {"Records": [sqs_record(m, self.queue_arn) for m in messages]}
        response = handler(event, LambdaContext())
        failed = {item["itemIdentifier"] for item in response["batchItemFailures"]}
        sqs = aws.sqs()
        for message in messages:
            if message["MessageId"] in failed:
                sqs.change_message_visibility(
                    QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0
                )
            else:
                sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"])
        return PollResult(
            received=len(messages), response=response, bodies={m["MessageId"]: m["Body"] for m in messages}
        )

    def drain(self, handler: Callable[[dict[str, Any], Any], dict[str, Any]], max_polls: int = 50) -> list[PollResult]:
        results = []
        for _ in range(max_polls):
            result = self.poll_once(handler)
            if result.received == 0:
                break
            results.append(result)
        return results


@dataclass
class PollResult:
    received: int
    response: dict[str, Any]
    bodies: dict[str, str] = field(default_factory=dict)

    @property
    def failed_ids(self) -> list[str]:
        return [item["itemIdentifier"] for item in self.response["batchItemFailures"]]

    @property
    def failed_event_ids(self) -> set[str]:
        return {json.loads(self.bodies[message_id])["event_id"] for message_id in self.failed_ids}


def receive(queue_url: str, *, max_messages: int = 10, wait: bool = False) -> list[dict[str, Any]]:
    response = aws.sqs().receive_message(
        QueueUrl=queue_url,
        MaxNumberOfMessages=max_messages,
        AttributeNames=["All"],
        MessageAttributeNames=["All"],
        VisibilityTimeout=30,
        WaitTimeSeconds=1 if wait else 0,
    )
    return list(response.get("Messages", []))


def sqs_record(message: dict[str, Any], queue_arn: str) -> dict[str, Any]:
    """One record of the event Lambda receives from SQS, built from a received message."""
    attributes = {
        name: {
            "stringValue": value.get("StringValue"),
            "binaryValue": value.get("BinaryValue"),
            "stringListValues": [],
            "binaryListValues": [],
            "dataType": value["DataType"],
        }
        for name, value in message.get("MessageAttributes", {}).items()
    }
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": message.get("Attributes", {}),
        "messageAttributes": attributes,
        "md5OfBody": message["MD5OfBody"],
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": REGION,
    }


def send_raw(queue_url: str, body: str, event_type: str | None = None) -> None:
    attributes = {"event_type": {"DataType": "String", "StringValue": event_type}} if event_type else {}
    aws.sqs().send_message(QueueUrl=queue_url, MessageBody=body, MessageAttributes=attributes)


def queued_event(event_type: str, payload: dict[str, Any], aggregate_type: str = "user") -> str:
    return json.dumps(
        {
            "event_id": str(uuid.uuid4()),
            "event_type": event_type,
            "aggregate_type": aggregate_type,
            "aggregate_id": str(uuid.uuid4()),
            "occurred_at": "2026-11-24T10:00:00+00:00",
            "payload": payload,
        }
    )


class ThrottleOnce:
    """Makes SES answer `Throttling` (as botocore would parse it) to the first SendEmail for
    each of the given addresses; later sends go through to moto. Installed on the very
    client the code uses, before the request is sent: a fault at the AWS edge."""

    def __init__(self, addresses: Iterable[str]) -> None:
        self.pending = set(addresses)
        self.refused: list[str] = []

    def __call__(self, params: dict[str, Any], **_: Any) -> tuple[AWSResponse, dict[str, Any]] | None:
        body = params.get("body") or {}
        to = body.get("Destination.ToAddresses.member.1") if isinstance(body, dict) else None
        if to not in self.pending:
            return None
        self.pending.discard(to)
        self.refused.append(to)
        response = AWSResponse(url=params.get("url", ""), status_code=400, headers={}, raw=None)
        parsed = {
            "Error": {"Code": "Throttling", "Message": "Maximum sending rate exceeded.", "Type": "Sender"},
            "ResponseMetadata": {"HTTPStatusCode": 400},
        }
        return response, parsed

    def install(self) -> None:
        aws.ses().meta.events.register("before-call.ses.SendEmail", self)
