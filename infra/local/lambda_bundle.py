"""A Lambda-like bundle for this machine, to import the function modules as Lambda would.

Lambda gives a function its code (`chalicelib/`, `functions/`, and for the migrations
`alembic.ini` and `migrations/`), the dependency layer (requirements.txt installed with
`--no-deps`) and the runtime's own boto3. `build_dependencies()` installs requirements.txt the
same way, for this machine's Python and platform, `build_runtime()` the runtime's boto3 (and
what it needs), and `copy_code()` the code; a child interpreter started with `python -I -S`
and only those three on `sys.path` (`lambda_like_command`) sees nothing else: a runtime
dependency missing from requirements.txt fails to import there.

Installed packages are cached under `.build/lambda-like/`, keyed by what they are built from,
and written under a temporary name then renamed into place, so parallel test workers never see
half a bundle. The first build downloads from the package index; later ones reuse it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from infra.local.config import ROOT

BUILD_DIR = ROOT / ".build" / "lambda-like"
REQUIREMENTS = ROOT / "requirements.txt"
CODE_SOURCES = ("chalicelib", "functions", "migrations", "alembic.ini")
RUNTIME_PACKAGES = ("boto3", "botocore", "s3transfer", "jmespath", "python-dateutil", "urllib3", "six")
"""What the Lambda Python runtime provides: boto3 and everything it needs."""
RECIPE = "1"
"""Bump when the way a bundle is built changes, so cached ones are rebuilt."""


def _key(*parts: str) -> str:
    digest = hashlib.sha256("\n".join((RECIPE, sys.version, sysconfig.get_platform(), *parts)).encode())
    return digest.hexdigest()[:16]


def _install(target: Path, arguments: Sequence[str]) -> Path:
    """`pip install --no-deps --only-binary=:all: --target` into `target`, unless it is there already."""
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-deps",
                "--only-binary=:all:",
                "--target",
                str(scratch),
                *arguments,
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=900,
        )
        try:
            scratch.rename(target)
        except OSError:
            if not target.is_dir():  # not a concurrent build that finished first
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def build_dependencies(requirements: Path = REQUIREMENTS, *, bytecode: bool = True) -> Path:
    """requirements.txt installed as the dependency layer is: `--no-deps`, wheels only; without
    `.pyc` files when not `bytecode`."""
    key = _key(requirements.read_text(encoding="utf-8"), f"bytecode={bytecode}")
    options = [] if bytecode else ["--no-compile"]
    return _install(BUILD_DIR / f"dependencies-{key}", [*options, "-r", str(requirements)])


def build_runtime() -> Path:
    """The boto3 of the Lambda runtime: the versions of this environment."""
    pins = [f"{name}=={metadata.version(name)}" for name in RUNTIME_PACKAGES]
    return _install(BUILD_DIR / f"runtime-{_key(*pins)}", pins)


def copy_code(target: Path) -> Path:
    """The function code as the bundle holds it: no caches, no tests."""
    for name in CODE_SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, target / name)
    return target


def lambda_like_command(
    code: Path, dependencies: Path, runtime: Path, script: str, *, flags: Sequence[str] = ()
) -> list[str]:
    """A child interpreter that sees only the standard library, the code, the dependencies and
    the runtime's boto3 (in Lambda's order), running `script`. `-I` ignores PYTHON* variables:
    interpreter options go in `flags` (`-B`, `-X importtime`)."""
    prelude = f"import sys; sys.path[:0] = {[str(code), str(dependencies), str(runtime)]!r}; "
    return [sys.executable, "-I", "-S", *flags, "-c", prelude + script]


def lambda_like_environment(function: str, **extra: str) -> dict[str, str]:
    """What a non-production Lambda's environment holds, without a database or secrets to reach."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "STAGE": "dev",
        "AWS_LAMBDA_FUNCTION_NAME": function,
        "AWS_REGION": "eu-west-1",
        "AWS_DEFAULT_REGION": "eu-west-1",
        "POWERTOOLS_SERVICE_NAME": "marketplace",
        "POWERTOOLS_METRICS_NAMESPACE": "Marketplace",
        "DATABASE_URL": "postgresql+psycopg://marketplace@database.invalid:5432/marketplace",
        **extra,
    }
