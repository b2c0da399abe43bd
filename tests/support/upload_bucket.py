"""An upload bucket in moto, for the tests of presigned uploads (`chalicelib.core.presigned_uploads`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from moto import mock_aws

from chalicelib.core.presigned_uploads import s3_client


@contextmanager
def mocked_upload_bucket(bucket: str) -> Iterator[None]:
    """`bucket` exists in a mocked S3 for the duration; the S3 client is rebuilt on both sides, so
    neither this test nor the next signs with a client made outside the mock."""
    s3_client.cache_clear()
    with mock_aws():
        s3_client().create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        yield
    s3_client.cache_clear()
