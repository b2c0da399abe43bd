"""Secret settings kept in AWS, named in the environment by a reference.

A secret setting's environment variable holds either the secret itself (local stacks, tests)
or a reference to where it is kept:

    secretsmanager:soko/prod/jwt               the whole SecretString of a Secrets Manager secret
    secretsmanager:soko/prod/app#jwt_secret    one key of a SecretString that is a JSON object
    ssm:/soko/prod/jwt                         a Parameter Store parameter (SecureString decrypted)

`#key` picks one key of a JSON object for `ssm:` references too. Values are read through
Powertools Parameters, whose cache (`MAX_AGE_SECONDS`) also lets several references into
one secret share a single call. boto3 and Powertools are imported only when a reference is
read, so a container without references never loads them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

Store = Literal["secretsmanager", "ssm"]
STORES: tuple[Store, ...] = ("secretsmanager", "ssm")
MAX_AGE_SECONDS = 300
"""How long Powertools keeps a value it read; settings are read once per container anyway."""

_providers: dict[tuple[Store, str, str | None], Any] = {}


class SecretUnavailable(Exception):
    """A reference that names no readable secret; the message says why, never the value."""


@dataclass(frozen=True)
class SecretReference:
    store: Store
    name: str
    key: str | None = None

    @classmethod
    def parse(cls, value: object) -> SecretReference | None:
        """The reference `value` spells, or None when it is a plain value."""
        if not isinstance(value, str):
            return None
        for store in STORES:
            prefix = f"{store}:"
            if value.startswith(prefix):
                name, separator, key = value[len(prefix) :].partition("#")
                return cls(store=store, name=name, key=key if separator else None)
        return None

    def __str__(self) -> str:
        return f"{self.store}:{self.name}" + (f"#{self.key}" if self.key is not None else "")


def read_secret(reference: SecretReference, *, region: str, endpoint_url: str | None) -> str:
    """The value `reference` points to, read with clients of `region` (and `endpoint_url`, a moto server)."""
    if not reference.name:
        raise SecretUnavailable("the reference names no secret")
    if reference.key == "":
        raise SecretUnavailable("the reference names an empty key after '#'")
    from aws_lambda_powertools.utilities.parameters.exceptions import GetParameterError

    options: dict[str, Any] = {"decrypt": True} if reference.store == "ssm" else {}
    try:
        provider = _provider(reference.store, region=region, endpoint_url=endpoint_url)
        value = provider.get(reference.name, max_age=MAX_AGE_SECONDS, **options)
    except GetParameterError as exc:
        raise SecretUnavailable(str(exc) or type(exc).__name__) from exc
    except ValueError as exc:  # botocore refusing the region or endpoint while building the client
        raise SecretUnavailable(f"no {reference.store} client for {region} ({exc})") from exc
    return _pick(reference, value)


def _pick(reference: SecretReference, value: object) -> str:
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            raise SecretUnavailable("the secret is binary, not text") from None
    if not isinstance(value, str):
        raise SecretUnavailable("the secret has no text value")
    if reference.key is None:
        return value
    try:
        document = json.loads(value)
    except ValueError:
        raise SecretUnavailable(f"the secret is not a JSON object, so it has no key {reference.key!r}") from None
    if not isinstance(document, dict) or reference.key not in document:
        raise SecretUnavailable(f"the secret has no key {reference.key!r}")
    picked = document[reference.key]
    if not isinstance(picked, str):
        raise SecretUnavailable(f"the key {reference.key!r} does not hold text")
    return picked


def _provider(store: Store, *, region: str, endpoint_url: str | None) -> Any:
    """One Powertools provider per store and AWS location, so its cache outlives a settings rebuild."""
    cache_key = (store, region, endpoint_url)
    provider = _providers.get(cache_key)
    if provider is None:
        from aws_lambda_powertools.utilities.parameters import SecretsProvider, SSMProvider

        from chalicelib.core.aws import new_client

        client = new_client(store, region=region, endpoint_url=endpoint_url)
        provider_class = SecretsProvider if store == "secretsmanager" else SSMProvider
        provider = provider_class(boto3_client=client)
        _providers[cache_key] = provider
    return provider


def forget_cached_secrets() -> None:
    """Drop the providers and every value they cached (tests, or to read rotated secrets now)."""
    _providers.clear()
