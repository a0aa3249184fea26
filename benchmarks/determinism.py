"""Same inputs, same bytes: build one corpus several ways and compare the JSON exports byte for byte.

usage: python benchmarks/determinism.py [CORPUS_DIR] [--seed N]
(default corpus: examples/harbour). Ways compared with a fresh build under PYTHONHASHSEED=1:
another hash seed; the files in a shuffled order in three builds; the same inputs built twice.
Prints one line per way and the first differing export line; exits 1 when any way differs.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = str(ROOT / ".venv" / "bin" / "storyline")


def run_build(db: str, paths: list[str], seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([CLI, "build", *paths, "--db", db, "--no-progress"], check=True, env=env,
                   stdout=subprocess.DEVNULL)


def export(db: str, out: str, seed: str = "1") -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([CLI, "export", "--db", db, "-o", out], check=True, env=env)
    return Path(out).read_bytes()


def first_difference(a: bytes, b: bytes) -> str:
    la, lb = a.decode().splitlines(), b.decode().splitlines()
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return f"line {i + 1}: {x.strip()[:90]!r} vs {y.strip()[:90]!r}"
    return f"lengths {len(la)} vs {len(lb)} lines"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "examples" / "harbour"))
    ap.add_argument("--seed", type=int, default=7, help="seed of the shuffled build order")
    args = ap.parse_args(argv)
    files = sorted(str(p) for p in Path(args.corpus).rglob("*") if p.is_file() and not p.name.startswith("."))
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        run_build(f"{tmp}/fresh.db", files, "1")
        ref = export(f"{tmp}/fresh.db", f"{tmp}/fresh.json")
        ways = {}
        run_build(f"{tmp}/seed.db", files, "2")
        ways["hash seed 2"] = export(f"{tmp}/seed.db", f"{tmp}/seed.json", "2")
        shuffled = files[:]
        random.Random(args.seed).shuffle(shuffled)
        cut = sorted(random.Random(args.seed + 1).sample(range(1, len(files)), 2)) if len(files) > 2 else [1, 1]
        for part in (shuffled[:cut[0]], shuffled[cut[0]:cut[1]], shuffled[cut[1]:]):
            if part:
                run_build(f"{tmp}/batches.db", part, "3")
        ways["3 shuffled batches"] = export(f"{tmp}/batches.db", f"{tmp}/batches.json")
        run_build(f"{tmp}/fresh.db", files, "4")
        ways["built twice"] = export(f"{tmp}/fresh.db", f"{tmp}/twice.json")
        events = len(json.loads(ref)["events"])
        print(f"corpus {args.corpus}: {len(files)} files, {events} events in the fresh build")
        for name, got in ways.items():
            same = got == ref
            bad += not same
            print(f"{name:<20} {'identical' if same else 'DIFFERS ' + first_difference(ref, got)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
