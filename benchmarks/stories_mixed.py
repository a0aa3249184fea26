"""Stories in a mixed build: the six dev stories and some BBC articles in one store, B-cubed of `articles[].story`.

usage: python benchmarks/stories_mixed.py [--bbc N] [--keep DIR]
(needs ../shared). Builds one store of every dev story under ../shared/corpus/dev and N BBC articles
(default 300, taken evenly across its sections), exports it, and scores the story of each dev-story
article against its folder (the BBC articles are distractors, not scored): B-cubed precision and recall
(Bagga & Baldwin 1998), and into how many stories each dev story was cut. The issue asks for >= 0.90 each.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CLI = str(ROOT / ".venv" / "bin" / "storyline")


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float]:
    """Mean over items of the share of its predicted cluster that shares its gold label (precision) and
    of its gold cluster that shares its predicted label (recall)."""
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for item, g in gold.items():
        by_gold[g].add(item)
        by_pred[pred[item]].add(item)
    p = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_pred[pred[i]]) for i in gold) / len(gold)
    r = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in gold) / len(gold)
    return p, r


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bbc", type=int, default=300, help="BBC articles to mix in")
    ap.add_argument("--keep", help="folder to keep the store and export in")
    args = ap.parse_args(argv)
    dev = sorted(p for p in (SHARED / "corpus" / "dev").iterdir() if p.is_dir()) if (SHARED / "corpus" / "dev").is_dir() else []
    if not dev:
        print(f"no dev stories under {SHARED / 'corpus' / 'dev'}")
        return 1
    bbc = sorted((SHARED / "corpus" / "bbc").rglob("*.txt"))
    step = max(1, len(bbc) // args.bbc) if args.bbc else 0
    distractors = bbc[::step][:args.bbc] if step else []
    with tempfile.TemporaryDirectory() as tmp:
        if args.keep:
            tmp = args.keep
            Path(tmp).mkdir(parents=True, exist_ok=True)
            Path(f"{tmp}/s.db").unlink(missing_ok=True)
        listing = Path(tmp) / "bbc.txt"
        listing.write_text("".join(f"{p}\n" for p in distractors))
        db, out = f"{tmp}/s.db", f"{tmp}/export.json"
        subprocess.run([CLI, "build", *map(str, dev), *map(str, distractors), "--db", db, "--no-progress"],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run([CLI, "export", "--db", db, "-o", out], check=True)
        data = json.loads(Path(out).read_text())
    folders = {str(d): d.name for d in dev}
    gold, pred = {}, {}
    for a in data["articles"]:
        story = next((name for folder, name in folders.items() if a["source"].startswith(folder + "/")), None)
        if story:
            gold[a["id"]], pred[a["id"]] = story, a["story"] or f"none-{a['id']}"
    p, r = bcubed(gold, pred)
    print(f"{len(gold)} dev-story articles in {len(dev)} stories, {len(distractors)} BBC articles mixed in")
    print(f"b-cubed precision {p:.3f} recall {r:.3f}")
    # precision above counts dev-story articles only: also say how many distractors a dev story drew in
    drawn = sum(1 for a in data["articles"] if a["id"] not in gold and a["story"] in set(pred.values()))
    print(f"BBC articles drawn into a dev story: {drawn}")
    for name in sorted(set(gold.values())):
        pieces = Counter(pred[i] for i in gold if gold[i] == name)
        print(f"  {name}: {sum(pieces.values())} articles in {len(pieces)} stories; largest {pieces.most_common(1)[0][1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
