"""Timeline17 subset (measure only): date F1 and AR1/AR2-F of storyline against the day-count baseline.

usage: python benchmarks/t17.py [--keep DIR]
(needs ../shared/corpus/t17 and the scorer's own needs: `pip install tilse` and Debian's
libxml-parser-perl). Builds each topic's articles into its own store, exports it, and scores the export
against every gold timeline of the topic with ../shared/tools/score_t17.py, beside the scorer's
`--pubcount` baseline (the days with most articles, their lead sentences), both in this run.
The subset is for measuring only: never fix its cases.
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
CLI = str(ROOT / ".venv" / "bin" / "storyline")
SCORER = SHARED / "tools" / "score_t17.py"
FIGURES = ("AR1-F", "AR2-F", "Date-F1")


def _score(*args) -> dict:
    out = subprocess.run([sys.executable, str(SCORER), *map(str, args), "--json"], capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", help="folder to keep each topic's store and export in")
    args = ap.parse_args(argv)
    topics = sorted(p for p in (SHARED / "corpus" / "t17").glob("*") if (p / "gold").is_dir())
    if not topics:
        print(f"no Timeline17 topics under {SHARED / 'corpus' / 't17'}")
        return 1
    rows = []
    for topic in topics:
        with story_dir(args.keep, topic.name) as tmp:
            db, out = f"{tmp}/s.db", f"{tmp}/export.json"
            subprocess.run([CLI, "build", str(topic / "articles"), "--db", db, "--no-progress"], check=True,
                           stdout=subprocess.DEVNULL)
            subprocess.run([CLI, "export", "--db", db, "-o", out], check=True)
            for gold in sorted((topic / "gold").glob("*.json")):
                ours, base = _score(out, gold), _score("--pubcount", topic / "articles", gold)
                rows.append((f"{topic.name}/{gold.stem}", ours, base))
    print(f"{'timeline':<16}" + "".join(f"{f + ' ours':>14}{f + ' base':>14}" for f in FIGURES))
    for name, ours, base in rows:
        print(f"{name:<16}" + "".join(f"{ours[f]:>14.3f}{base[f]:>14.3f}" for f in FIGURES))
    print(f"{'mean':<16}" + "".join(f"{sum(o[f] for _, o, _ in rows) / len(rows):>14.3f}"
                                    f"{sum(b[f] for _, _, b in rows) / len(rows):>14.3f}" for f in FIGURES))
    above = sum(o["Date-F1"] > b["Date-F1"] and o["AR1-F"] > b["AR1-F"] for _, o, b in rows)
    print(f"above the baseline on date F1 and AR1-F: {above} of {len(rows)} timelines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
