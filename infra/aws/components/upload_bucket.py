"""A private bucket that browsers upload to with presigned POSTs (`chalicelib.core.presigned_uploads`),
with CORS for the SPA's origins. Product images and verification documents each own one."""

from __future__ import annotations

from collections.abc import Sequence

from aws_cdk import Aws, Duration
from aws_cdk import aws_s3 as s3
from constructs import Construct

from infra.aws.components.cdn import private_bucket


class UploadBucket(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, name: str, stage: str, access_logs: s3.IBucket) -> None:
        super().__init__(scope, construct_id)
        self.bucket_name = f"marketplace-{stage}-{name}-{Aws.ACCOUNT_ID}-{Aws.REGION}"
        """Named from the account and region, not generated: the SPA's CSP names it, and the bucket's CORS
        rule names the SPA's distribution, so a generated name would make the two depend on each other."""
        self.bucket = private_bucket(self, "Bucket", access_logs=access_logs, bucket_name=self.bucket_name)

    def allow_uploads_from(self, origins: Sequence[str]) -> None:
        self.bucket.add_cors_rule(
            allowed_methods=[s3.HttpMethods.POST],
            allowed_origins=list(origins),
            allowed_headers=["*"],
            max_age=int(Duration.hours(1).to_seconds()),
        )
