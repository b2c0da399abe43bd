"""Presigned S3 POSTs: the browser uploads one object straight to a bucket, under a policy S3
itself enforces (the object key, the exact `Content-Type` declared, and a
`content-length-range` from 1 byte to the declared size).

Product images and verification documents both upload this way; each decides its bucket, its
keys and its allowed types.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from chalicelib.core.settings import get_settings

UPLOAD_TTL_SECONDS = 15 * 60


@dataclass(frozen=True)
class PresignedUpload:
    key: str
    url: str
    fields: dict[str, str]
    expires_in: int


@lru_cache(maxsize=1)
def s3_client() -> Any:
    """The container's S3 client, built on first use. Its own (not `core.aws.client`)
    because presigned POSTs must be signed with SigV4, which every region accepts (SigV2,
    botocore's default for presigned POSTs, is refused by regions such as af-south-1);
    path-style addressing for the local endpoint. `s3_client.cache_clear()` forgets it."""
    import boto3
    from botocore.config import Config

    settings = get_settings()
    config = Config(
        region_name=settings.aws_region,
        signature_version="s3v4",
        s3={"addressing_style": "path" if settings.aws_endpoint_url else "virtual"},
        retries={"mode": "standard", "max_attempts": 3},
    )
    return boto3.session.Session().client("s3", endpoint_url=settings.aws_endpoint_url, config=config)


def presign_upload(*, bucket: str, key: str, content_type: str, size_bytes: int) -> PresignedUpload:
    """A POST form for one object (no network call: boto3 signs locally)."""
    post = s3_client().generate_presigned_post(
        Bucket=bucket,
        Key=key,
        Fields={"Content-Type": content_type},
        Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, size_bytes]],
        ExpiresIn=UPLOAD_TTL_SECONDS,
    )
    return PresignedUpload(
        key=key, url=post["url"], fields={k: str(v) for k, v in post["fields"].items()}, expires_in=UPLOAD_TTL_SECONDS
    )
