"""Product images in S3: presigned browser uploads (`core.presigned_uploads`; their public URLs:
`catalog.images`).

Uploads are at most 5 MB. Keys are `products/<wholesaler id>/<product id>/<random>.<ext>`, so
nobody can overwrite another product's images.
"""

from __future__ import annotations

import uuid

from chalicelib.core import presigned_uploads
from chalicelib.core.presigned_uploads import PresignedUpload
from chalicelib.core.settings import get_settings

EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


def new_key(*, wholesaler_id: uuid.UUID, product_id: uuid.UUID, content_type: str) -> str:
    return f"products/{wholesaler_id}/{product_id}/{uuid.uuid4().hex}.{EXTENSIONS[content_type]}"


def presign_upload(*, key: str, content_type: str, size_bytes: int) -> PresignedUpload:
    return presigned_uploads.presign_upload(
        bucket=get_settings().images_bucket, key=key, content_type=content_type, size_bytes=size_bytes
    )
