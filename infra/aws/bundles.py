"""The Lambda bundles, built in Python before synthesis (no Docker): one dependencies layer and
the code assets.

- The layer is `requirements.txt` installed for Lambda's platform (`pip install --platform
  manylinux2014_aarch64 ... --python-version 3.12 --only-binary=:all: --no-deps`) into
  `.build/layer/<key>/python`, where `<key>` hashes requirements.txt and the platform: built once,
  then reused by every synthesis and test run until requirements.txt changes. `--no-deps`
  because requirements.txt pins every package a Lambda imports at run time (boto3 and botocore
  come with the runtime). Lambda's file system is read-only, so a bundle without bytecode is
  compiled at every cold start (about 3x the import time, benchmarks/COLD_START.md): when the
  build's Python is the runtime's version (the deploy workflow builds with 3.12), the layer and
  the code are compiled (`compileall`, unchecked-hash .pyc); another Python leaves them source
  only, since its bytecode would not load.
- The code assets are `chalicelib/` and `functions/` (every function), plus `migrations/` and
  `alembic.ini` for the one that runs migrations, without `__pycache__` or tests, copied into
  `.build/code/<kind>-<content hash>/`.

Each bundle directory is written under a temporary name and renamed into place, so concurrent
builds (a test run during `make synth`) never see half a bundle.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from infra.aws.paths import ALEMBIC_INI, BUILD_DIR, MIGRATIONS_DIR, REPO_ROOT, REQUIREMENTS

PLATFORMS = ("manylinux2014_aarch64", "manylinux_2_28_aarch64", "manylinux_2_34_aarch64")
"""Wheels for glibc 2.17 up to 2.34, the glibc of the python3.12 runtime (Amazon Linux 2023):
some pinned packages (argon2-cffi-bindings 26) publish manylinux_2_28 wheels only."""
IMPLEMENTATION = "cp"
PYTHON_VERSION = "3.12"
LAYER_RECIPE = "2"
"""Bump when the way the layer is built changes, so cached layers are rebuilt."""

APP_SOURCES = ("chalicelib", "functions")
MIGRATION_SOURCES = (MIGRATIONS_DIR.name, ALEMBIC_INI.name)
EXCLUDED_PARTS = frozenset({"__pycache__", "tests", ".pytest_cache", ".mypy_cache"})
EXCLUDED_SUFFIXES = (".pyc", ".pyo")
KEPT_BUILDS = 3

MAX_FUNCTION_ZIP_BYTES = 25 * 1024**2
"""Ours: a function's own code stays small; what it imports lives in the layer."""
MAX_LAYER_ZIP_BYTES = 50 * 1024**2
"""Lambda's limit for a zip uploaded directly (a bundle uploaded through S3 stays under it too)."""
MAX_UNZIPPED_BYTES = 250 * 1024**2
"""Lambda's limit for a function and all its layers, unzipped."""


@dataclass(frozen=True)
class Bundle:
    path: Path
    """The directory `lambda.Code.from_asset` is given."""
    content_hash: str


@dataclass(frozen=True)
class Bundles:
    layer: Bundle
    app_code: Bundle
    migrate_code: Bundle
    migrations_hash: str
    """Of `migrations/` and `alembic.ini` alone: what the migration custom resource is told."""


def build_bundles(build_dir: Path = BUILD_DIR) -> Bundles:
    return Bundles(
        layer=build_layer(build_dir=build_dir),
        app_code=build_code("app", APP_SOURCES, build_dir=build_dir),
        migrate_code=build_code("migrate", APP_SOURCES + MIGRATION_SOURCES, build_dir=build_dir),
        migrations_hash=content_hash(_source_files(MIGRATION_SOURCES)),
    )


def compiles_bytecode() -> bool:
    """Whether this Python's bytecode is the runtime's (same major.minor)."""
    return f"{sys.version_info.major}.{sys.version_info.minor}" == PYTHON_VERSION


def _compile(folder: Path) -> None:
    """Unchecked-hash .pyc next to the sources: valid whatever the files' times in the zip."""
    if not compiles_bytecode():
        return
    command = [sys.executable, "-m", "compileall", "-q", "-j", "0", "--invalidation-mode", "unchecked-hash"]
    completed = subprocess.run([*command, str(folder)], capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"compileall failed in {folder}:\n{completed.stdout[-2000:]}{completed.stderr[-2000:]}")


