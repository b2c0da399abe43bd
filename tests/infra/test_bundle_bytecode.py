"""Bundles carry bytecode exactly when the build's Python is the runtime's: Lambda cannot write
`__pycache__`, so source-only bundles are compiled at every cold start."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from infra.aws import bundles

THIS_PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"
UNCHECKED_HASH = 0b01
"""PEP 552 flags of a hash-based .pyc that is never checked against its source."""


def pyc_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.pyc"))


def test_built_with_the_runtimes_python_the_code_is_compiled_unchecked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bundles, "PYTHON_VERSION", THIS_PYTHON)

    bundle = bundles.build_code("app", ("functions",), build_dir=tmp_path)

    compiled = pyc_files(bundle.path)
    sources = sorted(bundle.path.rglob("*.py"))
    assert sources and len(compiled) == len(sources)
    assert all(int.from_bytes(pyc.read_bytes()[4:8], "little") & 0b11 == UNCHECKED_HASH for pyc in compiled)
    assert bundle.content_hash.endswith("-pyc")


def test_built_with_another_python_the_code_stays_source_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundles, "PYTHON_VERSION", "3.99")

    bundle = bundles.build_code("app", ("functions",), build_dir=tmp_path)

    assert pyc_files(bundle.path) == []
    assert sorted(bundle.path.rglob("*.py"))
    assert not bundle.content_hash.endswith("-pyc")
