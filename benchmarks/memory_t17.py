"""Peak memory of a build of the Timeline17 subset (issue 14: target <= 1 GB).

usage: python benchmarks/memory_t17.py [CORPUS] [--workers N] [--dask-scheduler local]
       (default CORPUS: ../shared/corpus/t17, every TOPIC/articles folder in it)

The build runs in a fresh process. Its peak is sampled (psutil, every SAMPLE_S) as the resident
set of the build process plus all its children (worker processes), and checked against the kernel's
own high-water marks (getrusage of the process and of its largest waited-for child).
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
TARGET_MB = 1024
SAMPLE_S = 0.05      # fine enough to catch a peak that lasts the parse of one batch

CHILD = """
import json, resource, sys, time
import storyline
from storyline.config import Config
paths, db, workers, dask = json.loads(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4] or None
if __name__ == "__main__":
    cfg = Config(workers=workers, dask_scheduler=dask)
    t = time.perf_counter()
    r = storyline.build(paths, db=db, config=cfg)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": time.perf_counter() - t, "self_mb": own, "child_mb": kids,
                      "analysed": r.analysed, "read": r.read, "events": r.events, "stories": r.stories}))
"""


def tree_rss(proc) -> int:
    import psutil

    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:        # a child that just exited
            pass
    return total


def main(argv=None) -> int:
    import psutil

    default = ROOT.parent / "shared" / "corpus" / "t17"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(default))
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--dask-scheduler", default="")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"{corpus}: not found (the Timeline17 subset is in ../shared/corpus/t17)", file=sys.stderr)
        return 2
    paths = sorted(str(p) for p in corpus.glob("*/articles")) or [str(corpus)]
    with tempfile.TemporaryDirectory() as tmp:
        child = os.path.join(tmp, "child.py")
        Path(child).write_text(CHILD)
        proc = subprocess.Popen([sys.executable, child, json.dumps(paths), os.path.join(tmp, "t17.db"),
                                 str(args.workers), args.dask_scheduler], stdout=subprocess.PIPE, text=True,
                                cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        ps, peak = psutil.Process(proc.pid), 0
        while proc.poll() is None:
            try:
                peak = max(peak, tree_rss(ps))
            except psutil.Error:
                pass
            time.sleep(SAMPLE_S)
        out = proc.stdout.read()
        if proc.returncode:
            print(f"build failed (exit {proc.returncode})", file=sys.stderr)
            return 1
    r = json.loads(out.strip().splitlines()[-1])
    peak_mb = max(peak / 2**20, r["self_mb"], r["child_mb"])
    print(f"corpus: {', '.join(paths)}")
    print(f"build: {r['analysed']} articles analysed of {r['read']} inputs, {r['events']} events, "
          f"{r['stories']} stories in {r['seconds']:.1f} s")
    print(f"peak memory: {peak_mb:.0f} MB (sampled process tree {peak / 2**20:.0f} MB; kernel high-water: "
          f"build process {r['self_mb']:.0f} MB, largest child {r['child_mb']:.0f} MB); target <= {TARGET_MB} MB: "
          f"{'ok' if peak_mb <= TARGET_MB else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
