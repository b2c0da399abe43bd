"""Where a product image is served from: the public URL of a stored key.

`AWS_ENDPOINT_URL` set (the local moto server) gives path-style `<endpoint>/<bucket>/<key>`;
otherwise the bucket's virtual-hosted S3 URL `https://<bucket>.s3.<region>.amazonaws.com/<key>`,
which the deployment serves read-only (bucket policy for `products/*`, or a CloudFront
origin in front of it). Uploads are the inventory package's (`inventory.images`).
"""

from __future__ import annotations

from urllib.parse import quote

from chalicelib.core.settings import get_settings


def public_url(key: str) -> str:
    settings = get_settings()
    path = quote(key)
    if settings.aws_endpoint_url:
        return f"{settings.aws_endpoint_url.rstrip('/')}/{settings.images_bucket}/{path}"
    return f"https://{settings.images_bucket}.s3.{settings.aws_region}.amazonaws.com/{path}"
