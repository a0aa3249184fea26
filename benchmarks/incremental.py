"""Adding one article to a built store: how long it takes at two store sizes, in one run.

usage: python benchmarks/incremental.py [CORPUS_DIR] [--small N]
(default corpus: ../shared/corpus/bbc). Builds a store of the first N articles (default 500) and one of
all of them, keeping one article out of each; then adds that article to each store and times the add.
Prints both times and their ratio; the issue asks for an add <= 2 s and a ratio < 1.5.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    import storyline

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "bbc"))
    ap.add_argument("--small", type=int, default=500)
    ap.add_argument("--keep", help="folder to keep the two stores in (for profiling)")
    args = ap.parse_args(argv)
    files = sorted(str(p) for p in Path(args.corpus).rglob("*.txt"))
    if len(files) <= args.small:
        print(f"need more than {args.small} .txt files under {args.corpus}")
        return 1
    # the article held out must be new to the store: not one of the corpus's exact duplicates
    from collections import Counter

    from storyline.ingest import content_hash

    hashes = {f: content_hash(Path(f).read_text(encoding="utf-8", errors="replace")) for f in files}
    counts = Counter(hashes.values())
    held_out = next(f for f in files[len(files) // 2:] if counts[hashes[f]] == 1)
    rest = [f for f in files if f != held_out]
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        if args.keep:
            tmp = args.keep
            Path(tmp).mkdir(parents=True, exist_ok=True)
            for old in Path(tmp).glob("*.db*"):
                old.unlink()
        for name, part in (("small", rest[:args.small]), ("full", rest)):
            db = f"{tmp}/{name}.db"
            t = time.perf_counter()
            storyline.build(part, db=db)
            built = time.perf_counter() - t
            t = time.perf_counter()
            report = storyline.build([held_out], db=db)
            add = time.perf_counter() - t
            figures[name] = (len(part), built, add, report)
            print(f"{name}: {len(part)} articles built in {built:.1f} s; adding 1 took {add:.2f} s "
                  f"(analysed {report.analysed}, re-dated {report.redated}; {report.events} events)")
            t = time.perf_counter()
            storyline.build([held_out], db=db)
            print(f"{name}: the same article again (nothing to do) took {time.perf_counter() - t:.2f} s")
    ratio = figures["full"][2] / figures["small"][2]
    print(f"add to {figures['full'][0]} vs {figures['small'][0]} articles: ratio {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
