"""What each Lambda needs beyond what every one of them gets (`environment.common_settings`).

A function's IAM rights, environment variables and network placement follow from its profile
and nothing else, so least privilege is decided here, one line per need, and a module that
`PROFILES` does not name yet gets `FunctionProfile()`: the database and the settings every
function must have (`chalicelib.core.production_check` refuses to start without them), no
queue, no bucket, no provider, no internet. Whether a function serves API routes comes from
`chalicelib.blueprints.FUNCTION_BLUEPRINTS` (`route_table`), not from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FunctionProfile:
    memory_mb: int = 512
    timeout_seconds: int = 29
    """API functions at most 29: API Gateway's integration timeout."""
    calls_payment_providers: bool = False
    """Talks to M-Pesa / MoMo: internet egress through NAT, provider credentials and webhook tokens,
    the providers enabled (the other functions enable none)."""
    publishes_events: bool = False
    """Sends outbox events to the notifications queue (the relay, or the fast path after a commit)."""
    delivers_notifications: bool = False
    """E-mail through SES, SMS through SNS, undeliverable messages to the dead-letter queue."""
    signs_image_uploads: bool = False
    """Presigns product image uploads: s3:PutObject/GetObject on `products/*` of the images bucket."""
    keeps_verification_documents: bool = False
    """Presigns uploads and downloads of verification documents and deletes removed ones:
    s3:PutObject/GetObject/DeleteObject on `verification/*` of the documents bucket."""
    consumes_notifications_queue: bool = False
    schedule_minutes: int | None = None
    runs_migrations: bool = False
    """The `migrate` custom resource handler; bundled with `migrations/` and `alembic.ini`."""
    reads_settings: tuple[str, ...] = ()
    """Plain settings beyond the common ones, by environment variable name."""


PROFILES: dict[str, FunctionProfile] = {
    "auth": FunctionProfile(
        memory_mb=1024,
        publishes_events=True,
        keeps_verification_documents=True,
        reads_settings=("VERIFICATION_DOCUMENTS_BUCKET",),
    ),
    "admin": FunctionProfile(
        calls_payment_providers=True,
        publishes_events=True,
        keeps_verification_documents=True,
        reads_settings=("VERIFICATION_DOCUMENTS_BUCKET",),
    ),
    "catalog": FunctionProfile(
        memory_mb=1024,
        publishes_events=True,
        signs_image_uploads=True,
        reads_settings=("IMAGES_BUCKET", "IMAGES_BASE_URL"),
    ),
    "account": FunctionProfile(calls_payment_providers=True, publishes_events=True, reads_settings=("EMAIL_SENDER",)),
    "checkout": FunctionProfile(memory_mb=1024, calls_payment_providers=True, publishes_events=True),
    "payment_webhooks": FunctionProfile(calls_payment_providers=True, publishes_events=True),
    "system": FunctionProfile(),
    "notifications": FunctionProfile(
        timeout_seconds=60,
        delivers_notifications=True,
        consumes_notifications_queue=True,
        reads_settings=("EMAIL_SENDER",),
    ),
    "sweeper": FunctionProfile(
        timeout_seconds=55, calls_payment_providers=True, publishes_events=True, schedule_minutes=1
    ),
    "billing": FunctionProfile(
        memory_mb=1024,
        timeout_seconds=600,
        calls_payment_providers=True,
        publishes_events=True,
        schedule_minutes=60,
    ),
    "migrate": FunctionProfile(memory_mb=1024, timeout_seconds=600, runs_migrations=True),
}


def profile_of(function: str) -> FunctionProfile:
    return PROFILES.get(function, FunctionProfile())