def layer_key(requirements: Path = REQUIREMENTS) -> str:
    compiled = "pyc" if compiles_bytecode() else "source"
    recipe = f"{LAYER_RECIPE}|{','.join(PLATFORMS)}|{IMPLEMENTATION}|{PYTHON_VERSION}|{compiled}|".encode()
    return hashlib.sha256(recipe + requirements.read_bytes()).hexdigest()[:16]


def build_layer(*, requirements: Path = REQUIREMENTS, build_dir: Path = BUILD_DIR) -> Bundle:
    key = layer_key(requirements)
    target = build_dir / "layer" / key
    if not target.is_dir():
        with _staging(target) as staging:
            _pip_install(requirements, staging / "python")
            _compile(staging / "python")
        _prune(target.parent, keep=target)
    return Bundle(path=target, content_hash=key)


def _pip_install(requirements: Path, target: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-compile",
        "--no-deps",
        "--only-binary=:all:",
        *(option for platform in PLATFORMS for option in ("--platform", platform)),
        "--implementation",
        IMPLEMENTATION,
        "--python-version",
        PYTHON_VERSION,
        "--target",
        str(target),
        "--requirement",
        str(requirements),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"pip could not build the Lambda layer:\n{completed.stderr[-4000:]}")
    for scripts_and_manuals in ("bin", "share"):
        shutil.rmtree(target / scripts_and_manuals, ignore_errors=True)
    for cache in list(target.rglob("__pycache__")):
        shutil.rmtree(cache, ignore_errors=True)


def build_code(kind: str, sources: Iterable[str], *, build_dir: Path = BUILD_DIR) -> Bundle:
    files = _source_files(sources)
    digest = content_hash(files) + ("-pyc" if compiles_bytecode() else "")
    target = build_dir / "code" / f"{kind}-{digest}"
    if not target.is_dir():
        with _staging(target) as staging:
            for relative in files:
                destination = staging / relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(REPO_ROOT / relative, destination)
            _compile(staging)
        _prune(target.parent, keep=target, prefix=f"{kind}-")
    return Bundle(path=target, content_hash=digest)


def _source_files(sources: Iterable[str]) -> list[Path]:
    """Files under `sources` (relative to the repository), sorted, without caches and tests."""
    files: list[Path] = []
    for source in sources:
        root = REPO_ROOT / source
        candidates = [root] if root.is_file() else [path for path in root.rglob("*") if path.is_file()]
        for path in candidates:
            relative = path.relative_to(REPO_ROOT)
            if EXCLUDED_PARTS.isdisjoint(relative.parts) and not path.name.endswith(EXCLUDED_SUFFIXES):
                files.append(relative)
    return sorted(files)


def content_hash(files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for relative in files:
        digest.update(relative.as_posix().encode() + b"\0")
        digest.update(hashlib.sha256((REPO_ROOT / relative).read_bytes()).digest())
    return digest.hexdigest()[:16]


class _staging:
    """A temporary sibling of `target`, renamed to it on success (dropped if another build won)."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __enter__(self) -> Path:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.target.name}-", dir=self.target.parent))
        return self.path

    def __exit__(self, error_type: object, error: object, traceback: object) -> None:
        if error_type is None:
            try:
                os.rename(self.path, self.target)
            except OSError:
                if not self.target.is_dir():
                    raise
        shutil.rmtree(self.path, ignore_errors=True)


def _prune(folder: Path, *, keep: Path, prefix: str = "") -> None:
    """Old builds of the same kind, beyond the newest few."""
    builds = sorted(
        (
            path
            for path in folder.iterdir()
            if path.is_dir() and path.name.startswith(prefix) and not path.name.startswith(".") and path != keep
        ),
        key=lambda path: path.stat().st_mtime,
        reverse=True,
    )
    for stale in builds[KEPT_BUILDS - 1 :]:
        shutil.rmtree(stale, ignore_errors=True)
        _zip_size_cache(stale).unlink(missing_ok=True)


def _walk(folder: Path) -> Iterator[Path]:
    return (path for path in sorted(folder.rglob("*")) if path.is_file())


def unzipped_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in _walk(folder))


def zipped_bytes(folder: Path) -> int:
    """The size of `folder` zipped as the CDK uploads it (deflate); cached next to the bundle."""
    cache = _zip_size_cache(folder)
    if cache.is_file():
        return int(json.loads(cache.read_text())["bytes"])
    with tempfile.TemporaryFile() as archive:
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            for path in _walk(folder):
                bundle.write(path, path.relative_to(folder).as_posix())
        size = archive.tell()
    cache.write_text(json.dumps({"bytes": size}))
    return size


def _zip_size_cache(folder: Path) -> Path:
    return folder.parent / f".{folder.name}.zip-size.json"
