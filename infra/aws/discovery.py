"""The production Lambdas: one per module of `functions/` whose name does not start with `_`.

The list is read from the folder, never written down, so a module added later gets its Lambda
(with the least-privileged default profile until `profiles.PROFILES` says more).
"""

from __future__ import annotations

from pathlib import Path

from infra.aws.paths import FUNCTIONS_DIR

HANDLER = "handler"
"""Every function module exposes `handler(event, context)`."""


def discover_functions(functions_dir: Path = FUNCTIONS_DIR) -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in functions_dir.glob("*.py") if not path.stem.startswith("_")))


def handler_of(function: str) -> str:
    return f"functions.{function}.{HANDLER}"
