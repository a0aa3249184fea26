"""Timeline quality on the dev stories: build each story in ../shared/gold, export, score with the shared scorer.

usage: python benchmarks/timeline_gold.py [--keep DIR] [--missed] [--baseline]
(needs ../shared; the opposition story is built with the seeds). --keep leaves each story's store and
export in DIR for inspection; --missed also prints the scorer's list of missed gold events; --baseline
also scores the publication-day lead baseline on the same store (one event per publication day, its
articles' lead sentences as sources, ranked by article count, no participants).
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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", help="folder to keep each story's store and export in")
    ap.add_argument("--missed", action="store_true", help="print the missed gold events too")
    ap.add_argument("--baseline", action="store_true", help="score the publication-day lead baseline too")
    args = ap.parse_args(argv)
    golds = sorted((SHARED / "gold").glob("*.json"))
    if not golds:
        print(f"no gold timelines under {SHARED / 'gold'}")
        return 1
    for gold in golds:
        story = gold.stem
        paths = [str(SHARED / "corpus" / "dev" / story)] + ([str(SHARED / "seeds")] if story == "opposition" else [])
        with story_dir(args.keep, story) as tmp:
            db, out = f"{tmp}/s.db", f"{tmp}/export.json"
            subprocess.run([CLI, "build", *paths, "--db", db, "--no-progress"], check=True, stdout=subprocess.DEVNULL)
            subprocess.run([CLI, "export", "--db", db, "-o", out], check=True)
            score = _score(out, gold)
            if args.baseline:
                base = f"{tmp}/baseline.json"
                Path(base).write_text(json.dumps(lead_baseline(db)))
                base_score = _score(base, gold)
        print(f"== {story}")
        print("\n".join(line for line in score.splitlines() if args.missed or not line.strip().startswith("missed")))
        if args.baseline:
            print(f"-- {story}, lead baseline")
            print("\n".join(line for line in base_score.splitlines() if not line.strip().startswith("missed")))
    return 0


def _score(export: str, gold: Path) -> str:
    return subprocess.run([sys.executable, str(SHARED / "tools" / "score_timeline.py"), export, str(gold)],
                          capture_output=True, text=True, check=True).stdout


def lead_baseline(db: str) -> dict:
    """The baseline the issue compares with: per publication day one event, told by the first two
    sentences of that day's articles, salience = number of articles."""
    sys.path.insert(0, str(ROOT))
    from storyline.store import open_store

    store = open_store(db)
    final = {r["id"]: r["published"] for r in store.article_rows()}    # the date the build settled on
    by_day: dict[str, list] = {}
    for a in store.analysed_articles():
        if final.get(a.id):
            by_day.setdefault(final[a.id], []).append(a)
    events = []
    for n, (day, arts) in enumerate(sorted(by_day.items())):
        sources = [{"article": a.id, "sentence": s.text, "start": s.start, "end": s.end}
                   for a in arts for s in a.sentences[:2]]
        events.append({"id": f"b{n}", "type": "other", "status": "occurred", "date": day, "date_end": None,
                       "participants": [], "place": None, "summary": sources[0]["sentence"] if sources else "",
                       "salience": len(arts), "sources": sources})
    store.close()
    return {"articles": [], "entities": [], "events": events}


if __name__ == "__main__":
    sys.exit(main())
