"""Python code run in a fresh interpreter with only the environment a test gives it (a Lambda's,
say), for what must not leak into the test process: imports, process-wide patches."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def last_json_line(code: str, *args: str, environment: dict[str, str]) -> Any:
    """Runs `code` with `args` in a child that sees the project and `environment` (plus PATH),
    asserts it succeeded, and answers the JSON of the last line it printed."""
    completed = subprocess.run(
        [sys.executable, "-c", code, *args],
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), **environment},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])
