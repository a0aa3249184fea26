"""Time engine quality and speed: TempEval-3 scores via the shared scorer, and sentences/s of `storyline timex`.

usage: python benchmarks/timex_tempeval.py [--set platinum|tbaq] [--no-speed]

Quality: runs ../shared/tools/score_timex.py over the chosen TempEval-3 folder with `.venv/bin/storyline timex`.
Speed: one `storyline timex` process over a large input (all TBAQ texts, repeated), process start included.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CLI = ROOT / ".venv" / "bin" / "storyline"


def quality(folder: Path) -> str:
    out = subprocess.run([sys.executable, str(SHARED / "tools" / "score_timex.py"), str(folder),
                          "--cmd", f"{CLI} timex"], capture_output=True, text=True, check=True)
    return out.stdout


def speed(repeat: int = 3) -> tuple[int, float]:
    texts = []
    for f in sorted((SHARED / "corpus" / "tempeval3" / "tbaq").rglob("*.tml")):
        body = re.search(r"<TEXT>(.*)</TEXT>", f.read_text(encoding="utf-8"), re.S)
        if body:
            texts.append(re.sub(r"<[^>]+>", "", body.group(1)))
    big = "\n\n".join(texts * repeat)
    sentences = len(re.findall(r"[.!?](?:\s|$)", big))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write(big)
    t0 = time.perf_counter()
    subprocess.run([str(CLI), "timex", "--dct", "1998-02-27", fh.name], stdout=subprocess.DEVNULL, check=True)
    return sentences, time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="platinum", choices=["platinum", "tbaq"])
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args(argv)
    folder = SHARED / "corpus" / "tempeval3" / args.set
    if not folder.exists():
        print(f"TempEval-3 data not present at {folder}")
        return 1
    if args.set == "tbaq":
        for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
            print(f"== {args.set}/{sub.name}\n{quality(sub)}")
    else:
        print(f"== {args.set}\n{quality(folder)}")
    if not args.no_speed:
        n, secs = speed()
        print(f"speed: {n} sentences in {secs:.2f} s (one process, start included) = {n / secs:.0f} sentences/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
