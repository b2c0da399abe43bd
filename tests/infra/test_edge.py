"""The SPA and product images behind CloudFront, and the e-mail domain."""

from __future__ import annotations

import json
from typing import Any

from infra.aws.config import PROD
from tests.infra.template_reading import Templates, properties, render, resources


def distributions(templates: Templates) -> dict[str, dict[str, Any]]:
    return {
        properties(distribution)["DistributionConfig"]["Comment"]: properties(distribution)["DistributionConfig"]
        for distribution in resources(templates.edge, "AWS::CloudFront::Distribution").values()
    }


def test_the_spa_answers_deep_links_with_index_html(templates: Templates) -> None:
    spa = distributions(templates)["SPA"]

    assert spa["DefaultRootObject"] == "index.html"
    assert {
        (response["ErrorCode"], response["ResponseCode"], response["ResponsePagePath"])
        for response in spa["CustomErrorResponses"]
    } == {(403, 200, "/index.html"), (404, 200, "/index.html")}
    assert "CustomErrorResponses" not in distributions(templates)["Product images"]


def test_both_distributions_reach_private_buckets_through_origin_access_control(templates: Templates) -> None:
    for config in distributions(templates).values():
        (origin,) = config["Origins"]
        assert "OriginAccessControlId" in origin
        assert origin["S3OriginConfig"] == {"OriginAccessIdentity": ""}
        assert config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"
        assert "Logging" in config
    for bucket in resources(templates.edge, "AWS::S3::Bucket").values():
        assert properties(bucket)["PublicAccessBlockConfiguration"] == {
            "BlockPublicAcls": True,
            "BlockPublicPolicy": True,
            "IgnorePublicAcls": True,
            "RestrictPublicBuckets": True,
        }
        assert "BucketEncryption" in properties(bucket)


def test_the_spa_sends_security_headers_and_a_content_security_policy(templates: Templates) -> None:
    policies = {
        properties(policy)["ResponseHeadersPolicyConfig"]["Comment"]: properties(policy)["ResponseHeadersPolicyConfig"]
        for policy in resources(templates.edge, "AWS::CloudFront::ResponseHeadersPolicy").values()
    }
    headers = policies["SPA: security headers and CSP"]["SecurityHeadersConfig"]
    csp = render(headers["ContentSecurityPolicy"]["ContentSecurityPolicy"])

    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self';" in csp
    assert "https://*.execute-api.<AWS::Region>.amazonaws.com" in csp
    assert "marketplace-prod-images-<AWS::AccountId>-<AWS::Region>.s3" in csp
    assert "marketplace-prod-documents-<AWS::AccountId>-<AWS::Region>.s3" in csp
    assert headers["StrictTransportSecurity"]["AccessControlMaxAgeSec"] == 63072000
    assert headers["FrameOptions"]["FrameOption"] == "DENY"


def test_the_images_bucket_accepts_browser_uploads_from_the_spa_only(templates: Templates) -> None:
    buckets = {
        render(properties(bucket).get("BucketName", "")): properties(bucket)
        for bucket in resources(templates.edge, "AWS::S3::Bucket").values()
    }
    images = buckets["marketplace-prod-images-<AWS::AccountId>-<AWS::Region>"]
    (rule,) = images["CorsConfiguration"]["CorsRules"]

    assert rule["AllowedMethods"] == ["POST"]
    assert [render(origin) for origin in rule["AllowedOrigins"]] == [
        f"https://<{spa_distribution_id(templates)}.DomainName>"
    ]


def test_the_documents_bucket_is_private_and_accepts_browser_uploads_from_the_spa_only(templates: Templates) -> None:
    buckets = {
        render(properties(bucket).get("BucketName", "")): properties(bucket)
        for bucket in resources(templates.edge, "AWS::S3::Bucket").values()
    }
    documents = buckets["marketplace-prod-documents-<AWS::AccountId>-<AWS::Region>"]
    (rule,) = documents["CorsConfiguration"]["CorsRules"]
    distributions = resources(templates.edge, "AWS::CloudFront::Distribution").values()

    assert rule["AllowedMethods"] == ["POST"]
    assert [render(origin) for origin in rule["AllowedOrigins"]] == [
        f"https://<{spa_distribution_id(templates)}.DomainName>"
    ]
    assert documents["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert "documents" not in json.dumps([properties(d) for d in distributions])


def spa_distribution_id(templates: Templates) -> str:
    (found,) = (
        logical_id
        for logical_id, distribution in resources(templates.edge, "AWS::CloudFront::Distribution").items()
        if properties(distribution)["DistributionConfig"]["Comment"] == "SPA"
    )
    return found


def test_the_email_domain_is_the_stage_s(templates: Templates) -> None:
    (identity,) = resources(templates.edge, "AWS::SES::EmailIdentity").values()
    assert properties(identity)["EmailIdentity"] == PROD.domain
