"""Production fails closed: the settings check every function module runs when it is imported.

With `STAGE=prod`, `ensure_production_ready()` refuses to let the process serve while any rule
below is broken, and names every offending environment variable in one `ConfigurationError`,
so a misconfigured Lambda fails its init instead of taking payments in the sandbox or signing
tokens with a development key. In any other stage the rules are skipped. The same rules back
`python -m infra.local check-config`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from urllib.parse import parse_qs, urlsplit

from pydantic import ValidationError
from pydantic_settings import SettingsError

from chalicelib.core.settings import (
    DEPLOY_PLACEHOLDER,
    SECRET_SETTINGS,
    ConfigurationError,
    ConfigurationProblem,
    Settings,
    get_settings,
)

__all__ = ["ConfigurationError", "ConfigurationProblem", "ensure_production_ready", "production_problems"]

Problem = ConfigurationProblem
Rule = Callable[[Settings], Iterator[Problem]]

DEV_ONLY_MARK = "dev-only"
PROVIDER_CREDENTIALS: dict[str, tuple[str, ...]] = {
    "mpesa": ("mpesa_consumer_key", "mpesa_consumer_secret", "mpesa_passkey"),
    "mtn_momo": ("mtn_momo_subscription_key", "mtn_momo_api_user", "mtn_momo_api_key"),
}
PROVIDER_WEBHOOK_TOKENS = {"mpesa": "mpesa_webhook_token", "mtn_momo": "mtn_momo_webhook_token"}
PROVIDER_CURRENCIES = {"mpesa": "mpesa_currency", "mtn_momo": "mtn_momo_currency"}
MPESA_SANDBOX_HOST = "sandbox.safaricom.co.ke"
MTN_MOMO_SANDBOX_HOST = "sandbox.momodeveloper.mtn.com"
PUBLIC_URLS = ("spa_url", "payments_callback_base_url", "mpesa_base_url", "mtn_momo_base_url", "images_base_url")
REFERENCE_SYNTAX = "secretsmanager:NAME[#KEY] or ssm:/NAME"


def ensure_production_ready() -> None:
    """Build the container's settings and, in prod, refuse to go on while any rule is broken."""
    try:
        settings = get_settings()
    except (ValidationError, SettingsError) as exc:
        raise ConfigurationError("The settings are invalid:", invalid_settings(exc)) from None
    problems = production_problems(settings)
    if problems:
        raise ConfigurationError(f"STAGE=prod refuses to start; {len(problems)} settings problem(s):", problems)


def check_settings(*, stage: str | None = None) -> tuple[Settings | None, list[Problem]]:
    """The settings the environment gives, read as a Lambda would read them (secret references
    too), and their problems; `stage` overrides STAGE. No settings when they cannot be built."""
    try:
        settings = Settings() if stage is None else Settings(stage=stage)
    except (ValidationError, SettingsError) as exc:
        return None, invalid_settings(exc)
    except ConfigurationError as exc:
        return None, list(exc.problems)
    return settings, production_problems(settings)


def production_problems(settings: Settings) -> list[Problem]:
    """Every broken production rule; none outside prod.

    A secret whose reference could not be read, or a setting still holding the placeholder, is
    reported for that alone: what the other rules would say about the stand-in is noise.
    """
    if not settings.is_production:
        return list(stage_in_lambda(settings))
    decisive = [Problem(name.upper(), reason) for name, reason in settings.unresolved_secrets.items()]
    decisive += placeholders(settings)
    named = {problem.setting for problem in decisive}
    return decisive + [problem for rule in RULES for problem in rule(settings) if problem.setting not in named]


def stage_in_lambda(settings: Settings) -> Iterator[Problem]:
    """A Lambda deployed without STAGE would run as `dev` (sandbox on, no rule checked)."""
    if settings.aws_lambda_function_name and "stage" not in settings.model_fields_set:
        yield Problem("STAGE", "is not set in a Lambda; set it (prod for production) so the right rules apply")


def invalid_settings(error: ValidationError | SettingsError) -> list[Problem]:
    """A settings error as problems naming environment variables (never the rejected values)."""
    if isinstance(error, SettingsError):
        field = re.search(r'field "(\w+)"', str(error))
        return [Problem(field.group(1).upper() if field else "SETTINGS", f"cannot be parsed: {error}")]
    return [
        Problem(str(detail["loc"][0]).upper() if detail["loc"] else "SETTINGS", detail["msg"])
        for detail in error.errors(include_url=False, include_input=False)
    ]


def _enabled(settings: Settings, provider: str) -> bool:
    return provider in settings.payment_providers_enabled


def _default(name: str) -> object:
    return Settings.model_fields[name].get_default(call_default_factory=True)


