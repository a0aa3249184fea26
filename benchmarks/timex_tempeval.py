"""Time engine quality and speed: TempEval-3 scores via the shared scorer, and sentences/s of `tag`.

usage:
  python benchmarks/timex_tempeval.py [--set platinum|tbaq] [--no-speed] [--fast] [--errors N]
  python benchmarks/timex_tempeval.py --tagger --dct YYYY-MM-DD < text     (acts as the scorer's CMD)

Quality: runs /work/shared/tools/score_timex.py over the chosen TempEval-3 folder (tbaq: each of its
sub-folders, then the pooled figures), using this very script in `--tagger` mode as the command, so it
needs neither an installed package nor the CLI. `--errors N` prints up to N mismatches against the gold
(development on tbaq only: platinum is for measuring, not for fixing cases).
Speed: one `storyline timex` process (this script's tagger if the command is not installed) over a large input (all TBAQ texts, repeated), process start included; the
sentence count comes from a plain regex split and is only there to express the rate.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_timex.py"
CORPUS = SHARED / "corpus" / "tempeval3"
SELF_CMD = f"{sys.executable} {Path(__file__).resolve()} --tagger"


def parse_dct(value: str) -> dt.date:
    """The scorer's DCT comes as "1998-02-27", "19980227" or "19980227T080000"."""
    digits = re.sub(r"\D", "", value)[:8]
    return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def run_tagger(dct: str | None) -> int:
    from storyline.time.timex import tag

    text = sys.stdin.read()
    out = sys.stdout
    for t in tag(text, parse_dct(dct) if dct else None):
        out.write(json.dumps({"start": t.start, "end": t.end, "text": t.text, "type": t.type,
                              "value": t.value}) + "\n")
    return 0


def folders(name: str) -> list[Path]:
    folder = CORPUS / name
    subs = sorted(p for p in folder.iterdir() if p.is_dir())
    return subs or [folder]


