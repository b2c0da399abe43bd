"""The external channels: e-mail through SES, SMS through SNS.

Each send returns the provider's message id once the provider accepted the message.
`is_transient` tells a failure worth retrying (throttling, outage, network, our own
configuration being fixed) from a refusal of this message itself (bad address, rejected
content), which no retry will change. Anything unrecognised counts as transient: a retry
that ends in the dead-letter queue loses nothing, a wrong "permanent" would.
"""

from __future__ import annotations

from email.utils import formataddr

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.core import aws
from chalicelib.core.settings import get_settings
from chalicelib.notifications.rendering import Email

PERMANENT_ERROR_CODES = frozenset(
    {
        "MessageRejected",  # SES: this message or recipient refused (sandbox, suppression list)
        "InvalidParameterValue",  # SES: malformed address or content
        "InvalidParameter",  # SNS: malformed phone number or message
        "InvalidParameterException",
        "OptedOutException",
    }
)


def send_email(to_address: str, email: Email) -> str:
    settings = get_settings()
    response = aws.ses().send_email(
        Source=formataddr((settings.platform_name, settings.email_sender)),
        Destination={"ToAddresses": [to_address]},
        Message={
            "Subject": {"Data": email.subject, "Charset": "UTF-8"},
            "Body": {
                "Text": {"Data": email.text, "Charset": "UTF-8"},
                "Html": {"Data": email.html, "Charset": "UTF-8"},
            },
        },
    )
    return str(response["MessageId"])


def send_sms(phone_number: str, text: str) -> str:
    """`phone_number` is E.164 (accounts validates and normalises phones on the way in)."""
    response = aws.sns().publish(
        PhoneNumber=phone_number,
        Message=text,
        MessageAttributes={"AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"}},
    )
    return str(response["MessageId"])


def is_transient(error: Exception) -> bool:
    if isinstance(error, ClientError):
        return error.response.get("Error", {}).get("Code") not in PERMANENT_ERROR_CODES
    return isinstance(error, BotoCoreError)


def error_summary(error: Exception) -> str:
    if isinstance(error, ClientError):
        info = error.response.get("Error", {})
        return f"{info.get('Code')}: {info.get('Message')}"[:500]
    return f"{type(error).__name__}: {error}"[:500]
