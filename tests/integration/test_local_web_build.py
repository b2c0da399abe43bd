"""`make run` rebuilds the web app only when it would differ (infra/local/web_build.py): the
packages when the lock changed, the build when a source file or a build setting changed.
npm and vite are stand-in scripts here that record each call, in a throwaway frontend/."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from infra.local.web_build import WebBuildFailed, build_env, ensure_web_build, source_hash

API_URL = "http://127.0.0.1:8000"
NPM = """#!/bin/sh
echo "npm $*" >> "$CALLS"
mkdir -p node_modules/.bin
cp "$FAKE_VITE" node_modules/.bin/vite
"""
VITE = """#!/bin/sh
echo "vite $* VITE_API_URL=$VITE_API_URL" >> "$CALLS"
[ -n "$FAIL_BUILD" ] && exit 3
mkdir -p "$3"
echo "<html>built for $VITE_API_URL</html>" > "$3/index.html"
"""


def executable(path: Path, text: str) -> Path:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def frontend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    tools = tmp_path / "bin"
    tools.mkdir()
    executable(tools / "npm", NPM)
    monkeypatch.setenv("FAKE_VITE", str(executable(tmp_path / "vite", VITE)))
    monkeypatch.setenv("CALLS", str(tmp_path / "calls.log"))
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv("FAIL_BUILD", raising=False)
    root = tmp_path / "frontend"
    (root / "src").mkdir(parents=True)
    (root / "package-lock.json").write_text('{"lockfileVersion": 3}')
    (root / "index.html").write_text("<div id=root></div>")
    (root / "src" / "main.tsx").write_text("console.log('v1');")
    return root


def calls(frontend: Path) -> list[str]:
    log = frontend.parent / "calls.log"
    return log.read_text().splitlines() if log.exists() else []


def test_the_first_run_installs_and_builds_against_the_local_api(frontend: Path) -> None:
    build = ensure_web_build(API_URL, frontend=frontend)

    assert build.built
    assert (build.dist / "index.html").read_text() == f"<html>built for {API_URL}</html>\n"
    assert calls(frontend) == [
        "npm ci --no-audit --no-fund",
        f"vite build --outDir dist --emptyOutDir --logLevel warn VITE_API_URL={API_URL}",
    ]


def test_nothing_is_redone_when_nothing_changed(frontend: Path) -> None:
    ensure_web_build(API_URL, frontend=frontend)

    again = ensure_web_build(API_URL, frontend=frontend)

    assert not again.built
    assert len(calls(frontend)) == 2


def test_a_changed_source_file_rebuilds_without_reinstalling(frontend: Path) -> None:
    ensure_web_build(API_URL, frontend=frontend)
    (frontend / "src" / "main.tsx").write_text("console.log('v2');")

    again = ensure_web_build(API_URL, frontend=frontend)

    assert again.built
    assert [call.split()[0] for call in calls(frontend)] == ["npm", "vite", "vite"]


def test_another_api_url_rebuilds(frontend: Path) -> None:
    ensure_web_build(API_URL, frontend=frontend)

    again = ensure_web_build("http://127.0.0.1:9000", frontend=frontend)

    assert again.built
    assert (again.dist / "index.html").read_text() == "<html>built for http://127.0.0.1:9000</html>\n"


def test_a_changed_lock_reinstalls_and_rebuilds(frontend: Path) -> None:
    ensure_web_build(API_URL, frontend=frontend)
    (frontend / "package-lock.json").write_text('{"lockfileVersion": 3, "packages": {}}')

    ensure_web_build(API_URL, frontend=frontend)

    assert [call.split()[0] for call in calls(frontend)] == ["npm", "vite", "npm", "vite"]


def test_a_build_made_by_hand_is_not_taken_for_a_current_one(frontend: Path) -> None:
    ensure_web_build(API_URL, frontend=frontend)
    (frontend / "dist" / ".vite" / "soko-build.sha256").unlink()

    assert ensure_web_build(API_URL, frontend=frontend).built


def test_outputs_packages_and_end_to_end_tests_are_not_build_inputs(frontend: Path) -> None:
    settings = build_env(API_URL, {})
    before = source_hash(frontend, settings)
    for generated in ("node_modules/x/index.js", "dist/index.html", "dist-e2e-d/a.js", "e2e/pwa.spec.ts", "e2e-logs/a"):
        (frontend / generated).parent.mkdir(parents=True, exist_ok=True)
        (frontend / generated).write_text("changed")

    assert source_hash(frontend, settings) == before
    (frontend / "src" / "new.ts").write_text("export {};")
    assert source_hash(frontend, settings) != before


def test_a_failed_build_is_reported_and_not_stamped(frontend: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAIL_BUILD", "1")

    with pytest.raises(WebBuildFailed, match=r"Building the web app failed \(exit 3\)"):
        ensure_web_build(API_URL, frontend=frontend)

    monkeypatch.delenv("FAIL_BUILD")
    assert ensure_web_build(API_URL, frontend=frontend).built


def test_without_npm_the_error_says_what_to_install(frontend: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(frontend / "no-such-dir"))

    with pytest.raises(WebBuildFailed, match=r"npm is not on PATH: install Node\.js"):
        ensure_web_build(API_URL, frontend=frontend)
