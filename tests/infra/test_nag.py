"""cdk-nag's AwsSolutions checks: nothing left unsuppressed, and every suppression says why."""

from __future__ import annotations

from collections import defaultdict

from aws_cdk import App, Stack
from aws_cdk import aws_sqs as sqs
from aws_cdk.assertions import Annotations, Match

from infra.aws.app import Deployment
from infra.aws.nag import MIN_REASON_LENGTH, apply_checks, unsuppressed_findings
from tests.infra.template_reading import Templates

NAG = Match.string_like_regexp("AwsSolutions-.*")


def test_no_unsuppressed_errors_or_warnings_in_any_prod_stack(prod: Deployment) -> None:
    for stack in prod.stacks:
        annotations = Annotations.from_stack(stack)
        assert annotations.find_error("*", NAG) == [], stack.stack_name
        assert annotations.find_warning("*", NAG) == [], stack.stack_name
    assert unsuppressed_findings(prod.app.synth()) == []


def test_no_unsuppressed_findings_in_the_dev_stage_either(dev: Deployment) -> None:
    assert unsuppressed_findings(dev.app.synth()) == []


def test_the_checks_do_report_what_they_are_for(tmp_path: object) -> None:
    app = App(outdir=str(tmp_path))
    stack = Stack(app, "Careless")
    sqs.Queue(stack, "Plain", encryption=sqs.QueueEncryption.UNENCRYPTED)
    apply_checks(app)

    findings = unsuppressed_findings(app.synth())

    assert any("AwsSolutions-SQS4" in finding for finding in findings)
    assert any("AwsSolutions-SQS3" in finding for finding in findings)


def test_every_suppression_gives_a_reason_of_its_own(templates: Templates) -> None:
    reasons_by_rule: dict[str, set[str]] = defaultdict(set)
    for template in templates.all():
        for resource in template["Resources"].values():
            for suppression in resource.get("Metadata", {}).get("cdk_nag", {}).get("rules_to_suppress", []):
                assert len(suppression["reason"]) >= MIN_REASON_LENGTH
                reasons_by_rule[suppression["id"]].add(suppression["reason"])

    assert set(reasons_by_rule) >= {"AwsSolutions-IAM5", "AwsSolutions-L1", "AwsSolutions-SMG4", "AwsSolutions-APIG4"}
    rules_of_reason: dict[str, set[str]] = defaultdict(set)
    for rule, reasons in reasons_by_rule.items():
        for reason in reasons:
            rules_of_reason[reason].add(rule)
    assert {reason: rules for reason, rules in rules_of_reason.items() if len(rules) > 1} == {}
