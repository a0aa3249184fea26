"""Timeline quality on the dev stories: build each story in ../shared/gold, export, score with the shared scorer.

usage: python benchmarks/timeline_gold.py [--keep DIR] [--missed]
(needs ../shared; the opposition story is built with the seeds). --keep leaves each story's store and
export in DIR for inspection; --missed also prints the scorer's list of missed gold events.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CLI = str(ROOT / ".venv" / "bin" / "storyline")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", help="folder to keep each story's store and export in")
    ap.add_argument("--missed", action="store_true", help="print the missed gold events too")
    args = ap.parse_args(argv)
    golds = sorted((SHARED / "gold").glob("*.json"))
    if not golds:
        print(f"no gold timelines under {SHARED / 'gold'}")
        return 1
    for gold in golds:
        story = gold.stem
        paths = [str(SHARED / "corpus" / "dev" / story)] + ([str(SHARED / "seeds")] if story == "opposition" else [])
        with tempfile.TemporaryDirectory() as tmp:
            if args.keep:
                tmp = str(Path(args.keep) / story)
                Path(tmp).mkdir(parents=True, exist_ok=True)
                Path(f"{tmp}/s.db").unlink(missing_ok=True)
            db, out = f"{tmp}/s.db", f"{tmp}/export.json"
            subprocess.run([CLI, "build", *paths, "--db", db, "--no-progress"], check=True, stdout=subprocess.DEVNULL)
            subprocess.run([CLI, "export", "--db", db, "-o", out], check=True)
            score = subprocess.run([sys.executable, str(SHARED / "tools" / "score_timeline.py"), out, str(gold)],
                                   capture_output=True, text=True, check=True).stdout
        print(f"== {story}")
        print("\n".join(line for line in score.splitlines() if args.missed or not line.strip().startswith("missed")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
