"""Product images: a private bucket that browsers upload to with presigned POSTs (CORS for the
SPA's origins), served read-only through their own CloudFront distribution.

Their own distribution, not a path of the SPA's: the SPA answers unknown paths with
`index.html` and 200, which would turn a missing image into an HTML page.
"""

from __future__ import annotations

from collections.abc import Sequence

from aws_cdk import Aws, Duration
from aws_cdk import aws_s3 as s3
from constructs import Construct

from infra.aws.components.cdn import private_bucket, s3_distribution
from infra.aws.components.spa import security_headers

PRODUCT_IMAGES_PREFIX = "products/"
"""Where `chalicelib.inventory.images` puts the uploads."""


class ProductImages(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, stage: str, access_logs: s3.IBucket) -> None:
        super().__init__(scope, construct_id)
        self.bucket_name = f"marketplace-{stage}-images-{Aws.ACCOUNT_ID}-{Aws.REGION}"
        """Named from the account and region, not generated: the SPA's CSP names it, and the bucket's CORS
        rule names the SPA's distribution, so a generated name would make the two depend on each other."""
        self.bucket = private_bucket(self, "Bucket", access_logs=access_logs, bucket_name=self.bucket_name)
        headers = security_headers(
            self,
            "Headers",
            comment="Product images: security headers",
            content_security_policy="default-src 'none'; img-src 'self'; frame-ancestors 'none'",
        )
        self.distribution = s3_distribution(
            self, "Distribution", bucket=self.bucket, access_logs=access_logs, headers=headers, comment="Product images"
        )
        self.origin = f"https://{self.distribution.distribution_domain_name}"

    def allow_uploads_from(self, origins: Sequence[str]) -> None:
        self.bucket.add_cors_rule(
            allowed_methods=[s3.HttpMethods.POST],
            allowed_origins=list(origins),
            allowed_headers=["*"],
            max_age=int(Duration.hours(1).to_seconds()),
        )

    def uploads_arn(self) -> str:
        return self.bucket.arn_for_objects(f"{PRODUCT_IMAGES_PREFIX}*")
