"""The SES domain identity the notifications are sent from (`EMAIL_SENDER` = no-reply@<domain>).

Easy DKIM: the stack outputs the three CNAME records the domain's DNS must publish before SES
sends anything; a new account's SES also starts in the sandbox until AWS lifts it.
"""

from __future__ import annotations

from aws_cdk import CfnOutput
from aws_cdk import aws_ses as ses
from constructs import Construct


class EmailDomain(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, domain: str) -> None:
        super().__init__(scope, construct_id)
        self.domain = domain
        self.identity = ses.EmailIdentity(self, "Identity", identity=ses.Identity.domain(domain))
        for index, record in enumerate(self.identity.dkim_records, start=1):
            CfnOutput(self, f"DkimRecord{index}", value=f"{record.name} CNAME {record.value}")
        self.identity_arn = self.identity.email_identity_arn
