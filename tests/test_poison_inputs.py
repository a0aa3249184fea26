"""No poison pills: inputs at the edges (dates of any year, odd file names, archive bombs, one huge line)
never crash the time engine, the ingest or a build."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import random

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.model import Skip
from storyline.time import pubdate, timex

from .conftest import write

RELATIVE_TEXT = (
    "Yesterday the ferry board met in Quillby. Last week it voted, and next year it will build a pier. "
    "In two months the new route opens. On Monday the harbour master said the old boats were sold. "
    "10 days later the crews left. Last month was cold. The next decade looks busy for the yard. "
    "Tomorrow morning the council sits, this weekend the fair returns and last summer the quay flooded. "
    "Two years ago the tower closed; three weeks from now it reopens, the week after Christmas. "
    "On May 3 the mayor spoke, in March she resigned, and on Easter the bells rang. "
    "The following day the fleet sailed; a year earlier it had stayed. The first quarter was slow, "
    "the previous quarter worse, and late last year the yard hired. Next Friday at 6 p.m. the vote is held. "
    "The 1990s were busy; the next century may be too. Last spring, next autumn, the past decade."
)

EDGE_DAYS = [dt.date.min, dt.date.max, dt.date(1, 1, 2), dt.date(9999, 12, 30), dt.date(1, 12, 31),
             dt.date(9999, 1, 1)]


@pytest.mark.parametrize("dct", EDGE_DAYS, ids=str)
def test_timex_at_the_ends_of_the_calendar_does_not_raise(dct):
    found = timex.tag(RELATIVE_TEXT, dct)
    for t in found:                   # whatever resolves names a real calendar period
        rng = timex.value_to_range(t.value)
        assert rng is None or dt.date.min <= rng[0] <= rng[1] <= dt.date.max
        assert not t.value.startswith(("-", "0-", "10000"))


def test_timex_relative_text_resolves_on_a_normal_day():
    values = {t.text.lower(): t.value for t in timex.tag(RELATIVE_TEXT, dt.date(2024, 5, 15))}
    assert values["yesterday"] == "2024-05-14"
    assert values["last week"] == "2024-W19"
    assert values["next year"] == "2025"
    assert values["last month"] == "2024-04"
    assert len(values) > 20


def test_timex_at_the_ends_keeps_what_stays_in_range():
    first = {t.text.lower(): t.value for t in timex.tag(RELATIVE_TEXT, dt.date.min)}
    last = {t.text.lower(): t.value for t in timex.tag(RELATIVE_TEXT, dt.date.max)}
    assert "yesterday" not in first or first["yesterday"] is None
    assert first.get("next year") == "0002"
    assert last.get("yesterday") == "9999-12-30"
    assert "next year" not in last


def test_pubdate_at_the_ends_of_the_calendar():
    assert pubdate.day_values("9999-12", None) == (dt.date(9999, 12, 1), dt.date(9999, 12, 31))
    assert pubdate.day_values("0001-01", None) == (dt.date(1, 1, 1), dt.date(1, 1, 31))
    assert pubdate.infer([("0001-01-01", "the first day", "future")]) is None   # nothing is before it
    got = pubdate.infer([("9999-12-31", "the last day", "past"), ("9999-12", "December", "future")])
    assert got[0] == "9999-12-31"
    assert pubdate.infer([("2024-03-10", "March 10", "future")])[0] == "2024-03-09"   # control


@pytest.mark.parametrize("dct", ["0001-01-01", "9999-12-31", "00010101"])
def test_cli_timex_at_the_ends_of_the_calendar(tmp_path, dct):
    f = write(tmp_path / "t.txt", RELATIVE_TEXT)
    result = CliRunner().invoke(main, ["timex", "--dct", dct, str(f)])
    assert result.exit_code == 0, result.output + repr(result.exception)
    for line in result.output.splitlines():
        json.loads(line)


def test_cli_timex_out_of_range_dct_is_a_usage_error(tmp_path):
    f = write(tmp_path / "t.txt", RELATIVE_TEXT)
    for bad in ("0000-01-01", "10000-01-01", "yesterday", "2024-13-01"):
        result = CliRunner().invoke(main, ["timex", "--dct", bad, str(f)])
        assert result.exit_code == 2, (bad, result.output, result.exception)


EDGE_ARTICLE = (" date {day} Harbour union leader Ada Kestrel met the ferry board yesterday in Quillby. Last week "
                "the board voted, next year it will build a pier, and in two months the route opens. On Monday the "
                "crews said the boats were sold; 10 days later they left. Last month was cold.\n\n"
                "Kestrel said the talks would resume next Friday. This copy was filed for {day}.\n")


def test_build_with_articles_dated_at_the_ends_of_the_calendar(tmp_path):
    import storyline

    d = tmp_path / "edge"
    for day in ("0001-01-01", "0001-01-03", "9999-12-31"):
        write(d / f"a-{day}.txt", EDGE_ARTICLE.format(day=day))
    # undated, told as coming "on January 1": its estimate from the peers of year 1 has no day before it
    write(d / "undated.txt", "Harbour union leader Ada Kestrel will meet the ferry board in Quillby on January 1 "
                             "over the stalled wage talks.\n\nThe ferry board will decide soon, Kestrel said.\n")
    report = storyline.build([d], db=str(tmp_path / "s.db"))
    assert report.added == 4 and not report.skipped
    with storyline.open(str(tmp_path / "s.db")) as s:
        published = {a["id"]: a["published"] for a in s.articles()}
        assert published["a-0001-01-01"] == "0001-01-01" and published["a-9999-12-31"] == "9999-12-31"
        assert all(dt.date.min.isoformat() <= e.date <= dt.date.max.isoformat() for e in s.timeline())


# -- file names of any bytes ------------------------------------------------------------------------

def _write_raw_name(folder, name: bytes, text: str) -> None:
    fd = os.open(os.path.join(os.fsencode(folder), name), os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)


def test_file_name_with_bytes_that_are_not_utf8_is_stored_with_its_batch(tmp_path):
    import storyline

    d = tmp_path / "names"
    d.mkdir()
    _write_raw_name(d, b"bad\xff name.txt", " date 2024-03-04 The ferry board of Quillby met on Monday "
                                            "and agreed to sell two of its oldest boats, officials said.\n")
    write(d / "good1.txt", " date 2024-03-04 The lighthouse keeper of Quillby retired on Sunday after forty "
                           "years, the harbour trust said.\n")
    write(d / "good2.txt", " date 2024-03-05 The fishing fleet returned to Quillby on Tuesday after a week "
                           "of storms at sea, the crews said.\n")
    db = str(tmp_path / "s.db")
    report = storyline.build([d], db=db)
    assert report.added == 3 and not report.skipped
    with storyline.open(db) as s:
        arts = {a["id"]: a for a in s.articles()}
    assert {"good1", "good2", "bad\\xff name"} <= set(arts)
    bad = arts["bad\\xff name"]
    assert bad["source"].endswith("bad\\xff name.txt")
    for a in arts.values():
        a["id"].encode("utf-8"), a["source"].encode("utf-8")   # storable, printable


def test_ingest_sources_and_skip_reasons_are_printable(tmp_path):
    from storyline.ingest import read_paths, source_name

    assert source_name(os.fsdecode(b"/x/bad\xff.txt")) == "/x/bad\\xff.txt"
    assert source_name(b"/x/bad\xff.txt") == "/x/bad\\xff.txt"
    assert source_name("/x/caf\u00e9.txt") == "/x/caf\u00e9.txt"      # ordinary names unchanged
    d = tmp_path / "names"
    d.mkdir()
    _write_raw_name(d, b"odd\xfe.xyz", "not an article type")
    _write_raw_name(d, b"empty\xfd.txt", "")
    recs = list(read_paths([d]))
    assert len(recs) == 2
    for rec in recs:
        assert isinstance(rec, Skip)
        rec.source.encode("utf-8"), rec.reason.encode("utf-8")


def test_json_lone_surrogates_do_not_poison_the_build(tmp_path):
    import storyline

    row = '{"id": "x\\udcff1", "title": "Harbour \\ud800 news", "text": "The fishing fleet returned to ' \
          'Quillby on Tuesday after a week of storms at sea, the crews said \\ud83d."}'
    write(tmp_path / "in" / "rows.jsonl", row + "\n")
    db = str(tmp_path / "s.db")
    report = storyline.build([tmp_path / "in"], db=db)
    assert report.added == 1
    with storyline.open(db) as s:
        (a,) = s.articles()
    assert a["id"] == "x\ufffd1" and "\ufffd" in a["title"]


# -- archives: decompression capped -----------------------------------------------------------------

PAGE = ("<html><head><title>Harbour news</title></head><body><article><h1>{title}</h1>"
        "<p>The ferry board of Quillby met on Monday and agreed to sell two of its oldest boats, "
        "officials said. {title} was the main item of the evening.</p>"
        "<p>Crews gathered on the pier to hear the decision and the harbour master thanked them.</p>"
        "</article></body></html>")


def _warc_head(uri: str, body_length: int, ctype: str = "text/html; charset=utf-8") -> bytes:
    """WARC and HTTP headers of a response record whose HTTP body is `body_length` bytes."""
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {body_length}\r\n\r\n".encode()
    warc = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
            f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-04T10:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http) + body_length}\r\n\r\n").encode()
    return warc + http


def _warc_record(uri: str, body: bytes, ctype: str = "text/html; charset=utf-8") -> bytes:
    return _warc_head(uri, len(body), ctype) + body + b"\r\n\r\n"


def _gz(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9)


def _read(path, **options):
    from storyline.ingest import IngestOptions, read_paths

    return list(read_paths([path], IngestOptions(**options)))


def test_warc_archives_are_read_normally(tmp_path):
    from storyline.model import RawDocument

    records = [_warc_record("http://news.example/a", PAGE.format(title="Pier sale").encode()),
               _warc_record("http://news.example/logo.png", b"\x89PNG" + bytes(200), "image/png"),
               _warc_record("http://news.example/b", PAGE.format(title="Boat auction").encode())]
    plain = write(tmp_path / "a.warc", b"".join(records))
    packed = write(tmp_path / "b.warc.gz", b"".join(_gz(r) for r in records))   # one member a record
    for path in (plain, packed):
        recs = _read(path)
        docs = [r for r in recs if isinstance(r, RawDocument)]
        assert [d.url for d in docs] == ["http://news.example/a", "http://news.example/b"], recs
        assert "Pier sale" in docs[0].text
        assert [r.reason[:16] for r in recs if isinstance(r, Skip)] == ["not an HTML resp"]


def _bomb(path, *, mb: int, declared: int | None = None) -> None:
    """A good page, then a response whose HTML body is `mb` MB of spaces: gzip members of 1 MB of spaces
    repeated, so the file stays small (about 1 KB a MB) and is written in no time."""
    one_mb = _gz(b" " * 1_000_000)
    with open(path, "wb") as fh:
        fh.write(_gz(_warc_record("http://news.example/a", PAGE.format(title="Pier sale").encode())))
        fh.write(_gz(_warc_head("http://news.example/bomb", declared or mb * 1_000_000)))
        for _ in range(mb):
            fh.write(one_mb)


_MEASURE = """
import resource, sys, time, json
from storyline.ingest import IngestOptions, read_paths
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
recs = list(read_paths([sys.argv[1]], IngestOptions(max_archive_bytes=int(sys.argv[2]))))
print(json.dumps({"seconds": time.perf_counter() - t,
                  "rss_growth_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024,
                  "records": [[type(r).__name__, r.source, getattr(r, "reason", "")] for r in recs]}))
