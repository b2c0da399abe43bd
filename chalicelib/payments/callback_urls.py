"""Where providers call us back, and the per-provider secret that shows a callback is theirs.

`callback_url` is the URL given to a provider with each collection request (Daraja's
`CallBackURL`, MoMo's `X-Callback-Url`, the sandbox's own callback):

    <PAYMENTS_CALLBACK_BASE_URL>/webhooks/payments/<provider>?token=<token>
    <PAYMENTS_CALLBACK_BASE_URL>/webhooks/payments/mtn_momo/<payment id>/<attempt>?token=<token>

The token travels in the query string (or, from a caller that can set headers, in
`X-Webhook-Token`), never in the path: API Gateway's access logs record the path, and the
log redaction (`core.log_redaction`) removes `token=` values from every line we write.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from chalicelib.core.settings import get_settings

TOKEN_PARAMETER = "token"
TOKEN_HEADER = "X-Webhook-Token"
PATH_REFERENCE_PROVIDERS = frozenset({"mtn_momo"})
"""Providers whose callback does not carry our reference: it goes in the callback's path."""


def webhook_token(provider: str) -> str:
    """The callback secret of `provider` (one of `PROVIDER_NAMES`): its own token, never another
    provider's, so a sandbox token can never pass as a real provider's callback. KeyError for
    any other name."""
    settings = get_settings()
    return {
        "mpesa": settings.mpesa_webhook_token,
        "mtn_momo": settings.mtn_momo_webhook_token,
        "sandbox": settings.sandbox_webhook_token,
    }[provider]


def callback_url(
    base_url: str, provider: str, *, payment_id: uuid.UUID | None = None, attempt: int | None = None
) -> str:
    """The callback URL for `provider`; the payment and attempt go in the path of the providers
    that need them (`PATH_REFERENCE_PROVIDERS`), and are left out for the others."""
    url = f"{base_url.rstrip('/')}/webhooks/payments/{provider}"
    if provider in PATH_REFERENCE_PROVIDERS:
        if payment_id is None or attempt is None:
            raise ValueError(f"a {provider} callback URL names the payment and the attempt")
        url += f"/{payment_id}/{attempt}"
    return f"{url}?{urlencode({TOKEN_PARAMETER: webhook_token(provider)})}"
