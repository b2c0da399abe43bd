"""STAGE=prod fails closed at import of every function module, and starts when its secrets are in AWS.

The function modules are imported in a fresh interpreter whose environment is only what each
test gives it (never this run's DATABASE_URL or AWS settings), with `functions` and
`chalicelib` dropped from `sys.modules` before each import, so every module runs the check
as a new Lambda container would. The secrets are served by a moto server on 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from moto.server import ThreadedMotoServer

from chalicelib.core.settings import SECRET_SETTINGS

ROOT = Path(__file__).resolve().parents[2]
FUNCTIONS = sorted(path.stem for path in (ROOT / "functions").glob("*.py") if not path.stem.startswith("_"))
PROCESSES = max(2, min(4, os.cpu_count() or 2))
REGION = "eu-west-1"

DEFAULTS_REFUSED_IN_PROD = {
    "PAYMENT_PROVIDERS_ENABLED",
    "JWT_SECRET",
    "FIELD_ENCRYPTION_KEY",
    "MPESA_WEBHOOK_TOKEN",
    "MTN_MOMO_WEBHOOK_TOKEN",
    "SPA_URL",
    "CORS_ALLOWED_ORIGINS",
    "MPESA_CONSUMER_KEY",
    "MPESA_CONSUMER_SECRET",
    "MPESA_PASSKEY",
    "MTN_MOMO_SUBSCRIPTION_KEY",
    "MTN_MOMO_API_USER",
    "MTN_MOMO_API_KEY",
    "PAYMENTS_CALLBACK_BASE_URL",
    "MPESA_BASE_URL",
    "MTN_MOMO_TARGET_ENVIRONMENT",
    "MTN_MOMO_BASE_URL",
    "MTN_MOMO_CURRENCY",
    "DATABASE_URL",
}

APP_SECRET = "soko/prod/app"
SECRETS = {
    "jwt_secret": "prod-jwt-" + "x" * 40,
    "field_encryption_key": Fernet.generate_key().decode(),
    "database_password": "db password with @ and /",
    "mpesa_webhook_token": "mpesa-webhook-token-prod-0001",
    "mtn_momo_webhook_token": "momo-webhook-token-prod-0001",
    "mpesa_consumer_key": "daraja-consumer-key",
    "mpesa_consumer_secret": "daraja-consumer-secret",
    "mpesa_passkey": "daraja-passkey",
    "mtn_momo_subscription_key": "momo-subscription-key",
    "mtn_momo_api_user": "6f0f3bb4-3e2c-4d7b-9a1e-0d6c1f1b2a3c",
}
MTN_MOMO_API_KEY_PARAMETER = "/soko/prod/mtn-momo-api-key"
MTN_MOMO_API_KEY = "momo-api-key-from-parameter-store"

# Imports each named function module as a new container would, and reports what happened.
PROBE = """
import hashlib, importlib, json, sys

def forget_the_application():
    for name in list(sys.modules):
        if name == "app" or name.split(".")[0] in ("functions", "chalicelib"):
            del sys.modules[name]

report = {"imports": {}, "secrets": None}
for name in sys.argv[1:]:
    forget_the_application()
    try:
        module = importlib.import_module("functions." + name)
    except Exception as exc:
        problems = getattr(exc, "problems", None)
        settings = None if problems is None else sorted(problem.setting for problem in problems)
        report["imports"][name] = {"error": type(exc).__name__, "settings": settings, "message": str(exc)[-2000:]}
    else:
        entry = "app" if hasattr(module, "app") else "handler" if hasattr(module, "handler") else None
        report["imports"][name] = {"entry": entry}
        from chalicelib.core.settings import SECRET_SETTINGS, get_settings
        settings = get_settings()
        values = {field: getattr(settings, field) for field in SECRET_SETTINGS}
        values["engine_url"] = settings.database_url_with_password()
        report["secrets"] = {field: hashlib.sha256(str(value).encode()).hexdigest() for field, value in values.items()}
print(json.dumps(report))
"""


def clean_environment(**variables: str) -> dict[str, str]:
    """Only what a Lambda of the test's making would have: no setting of this test run leaks in."""
    return {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1", **variables}


def import_functions(env: dict[str, str]) -> dict[str, Any]:
    """Every function module's import outcome, and the secrets the settings hold after the last
    clean import (the same in every process). The modules are shared among a few processes."""
    shares = [FUNCTIONS[index::PROCESSES] for index in range(PROCESSES)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", PROBE, *share],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        for share in shares
    ]
    reports = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=180)
        assert process.returncode == 0, stderr[-4000:]
        reports.append(json.loads(stdout.splitlines()[-1]))
    secrets = [report["secrets"] for report in reports if report["secrets"] is not None]
    assert all(read == secrets[0] for read in secrets)
    imports = {name: outcome for report in reports for name, outcome in report["imports"].items()}
    return {"imports": imports, "secrets": secrets[0] if secrets else None}


