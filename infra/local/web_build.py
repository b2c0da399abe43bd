"""The web app's production build for `make run`, redone only when it would differ.

- `npm ci` when `frontend/node_modules` is missing or was installed from another lock file
  (the same stamp as `frontend/scripts/test-all.sh`: the lock's SHA-256 in
  `node_modules/.package-lock.sha256`).
- `vite build` when the content hash of `frontend/` (every file except installed packages,
  build outputs, end-to-end tests and their reports) or the build settings (`VITE_*`, with
  the local API's URL) differ from the last build's. The hash is kept inside the build
  (`dist/.vite/`), so a build made by hand, which empties dist/, is never taken for ours.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from infra.local.config import ROOT

log = logging.getLogger("infra.local.web")

FRONTEND_DIR = ROOT / "frontend"
NOT_BUILD_INPUTS = frozenset({"node_modules", "e2e", "test-results", "playwright-report", ".vite"})
NOT_BUILD_INPUT_PREFIXES = ("dist", "e2e-logs")
LOCK_STAMP = Path("node_modules") / ".package-lock.sha256"
BUILD_STAMP = Path(".vite") / "soko-build.sha256"


class WebBuildFailed(RuntimeError):
    """npm or Node.js is missing, or `npm ci` / `vite build` failed; the message says which."""


@dataclass(frozen=True)
class WebBuild:
    dist: Path
    built: bool
    """False when the previous build was still current."""


def _build_inputs(frontend: Path) -> Iterator[Path]:
    for directory, subdirectories, files in os.walk(frontend):
        subdirectories[:] = sorted(
            name
            for name in subdirectories
            if name not in NOT_BUILD_INPUTS and not name.startswith(NOT_BUILD_INPUT_PREFIXES)
        )
        for name in sorted(files):
            yield Path(directory) / name


def source_hash(frontend: Path, build_env: Mapping[str, str]) -> str:
    """SHA-256 over every build input's path and bytes, and the VITE_* settings."""
    digest = hashlib.sha256()
    for name in sorted(build_env):
        digest.update(f"env:{name}={build_env[name]}\0".encode())
    for path in _build_inputs(frontend):
        digest.update(f"file:{path.relative_to(frontend).as_posix()}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _lock_hash(frontend: Path) -> str:
    return hashlib.sha256((frontend / "package-lock.json").read_bytes()).hexdigest()


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None


def _run(command: list[str], *, cwd: Path, env: Mapping[str, str], what: str) -> None:
    log.info("%s: %s", what, " ".join(command))
    completed = subprocess.run(command, cwd=cwd, env=dict(env), check=False)
    if completed.returncode != 0:
        raise WebBuildFailed(f"{what} failed (exit {completed.returncode}): {' '.join(command)} in {cwd}")


def build_env(api_url: str, environ: Mapping[str, str]) -> dict[str, str]:
    """The VITE_* settings of the build: the caller's, with the API at the local stack."""
    settings = {name: value for name, value in environ.items() if name.startswith("VITE_")}
    settings["VITE_API_URL"] = api_url
    return settings


def ensure_packages(frontend: Path = FRONTEND_DIR) -> dict[str, str]:
    """`npm ci` unless node_modules was installed from this lock; the environment to run npm tools in."""
    npm = shutil.which("npm")
    if npm is None:
        raise WebBuildFailed("npm is not on PATH: install Node.js 20.19 or later to build the web app")
    environ = {**os.environ, "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1", "PUPPETEER_SKIP_DOWNLOAD": "1"}
    lock = _lock_hash(frontend)
    if not (frontend / "node_modules").is_dir() or _read(frontend / LOCK_STAMP) != lock:
        _run([npm, "ci", "--no-audit", "--no-fund"], cwd=frontend, env=environ, what="Installing the web packages")
        (frontend / LOCK_STAMP).write_text(lock + "\n", encoding="utf-8")
    return environ


def ensure_web_build(api_url: str, *, frontend: Path = FRONTEND_DIR, dist_name: str = "dist") -> WebBuild:
    """Install and build only what changed; the build in `frontend/<dist_name>`."""
    environ = ensure_packages(frontend)
    dist = frontend / dist_name
    settings = build_env(api_url, environ)
    wanted = source_hash(frontend, settings)
    if (dist / "index.html").is_file() and _read(dist / BUILD_STAMP) == wanted:
        log.info("Web app build is current (%s)", dist)
        return WebBuild(dist=dist, built=False)

    vite = frontend / "node_modules" / ".bin" / "vite"
    _run(
        [str(vite), "build", "--outDir", dist_name, "--emptyOutDir", "--logLevel", "warn"],
        cwd=frontend,
        env={**environ, **settings},
        what="Building the web app",
    )
    (dist / BUILD_STAMP).parent.mkdir(parents=True, exist_ok=True)
    (dist / BUILD_STAMP).write_text(wanted + "\n", encoding="utf-8")
    return WebBuild(dist=dist, built=True)
