"""The Lambda bundles: what they hold and their sizes against Lambda's limits."""

from __future__ import annotations

import re
from pathlib import Path

from infra.aws import bundles as bundling
from infra.aws.bundles import Bundles, layer_key, unzipped_bytes, zipped_bytes
from infra.aws.paths import REQUIREMENTS

MEBIBYTE = 1024**2


def pinned_distributions(requirements: Path) -> dict[str, str]:
    pins = {}
    for line in requirements.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==([^\s;#]+)", line.strip())
        if match:
            pins[re.sub(r"[-_.]+", "_", match.group(1)).lower()] = match.group(2)
    return pins


def test_each_bundle_fits_lambda_s_limits(bundles: Bundles) -> None:
    layer_unzipped = unzipped_bytes(bundles.layer.path)
    sizes = {
        "layer": (zipped_bytes(bundles.layer.path), layer_unzipped),
        "app code": (zipped_bytes(bundles.app_code.path), unzipped_bytes(bundles.app_code.path)),
        "migrate code": (zipped_bytes(bundles.migrate_code.path), unzipped_bytes(bundles.migrate_code.path)),
    }
    print(
        {
            name: f"{zipped / MEBIBYTE:.1f} MiB zipped, {unzipped / MEBIBYTE:.1f} MiB"
            for name, (zipped, unzipped) in sizes.items()
        }
    )

    assert sizes["layer"][0] <= bundling.MAX_LAYER_ZIP_BYTES
    for code in ("app code", "migrate code"):
        assert sizes[code][0] <= bundling.MAX_FUNCTION_ZIP_BYTES
        assert layer_unzipped + sizes[code][1] <= bundling.MAX_UNZIPPED_BYTES


def test_the_layer_holds_every_pinned_distribution_for_lambda_s_python(bundles: Bundles) -> None:
    site = bundles.layer.path / "python"
    installed = {}
    for dist_info in site.glob("*.dist-info"):
        name, version = dist_info.name.removesuffix(".dist-info").rsplit("-", 1)
        installed[re.sub(r"[-_.]+", "_", name).lower()] = version

    assert pinned_distributions(REQUIREMENTS).items() <= installed.items()
    compiled = [path.name for path in site.rglob("*.so")]
    assert compiled
    assert all("x86_64" not in name and "cpython-311" not in name for name in compiled)
    assert not list(site.rglob("__pycache__"))
    assert not (site / "bin").exists()


def test_the_code_bundles_hold_the_code_without_caches_or_tests(bundles: Bundles) -> None:
    app = bundles.app_code.path
    migrate = bundles.migrate_code.path

    assert (app / "functions" / "checkout.py").is_file()
    assert (app / "chalicelib" / "blueprints.py").is_file()
    assert not (app / "alembic.ini").exists()
    assert not (app / "migrations").exists()
    assert (migrate / "alembic.ini").is_file()
    assert (migrate / "migrations" / "env.py").is_file()
    for bundle in (app, migrate):
        assert not list(bundle.rglob("__pycache__"))
        assert not list(bundle.rglob("*.pyc"))
        assert not (bundle / "tests").exists()


def test_the_layer_is_rebuilt_when_requirements_change(tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    second = tmp_path / "second.txt"
    first.write_text("chalice==1.34.0\n")
    second.write_text("chalice==1.34.1\n")

    assert layer_key(first) != layer_key(second)
    assert layer_key(first) == layer_key(first)
