"""The handler that writes the field-encryption key once."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.fernet import Fernet

from chalicelib.core.settings import DEPLOY_PLACEHOLDER
from infra.aws.fernet_key import index


def test_a_new_key_is_a_fernet_key() -> None:
    key = index.new_key()

    assert index.is_fernet_key(key)
    assert Fernet(key).decrypt(Fernet(key).encrypt(b"totp")) == b"totp"
    assert index.new_key() != key


@pytest.mark.parametrize("value", [DEPLOY_PLACEHOLDER, "", "a" * 43, "é" * 44, "a" * 44])
def test_anything_else_is_not(value: str) -> None:
    assert not index.is_fernet_key(value)


class FakeSecrets:
    def __init__(self, value: str) -> None:
        self.value = value
        self.puts: list[str] = []

    def get_secret_value(self, SecretId: str) -> dict[str, Any]:
        return {"SecretString": self.value}

    def put_secret_value(self, SecretId: str, SecretString: str) -> None:
        self.puts.append(SecretString)
        self.value = SecretString


@pytest.mark.parametrize("request_type", ["Create", "Update"])
def test_the_placeholder_is_replaced_and_a_valid_key_never(monkeypatch: pytest.MonkeyPatch, request_type: str) -> None:
    secrets = FakeSecrets(DEPLOY_PLACEHOLDER)
    monkeypatch.setattr("boto3.client", lambda service: secrets)
    event = {"RequestType": request_type, "ResourceProperties": {"SecretId": "arn:secret"}}

    index.handler(event, None)
    index.handler(event, None)

    assert len(secrets.puts) == 1
    assert index.is_fernet_key(secrets.value)


def test_delete_leaves_the_secret_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    secrets = FakeSecrets(DEPLOY_PLACEHOLDER)
    monkeypatch.setattr("boto3.client", lambda service: secrets)

    answer = index.handler({"RequestType": "Delete", "ResourceProperties": {"SecretId": "arn:secret"}}, None)

    assert secrets.puts == []
    assert answer == {"PhysicalResourceId": "fernet-key:arn:secret"}