def quality(folder: Path) -> dict:
    out = subprocess.run([sys.executable, str(SCORER), str(folder), "--cmd", SELF_CMD, "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def pooled(results: list[dict]) -> dict:
    """Micro-average several scorer results (F1 = 2*hits / (system + gold) is additive in hits)."""
    n = sum(r["system"] + r["gold"] for r in results)
    res = {"files": sum(r["files"] for r in results), "gold": sum(r["gold"] for r in results),
           "system": sum(r["system"] for r in results)}
    for k in ("strict_f1", "relaxed_f1", "value_f1", "type_f1"):
        res[k] = round(sum(r[k] * (r["system"] + r["gold"]) for r in results) / n, 4) if n else 0.0
    return res


def quality_in_process(folder: Path) -> dict:
    """The scorer's figures computed in this process with its own parser and matcher (fast, for development)."""
    sys.path.insert(0, str(SCORER.parent))
    import score_timex
    from storyline.time.timex import tag

    n_sys = n_gold = strict = relaxed = value = typ = 0
    files = sorted(folder.glob("*.tml"))
    for f in files:
        text, dct, gold = score_timex.parse_tml(f)
        system = [{"start": t.start, "end": t.end, "type": t.type, "value": t.value}
                  for t in tag(text, parse_dct(dct) if dct else None)]
        pairs = score_timex.match(system, gold)
        n_sys += len(system)
        n_gold += len(gold)
        relaxed += len(pairs)
        strict += sum(g["start"] == s["start"] and g["end"] == s["end"] for g, s in pairs)
        value += sum(g["value"].upper() == s["value"].upper() for g, s in pairs)
        typ += sum(g["type"].upper() == s["type"].upper() for g, s in pairs)
    f1 = score_timex.f1
    return {"files": len(files), "gold": n_gold, "system": n_sys,
            "strict_f1": round(f1(strict, n_sys, n_gold), 4), "relaxed_f1": round(f1(relaxed, n_sys, n_gold), 4),
            "value_f1": round(f1(value, n_sys, n_gold), 4), "type_f1": round(f1(typ, n_sys, n_gold), 4)}


def errors(folder: Path, limit: int) -> None:
    """Print mismatches (missed, spurious, wrong span/type/value) for development on tbaq."""
    sys.path.insert(0, str(SCORER.parent))
    import score_timex
    from storyline.time.timex import tag

    shown = 0
    for f in sorted(folder.glob("*.tml")):
        text, dct, gold = score_timex.parse_tml(f)
        system = [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
                  for t in tag(text, parse_dct(dct) if dct else None)]
        pairs = score_timex.match(system, gold)
        matched = {id(s) for _, s in pairs}
        matched_g = {id(g) for g, _ in pairs}
        lines = []
        for g, s in pairs:
            if (g["start"], g["end"], g["type"], g["value"].upper()) != (s["start"], s["end"], s["type"], s["value"].upper()):
                lines.append(f"  DIFF gold {g['text']!r} {g['type']} {g['value']} | sys {s['text']!r} {s['type']} {s['value']}")
        lines += [f"  MISS {g['text']!r} {g['type']} {g['value']}  <{_ctx(text, g)}>" for g in gold if id(g) not in matched_g]
        lines += [f"  SPUR {s['text']!r} {s['type']} {s['value']}  <{_ctx(text, s)}>" for s in system if id(s) not in matched]
        if lines:
            print(f"{f.name} dct={dct}")
            print("\n".join(lines))
            shown += len(lines)
        if shown >= limit:
            break


def _ctx(text: str, span: dict) -> str:
    return text[max(0, span["start"] - 50):span["end"] + 40].replace("\n", " ")


def speed(repeat: int = 3) -> tuple[int, float]:
    texts = []
    for f in sorted((CORPUS / "tbaq").rglob("*.tml")):
        body = re.search(r"<TEXT>(.*)</TEXT>", f.read_text(encoding="utf-8"), re.S)
        if body:
            texts.append(re.sub(r"<[^>]+>", "", body.group(1)))
    big = "\n\n".join(texts * repeat)
    sentences = len(re.findall(r"[.!?](?:\s|$)", big))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write(big)
    t0 = time.perf_counter()
    # the installed `storyline timex` command is what users run; this script's tagger mode otherwise
    cli = Path(sys.executable).parent / "storyline"
    cmd = [str(cli), "timex"] if cli.exists() else SELF_CMD.split()
    with open(fh.name, encoding="utf-8") as src:
        subprocess.run([*cmd, "--dct", "1998-02-27"], stdin=src, stdout=subprocess.DEVNULL, check=True)
    secs = time.perf_counter() - t0
    Path(fh.name).unlink()
    return sentences, secs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="platinum", choices=["platinum", "tbaq"])
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--errors", type=int, default=0, help="print up to N mismatches instead of scores")
    ap.add_argument("--fast", action="store_true", help="score in this process (same figures, no subprocesses)")
    ap.add_argument("--tagger", action="store_true", help="tag stdin, print JSON lines (scorer command)")
    ap.add_argument("--dct")
    args = ap.parse_args(argv)
    if args.tagger:
        return run_tagger(args.dct)
    if not (CORPUS / args.set).exists():
        print(f"TempEval-3 data not present at {CORPUS / args.set}")
        return 1
    if args.errors:
        for folder in folders(args.set):
            errors(folder, args.errors)
        return 0
    results = []
    for folder in folders(args.set):
        res = quality_in_process(folder) if args.fast else quality(folder)
        results.append(res)
        print(f"== {folder.relative_to(CORPUS)}: {json.dumps(res)}")
    if len(results) > 1:
        print(f"== {args.set} (pooled): {json.dumps(pooled(results))}")
    if not args.no_speed:
        n, secs = speed()
        print(f"speed: {n} sentences in {secs:.2f} s (one process, start included) = {n / secs:.0f} sentences/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
