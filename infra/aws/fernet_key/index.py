"""Custom resource handler (CDK Provider framework): puts a Fernet key into a secret that holds none.

A Fernet key is the urlsafe base64 of 32 random bytes, padding included, which Secrets
Manager's password generator cannot produce. A valid key is never replaced, on any event:
it encrypts data at rest (FIELD_ENCRYPTION_KEY), and a new one would make that data
unreadable. Runs on the Lambda runtime's own boto3.
"""

from __future__ import annotations

import base64
import binascii
import os
from typing import Any

KEY_BYTES = 32


def new_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(KEY_BYTES)).decode("ascii")


def is_fernet_key(value: str) -> bool:
    try:
        return len(base64.urlsafe_b64decode(value.encode("ascii"))) == KEY_BYTES
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return False


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    secret_id = str(event["ResourceProperties"]["SecretId"])
    if event["RequestType"] in ("Create", "Update"):
        import boto3

        client = boto3.client("secretsmanager")
        current = str(client.get_secret_value(SecretId=secret_id).get("SecretString") or "")
        if not is_fernet_key(current):
            client.put_secret_value(SecretId=secret_id, SecretString=new_key())
    return {"PhysicalResourceId": f"fernet-key:{secret_id}"}
