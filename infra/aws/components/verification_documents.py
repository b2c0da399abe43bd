"""Wholesalers' verification documents: a private upload bucket (`UploadBucket`) that nobody reads
except through a presigned GET an admin's request makes (`chalicelib.accounts.document_storage`).
No distribution serves it.
"""

from __future__ import annotations

from aws_cdk import aws_s3 as s3
from constructs import Construct

from infra.aws.components.upload_bucket import UploadBucket

VERIFICATION_DOCUMENTS_PREFIX = "verification/"
"""Where `chalicelib.accounts.document_storage` puts the uploads."""


class VerificationDocuments(UploadBucket):
    def __init__(self, scope: Construct, construct_id: str, *, stage: str, access_logs: s3.IBucket) -> None:
        super().__init__(scope, construct_id, name="documents", stage=stage, access_logs=access_logs)

    def objects_arn(self) -> str:
        return self.bucket.arn_for_objects(f"{VERIFICATION_DOCUMENTS_PREFIX}*")