def sandbox_provider(settings: Settings) -> Iterator[Problem]:
    if _enabled(settings, "sandbox"):
        yield Problem("PAYMENT_PROVIDERS_ENABLED", "enables `sandbox`, which fakes payments; leave it out")


def development_secrets(settings: Settings) -> Iterator[Problem]:
    names = ["jwt_secret", "field_encryption_key"]
    names += [token for provider, token in PROVIDER_WEBHOOK_TOKENS.items() if _enabled(settings, provider)]
    for name in names:
        value = getattr(settings, name)
        if value == _default(name):
            yield Problem(name.upper(), "is the development default; give the production secret")
        elif DEV_ONLY_MARK in value.lower():
            yield Problem(name.upper(), f"is a development value (it contains {DEV_ONLY_MARK!r})")


def field_encryption_key_is_fernet(settings: Settings) -> Iterator[Problem]:
    from cryptography.fernet import Fernet

    try:
        Fernet(settings.field_encryption_key)
    except (ValueError, TypeError):
        yield Problem("FIELD_ENCRYPTION_KEY", "is not a Fernet key (urlsafe base64 of 32 bytes)")


def placeholders(settings: Settings) -> Iterator[Problem]:
    for name in Settings.model_fields:
        if _mentions_placeholder(getattr(settings, name)):
            yield Problem(name.upper(), f"is still the placeholder {DEPLOY_PLACEHOLDER}; set it at deploy")


def _mentions_placeholder(value: object) -> bool:
    if isinstance(value, str):
        return DEPLOY_PLACEHOLDER in value
    if isinstance(value, list | tuple | set):
        return any(_mentions_placeholder(item) for item in value)
    if isinstance(value, dict):
        return any(_mentions_placeholder(key) or _mentions_placeholder(item) for key, item in value.items())
    return False


def https_urls(settings: Settings) -> Iterator[Problem]:
    urls = [(name, getattr(settings, name)) for name in PUBLIC_URLS]
    urls += [("cors_allowed_origins", origin) for origin in settings.cors_allowed_origins]
    for name, url in urls:
        if url is not None and url.lower().startswith("http://"):
            yield Problem(name.upper(), f"{url} is plain http://; production serves and calls https:// only")


def provider_credentials(settings: Settings) -> Iterator[Problem]:
    for provider, names in PROVIDER_CREDENTIALS.items():
        if _enabled(settings, provider):
            for name in names:
                if not getattr(settings, name):
                    yield Problem(name.upper(), f"is not set, but {provider} is enabled")
    mobile_money = any(_enabled(settings, provider) for provider in PROVIDER_CREDENTIALS)
    if mobile_money and not settings.payments_callback_base_url:
        yield Problem("PAYMENTS_CALLBACK_BASE_URL", "is not set, so mobile-money callbacks have nowhere to go")


def vendor_sandboxes(settings: Settings) -> Iterator[Problem]:
    if _enabled(settings, "mpesa") and MPESA_SANDBOX_HOST in settings.mpesa_base_url:
        yield Problem("MPESA_BASE_URL", "points at the Daraja sandbox; use the production API")
    if _enabled(settings, "mtn_momo"):
        if settings.mtn_momo_target_environment == "sandbox":
            yield Problem("MTN_MOMO_TARGET_ENVIRONMENT", "is `sandbox`; use the market's live environment")
        if MTN_MOMO_SANDBOX_HOST in settings.mtn_momo_base_url:
            yield Problem("MTN_MOMO_BASE_URL", "points at the MoMo sandbox; use the production API")


def provider_currencies(settings: Settings) -> Iterator[Problem]:
    for provider, name in PROVIDER_CURRENCIES.items():
        currency = getattr(settings, name)
        if _enabled(settings, provider) and currency != settings.currency:
            yield Problem(name.upper(), f"is {currency}, but CURRENCY is {settings.currency}")


def database_url(settings: Settings) -> Iterator[Problem]:
    if settings.database_url == _default("database_url"):
        yield Problem("DATABASE_URL", "is the local development default")
        return
    url = urlsplit(settings.database_url)
    if url.password or "password" in parse_qs(url.query):
        yield Problem("DATABASE_URL", "has the password written in it; give it in DATABASE_PASSWORD (a reference)")


def literal_secrets(settings: Settings) -> Iterator[Problem]:
    given = settings.model_fields_set
    for name in SECRET_SETTINGS:
        if name in given and name not in settings.secret_references:
            yield Problem(name.upper(), f"is a literal value; in production give a reference ({REFERENCE_SYNTAX})")


RULES: tuple[Rule, ...] = (
    sandbox_provider,
    development_secrets,
    field_encryption_key_is_fernet,
    https_urls,
    provider_credentials,
    vendor_sandboxes,
    provider_currencies,
    database_url,
    literal_secrets,
)
