"""The local AWS: a moto server on 127.0.0.1 and the resources the application expects.

Moto keeps its state in memory, so the queues, bucket and SES identity are created
afresh on every run.
"""

from __future__ import annotations

import json
import logging
import os
import socket
from dataclasses import dataclass
from typing import Any

import boto3
from moto.server import ThreadedMotoServer

from chalicelib.core.settings import Settings
from infra.local.config import LOCAL_HOST
from infra.local.sent_messages import stamp_send_times

log = logging.getLogger("infra.local.aws")

LOCAL_CREDENTIALS = "local"
NOTIFICATIONS_QUEUE = "notifications"
NOTIFICATIONS_DLQ = "notifications-dlq"
NOTIFICATIONS_MAX_RECEIVE_COUNT = 5
NOTIFICATIONS_VISIBILITY_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class LocalAws:
    endpoint_url: str
    region: str
    notifications_queue_url: str
    notifications_queue_arn: str
    notifications_dlq_url: str


def ensure_port_free(port: int, what: str) -> None:
    """Fail fast with a clear message instead of a server thread that never starts."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((LOCAL_HOST, port))
        except OSError as exc:
            raise RuntimeError(f"{what} cannot listen on {LOCAL_HOST}:{port}: {exc.strerror}") from exc


def use_local_aws_environment(endpoint_url: str, region: str) -> None:
    """Every boto3 client in this process (and the handlers it runs) talks to moto, never AWS."""
    os.environ["AWS_ENDPOINT_URL"] = endpoint_url
    os.environ["AWS_ACCESS_KEY_ID"] = LOCAL_CREDENTIALS
    os.environ["AWS_SECRET_ACCESS_KEY"] = LOCAL_CREDENTIALS
    os.environ.pop("AWS_SESSION_TOKEN", None)
    os.environ.pop("AWS_PROFILE", None)
    os.environ["AWS_DEFAULT_REGION"] = region
    os.environ["AWS_REGION"] = region


def start_moto(port: int) -> ThreadedMotoServer:
    ensure_port_free(port, "The moto server")
    stamp_send_times()
    for noisy in ("werkzeug", "moto"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address=LOCAL_HOST, port=port, verbose=False)
    server.start()
    return server


def _public_read_policy(bucket: str) -> str:
    """Product images are public (CloudFront serves them in production); the browser fetches
    them from moto without credentials, which moto refuses unless a policy allows it. The
    verification documents bucket stays private: admins read it through presigned links."""
    statement = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*"}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def create_resources(settings: Settings, endpoint_url: str) -> LocalAws:
    """The notifications queue (+ dead-letter queue), the verified sender, the images and the
    verification documents buckets."""
    region = settings.aws_region
    sqs: Any = boto3.client("sqs", region_name=region, endpoint_url=endpoint_url)
    dlq_url = sqs.create_queue(QueueName=NOTIFICATIONS_DLQ)["QueueUrl"]
    dlq_arn = _queue_arn(sqs, dlq_url)
    queue_url = sqs.create_queue(
        QueueName=NOTIFICATIONS_QUEUE,
        Attributes={
            "VisibilityTimeout": str(NOTIFICATIONS_VISIBILITY_TIMEOUT_SECONDS),
            "RedrivePolicy": json.dumps(
                {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(NOTIFICATIONS_MAX_RECEIVE_COUNT)}
            ),
        },
    )["QueueUrl"]

    ses: Any = boto3.client("ses", region_name=region, endpoint_url=endpoint_url)
    ses.verify_email_identity(EmailAddress=settings.email_sender)
    ses.verify_domain_identity(Domain=settings.email_sender.rsplit("@", 1)[-1])

    s3: Any = boto3.client("s3", region_name=region, endpoint_url=endpoint_url)
    for name in (settings.images_bucket, settings.verification_documents_bucket):
        bucket: dict[str, Any] = {"Bucket": name}
        if region != "us-east-1":
            bucket["CreateBucketConfiguration"] = {"LocationConstraint": region}
        s3.create_bucket(**bucket)
    s3.put_bucket_policy(Bucket=settings.images_bucket, Policy=_public_read_policy(settings.images_bucket))

    log.info(
        "Created SQS %s (+ %s), SES sender %s, S3 buckets %s and %s",
        NOTIFICATIONS_QUEUE,
        NOTIFICATIONS_DLQ,
        settings.email_sender,
        settings.images_bucket,
        settings.verification_documents_bucket,
    )
    return LocalAws(
        endpoint_url=endpoint_url,
        region=region,
        notifications_queue_url=queue_url,
        notifications_queue_arn=_queue_arn(sqs, queue_url),
        notifications_dlq_url=dlq_url,
    )


def _queue_arn(sqs: Any, queue_url: str) -> str:
    attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]
    return str(attributes["QueueArn"])
