"""Cold import of each Lambda function module: `python -m benchmarks.cold_start`.

Each run is a fresh interpreter (`python -I -S`) that sees only what a Lambda sees: the code
(`chalicelib/`, `functions/`, `migrations/`), requirements.txt installed as the dependency layer
and the runtime's boto3 (`infra.local.lambda_bundle`, the bundle of the tests), with the
environment of a non-production Lambda (STAGE=dev, AWS_LAMBDA_FUNCTION_NAME, POWERTOOLS_*). It
times `import functions.<name>` (the production settings check included, interpreter start-up
not), `--runs` times per function, round-robin so a change of load on the shared machine hits
every function alike; the child's own CPU time is reported too. Two reference rows: a bare
Chalice app (`from chalice import Chalice; app = Chalice("x")`), the baseline of the ratio, and
the floor of an API function (`FLOOR_IMPORTS`: what any route needs at its first request).

Bytecode: the code is compiled once before the runs (as a bundle that ships `.pyc` files would
be). `--source-only` measures what a Lambda pays when the bundle holds no `.pyc` for our code,
`--no-bytecode` when neither the code nor the dependencies have any (a layer installed with
`pip --no-compile`): each cold start then compiles every module it imports.

`--importtime NAME` prints the modules `python -X importtime` finds slowest for one function,
to see what to defer. The measurement replaces its own section of COLD_START.md (one per
bytecode mode, between `<!-- cold-start:MODE -->` markers; the prose around them is kept), or
is only printed with `--print`.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.measure import percentile
from infra.local.lambda_bundle import (
    ROOT,
    build_dependencies,
    build_runtime,
    copy_code,
    lambda_like_command,
    lambda_like_environment,
)

BUDGET_MS = 300.0
BASELINE = "bare Chalice app"
FUNCTIONS = tuple(sorted(path.stem for path in (ROOT / "functions").glob("*.py") if not path.stem.startswith("_")))
TIMED_IMPORT = (
    "import time; started, cpu = time.perf_counter(), time.process_time(); {statement}; "
    "print(time.perf_counter() - started, time.process_time() - cpu)"
)
BARE_CHALICE = 'from chalice import Chalice; app = Chalice("x")'
FLOOR = "floor of an API function"
FLOOR_IMPORTS = "import functions, chalice.app, chalicelib.core.observability, sqlalchemy.orm, psycopg, jwt"
"""What every API route needs at its first request, whatever it does: the production settings
check (pydantic-settings), Chalice, Powertools, the SQLAlchemy ORM, psycopg and PyJWT."""
IMPORTTIME_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)")


@dataclass(frozen=True)
class Bundle:
    code: Path
    dependencies: Path
    runtime: Path


@dataclass(frozen=True)
class Sample:
    wall_ms: float
    cpu_ms: float
    """The process's own CPU time: what the import costs whatever else the machine runs."""


@dataclass(frozen=True)
class Row:
    name: str
    samples: list[Sample]

    @property
    def p50(self) -> float:
        return percentile([sample.wall_ms for sample in self.samples], 0.50)

    @property
    def p95(self) -> float:
        return percentile([sample.wall_ms for sample in self.samples], 0.95)

    @property
    def cpu_p50(self) -> float:
        return percentile([sample.cpu_ms for sample in self.samples], 0.50)

    @property
    def cpu_p95(self) -> float:
        return percentile([sample.cpu_ms for sample in self.samples], 0.95)


def statement_of(name: str) -> str:
    return {BASELINE: BARE_CHALICE, FLOOR: FLOOR_IMPORTS}.get(name, f"import functions.{name}")


def time_once(bundle: Bundle, name: str, *, source_only: bool) -> Sample:
    """One cold import in a fresh interpreter, in milliseconds; `-B` when no `.pyc` may be written."""
    function = name if name in FUNCTIONS else "baseline"
    extra = {"LAMBDA_TASK_ROOT": str(bundle.code), "POWERTOOLS_TRACE_DISABLED": "false"}
    script = TIMED_IMPORT.format(statement=statement_of(name))
    flags = ["-B"] if source_only else []
    completed = subprocess.run(
        lambda_like_command(bundle.code, bundle.dependencies, bundle.runtime, script, flags=flags),
        env=lambda_like_environment(function, **extra),
        cwd=bundle.code,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"importing {name} failed:\n{completed.stderr[-3000:]}")
    wall, cpu = completed.stdout.strip().splitlines()[-1].split()
    return Sample(wall_ms=float(wall) * 1000, cpu_ms=float(cpu) * 1000)


def measure(bundle: Bundle, names: list[str], *, runs: int, source_only: bool) -> list[Row]:
    samples: dict[str, list[Sample]] = {name: [] for name in names}
    for name in names:  # a first import of each, not counted: page cache, and .pyc unless source-only
        time_once(bundle, name, source_only=source_only)
    for _ in range(runs):
        for name in names:
            samples[name].append(time_once(bundle, name, source_only=source_only))
    return [Row(name, values) for name, values in samples.items()]


