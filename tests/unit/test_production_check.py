"""The production settings check, rule by rule, and secret references read from AWS (moto in memory)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from moto import mock_aws
from pydantic import ValidationError
from sqlalchemy.engine import make_url

from chalicelib.core import aws
from chalicelib.core.production_check import check_settings, ensure_production_ready, production_problems
from chalicelib.core.secrets import SecretReference, forget_cached_secrets
from chalicelib.core.settings import SECRET_SETTINGS, ConfigurationError, Settings, get_settings

ROOT = Path(__file__).resolve().parents[2]
REGION = "eu-west-1"
APP_SECRET = "soko/prod/app"
SECRETS = {
    "jwt_secret": "j" * 48,
    "field_encryption_key": Fernet.generate_key().decode(),
    "database_password": "p@ss:/w#rd with spaces",
    "mpesa_webhook_token": "mpesa-token-0123456789",
    "mtn_momo_webhook_token": "momo-token-0123456789",
    "mpesa_consumer_key": "consumer-key",
    "mpesa_consumer_secret": "consumer-secret",
    "mpesa_passkey": "passkey",
    "mtn_momo_subscription_key": "subscription-key",
    "mtn_momo_api_user": "6f0f3bb4-3e2c-4d7b-9a1e-0d6c1f1b2a3c",
}
MTN_MOMO_API_KEY_PARAMETER = "/soko/prod/mtn-momo-api-key"
MTN_MOMO_API_KEY = "momo-api-key-from-parameter-store"
DEV_ONLY_SECRET = "soko/prod/dev-values"
PRODUCTION = {
    "stage": "prod",
    "currency": "KES",
    "spa_url": "https://app.soko.example",
    "cors_allowed_origins": ["https://app.soko.example"],
    "database_url": "postgresql+psycopg://marketplace@db.soko.internal:5432/marketplace",
    "payment_providers_enabled": ["mpesa", "mtn_momo"],
    "payments_callback_base_url": "https://api.soko.example",
    "mpesa_base_url": "https://api.safaricom.co.ke",
    "mpesa_currency": "KES",
    "mtn_momo_base_url": "https://proxy.momoapi.mtn.com",
    "mtn_momo_target_environment": "mtnkenya",
    "mtn_momo_currency": "KES",
    **{name: f"secretsmanager:{APP_SECRET}#{name}" for name in SECRETS},
    "mtn_momo_api_key": f"ssm:{MTN_MOMO_API_KEY_PARAMETER}",
}
LITERAL = "is a literal value; in production give a reference (secretsmanager:NAME[#KEY] or ssm:/NAME)"
DEFAULT = "is the development default; give the production secret"


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No setting comes from the test run's environment; the container's settings are rebuilt after."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="module", autouse=True)
def secrets_in_aws() -> Iterator[None]:
    """The production secrets: one JSON secret in Secrets Manager, one SecureString in Parameter Store.

    Once for the module: the providers (and their boto3 clients) are kept from test to test, as in a container.
    """
    forget_cached_secrets()
    with mock_aws():
        secretsmanager = aws.new_client("secretsmanager", region=REGION, endpoint_url=None)
        secretsmanager.create_secret(Name=APP_SECRET, SecretString=json.dumps(SECRETS))
        secretsmanager.create_secret(Name="soko/prod/jwt", SecretString="w" * 40)
        secretsmanager.create_secret(
            Name=DEV_ONLY_SECRET,
            SecretString=json.dumps({"jwt_secret": "dev-only-but-long-enough-to-pass-validation", "short": "short"}),
        )
        aws.new_client("ssm", region=REGION, endpoint_url=None).put_parameter(
            Name=MTN_MOMO_API_KEY_PARAMETER, Value=MTN_MOMO_API_KEY, Type="SecureString"
        )
        yield
    forget_cached_secrets()


def production(*, without: tuple[str, ...] = (), **overrides: Any) -> Settings:
    values = {name: value for name, value in PRODUCTION.items() if name not in without}
    return Settings(**{**values, **overrides})


def problems_of(settings: Settings) -> list[str]:
    return [str(problem) for problem in production_problems(settings)]


# Secret references


def test_references_are_replaced_by_the_secrets_they_name():
    settings = production()

    assert {name: getattr(settings, name) for name in SECRETS} == SECRETS
    assert settings.mtn_momo_api_key == MTN_MOMO_API_KEY
    assert settings.secret_references["jwt_secret"] == f"secretsmanager:{APP_SECRET}#jwt_secret"
    assert settings.secret_references["mtn_momo_api_key"] == f"ssm:{MTN_MOMO_API_KEY_PARAMETER}"
    assert settings.unresolved_secrets == {}


def test_a_reference_to_a_whole_secret_string_is_that_string():
    settings = production(jwt_secret="secretsmanager:soko/prod/jwt")

    assert settings.jwt_secret == "w" * 40
    assert problems_of(settings) == []


def test_a_short_reference_passes_validation_and_the_secret_it_names_is_validated():
    assert len("secretsmanager:soko/prod/jwt") < 32  # JWT_SECRET needs 32 characters

    with pytest.raises(ValidationError) as refused:
        production(jwt_secret=f"secretsmanager:{DEV_ONLY_SECRET}#short")

    assert [(error["loc"], error["type"]) for error in refused.value.errors()] == [
        (("jwt_secret",), "string_too_short")
    ]
    assert "short" not in str(refused.value).replace("string_too_short", "")  # the value is never echoed


def test_a_plain_value_is_used_as_it_is_outside_prod():
    settings = Settings(jwt_secret="a-local-secret-that-is-long-enough-0123")

    assert settings.jwt_secret == "a-local-secret-that-is-long-enough-0123"
    assert settings.secret_references == {}


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("secretsmanager:soko/prod/jwt", SecretReference("secretsmanager", "soko/prod/jwt")),
        ("secretsmanager:soko/prod/app#jwt_secret", SecretReference("secretsmanager", "soko/prod/app", "jwt_secret")),
        ("ssm:/soko/prod/jwt", SecretReference("ssm", "/soko/prod/jwt")),
        ("dev-only-secret-change-me-please-0123456789", None),
    ],
)
def test_reference_syntax(text, reference):
    assert SecretReference.parse(text) == reference
    if reference is not None:
        assert str(reference) == text


def test_an_unreadable_reference_outside_prod_refuses_the_settings():
    with pytest.raises(ConfigurationError) as refused:
        Settings(stage="dev", jwt_secret="secretsmanager:soko/prod/missing")

    assert [problem.setting for problem in refused.value.problems] == ["JWT_SECRET"]
    assert "JWT_SECRET: the secret secretsmanager:soko/prod/missing cannot be read: " in str(refused.value)
    assert "ResourceNotFoundException" in str(refused.value)


def test_database_password_goes_into_the_engine_url_escaped():
    settings = production()

    url = make_url(settings.database_url_with_password())

    assert url.password == SECRETS["database_password"]
    assert url.render_as_string(hide_password=True) == (
        "postgresql+psycopg://marketplace:***@db.soko.internal:5432/marketplace"
    )
    assert Settings(database_url="postgresql://app@db/m").database_url_with_password() == "postgresql://app@db/m"


# The check


def test_a_correct_production_configuration_has_no_problem():
    assert problems_of(production()) == []


def test_outside_prod_the_check_is_skipped():
    for stage in ("dev", "test", "staging"):
        assert problems_of(Settings(stage=stage)) == []


def test_a_lambda_must_choose_its_stage(monkeypatch):
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "soko-checkout")
    assert problems_of(Settings()) == [
        "STAGE: is not set in a Lambda; set it (prod for production) so the right rules apply"
    ]
    monkeypatch.setenv("STAGE", "staging")
    assert problems_of(Settings()) == []


def test_the_default_settings_in_prod_break_every_rule_at_once():
    assert {problem.setting for problem in production_problems(Settings(stage="prod"))} == {
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


def test_the_sandbox_provider_is_refused():
    settings = production(payment_providers_enabled=["mpesa", "mtn_momo", "sandbox"])

    assert problems_of(settings) == ["PAYMENT_PROVIDERS_ENABLED: enables `sandbox`, which fakes payments; leave it out"]


@pytest.mark.parametrize(
    "name", ["jwt_secret", "field_encryption_key", "mpesa_webhook_token", "mtn_momo_webhook_token"]
)
def test_a_default_secret_is_refused(name):
    assert problems_of(production(without=(name,))) == [f"{name.upper()}: {DEFAULT}"]


def test_a_dev_only_secret_is_refused():
    settings = production(jwt_secret=f"secretsmanager:{DEV_ONLY_SECRET}#jwt_secret")

    assert problems_of(settings) == ["JWT_SECRET: is a development value (it contains 'dev-only')"]


def test_the_webhook_token_of_a_disabled_provider_is_not_checked():
    settings = production(
        without=(
            "mtn_momo_webhook_token",
            "mtn_momo_subscription_key",
            "mtn_momo_api_user",
            "mtn_momo_api_key",
            "mtn_momo_base_url",
            "mtn_momo_target_environment",
            "mtn_momo_currency",
        ),
        payment_providers_enabled=["mpesa"],
    )

    assert problems_of(settings) == []


def test_a_field_encryption_key_that_is_no_fernet_key_is_refused():
    settings = production(field_encryption_key=f"secretsmanager:{DEV_ONLY_SECRET}#jwt_secret")

    assert problems_of(settings) == [
        "FIELD_ENCRYPTION_KEY: is a development value (it contains 'dev-only')",
        "FIELD_ENCRYPTION_KEY: is not a Fernet key (urlsafe base64 of 32 bytes)",
    ]


def test_a_placeholder_is_refused_and_reported_for_that_alone():
    settings = production(
        email_sender="__SET_AT_DEPLOY__",
        spa_url="__SET_AT_DEPLOY__",
        cors_allowed_origins=["https://app.soko.example", "__SET_AT_DEPLOY__"],
    )

    assert problems_of(settings) == [
        "SPA_URL: is still the placeholder __SET_AT_DEPLOY__; set it at deploy",
        "CORS_ALLOWED_ORIGINS: is still the placeholder __SET_AT_DEPLOY__; set it at deploy",
        "EMAIL_SENDER: is still the placeholder __SET_AT_DEPLOY__; set it at deploy",
    ]


def test_a_reference_whose_name_is_the_placeholder_is_refused_without_asking_aws():
    settings = production(jwt_secret="secretsmanager:__SET_AT_DEPLOY__#jwt_secret")

    assert problems_of(settings) == [
        "JWT_SECRET: the secret secretsmanager:__SET_AT_DEPLOY__#jwt_secret cannot be read: "
        "its name is still the placeholder __SET_AT_DEPLOY__"
    ]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"spa_url": "http://app.soko.example"}, "SPA_URL: http://app.soko.example"),
        (
            {"payments_callback_base_url": "HTTP://api.soko.example"},
            "PAYMENTS_CALLBACK_BASE_URL: HTTP://api.soko.example",
        ),
        (
            {"cors_allowed_origins": ["https://app.soko.example", "http://admin.soko.example"]},
            "CORS_ALLOWED_ORIGINS: http://admin.soko.example",
        ),
        ({"mpesa_base_url": "http://api.safaricom.co.ke"}, "MPESA_BASE_URL: http://api.safaricom.co.ke"),
        ({"mtn_momo_base_url": "http://proxy.momoapi.mtn.com"}, "MTN_MOMO_BASE_URL: http://proxy.momoapi.mtn.com"),
    ],
)
def test_a_plain_http_public_url_is_refused(overrides, expected):
    assert problems_of(production(**overrides)) == [
        f"{expected} is plain http://; production serves and calls https:// only"
    ]


@pytest.mark.parametrize(
    "name",
    [
        "mpesa_consumer_key",
        "mpesa_consumer_secret",
        "mpesa_passkey",
        "mtn_momo_subscription_key",
        "mtn_momo_api_user",
        "mtn_momo_api_key",
    ],
)
def test_an_enabled_provider_needs_its_credentials(name):
    provider = "mpesa" if name.startswith("mpesa") else "mtn_momo"

    assert problems_of(production(without=(name,))) == [f"{name.upper()}: is not set, but {provider} is enabled"]


def test_mobile_money_needs_the_callback_base_url():
    assert problems_of(production(without=("payments_callback_base_url",))) == [
        "PAYMENTS_CALLBACK_BASE_URL: is not set, so mobile-money callbacks have nowhere to go"
    ]


def test_pay_on_delivery_alone_needs_no_provider_setting():
    providers = tuple(name for name in PRODUCTION if name.startswith(("mpesa", "mtn_momo")))
    settings = production(without=(*providers, "payments_callback_base_url"), payment_providers_enabled=[])

    assert problems_of(settings) == []


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (
            {"mpesa_base_url": "https://sandbox.safaricom.co.ke"},
            "MPESA_BASE_URL: points at the Daraja sandbox; use the production API",
        ),
        (
            {"mtn_momo_target_environment": "sandbox"},
            "MTN_MOMO_TARGET_ENVIRONMENT: is `sandbox`; use the market's live environment",
        ),
        (
            {"mtn_momo_base_url": "https://sandbox.momodeveloper.mtn.com"},
            "MTN_MOMO_BASE_URL: points at the MoMo sandbox; use the production API",
        ),
    ],
)
def test_an_enabled_provider_pointed_at_its_vendor_sandbox_is_refused(overrides, expected):
    assert problems_of(production(**overrides)) == [expected]


def test_a_provider_collecting_another_currency_is_refused():
    settings = production(mpesa_currency="TZS", without=("mtn_momo_currency",))

    assert problems_of(settings) == [
        "MPESA_CURRENCY: is TZS, but CURRENCY is KES",
        "MTN_MOMO_CURRENCY: is EUR, but CURRENCY is KES",
    ]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"database_url": Settings.model_fields["database_url"].default}, "is the local development default"),
        (
            {"database_url": "postgresql://marketplace:hunter2@db.soko.internal/marketplace"},
            "has the password written in it; give it in DATABASE_PASSWORD (a reference)",
        ),
        (
            {"database_url": "postgresql://marketplace@db.soko.internal/marketplace?password=hunter2"},
            "has the password written in it; give it in DATABASE_PASSWORD (a reference)",
        ),
    ],
)
def test_the_database_url_must_be_set_without_its_password(overrides, expected):
    assert problems_of(production(**overrides)) == [f"DATABASE_URL: {expected}"]


@pytest.mark.parametrize(
    ("name", "value"), [("jwt_secret", "k" * 40), ("mpesa_passkey", "passkey"), ("database_password", "pw")]
)
def test_a_literal_secret_is_refused(name, value):
    assert problems_of(production(**{name: value})) == [f"{name.upper()}: {LITERAL}"]


def test_an_unreadable_reference_is_reported_with_every_other_problem():
    settings = production(
        jwt_secret="secretsmanager:soko/prod/missing",
        mpesa_passkey=f"secretsmanager:{APP_SECRET}#no_such_key",
        mtn_momo_api_key="ssm:/soko/prod/missing",
        spa_url="http://app.soko.example",
    )

    problems = problems_of(settings)

    assert [problem.split(":")[0] for problem in problems] == [
        "JWT_SECRET",
        "MPESA_PASSKEY",
        "MTN_MOMO_API_KEY",
        "SPA_URL",
    ]
    assert problems[0].startswith("JWT_SECRET: the secret secretsmanager:soko/prod/missing cannot be read: ")
    assert "ResourceNotFoundException" in problems[0]
    assert problems[1] == (
        f"MPESA_PASSKEY: the secret secretsmanager:{APP_SECRET}#no_such_key cannot be read: "
        "the secret has no key 'no_such_key'"
    )
    assert problems[2].startswith("MTN_MOMO_API_KEY: the secret ssm:/soko/prod/missing cannot be read: ")
    assert "ParameterNotFound" in problems[2]


# At import: the container's settings


def test_ensure_production_ready_refuses_prod_with_every_problem(monkeypatch):
    monkeypatch.setenv("STAGE", "prod")
    monkeypatch.setenv("PAYMENT_PROVIDERS_ENABLED", '["mpesa", "mtn_momo", "sandbox"]')

    with pytest.raises(ConfigurationError) as refused:
        ensure_production_ready()

    assert len(refused.value.problems) == 19
    assert str(refused.value).splitlines()[0] == "STAGE=prod refuses to start; 19 settings problem(s):"
    assert "  PAYMENT_PROVIDERS_ENABLED: enables `sandbox`, which fakes payments; leave it out" in str(refused.value)


def test_ensure_production_ready_passes_a_correct_prod(monkeypatch):
    for name, value in PRODUCTION.items():
        monkeypatch.setenv(name.upper(), value if isinstance(value, str) else json.dumps(value))

    ensure_production_ready()

    assert get_settings().jwt_secret == SECRETS["jwt_secret"]


def test_ensure_production_ready_does_nothing_outside_prod(monkeypatch):
    monkeypatch.setenv("STAGE", "test")

    ensure_production_ready()

    assert get_settings().jwt_secret == Settings.model_fields["jwt_secret"].default


def test_settings_that_do_not_validate_are_named_without_their_values(monkeypatch):
    monkeypatch.setenv("STAGE", "prod")
    monkeypatch.setenv("JWT_SECRET", "too-short-secret")
    monkeypatch.setenv("PAYMENT_PROVIDERS_ENABLED", "mpesa")

    with pytest.raises(ConfigurationError) as refused:
        ensure_production_ready()

    assert [problem.setting for problem in refused.value.problems] == ["PAYMENT_PROVIDERS_ENABLED"]
    monkeypatch.setenv("PAYMENT_PROVIDERS_ENABLED", '["mpesa"]')
    with pytest.raises(ConfigurationError) as refused:
        ensure_production_ready()
    assert [str(problem) for problem in refused.value.problems] == [
        "JWT_SECRET: String should have at least 32 characters"
    ]
    assert "too-short-secret" not in str(refused.value)


def test_the_chalice_config_holds_nothing_of_a_deployment():
    """Production is deployed by the CDK app (infra/aws): the Chalice config only serves the local
    stack and chalice.test.Client, so it holds no stage but dev, no placeholder and no secret."""
    text = (ROOT / ".chalice" / "config.json").read_text()
    config = json.loads(text)

    assert "__SET_AT_DEPLOY__" not in text
    assert set(config["stages"]) == {"dev"}
    variables = {**config.get("environment_variables", {}), **config["stages"]["dev"].get("environment_variables", {})}
    assert not {name.lower() for name in variables} & set(SECRET_SETTINGS)
    assert "STAGE" not in variables


def test_a_deployment_whose_environment_still_holds_the_placeholder_refuses_to_start(monkeypatch):
    monkeypatch.setenv("STAGE", "prod")
    monkeypatch.setenv("SPA_URL", "__SET_AT_DEPLOY__")
    monkeypatch.setenv("JWT_SECRET", "secretsmanager:__SET_AT_DEPLOY__#jwt_secret")

    settings, problems = check_settings()

    assert settings is not None
    assert {"SPA_URL", "JWT_SECRET"} <= {problem.setting for problem in problems}
