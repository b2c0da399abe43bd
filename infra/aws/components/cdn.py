"""What the SPA's and the images' CloudFront distributions share: a private S3 origin behind
Origin Access Control, HTTPS only, access logs, and the same reasons for the same exceptions."""

from __future__ import annotations

from collections.abc import Sequence

from aws_cdk import RemovalPolicy
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from constructs import Construct

from infra.aws.nag import suppress


def private_bucket(scope: Construct, construct_id: str, *, access_logs: s3.IBucket, **options: object) -> s3.Bucket:
    return s3.Bucket(
        scope,
        construct_id,
        block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
        encryption=s3.BucketEncryption.S3_MANAGED,
        enforce_ssl=True,
        object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        server_access_logs_bucket=access_logs,
        server_access_logs_prefix=f"s3/{construct_id.lower()}/",
        removal_policy=RemovalPolicy.RETAIN,
        **options,  # type: ignore[arg-type]
    )


def s3_distribution(
    scope: Construct,
    construct_id: str,
    *,
    bucket: s3.IBucket,
    access_logs: s3.IBucket,
    headers: cloudfront.IResponseHeadersPolicy,
    comment: str,
    error_responses: Sequence[cloudfront.ErrorResponse] = (),
    default_root_object: str | None = None,
) -> cloudfront.Distribution:
    distribution = cloudfront.Distribution(
        scope,
        construct_id,
        comment=comment,
        default_behavior=cloudfront.BehaviorOptions(
            origin=origins.S3BucketOrigin.with_origin_access_control(bucket),
            viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
            cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
            response_headers_policy=headers,
            compress=True,
        ),
        default_root_object=default_root_object,
        error_responses=list(error_responses),
        price_class=cloudfront.PriceClass.PRICE_CLASS_ALL,
        http_version=cloudfront.HttpVersion.HTTP2_AND_3,
        enable_logging=True,
        log_bucket=access_logs,
        log_file_prefix=f"cloudfront/{construct_id.lower()}/",
    )
    suppress(
        distribution,
        "CFR1",
        f"{comment}: no geo restriction. Retailers and wholesalers sign up from every mobile-money market the "
        "platform serves and travel; country blocking would refuse them while adding no protection to static files.",
    )
    suppress(
        distribution,
        "CFR2",
        f"{comment}: no WAF. It serves static, public files from a private bucket (nothing to inject into, "
        "nothing behind it); a CloudFront WebACL would have to live in us-east-1. The API has its own WebACL.",
    )
    suppress(
        distribution,
        "CFR4",
        f"{comment}: served on its *.cloudfront.net name, whose certificate CloudFront fixes at TLSv1 as the "
        "minimum. A custom domain with an ACM certificate would allow TLSv1.2_2021 and is an operator choice.",
    )
    return distribution