def importtime(bundle: Bundle, name: str, top: int) -> str:
    """The `top` modules with the largest cumulative import time, indented as Python nests them."""
    command = lambda_like_command(
        bundle.code, bundle.dependencies, bundle.runtime, statement_of(name), flags=["-X", "importtime"]
    )
    completed = subprocess.run(
        command,
        env=lambda_like_environment(name, LAMBDA_TASK_ROOT=str(bundle.code)),
        cwd=bundle.code,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    rows = [
        (int(cumulative), len(indent) // 2, module)
        for _, cumulative, indent, module in IMPORTTIME_LINE.findall(completed.stderr)
    ]
    rows.sort(reverse=True)
    return "\n".join(f"{cumulative / 1000:8.1f} ms  {'  ' * depth}{module}" for cumulative, depth, module in rows[:top])


def table(rows: list[Row]) -> str:
    baseline = next(row for row in rows if row.name == BASELINE)
    lines = [
        "| Function | p50 ms | p95 ms | CPU p50 / p95 ms | p95 / bare Chalice | <= 300 ms p95 |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = row.p95 / baseline.p95
        reference = row.name in (BASELINE, FLOOR)
        met = "" if reference else ("yes" if row.p95 <= BUDGET_MS else "**no**")
        label = row.name if reference else f"`{row.name}`"
        cpu = f"{row.cpu_p50:.0f} / {row.cpu_p95:.0f}"
        lines.append(f"| {label} | {row.p50:.0f} | {row.p95:.0f} | {cpu} | {ratio:.1f} | {met} |")
    return "\n".join(lines)


MODES = {
    "bytecode": ("", "`.pyc` for the code and the dependencies"),
    "source-only": (" --source-only", "our code compiled from source in every run, `.pyc` for the dependencies"),
    "no-bytecode": (" --no-bytecode", "no `.pyc` at all: every module compiled in every run"),
}


def report(rows: list[Row], *, runs: int, mode: str, load: tuple[float, float]) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    option, bytecode = MODES[mode]
    return (
        f"Measured {when} with `python -m benchmarks.cold_start --runs {runs}{option}`: Python "
        f"{sys.version.split()[0]}, {os.cpu_count()} cores, load average {load[0]:.2f} before and {load[1]:.2f} "
        f"after, {bytecode}.\n\n{table(rows)}\n"
    )


def prepare(work: Path, *, dependency_bytecode: bool) -> Bundle:
    return Bundle(
        code=copy_code(work), dependencies=build_dependencies(bytecode=dependency_bytecode), runtime=build_runtime()
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--only", help="comma-separated function names (default: all)")
    parser.add_argument("--source-only", action="store_true", help="no .pyc for our code (each run compiles it)")
    parser.add_argument("--no-bytecode", action="store_true", help="no .pyc at all, dependencies included")
    parser.add_argument("--importtime", metavar="NAME", help="print the slowest imports of one function and stop")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--output", type=Path, default=Path(__file__).with_name("COLD_START.md"))
    parser.add_argument("--print", action="store_true", help="print the table only; leave --output as it is")
    args = parser.parse_args(argv)
    source_only = args.source_only or args.no_bytecode
    with tempfile.TemporaryDirectory(prefix="cold-start-") as scratch:
        bundle = prepare(Path(scratch), dependency_bytecode=not args.no_bytecode)
        if not source_only:
            compileall.compile_dir(bundle.code, quiet=1)
        if args.importtime:
            print(importtime(bundle, args.importtime, args.top))
            return
        names = [name.strip() for name in args.only.split(",")] if args.only else list(FUNCTIONS)
        load_before = os.getloadavg()[0]
        rows = measure(bundle, [BASELINE, FLOOR, *names], runs=args.runs, source_only=source_only)
        mode = "no-bytecode" if args.no_bytecode else "source-only" if args.source_only else "bytecode"
        text = report(rows, runs=args.runs, mode=mode, load=(load_before, os.getloadavg()[0]))
    print(text)
    if not args.print:
        write_section(args.output, mode, text)


def write_section(path: Path, mode: str, text: str) -> None:
    """Replaces the section of `mode` in `path` (appended when it has none yet)."""
    start, end = f"<!-- cold-start:{mode} -->", f"<!-- /cold-start:{mode} -->"
    section = f"{start}\n{text}{end}"
    document = path.read_text(encoding="utf-8") if path.exists() else ""
    if start in document and end in document:
        before, rest = document.split(start, 1)
        document = before + section + rest.split(end, 1)[1]
    else:
        document = document.rstrip("\n") + ("\n\n" if document else "") + section + "\n"
    path.write_text(document, encoding="utf-8")


if __name__ == "__main__":
    main()
