"""Conflicts between sources on the dev stories: build each story that has gold conflicts, export, and
score with the shared scorer (conflict recall and precision per story).

usage: python benchmarks/conflicts_gold.py [--keep DIR] [--missed]
(needs ../shared; the gold `seeds.json` is scored on the seeds built alone). --keep leaves each story's
store and export in DIR; --missed also prints the gold conflicts that were not found.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import story_dir  # noqa: E402
SHARED = ROOT.parent / "shared"
CLI = [sys.executable, "-m", "storyline.cli"]
TARGETS = {"conflict_recall": 0.60, "conflict_precision": 0.50}


def inputs(story: str) -> list[str]:
    return [str(SHARED / "seeds")] if story == "seeds" else [str(SHARED / "corpus" / "dev" / story)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", help="folder to keep each story's store and export in")
    ap.add_argument("--missed", action="store_true", help="print the missed gold conflicts too")
    args = ap.parse_args(argv)
    golds = sorted((SHARED / "gold" / "conflicts").glob("*.json"))
    if not golds:
        print(f"no gold conflicts under {SHARED / 'gold' / 'conflicts'}")
        return 1
    env = {"PYTHONPATH": str(ROOT)}
    rows = []
    for gold in golds:
        story = gold.stem
        with story_dir(args.keep, story) as tmp:
            db, out = f"{tmp}/s.db", f"{tmp}/export.json"
            subprocess.run([*CLI, "build", *inputs(story), "--db", db, "--no-progress"], check=True,
                           stdout=subprocess.DEVNULL, cwd=ROOT, env=_env(env))
            subprocess.run([*CLI, "export", "--db", db, "-o", out], check=True, cwd=ROOT, env=_env(env))
            res = json.loads(subprocess.run([sys.executable, str(SHARED / "tools" / "score_conflicts.py"), out,
                                             str(gold), "--json"], capture_output=True, text=True,
                                            check=True).stdout)
        rows.append((story, res))
        print(f"== {story}: conflict_recall {res['conflict_recall']} conflict_precision {res['conflict_precision']} "
              f"kind_accuracy {res['kind_accuracy']} exported {res['exported']} gold {res['gold_conflicts']}")
        if args.missed:
            for m in res["missed"]:
                print(f"   missed {m}")
    met = [all((r.get(k) or 0) >= v for k, v in TARGETS.items()) for _, r in rows]
    print(f"targets (recall >= {TARGETS['conflict_recall']}, precision >= {TARGETS['conflict_precision']}) "
          f"met on {sum(met)} of {len(rows)} stories")
    return 0


def _env(extra: dict) -> dict:
    import os

    return {**os.environ, **extra}


if __name__ == "__main__":
    sys.exit(main())
