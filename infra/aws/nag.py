"""cdk-nag's AwsSolutions checks, and the one way this app suppresses a finding.

Every suppression names the rule, the resource it applies to (the construct it is attached
to) and, for IAM wildcard findings, the exact finding (`applies_to`); its reason says why the
finding is acceptable for that resource. A reason shorter than `MIN_REASON_LENGTH` is refused
here, so "not needed" cannot slip through.
"""

from __future__ import annotations

from collections.abc import Sequence

from aws_cdk import Aspects, Stage, cx_api
from cdk_nag import AwsSolutionsChecks, NagPackSuppression, NagSuppressions, RegexAppliesTo
from constructs import IConstruct

MIN_REASON_LENGTH = 60
PACK = "AwsSolutions-"


def apply_checks(scope: Stage) -> None:
    Aspects.of(scope).add(AwsSolutionsChecks(verbose=True))


def suppress(
    construct: IConstruct,
    rule: str,
    reason: str,
    *,
    applies_to: Sequence[str | RegexAppliesTo] | None = None,
    children: bool = False,
) -> None:
    if len(reason) < MIN_REASON_LENGTH:
        raise ValueError(f"{rule} on {construct.node.path}: give a reason of {MIN_REASON_LENGTH}+ characters")
    suppression = NagPackSuppression(id=f"{PACK}{rule}", reason=reason, applies_to=applies_to)
    NagSuppressions.add_resource_suppressions(construct, [suppression], apply_to_children=children)


def finding(pattern: str) -> RegexAppliesTo:
    """An IAM finding whose text holds generated logical ids, e.g. `Resource::<.*Handler.*\\.Arn>:\\*`."""
    return RegexAppliesTo(regex=f"/^{pattern}$/")


def unsuppressed_findings(assembly: cx_api.CloudAssembly) -> list[str]:
    """cdk-nag errors and warnings left in a synthesized assembly, one line each."""
    findings = []
    for stack in assembly.stacks:
        for message in stack.messages:
            text = str(message.entry.data)
            serious = message.level in (cx_api.SynthesisMessageLevel.ERROR, cx_api.SynthesisMessageLevel.WARNING)
            if serious and text.startswith(PACK):
                findings.append(f"{message.id}: {text.splitlines()[0]}")
    return findings
