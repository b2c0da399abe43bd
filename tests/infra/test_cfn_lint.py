"""cfn-lint on every synthesized template: no error, and no warning but CDK's redundant DependsOn."""

from __future__ import annotations

import json

import pytest
from cfnlint.api import lint

from tests.infra.template_reading import Templates

REGION = "eu-west-1"
CDK_REDUNDANT_DEPENDS_ON = "W3005"
"""CDK writes DependsOn next to a Ref that already implies it; harmless."""


@pytest.mark.parametrize("stack", ["data", "edge", "api", "service", "monitoring"])
def test_cfn_lint_finds_no_error(templates: Templates, stack: str) -> None:
    matches = lint(json.dumps(getattr(templates, stack)), regions=[REGION])

    problems = [
        f"{match.rule.id} {match.message} ({'/'.join(map(str, match.path))})"
        for match in matches
        if match.rule.id != CDK_REDUNDANT_DEPENDS_ON and not match.rule.id.startswith("I")
    ]
    assert problems == []


@pytest.mark.parametrize("stack", ["data", "edge", "api", "service", "monitoring"])
def test_every_template_stays_well_within_cloudformation_s_limits(templates: Templates, stack: str) -> None:
    """500 resources and 1 MB per template: the API grows with every route, so keep a margin."""
    template = getattr(templates, stack)

    assert len(template["Resources"]) <= 400
    assert len(json.dumps(template, separators=(",", ":"))) <= 800_000