"""


def _measured_read(path, cap: int) -> dict:
    """Read in a fresh process, so that its peak memory is the read's and not the test run's."""
    import subprocess
    import sys

    from .conftest import ROOT

    out = subprocess.run([sys.executable, "-c", _MEASURE, str(path), str(cap)], check=True, cwd=ROOT,
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(out.stdout)


def test_gzip_bomb_in_a_warc_stops_at_the_archive_cap(tmp_path):
    path = tmp_path / "bomb.warc.gz"
    _bomb(path, mb=2_000)                        # 2 GB of spaces in about 2 MB of file
    assert path.stat().st_size < 5_000_000
    got = _measured_read(path, cap=50_000_000)
    assert got["seconds"] < 5, got
    assert got["rss_growth_mb"] < 200, got
    kinds = [r[0] for r in got["records"]]
    assert kinds[0] == "RawDocument"             # the good page before the bomb is kept
    skips = [r for r in got["records"] if r[0] == "Skip"]
    assert any("max_archive_bytes" in r[2] for r in skips), skips
    assert all(len(r[2]) <= 200 for r in skips)


def test_warc_body_longer_than_declared_is_bounded(tmp_path):
    """A record that declares 100 bytes and is followed by a gigabyte of zeros (no line ends): the reader
    must neither join that into one line nor keep it; the good page before it is kept."""
    path = tmp_path / "liar.warc.gz"
    zeros = _gz(bytes(1_000_000))
    with open(path, "wb") as fh:
        fh.write(_gz(_warc_record("http://news.example/a", PAGE.format(title="Pier sale").encode())))
        fh.write(_gz(_warc_head("http://news.example/liar", 100) + b"<html>" + b" " * 94))
        for _ in range(1_000):
            fh.write(zeros)
    got = _measured_read(path, cap=200_000_000)
    assert got["seconds"] < 5, got
    assert got["rss_growth_mb"] < 200, got
    assert got["records"][0][0] == "RawDocument"
    skips = [r for r in got["records"] if r[0] == "Skip"]
    assert skips and all(len(r[2]) <= 200 and "\x00" not in r[2] for r in skips), skips


def test_garbage_and_truncated_archives_are_skipped(tmp_path):
    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(50_000))
    pages = [_gz(_warc_record(f"http://news.example/{t}", PAGE.format(title=t).encode())) for t in ("Pier", "Quay", "Dock")]
    cases = {"junk.warc.gz": junk, "junk.warc": junk, "fake.warc.gz": b"\x1f\x8b" + junk,
             "cut.warc.gz": b"".join(pages)[:-30]}
    for name, data in cases.items():
        recs = _read(write(tmp_path / name, data))
        skips = [r for r in recs if isinstance(r, Skip)]
        assert skips, (name, recs)
        assert all(len(r.reason) <= 200 for r in skips), (name, skips)
    cut = _read(tmp_path / "cut.warc.gz")
    assert [type(r).__name__ for r in cut] == ["RawDocument", "RawDocument", "Skip"]
    assert "truncated" in cut[-1].reason


def test_plain_gz_is_not_read_at_all(tmp_path):
    path = tmp_path / "bomb.gz"
    with open(path, "wb") as fh:
        fh.write(_gz(b" " * 1_000_000) * 1_000)
    (rec,) = _read(path)
    assert isinstance(rec, Skip) and "unsupported file type '.gz'" in rec.reason


def test_long_skip_reasons_are_cut(tmp_path, monkeypatch):
    from storyline import ingest

    def boom(path, opts):
        raise RuntimeError("x" * 10_000_000 + "\n\x00")
    monkeypatch.setattr(ingest, "read_file", boom)
    (rec,) = _read(write(tmp_path / "a.txt", "anything"))
    assert isinstance(rec, Skip) and rec.reason.startswith("unreadable: RuntimeError: xxx")
    assert len(rec.reason) <= ingest.MAX_REASON_CHARS


# -- one huge line -----------------------------------------------------------------------------------

@pytest.mark.parametrize("header", [" date 2024-03-04 ", ""], ids=["dated", "undated"])
def test_huge_one_line_article_is_ingested(tmp_path, header):
    """3 MB without a line end (under max_bytes): ingest keeps it whole. (Analysing text past spaCy's
    max_length is the analysis stage's business, not ingest's.)"""
    import time

    from storyline.ingest import IngestOptions, read_paths
    from storyline.model import RawDocument

    sentence = "The ferry board of Quillby met on Monday and agreed to sell two boats, officials said. "
    body = sentence * (3_000_000 // len(sentence) + 1)
    path = write(tmp_path / "long.txt", header + body)
    assert 3_000_000 <= path.stat().st_size < IngestOptions().max_bytes
    t = time.perf_counter()
    (rec,) = list(read_paths([path]))
    assert time.perf_counter() - t < 5
    assert isinstance(rec, RawDocument) and len(rec.text) == len(body)
    assert rec.published == ("2024-03-04" if header else None)
