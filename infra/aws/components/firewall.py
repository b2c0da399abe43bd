"""The API's WebACL: per-IP rate limits on /auth (credential stuffing, reset floods) and on
/webhooks (token guessing), answered 429 in the API's error envelope.

The WebACL sees the stage in the path of the execute-api URL (`/api/auth/...`) and not behind a
custom domain's base path mapping, so the patterns accept both. No WAF logging: a logged request
would carry the full URI, and the callback URIs hold the webhook tokens; the rules' CloudWatch
metrics are on.
"""

from __future__ import annotations

import json

from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

from chalicelib.core.errors import error_body

RATE_WINDOW_SECONDS = 300
TOO_MANY_REQUESTS = "too_many_requests"


class ApiFirewall(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        name: str,
        stage_arn: str,
        stage_name: str,
        auth_limit: int,
        webhook_limit: int,
    ) -> None:
        super().__init__(scope, construct_id)
        self.web_acl = wafv2.CfnWebACL(
            self,
            "WebAcl",
            name=name,
            scope="REGIONAL",
            default_action=wafv2.CfnWebACL.DefaultActionProperty(allow={}),
            visibility_config=_visibility(name),
            custom_response_bodies={
                TOO_MANY_REQUESTS: wafv2.CfnWebACL.CustomResponseBodyProperty(
                    content_type="APPLICATION_JSON",
                    content=json.dumps(error_body(TOO_MANY_REQUESTS, "Too many requests. Try again in a few minutes.")),
                )
            },
            rules=[
                _rate_rule("AuthPerIp", 0, rf"^(/{stage_name})?/auth(/|$)", auth_limit),
                _rate_rule("WebhooksPerIp", 1, rf"^(/{stage_name})?/webhooks/", webhook_limit),
            ],
        )
        wafv2.CfnWebACLAssociation(self, "Association", resource_arn=stage_arn, web_acl_arn=self.web_acl.attr_arn)


def _visibility(metric: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
    return wafv2.CfnWebACL.VisibilityConfigProperty(
        cloud_watch_metrics_enabled=True, metric_name=metric, sampled_requests_enabled=False
    )


def _rate_rule(name: str, priority: int, path_pattern: str, limit: int) -> wafv2.CfnWebACL.RuleProperty:
    return wafv2.CfnWebACL.RuleProperty(
        name=name,
        priority=priority,
        statement=wafv2.CfnWebACL.StatementProperty(
            rate_based_statement=wafv2.CfnWebACL.RateBasedStatementProperty(
                limit=limit,
                aggregate_key_type="IP",
                evaluation_window_sec=RATE_WINDOW_SECONDS,
                scope_down_statement=wafv2.CfnWebACL.StatementProperty(
                    regex_match_statement=wafv2.CfnWebACL.RegexMatchStatementProperty(
                        field_to_match=wafv2.CfnWebACL.FieldToMatchProperty(uri_path={}),
                        regex_string=path_pattern,
                        text_transformations=[wafv2.CfnWebACL.TextTransformationProperty(priority=0, type="NONE")],
                    )
                ),
            )
        ),
        action=wafv2.CfnWebACL.RuleActionProperty(
            block=wafv2.CfnWebACL.BlockActionProperty(
                custom_response=wafv2.CfnWebACL.CustomResponseProperty(
                    response_code=429,
                    custom_response_body_key=TOO_MANY_REQUESTS,
                    response_headers=[
                        wafv2.CfnWebACL.CustomHTTPHeaderProperty(name="Retry-After", value=str(RATE_WINDOW_SECONDS))
                    ],
                )
            )
        ),
        visibility_config=_visibility(name),
    )
