"""The SPA: a private bucket behind CloudFront, deep links answered with `index.html`, and
security headers with a Content-Security-Policy on every answer.

The bucket is filled by the SPA's own build (`aws s3 sync frontend/dist s3://<bucket>` and an
invalidation); the stack outputs both names. The CSP lets the app talk to API Gateway in the
stack's region, upload product images straight to the images bucket (presigned POST) and show
them from the images distribution.
"""

from __future__ import annotations

from aws_cdk import Aws, Duration
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_s3 as s3
from constructs import Construct

from infra.aws.components.cdn import private_bucket, s3_distribution

HSTS_MAX_AGE = Duration.seconds(63072000)
"""As the API's Strict-Transport-Security (`chalicelib.core.envelope.SECURITY_HEADERS`)."""


def security_headers(
    scope: Construct, construct_id: str, *, content_security_policy: str, comment: str
) -> cloudfront.ResponseHeadersPolicy:
    return cloudfront.ResponseHeadersPolicy(
        scope,
        construct_id,
        comment=comment,
        security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
            content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                content_security_policy=content_security_policy, override=True
            ),
            content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
            frame_options=cloudfront.ResponseHeadersFrameOptions(
                frame_option=cloudfront.HeadersFrameOption.DENY, override=True
            ),
            referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                referrer_policy=cloudfront.HeadersReferrerPolicy.NO_REFERRER, override=True
            ),
            strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                access_control_max_age=HSTS_MAX_AGE, include_subdomains=True, override=True
            ),
        ),
    )


def spa_content_security_policy(*, images_bucket: str, documents_bucket: str) -> str:
    """Images may come from any CloudFront distribution: naming the images distribution here would make
    the SPA depend on it, while the images bucket's CORS rule depends on the SPA's distribution. The
    browser uploads to the images bucket and the verification documents bucket."""
    upload_origins = " ".join(
        f"https://{bucket}.s3.{Aws.REGION}.amazonaws.com https://{bucket}.s3.amazonaws.com"
        for bucket in (images_bucket, documents_bucket)
    )
    directives = (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https://*.cloudfront.net",
        "font-src 'self'",
        f"connect-src 'self' https://*.execute-api.{Aws.REGION}.amazonaws.com {upload_origins}",
        f"form-action 'self' {upload_origins}",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "upgrade-insecure-requests",
    )
    return "; ".join(directives)


class Spa(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        access_logs: s3.IBucket,
        images_bucket: str,
        documents_bucket: str,
    ) -> None:
        super().__init__(scope, construct_id)
        self.bucket = private_bucket(self, "Site", access_logs=access_logs, versioned=True)
        headers = security_headers(
            self,
            "Headers",
            comment="SPA: security headers and CSP",
            content_security_policy=spa_content_security_policy(
                images_bucket=images_bucket, documents_bucket=documents_bucket
            ),
        )
        deep_link = [
            cloudfront.ErrorResponse(
                http_status=status, response_http_status=200, response_page_path="/index.html", ttl=Duration.seconds(0)
            )
            for status in (403, 404)
        ]
        self.distribution = s3_distribution(
            self,
            "Distribution",
            bucket=self.bucket,
            access_logs=access_logs,
            headers=headers,
            comment="SPA",
            error_responses=deep_link,
            default_root_object="index.html",
        )
        self.origin = f"https://{self.distribution.distribution_domain_name}"
