"""`python -m infra.aws.app [-c key=value ...]`: synthesizes the deployment into `cdk.out/`, offline.

No CDK CLI is needed to synthesize; `make deploy` hands the synthesized assembly to the pinned CLI
(`infra/aws/package.json`). The context keys are those of `infra.aws.config`, `stage` first.
"""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aws_cdk import App, Tags

from infra.aws.bundles import Bundles, build_bundles
from infra.aws.config import StageConfig, load_stage_config
from infra.aws.discovery import discover_functions
from infra.aws.feature_flags import FEATURE_FLAGS
from infra.aws.nag import apply_checks, unsuppressed_findings
from infra.aws.names import stack_name
from infra.aws.paths import CDK_OUT
from infra.aws.route_table import RouteTable, load_route_table
from infra.aws.stacks.api import ApiStack
from infra.aws.stacks.data import DataStack
from infra.aws.stacks.edge import EdgeStack
from infra.aws.stacks.monitoring import MonitoringStack
from infra.aws.stacks.service import ServiceInputs, ServiceStack

UNTAGGABLE = ["AWS::RDS::DBProxyTargetGroup"]
"""CDK marks it taggable; CloudFormation's schema refuses Tags on it."""
CONTEXT_KEYS = (
    "stage",
    "domain",
    "cors_origins",
    "spa_url",
    "alarm_email",
    "nat_gateways",
    "min_acu",
    "max_acu",
    "payment_settings",
)


@dataclass(frozen=True)
class Deployment:
    app: App
    config: StageConfig
    inputs: ServiceInputs
    data: DataStack
    edge: EdgeStack
    api: ApiStack
    service: ServiceStack
    monitoring: MonitoringStack

    @property
    def stacks(self) -> tuple[DataStack, EdgeStack, ApiStack, ServiceStack, MonitoringStack]:
        return (self.data, self.edge, self.api, self.service, self.monitoring)


def build_deployment(
    context: Mapping[str, Any] | None = None,
    *,
    outdir: Path = CDK_OUT,
    bundles: Bundles | None = None,
    routes: RouteTable | None = None,
) -> Deployment:
    app = App(outdir=str(outdir), context={**FEATURE_FLAGS, **(context or {})})
    config = load_stage_config({key: app.node.try_get_context(key) for key in CONTEXT_KEYS})
    inputs = ServiceInputs(
        functions=discover_functions(),
        routes=routes or load_route_table(),
        bundles=bundles or build_bundles(),
    )
    data = DataStack(
        app,
        stack_name(config.stage, "Data"),
        config=config,
        description="Soko Wholesale: VPC, Aurora, RDS Proxy, secrets",
    )
    edge = EdgeStack(
        app, stack_name(config.stage, "Edge"), config=config, description="Soko Wholesale: SPA, product images, e-mail"
    )
    api = ApiStack(
        app,
        stack_name(config.stage, "Api"),
        config=config,
        routes=inputs.routes,
        cors_origins=edge.cors_origins,
        description="Soko Wholesale: REST API generated from the blueprints, WebACL",
    )
    service = ServiceStack(
        app,
        stack_name(config.stage, "Service"),
        config=config,
        inputs=inputs,
        data=data,
        edge=edge,
        api=api,
        description="Soko Wholesale: Lambdas, queue, schedules, migrations",
    )
    monitoring = MonitoringStack(
        app,
        stack_name(config.stage, "Monitoring"),
        config=config,
        functions=inputs.functions,
        api_functions=inputs.routes.functions,
        description="Soko Wholesale: alarms and dashboard",
    )
    monitoring.add_stack_dependency(service, "alarms watch the service's resources by name")
    for key, value in (("project", "soko-wholesale"), ("stage", config.stage)):
        Tags.of(app).add(key, value, exclude_resource_types=UNTAGGABLE)
    apply_checks(app)
    return Deployment(app, config, inputs, data, edge, api, service, monitoring)


def parse_context(pairs: Sequence[str]) -> dict[str, str]:
    context: dict[str, str] = {}
    for pair in pairs:
        key, separator, value = pair.partition("=")
        if not separator or not key:
            raise SystemExit(f"-c {pair!r}: expected key=value")
        context[key] = value
    return context


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m infra.aws.app", description=__doc__)
    parser.add_argument("-c", "--context", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--outdir", type=Path, default=CDK_OUT)
    arguments = parser.parse_args(argv)
    if (arguments.outdir / "manifest.json").is_file():
        shutil.rmtree(arguments.outdir)  # a previous assembly: its stale stacks and assets would be uploaded too
    deployment = build_deployment(parse_context(arguments.context), outdir=arguments.outdir)
    findings = unsuppressed_findings(deployment.app.synth())
    if findings:
        raise SystemExit("cdk-nag findings without a suppression:\n" + "\n".join(findings))


if __name__ == "__main__":
    main()
