"""Verification documents in their private S3 bucket: presigned browser uploads and short-lived
download links for the platform staff who review them.

The browser uploads straight to S3 with a presigned POST whose policy S3 enforces: the object
key, the declared `Content-Type` and a `content-length-range` from 1 byte to the declared size
(at most 10 MB). Keys are `verification/<business id>/<document id>.<ext>`, so nobody can
overwrite another business's files. Unlike product images, nothing in this bucket is public:
a reviewer reads a file through a presigned GET that expires in minutes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from chalicelib.core.aws import errors as aws_errors
from chalicelib.core.observability import logger
from chalicelib.core.settings import get_settings

EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
UPLOAD_TTL_SECONDS = 15 * 60
DOWNLOAD_TTL_SECONDS = 5 * 60


@dataclass(frozen=True)
class PresignedUpload:
    url: str
    fields: dict[str, str]
    expires_in: int


@lru_cache(maxsize=1)
def s3_client() -> Any:
    """The container's S3 client, built on first use, signing with SigV4 (which every region
    accepts for presigned POSTs); path-style addressing for the local endpoint."""
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


def new_key(*, business_id: uuid.UUID, document_id: uuid.UUID, content_type: str) -> str:
    return f"verification/{business_id}/{document_id}.{EXTENSIONS[content_type]}"


def presign_upload(*, key: str, content_type: str, size_bytes: int) -> PresignedUpload:
    """A POST form for one object (no network call: boto3 signs locally)."""
    post = s3_client().generate_presigned_post(
        Bucket=get_settings().verification_documents_bucket,
        Key=key,
        Fields={"Content-Type": content_type},
        Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, size_bytes]],
        ExpiresIn=UPLOAD_TTL_SECONDS,
    )
    return PresignedUpload(
        url=post["url"], fields={k: str(v) for k, v in post["fields"].items()}, expires_in=UPLOAD_TTL_SECONDS
    )


def delete_file(key: str) -> None:
    """Deletes an uploaded file. A failure is logged, not raised: the document's row is gone, so
    nothing links to the file any more and nobody can get a link to read it."""
    try:
        s3_client().delete_object(Bucket=get_settings().verification_documents_bucket, Key=key)
    except aws_errors() as exc:
        logger.warning("verification document file not deleted", extra={"key": key, "error": str(exc)})


def download_url(*, key: str, filename: str) -> str:
    """A link that serves the file as an attachment named `filename` for a few minutes."""
    safe_name = filename.encode("ascii", "replace").decode().replace('"', "").replace("\\", "")
    url: str = s3_client().generate_presigned_url(
        "get_object",
        Params={
            "Bucket": get_settings().verification_documents_bucket,
            "Key": key,
            "ResponseContentDisposition": f'attachment; filename="{safe_name}"',
        },
        ExpiresIn=DOWNLOAD_TTL_SECONDS,
    )
    return url