def check_config(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "infra.local", "check-config", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    """A moto server holding the production secrets: a JSON secret and a SecureString parameter."""
    import boto3

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    credentials = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": REGION}
    try:
        boto3.client("secretsmanager", endpoint_url=endpoint, **credentials).create_secret(
            Name=APP_SECRET, SecretString=json.dumps(SECRETS)
        )
        boto3.client("ssm", endpoint_url=endpoint, **credentials).put_parameter(
            Name=MTN_MOMO_API_KEY_PARAMETER, Value=MTN_MOMO_API_KEY, Type="SecureString"
        )
        yield endpoint
    finally:
        server.stop()


def production_environment(endpoint: str, **changes: str) -> dict[str, str]:
    """A correct production configuration: every secret a reference into the moto server."""
    variables = {
        "STAGE": "prod",
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "SPA_URL": "https://app.soko.example",
        "CORS_ALLOWED_ORIGINS": "https://app.soko.example",
        "DATABASE_URL": "postgresql+psycopg://marketplace@db.soko.internal:5432/marketplace",
        "PAYMENT_PROVIDERS_ENABLED": '["mpesa", "mtn_momo"]',
        "PAYMENTS_CALLBACK_BASE_URL": "https://api.soko.example",
        "MPESA_BASE_URL": "https://api.safaricom.co.ke",
        "MTN_MOMO_BASE_URL": "https://proxy.momoapi.mtn.com",
        "MTN_MOMO_TARGET_ENVIRONMENT": "mtnkenya",
        "MTN_MOMO_CURRENCY": "KES",
        **{name.upper(): f"secretsmanager:{APP_SECRET}#{name}" for name in SECRETS},
        "MTN_MOMO_API_KEY": f"ssm:{MTN_MOMO_API_KEY_PARAMETER}",
    }
    return clean_environment(**{**variables, **changes})


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def test_every_lambda_of_the_wiring_is_covered():
    assert {"auth", "admin", "catalog", "account", "checkout", "payment_webhooks", "system"} <= set(FUNCTIONS)
    assert {"notifications", "sweeper", "billing"} <= set(FUNCTIONS)


def test_every_function_module_refuses_prod_with_the_default_settings():
    report = import_functions(clean_environment(STAGE="prod"))

    assert set(report["imports"]) == set(FUNCTIONS)
    for name, outcome in report["imports"].items():
        assert outcome["error"] == "ConfigurationError", (name, outcome)
        assert set(outcome["settings"]) == DEFAULTS_REFUSED_IN_PROD, name
        assert outcome["message"].startswith("STAGE=prod refuses to start; 19 settings problem(s):")


def test_every_function_module_starts_in_a_correct_prod_with_its_secrets_read_from_aws(moto_endpoint):
    report = import_functions(production_environment(moto_endpoint))

    assert set(report["imports"]) == set(FUNCTIONS)
    for name, outcome in report["imports"].items():
        assert outcome in ({"entry": "app"}, {"entry": "handler"}), (name, outcome)
    expected = {name: sha256(value) for name, value in SECRETS.items()}
    expected["mtn_momo_api_key"] = sha256(MTN_MOMO_API_KEY)
    expected["sandbox_webhook_token"] = sha256("dev-only-sandbox-webhook-token")  # sandbox is off: never used
    expected["engine_url"] = sha256(
        "postgresql+psycopg://marketplace:db password with %40 and %2F@db.soko.internal:5432/marketplace"
    )
    assert set(SECRET_SETTINGS) | {"engine_url"} == set(expected)
    assert report["secrets"] == expected


def test_check_config_lists_every_problem_of_a_default_prod_and_fails():
    completed = check_config(clean_environment(STAGE="dev"), "--stage", "prod")

    assert completed.returncode == 1
    lines = completed.stdout.splitlines()
    assert {line.split(":")[0] for line in lines} == DEFAULTS_REFUSED_IN_PROD
    assert len(lines) == len(DEFAULTS_REFUSED_IN_PROD)
    assert "JWT_SECRET: is the development default; give the production secret" in lines
    assert completed.stderr.strip() == "19 problem(s): a Lambda of stage prod would refuse to start."


def test_check_config_passes_a_correct_prod(moto_endpoint):
    completed = check_config(production_environment(moto_endpoint))

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout == "OK: the settings of stage prod pass every production rule.\n"


def test_check_config_names_a_secret_it_cannot_read(moto_endpoint):
    env = production_environment(
        moto_endpoint, MPESA_PASSKEY="secretsmanager:soko/prod/missing", SPA_URL="http://x.example"
    )

    completed = check_config(env)

    assert completed.returncode == 1
    passkey, spa_url = completed.stdout.splitlines()
    assert passkey.startswith("MPESA_PASSKEY: the secret secretsmanager:soko/prod/missing cannot be read: ")
    assert "ResourceNotFoundException" in passkey
    assert spa_url == "SPA_URL: http://x.example is plain http://; production serves and calls https:// only"


def test_check_config_outside_prod_only_validates():
    completed = check_config(clean_environment(STAGE="prod"), "--stage", "dev")

    assert completed.returncode == 0
    assert completed.stdout == "OK: the settings of stage dev pass validation (the production rules apply to prod).\n"
