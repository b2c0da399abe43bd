"""requirements.txt is everything the Lambdas import at run time.

A bundle of it for this machine (`infra.local.lambda_bundle`: `pip install --no-deps
--only-binary=:all:`, cached under .build/ by the file's hash) plus the code and the runtime's
boto3 is all a child interpreter sees; in it, every function module imports, and so does every
module any of our code imports anywhere (also inside functions, where imports that only some
routes need are deferred). Every dependency a package of the lock declares is in the lock,
unless the Lambda runtime provides it or only Chalice's command line needs it.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from email.parser import Parser
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from infra.local.lambda_bundle import (
    REQUIREMENTS,
    ROOT,
    RUNTIME_PACKAGES,
    build_dependencies,
    build_runtime,
    copy_code,
    lambda_like_command,
    lambda_like_environment,
)

FUNCTIONS = sorted(path.stem for path in (ROOT / "functions").glob("*.py") if not path.stem.startswith("_"))
CHALICE_CLI_ONLY = frozenset(
    {"botocore", "click", "inquirer", "jmespath", "pip", "pyyaml", "setuptools", "six", "wheel"}
)
"""What Chalice declares for its command line (deploy, package, local); `chalice.app` imports none."""
LAMBDA_RUNTIMES = (
    {"python_version": "3.11", "python_full_version": "3.11.0"},
    {"python_version": "3.12", "python_full_version": "3.12.0"},
)
PLATFORMS = ({"platform_machine": "x86_64"}, {"platform_machine": "aarch64"})

IMPORT_EACH = """
import importlib, json, sys, traceback
failures = {}
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except BaseException:
        failures[name] = traceback.format_exc(limit=3)
print(json.dumps(failures))
"""


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(code, dependencies, runtime) directories."""
    return copy_code(tmp_path_factory.mktemp("task")), build_dependencies(), build_runtime()


def import_in_lambda_like_process(bundle: tuple[Path, Path, Path], function: str, modules: list[str]) -> dict[str, str]:
    """The modules that fail to import there, with their traceback."""
    code, dependencies, runtime = bundle
    completed = subprocess.run(
        [*lambda_like_command(code, dependencies, runtime, IMPORT_EACH), *modules],
        env=lambda_like_environment(function, LAMBDA_TASK_ROOT=str(code), POWERTOOLS_TRACE_DISABLED="true"),
        cwd=code,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    failures: dict[str, str] = json.loads(completed.stdout.strip().splitlines()[-1])
    return failures


def imported_modules(folder: Path) -> set[str]:
    """Every third-party module our code names in an import statement, wherever it stands."""
    ours = {"chalicelib", "functions"}
    found: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            found.update(name for name in names if name.split(".")[0] not in ours | sys.stdlib_module_names)
    return found


@pytest.mark.parametrize("function", FUNCTIONS)
def test_every_function_module_imports_from_the_bundle(bundle: tuple[Path, Path, Path], function: str) -> None:
    assert import_in_lambda_like_process(bundle, function, [f"functions.{function}"]) == {}


def test_every_module_our_code_imports_is_in_the_bundle(bundle: tuple[Path, Path, Path]) -> None:
    modules = sorted(imported_modules(ROOT / "chalicelib") | imported_modules(ROOT / "functions"))
    migrations = ["alembic.command", "alembic.config", "alembic.script", "mako.template", "chalicelib.all_models"]

    failures = import_in_lambda_like_process(bundle, "migrate", [*modules, *migrations])

    assert "fpdf" in modules and "sqlalchemy" in modules
    assert failures == {}


def test_the_bundle_holds_no_boto3_and_the_runtime_holds_nothing_else(bundle: tuple[Path, Path, Path]) -> None:
    _, dependencies, runtime = bundle
    assert distributions(dependencies).isdisjoint({"boto3", "botocore", "s3transfer"})
    assert distributions(runtime) == {canonicalize_name(name) for name in RUNTIME_PACKAGES}


def distributions(folder: Path) -> set[str]:
    names = set()
    for dist_info in folder.glob("*.dist-info"):
        metadata = Parser().parsestr((dist_info / "METADATA").read_text(encoding="utf-8"), headersonly=True)
        names.add(canonicalize_name(metadata["Name"]))
    return names


def locked() -> dict[str, str]:
    pins = {}
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            requirement = Requirement(line)
            [specifier] = requirement.specifier
            assert specifier.operator == "==", line
            pins[canonicalize_name(requirement.name)] = specifier.version
    return pins


def test_every_dependency_of_the_lock_is_locked(bundle: tuple[Path, Path, Path]) -> None:
    _, dependencies, _ = bundle
    pins = locked()
    runtime = {canonicalize_name(name) for name in RUNTIME_PACKAGES}
    missing = set()
    for dist_info in dependencies.glob("*.dist-info"):
        metadata = Parser().parsestr((dist_info / "METADATA").read_text(encoding="utf-8"), headersonly=True)
        name = canonicalize_name(metadata["Name"])
        assert pins.get(name) == metadata["Version"], name
        for declared in metadata.get_all("Requires-Dist") or []:
            requirement = Requirement(declared)
            if not needed(requirement.marker):
                continue
            wanted = canonicalize_name(requirement.name)
            allowed = runtime | (CHALICE_CLI_ONLY if name == "chalice" else set())
            if wanted not in pins and wanted not in allowed:
                missing.add(f"{name} needs {requirement}")
            elif wanted in pins and not requirement.specifier.contains(pins[wanted], prereleases=True):
                missing.add(f"{name} needs {requirement}, the lock has {pins[wanted]}")
    assert sorted(missing) == []
    assert len(list(dependencies.glob("*.dist-info"))) == len(pins)


def needed(marker: Marker | None) -> bool:
    """Whether a dependency with this marker is installed on Lambda (Linux, no extras)."""
    if marker is None:
        return True
    return any(
        marker.evaluate({"sys_platform": "linux", "platform_system": "Linux", "extra": "", **runtime, **platform})
        for runtime in LAMBDA_RUNTIMES
        for platform in PLATFORMS
    )
