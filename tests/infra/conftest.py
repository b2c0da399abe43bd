"""The deployment synthesized once per test session (prod, with cdk-nag), and its templates.

The layer's pip download is cached in `.build/` (PyPI only on the first run or after
requirements.txt changed); everything else is offline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from infra.aws.app import Deployment, build_deployment
from infra.aws.bundles import Bundles, build_bundles
from infra.aws.route_table import RouteTable, load_route_table
from tests.infra.template_reading import Templates


@pytest.fixture(scope="session")
def bundles() -> Bundles:
    return build_bundles()


@pytest.fixture(scope="session")
def routes() -> RouteTable:
    return load_route_table()


def _synthesized(stage: str, outdir: Path, bundles: Bundles, routes: RouteTable) -> Deployment:
    deployment = build_deployment({"stage": stage}, outdir=outdir, bundles=bundles, routes=routes)
    deployment.app.synth()
    return deployment


@pytest.fixture(scope="session")
def prod(tmp_path_factory: pytest.TempPathFactory, bundles: Bundles, routes: RouteTable) -> Deployment:
    return _synthesized("prod", tmp_path_factory.mktemp("cdk-prod"), bundles, routes)


@pytest.fixture(scope="session")
def dev(tmp_path_factory: pytest.TempPathFactory, bundles: Bundles, routes: RouteTable) -> Deployment:
    return _synthesized("dev", tmp_path_factory.mktemp("cdk-dev"), bundles, routes)


@pytest.fixture(scope="session")
def templates(prod: Deployment) -> Templates:
    return Templates.of(prod)
