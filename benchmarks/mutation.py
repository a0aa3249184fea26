"""Mutation check: does the test suite notice when a main stage does nothing?

usage: python benchmarks/mutation.py [--stage NAME ...] [--jobs N] [--no-baseline] [-- PYTEST ARGS]

For each main stage (timex tagging, event extraction, entity resolution, event merging, story
grouping) the suite runs in a subprocess with STORYLINE_MUTATE=<stage>: tests/mutate.py replaces the
stage's function, in every module that holds a reference to it, by a stub returning an empty result
of its type. Outcomes come from each run's --junitxml report, where every test carries the stages it
is written for (the `stage` marker, as the junit property "stage").

Per stage it prints how many tests ran, how many still passed, how many are written for the stage,
and names those of them that still pass: each passes whatever the stage does. A plain run (no stage
stubbed) comes first, so a test written for a stage that fails anyway is not mistaken for a catch.
Exits 1 if any test written for a stage survives its stage's stub (or the plain run fails).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.mutate import ENV, STAGES  # noqa: E402

WHAT = {"timex": "storyline.time.timex.tag", "events": "storyline.events.extract.extract",
        "entities": "storyline.entities.resolve", "merge": "storyline.events.merge.merge",
        "stories": "storyline.stories.group"}


@dataclass
class Run:
    stage: str | None
    returncode: int = 0
    outcome: dict[str, str] = field(default_factory=dict)        # test id -> passed/failed/error/skipped
    stages: dict[str, set[str]] = field(default_factory=dict)    # test id -> stages it is written for
    seconds: float = 0.0
    stderr: str = ""

    def passed(self) -> set[str]:
        return {t for t, o in self.outcome.items() if o == "passed"}

    def written_for(self, stage: str) -> set[str]:
        return {t for t, s in self.stages.items() if stage in s}


def _test_id(case) -> str:
    cls, name = case.get("classname", ""), case.get("name", "")
    parts = cls.split(".")
    # junit classname is the dotted module path (plus any class); give back a pytest-like node id
    if parts and parts[0] == "tests" and len(parts) >= 2:
        path = "/".join(parts[:2]) + ".py"
        return "::".join([path, *parts[2:], name])
    return f"{cls}::{name}"


def parse_junit(path: Path, run: Run) -> None:
    root = ET.parse(path).getroot()
    for case in root.iter("testcase"):
        tid = _test_id(case)
        kinds = {child.tag for child in case}
        if "error" in kinds:
            outcome = "error"
        elif "failure" in kinds:
            outcome = "failed"
        elif "skipped" in kinds:
            outcome = "skipped"
        else:
            outcome = "passed"
        if run.outcome.get(tid) in ("failed", "error"):     # an error in teardown is a second record
            continue
        run.outcome[tid] = outcome
        for prop in case.iter("property"):
            if prop.get("name") == "stage":
                run.stages[tid] = {s for s in prop.get("value", "").split(",") if s}
        run.stages.setdefault(tid, set())
    run.seconds = float(root.find("testsuite").get("time", 0) if root.tag == "testsuites" else root.get("time", 0))


def run_suite(stage: str | None, extra: list[str], workdir: Path) -> Run:
    tag = stage or "plain"
    xml = workdir / f"{tag}.xml"
    env = dict(os.environ)
    env.pop(ENV, None)
    if stage:
        env[ENV] = stage
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={xml}",
           f"--basetemp={workdir / ('tmp-' + tag)}", "-o", "junit_family=xunit1", *extra]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    run = Run(stage, proc.returncode, stderr=proc.stdout[-3000:] + proc.stderr[-3000:])
    if xml.exists():
        parse_junit(xml, run)
    return run


def table(plain: Run | None, runs: list[Run]) -> tuple[str, int]:
    lines = ["| stage stubbed | function | tests ran | still pass | written for the stage | of those, still pass |",
             "|---|---|---|---|---|---|"]
    bad = 0
    notes = []
    if plain is not None:
        lines.append(f"| (none) | - | {len(plain.outcome)} | {len(plain.passed())} | - | - |")
    for r in runs:
        mine = r.written_for(r.stage)
        survivors = sorted(mine & r.passed())
        bad += len(survivors)
        lines.append(f"| {r.stage} | `{WHAT[r.stage]}` | {len(r.outcome)} | {len(r.passed())} | {len(mine)} "
                     f"| **{len(survivors)}** |")
        if not r.outcome:
            notes.append(f"{r.stage}: no test report (exit {r.returncode})\n{r.stderr}")
            bad += 1
        for t in survivors:
            notes.append(f"{r.stage}: survives: {t}")
        if plain is not None:
            broken = sorted(t for t in mine if plain.outcome.get(t) not in ("passed", "skipped"))
            for t in broken:
                notes.append(f"{r.stage}: fails even without the stub: {t}")
    return "\n".join(lines + ([""] + notes if notes else [])), bad


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stage", action="append", choices=list(STAGES), help="only these stages (repeatable)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="suite runs at once")
    ap.add_argument("--no-baseline", action="store_true", help="skip the plain run")
    ap.add_argument("pytest_args", nargs="*", help="passed on to pytest (after --)")
    args = ap.parse_args(argv)
    stages = args.stage or list(STAGES)
    todo: list[str | None] = ([] if args.no_baseline else [None]) + stages
    with tempfile.TemporaryDirectory(prefix="storyline-mutation-") as tmp:
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            runs = list(pool.map(lambda s: run_suite(s, args.pytest_args, Path(tmp)), todo))
    plain = None if args.no_baseline else runs.pop(0)
    text, bad = table(plain, runs)
    print(text)
    if plain is not None and (plain.returncode != 0 or not plain.outcome):
        print(f"\nthe plain run failed (exit {plain.returncode}):\n{plain.stderr}")
        return 1
    print(f"\n{bad} test(s) written for a stage pass with that stage stubbed" if bad else
          "\nno test written for a stage passes with that stage stubbed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
