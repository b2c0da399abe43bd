"""What the public reaches besides the API: the SPA, the product images, the uploads of verification
documents and the e-mail domain."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from aws_cdk import CfnOutput, Stack
from constructs import Construct

from infra.aws.components.access_logs import AccessLogs
from infra.aws.components.email import EmailDomain
from infra.aws.components.images import ProductImages
from infra.aws.components.spa import Spa
from infra.aws.components.verification_documents import VerificationDocuments
from infra.aws.config import StageConfig


class EdgeStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, *, config: StageConfig, **kwargs: Any) -> None:
        super().__init__(scope, construct_id, **kwargs)
        access_logs = AccessLogs(self, "AccessLogs").bucket
        self.images = ProductImages(self, "ProductImages", stage=config.stage, access_logs=access_logs)
        self.documents = VerificationDocuments(
            self, "VerificationDocuments", stage=config.stage, access_logs=access_logs
        )
        self.spa = Spa(
            self,
            "Spa",
            access_logs=access_logs,
            images_bucket=self.images.bucket_name,
            documents_bucket=self.documents.bucket_name,
        )
        self.email = EmailDomain(self, "Email", domain=config.domain)
        self.spa_url = config.spa_url or self.spa.origin
        extra_origins = (_origin_of(config.spa_url),) if config.spa_url else ()
        self.cors_origins = tuple(dict.fromkeys((self.spa.origin, *extra_origins, *config.cors_origins)))
        """The SPA's own origin and the configured ones: the API's CORS and the upload buckets'."""
        self.images.allow_uploads_from(self.cors_origins)
        self.documents.allow_uploads_from(self.cors_origins)

        CfnOutput(self, "SpaUrl", value=self.spa_url)
        CfnOutput(self, "SpaBucket", value=self.spa.bucket.bucket_name)
        CfnOutput(self, "SpaDistributionId", value=self.spa.distribution.distribution_id)
        CfnOutput(self, "ImagesOrigin", value=self.images.origin)


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
