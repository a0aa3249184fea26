"""Build speed: full storyline builds with 1 and 2 worker processes against a bare spaCy pass over the
same cleaned texts, in one run.

usage: python benchmarks/build_speed.py [CORPUS] [--limit N] [--workers 1,2] [--dask N] [--no-bare]
       (default CORPUS: ../shared/corpus/bbc if present, else examples/harbour)

Each build runs in a fresh process (so its peak memory is its own: the parent's and its workers'
largest resident sets). Prints wall time, articles/s and peak memory of each build, the time of
`nlp.pipe` over the same cleaned texts with the same model in one process, the ratio of the
1-worker build to bare spaCy, and the speed-up of each worker count over one worker. `--dask N` adds a
build on a Dask LocalCluster of N worker processes (`--dask-scheduler local --workers N`, the
cluster's start included in its time).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = """
import json, resource, sys, time
import storyline
from storyline.config import Config
from storyline import nlp
paths, db, workers, dask = json.loads(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4] or None
cfg = Config(workers=workers, dask_scheduler=dask)
nlp.load(cfg.model)                  # loaded outside the timing, as for bare spaCy
t = time.perf_counter()
r = storyline.build(paths, db=db, config=cfg)
took = time.perf_counter() - t
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": took, "peak_mb": peak / 1024, "analysed": r.analysed, "read": r.read,
                  "skipped": len(r.skipped), "events": r.events, "entities": r.entities, "stories": r.stories,
                  "duplicates": r.duplicates, "redated": r.redated}))
"""


def main(argv=None) -> int:
    default = ROOT.parent / "shared" / "corpus" / "bbc"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(default if default.exists() else ROOT / "examples" / "harbour"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N files (0 = all)")
    ap.add_argument("--workers", default="1,2", help="worker counts to build with, comma-separated")
    ap.add_argument("--dask", type=int, default=0, help="also build on a Dask LocalCluster of N workers")
    ap.add_argument("--no-bare", action="store_true", help="skip the bare spaCy pass")
    args = ap.parse_args(argv)
    paths = [args.corpus]
    if args.limit:
        files = sorted(p for p in Path(args.corpus).rglob("*") if p.is_file())[: args.limit]
        paths = [str(p) for p in files]
    runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        todo = [(int(x), "") for x in args.workers.split(",") if x] + ([(args.dask, "local")] if args.dask else [])
        for w, dask in todo:
            key, label = (f"dask{w}", f"--dask-scheduler local --workers {w}") if dask else (w, f"--workers {w}")
            db = os.path.join(tmp, f"{key}.db")
            out = subprocess.run([sys.executable, "-c", CHILD, json.dumps(paths), db, str(w), dask], check=True,
                                 capture_output=True, text=True, cwd=ROOT)
            runs[key] = r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"build {label}: {r['seconds']:.1f} s, {r['analysed'] / r['seconds']:.1f} art/s, "
                  f"peak memory {r['peak_mb']:.0f} MB ({r['analysed']} articles, {r['redated']} re-dated)",
                  flush=True)
        import sqlite3

        first_key = next(iter(runs))
        con = sqlite3.connect(os.path.join(tmp, f"{first_key}.db"))
        texts = [r[0] for r in con.execute("SELECT text FROM articles ORDER BY id")]
        con.close()
    first = runs[first_key]
    print(f"corpus: {args.corpus} ({first['read']} inputs, {first['analysed']} articles analysed, "
          f"{first['skipped']} skipped)")
    if not args.no_bare:
        from storyline import nlp
        from storyline.config import Config

        cfg = Config()
        model = nlp.load(cfg.model)
        t0 = time.perf_counter()
        for _ in model.pipe(texts, batch_size=cfg.batch_size):
            pass
        bare_s = time.perf_counter() - t0
        print(f"bare spaCy nlp.pipe on the same cleaned texts (one process): {bare_s:.1f} s")
        if 1 in runs:
            print(f"ratio build --workers 1 / bare spaCy: {runs[1]['seconds'] / bare_s:.2f}")
    if 1 in runs:
        for key in runs:
            if key != 1:
                print(f"speed-up {key if isinstance(key, str) else f'--workers {key}'} over --workers 1: "
                      f"{runs[1]['seconds'] / runs[key]['seconds']:.2f}")
    if 2 in runs and "dask2" in runs:
        print(f"Dask LocalCluster of 2 / --workers 2: {runs['dask2']['seconds'] / runs[2]['seconds']:.2f} (time ratio)")
    print(f"events {first['events']}, entities {first['entities']}, stories {first['stories']}, "
          f"near-duplicates {first['duplicates']}")
    same = len({json.dumps({k: v for k, v in r.items() if k not in ('seconds', 'peak_mb')}) for r in runs.values()}) == 1
    print(f"same counts for every build: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
