"""Product images: a private upload bucket (`UploadBucket`), served read-only through their own
CloudFront distribution.

Their own distribution, not a path of the SPA's: the SPA answers unknown paths with
`index.html` and 200, which would turn a missing image into an HTML page.
"""

from __future__ import annotations

from aws_cdk import aws_s3 as s3
from constructs import Construct

from infra.aws.components.cdn import s3_distribution
from infra.aws.components.spa import security_headers
from infra.aws.components.upload_bucket import UploadBucket

PRODUCT_IMAGES_PREFIX = "products/"
"""Where `chalicelib.inventory.images` puts the uploads."""


class ProductImages(UploadBucket):
    def __init__(self, scope: Construct, construct_id: str, *, stage: str, access_logs: s3.IBucket) -> None:
        super().__init__(scope, construct_id, name="images", stage=stage, access_logs=access_logs)
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

    def uploads_arn(self) -> str:
        return self.bucket.arn_for_objects(f"{PRODUCT_IMAGES_PREFIX}*")
