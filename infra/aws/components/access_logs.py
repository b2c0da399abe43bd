"""The bucket that receives the S3 server access logs and the CloudFront access logs."""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_s3 as s3
from constructs import Construct

from infra.aws.nag import suppress

RETENTION = Duration.days(365)


class AccessLogs(Construct):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        self.bucket = s3.Bucket(
            self,
            "Bucket",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
            lifecycle_rules=[s3.LifecycleRule(expiration=RETENTION)],
            removal_policy=RemovalPolicy.RETAIN,
        )
        suppress(
            self.bucket,
            "S1",
            "This bucket is where the other buckets and the CloudFront distributions write their access logs; "
            "logging its own access would log into itself. ACLs stay enabled because CloudFront logging needs them.",
        )
