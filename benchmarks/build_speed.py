"""Build speed: a full storyline build against a bare spaCy pass over the same cleaned texts, in one run.

usage: python benchmarks/build_speed.py [CORPUS] [--limit N]
       (default CORPUS: ../shared/corpus/bbc if present, else examples/harbour)

Prints wall time, articles/s and peak memory of the build, the time of `nlp.pipe` over the same
cleaned texts with the same model, and the ratio build / bare spaCy (the figure that matters on a
shared machine: both halves see the same load).
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import storyline  # noqa: E402
from storyline import nlp  # noqa: E402
from storyline.config import Config  # noqa: E402


def main(argv=None) -> int:
    default = ROOT.parent / "shared" / "corpus" / "bbc"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(default if default.exists() else ROOT / "examples" / "harbour"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N files (0 = all)")
    args = ap.parse_args(argv)
    paths = [args.corpus]
    if args.limit:
        files = sorted(p for p in Path(args.corpus).rglob("*") if p.is_file())[: args.limit]
        paths = [str(p) for p in files]

    cfg = Config()
    model = nlp.load(cfg.model)        # loaded once, outside both timings
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "bench.db")
        t0 = time.perf_counter()
        report = storyline.build(paths, db=db, config=cfg)
        build_s = time.perf_counter() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        import sqlite3

        con = sqlite3.connect(db)
        texts = [r[0] for r in con.execute("SELECT text FROM articles ORDER BY rowid")]
        con.close()
    t0 = time.perf_counter()
    for _ in model.pipe(texts, batch_size=cfg.batch_size):
        pass
    bare_s = time.perf_counter() - t0
    n = report.analysed
    print(f"corpus: {args.corpus} ({report.read} inputs, {n} articles analysed, {len(report.skipped)} skipped)")
    print(f"build wall time: {build_s:.1f} s")
    print(f"articles/s: {n / build_s:.1f}")
    print(f"peak memory (RSS): {peak_mb:.0f} MB")
    print(f"bare spaCy nlp.pipe on the same cleaned texts: {bare_s:.1f} s")
    print(f"ratio build / bare spaCy: {build_s / bare_s:.2f}")
    print(f"events {report.events}, entities {report.entities}, stories {report.stories}, "
          f"near-duplicates {report.duplicates}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
