"""The `migrate` Lambda: the onEvent handler of a CloudFormation custom resource (CDK
`custom_resources.Provider`) that brings the database to the migrations' heads at deploy.

`Create` and `Update` run `alembic upgrade heads` with `alembic.ini` and `migrations/`, which
sit next to `functions/` at the root of the bundle, against `DATABASE_URL` (and
`DATABASE_PASSWORD`), and answer the revision(s) the database is then at as `Data.revision`.
`Delete` changes nothing: the database outlives the custom resource. A failed migration
raises, so CloudFormation fails the deploy and rolls it back; Alembic runs all pending
migrations in one transaction, so a failure leaves the schema as it was.

Invoked directly with `{"create_admin": {"email", "full_name", "role"}}` (an operator's
`aws lambda invoke`: the database is not reachable from outside the VPC), it invites a
platform admin or support user instead: the person gets the password-reset e-mail and
chooses their own password (`chalicelib.accounts.platform_staff`). The answer says whether
it was created, or why not; nothing is half-written.

The migrations must run as the application's database role: migration 0013 stores the
application's session settings on the role that runs it (`ALTER ROLE CURRENT_USER ...`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chalicelib.core.observability import lambda_entry, logger

BUNDLE_ROOT = Path(__file__).resolve().parents[1]
CLOUDFORMATION_REQUEST_ID = "RequestId"
PHYSICAL_RESOURCE_ID = "marketplace-database-schema"
"""Always the same: a new id on Update would make CloudFormation delete the old resource."""


def upgrade_to_heads(*, alembic_ini: Path = BUNDLE_ROOT / "alembic.ini") -> str:
    """Runs `alembic upgrade heads`; returns the revisions the database is at, comma-separated."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine, pool

    from chalicelib.core.db import sqlalchemy_url
    from chalicelib.core.settings import get_settings

    config = Config(str(alembic_ini))
    url = sqlalchemy_url(get_settings().database_url_with_password())
    config.attributes["database_url"] = url
    command.upgrade(config, "heads")
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            heads = MigrationContext.configure(connection).get_current_heads()
    finally:
        engine.dispose()
    return ",".join(sorted(heads))


def create_admin(request: object) -> dict[str, Any]:
    """An operator's invitation of a platform user; refusals are answers, not errors."""
    from chalicelib.accounts.errors import EmailTaken
    from chalicelib.accounts.platform_staff import StaffRejected, checked_staff_member, invite_platform_user
    from chalicelib.core.db import unit_of_work

    if not isinstance(request, dict) or not all(isinstance(request.get(k), str) for k in ("email", "full_name")):
        return {"created": False, "reason": "create_admin needs email and full_name (strings) and optionally role"}
    try:
        member = checked_staff_member(
            email=request["email"], full_name=request["full_name"], role=str(request.get("role", "admin"))
        )
        with unit_of_work() as uow:
            user = invite_platform_user(uow.session, member, via="migrate_lambda")
            uow.commit()
    except StaffRejected as exc:
        return {"created": False, "reason": str(exc)}
    except EmailTaken:
        return {"created": False, "reason": "That e-mail address already has an account."}
    logger.info("platform user invited", extra={"user_id": str(user.id), "role": member.role})
    return {"created": True, "user_id": str(user.id), "role": member.role, "password_reset_email_sent_to": member.email}


def on_event(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if "create_admin" in event and "RequestType" not in event:
        return create_admin(event["create_admin"])
    request_type = event.get("RequestType")
    if request_type == "Delete":
        logger.info("schema resource deleted; the database is left as it is")
        return {"PhysicalResourceId": event.get("PhysicalResourceId") or PHYSICAL_RESOURCE_ID}
    if request_type not in ("Create", "Update"):
        raise ValueError(f"unknown RequestType {request_type!r}; expected Create, Update or Delete")
    revision = upgrade_to_heads()
    logger.info("database migrated", extra={"revision": revision, "request_type": request_type})
    return {"PhysicalResourceId": PHYSICAL_RESOURCE_ID, "Data": {"revision": revision}}


handler = lambda_entry(on_event, correlation_id_path=CLOUDFORMATION_REQUEST_ID)
