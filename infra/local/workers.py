"""Background workers of the local stack: the SQS poller and the schedule timers.

Each worker imports its Lambda module (`functions.<name>`) when it starts; if that module
does not exist yet, the worker logs once that it is disabled and stops. A handler that
raises is logged and the worker carries on, as Lambda would retry.
"""

from __future__ import annotations

import importlib
import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from infra.local.lambda_events import LambdaContext, scheduled_event, sqs_event

log = logging.getLogger("infra.local.workers")

Handler = Callable[[dict[str, Any], Any], Any]

SQS_BATCH_SIZE = 10
SQS_WAIT_SECONDS = 2  # short long-poll, so Ctrl-C stops the poller quickly
READY_TIMEOUT_SECONDS = 60


def load_handler(module_name: str) -> Handler | None:
    """`module_name.handler`, or None when the module (or its package) does not exist."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        parents = {module_name.rsplit(".", depth)[0] for depth in range(module_name.count(".") + 1)}
        if exc.name in parents:
            return None
        raise
    handler = getattr(module, "handler", None)
    if not callable(handler):
        raise TypeError(f"{module_name} has no callable `handler`")
    return handler  # type: ignore[no-any-return]


class Worker(threading.Thread, ABC):
    """A daemon thread that resolves its handler first and reports whether it runs."""

    def __init__(self, *, name: str, module_name: str, stop: threading.Event) -> None:
        super().__init__(name=name, daemon=True)
        self.module_name = module_name
        self.stop = stop
        self.ready = threading.Event()
        self.status = "starting"

    def run(self) -> None:
        try:
            handler = load_handler(self.module_name)
        except Exception:
            log.exception("%s: importing %s failed; worker disabled", self.name, self.module_name)
            handler = None
            self.status = f"disabled ({self.module_name} failed to import)"
        else:
            if handler is None:
                log.warning("%s: %s does not exist yet; worker disabled", self.name, self.module_name)
                self.status = f"disabled ({self.module_name} does not exist yet)"
            else:
                self.status = self.describe()
        self.ready.set()
        if handler is not None:
            self.work(handler)

    @abstractmethod
    def describe(self) -> str: ...

    @abstractmethod
    def work(self, handler: Handler) -> None: ...


class QueuePoller(Worker):
    """Long-polls an SQS queue and delivers each batch as a Lambda SQS event; deletes the
    records the handler did not report in `batchItemFailures`."""

    def __init__(
        self,
        *,
        stop: threading.Event,
        module_name: str,
        queue_url: str,
        queue_arn: str,
        region: str,
        endpoint_url: str,
        timeout_seconds: int = 60,
    ) -> None:
        super().__init__(name=f"{module_name.rsplit('.', 1)[-1]}-poller", module_name=module_name, stop=stop)
        self.queue_url = queue_url
        self.queue_arn = queue_arn
        self.region = region
        self.endpoint_url = endpoint_url
        self.timeout_seconds = timeout_seconds

    def describe(self) -> str:
        return f"polling {self.queue_arn.rsplit(':', 1)[-1]} -> {self.module_name}.handler"

    def work(self, handler: Handler) -> None:
        sqs: Any = boto3.session.Session().client("sqs", region_name=self.region, endpoint_url=self.endpoint_url)
        while not self.stop.is_set():
            try:
                messages = sqs.receive_message(
                    QueueUrl=self.queue_url,
                    MaxNumberOfMessages=SQS_BATCH_SIZE,
                    WaitTimeSeconds=SQS_WAIT_SECONDS,
                    MessageSystemAttributeNames=["All"],
                    MessageAttributeNames=["All"],
                ).get("Messages", [])
            except (BotoCoreError, ClientError):
                if not self.stop.is_set():
                    log.exception("%s: receiving from SQS failed", self.name)
                    self.stop.wait(SQS_WAIT_SECONDS)
                continue
            if messages:
                self._deliver(sqs, handler, messages)

    def _deliver(self, sqs: Any, handler: Handler, messages: list[dict[str, Any]]) -> None:
        event = sqs_event(messages, queue_arn=self.queue_arn, region=self.region)
        context = LambdaContext(
            function_name=self.module_name.rsplit(".", 1)[-1], region=self.region, timeout_seconds=self.timeout_seconds
        )
        try:
            result = handler(event, context)
        except Exception:
            log.exception("%s: the handler raised; the %d messages will be retried", self.name, len(messages))
            return
        failed = _failed_message_ids(result)
        done = [message for message in messages if message["MessageId"] not in failed]
        if failed:
            log.warning("%s: %d of %d messages failed and will be retried", self.name, len(failed), len(messages))
        if done:
            response = sqs.delete_message_batch(
                QueueUrl=self.queue_url,
                Entries=[{"Id": str(index), "ReceiptHandle": m["ReceiptHandle"]} for index, m in enumerate(done)],
            )
            for failure in response.get("Failed", []):
                log.warning("%s: could not delete a message: %s", self.name, failure.get("Message"))


def _failed_message_ids(result: Any) -> set[str]:
    if not isinstance(result, dict):
        return set()
    return {
        str(item["itemIdentifier"])
        for item in result.get("batchItemFailures") or []
        if isinstance(item, dict) and item.get("itemIdentifier")
    }


class ScheduleTimer(Worker):
    """Fires an EventBridge "Scheduled Event" at a handler every `period_seconds` (the first
    one after one period, like a rate() rule)."""

    def __init__(
        self,
        *,
        stop: threading.Event,
        module_name: str,
        rule_name: str,
        period_seconds: float,
        region: str,
        timeout_seconds: int = 300,
    ) -> None:
        super().__init__(name=f"{module_name.rsplit('.', 1)[-1]}-timer", module_name=module_name, stop=stop)
        self.rule_name = rule_name
        self.period_seconds = period_seconds
        self.region = region
        self.timeout_seconds = timeout_seconds

    def describe(self) -> str:
        return f"every {self.period_seconds:g} s -> {self.module_name}.handler"

    def work(self, handler: Handler) -> None:
        while not self.stop.wait(self.period_seconds):
            event = scheduled_event(rule_name=self.rule_name, region=self.region)
            context = LambdaContext(
                function_name=self.module_name.rsplit(".", 1)[-1],
                region=self.region,
                timeout_seconds=self.timeout_seconds,
            )
            try:
                handler(event, context)
            except Exception:
                log.exception("%s: the handler raised; next run in %g s", self.name, self.period_seconds)


def start_workers(workers: list[Worker]) -> None:
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.ready.wait(READY_TIMEOUT_SECONDS)


def join_workers(workers: list[Worker], timeout_seconds: float = 30) -> None:
    for worker in workers:
        if worker.is_alive():
            worker.join(timeout_seconds)
            if worker.is_alive():
                log.warning("%s did not stop within %g s", worker.name, timeout_seconds)
