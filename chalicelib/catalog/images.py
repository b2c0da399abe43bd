"""Where a product image is served from: the public URL of a stored key.

`IMAGES_BASE_URL` set (the deployment's images CDN, in front of a private bucket) gives
`<base>/<key>`; else `AWS_ENDPOINT_URL` set (the local moto server) gives path-style
`<endpoint>/<bucket>/<key>`; otherwise the bucket's virtual-hosted S3 URL. Uploads are the
inventory package's (`inventory.images`).
"""

from __future__ import annotations

from urllib.parse import quote

from chalicelib.core.settings import get_settings


def public_url(key: str) -> str:
    settings = get_settings()
    path = quote(key)
    if settings.images_base_url:
        return f"{settings.images_base_url.rstrip('/')}/{path}"
    if settings.aws_endpoint_url:
        return f"{settings.aws_endpoint_url.rstrip('/')}/{settings.images_bucket}/{path}"
    return f"https://{settings.images_bucket}.s3.{settings.aws_region}.amazonaws.com/{path}"
