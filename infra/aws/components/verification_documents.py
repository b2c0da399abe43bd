"""Wholesalers' verification documents: a private bucket that browsers upload to with presigned
POSTs (CORS for the SPA's origins) and that nobody reads except through a presigned GET an
admin's request makes (`chalicelib.accounts.document_storage`). No distribution serves it.
"""

from __future__ import annotations

from collections.abc import Sequence

from aws_cdk import Aws, Duration
from aws_cdk import aws_s3 as s3
from constructs import Construct

from infra.aws.components.cdn import private_bucket

VERIFICATION_DOCUMENTS_PREFIX = "verification/"
"""Where `chalicelib.accounts.document_storage` puts the uploads."""


class VerificationDocuments(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, stage: str, access_logs: s3.IBucket) -> None:
        super().__init__(scope, construct_id)
        self.bucket_name = f"marketplace-{stage}-documents-{Aws.ACCOUNT_ID}-{Aws.REGION}"
        """Named, not generated, for the same reason as the images bucket: the SPA's CSP names it."""
        self.bucket = private_bucket(self, "Bucket", access_logs=access_logs, bucket_name=self.bucket_name)

    def allow_uploads_from(self, origins: Sequence[str]) -> None:
        self.bucket.add_cors_rule(
            allowed_methods=[s3.HttpMethods.POST],
            allowed_origins=list(origins),
            allowed_headers=["*"],
            max_age=int(Duration.hours(1).to_seconds()),
        )

    def objects_arn(self) -> str:
        return self.bucket.arn_for_objects(f"{VERIFICATION_DOCUMENTS_PREFIX}*")
