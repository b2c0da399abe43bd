"""Verification documents in their private S3 bucket: presigned browser uploads and short-lived
download links for the platform staff who review them.

The browser uploads straight to S3 with a presigned POST (`core.presigned_uploads`) of at most
10 MB. Keys are `verification/<business id>/<document id>.<ext>`, so nobody can
overwrite another business's files. Unlike product images, nothing in this bucket is public:
a reviewer reads a file through a presigned GET that expires in minutes.
"""

from __future__ import annotations

import uuid

from chalicelib.core import presigned_uploads
from chalicelib.core.aws import errors as aws_errors
from chalicelib.core.observability import logger
from chalicelib.core.presigned_uploads import PresignedUpload, s3_client
from chalicelib.core.settings import get_settings

EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
DOWNLOAD_TTL_SECONDS = 5 * 60


def new_key(*, business_id: uuid.UUID, document_id: uuid.UUID, content_type: str) -> str:
    return f"verification/{business_id}/{document_id}.{EXTENSIONS[content_type]}"


def presign_upload(*, key: str, content_type: str, size_bytes: int) -> PresignedUpload:
    return presigned_uploads.presign_upload(
        bucket=get_settings().verification_documents_bucket, key=key, content_type=content_type, size_bytes=size_bytes
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
