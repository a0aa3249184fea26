"""Exports stay safe whatever the articles say and wherever they are written: CSV cells cannot run as
formulas, Markdown cannot carry HTML or links from article text, `-o` cannot overwrite the store, and a
failed write (a full disk) leaves the previous export intact. All articles here are fictional."""
from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import sqlite3
import stat
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

import storyline
from storyline import export
from storyline.cli import main
from storyline.export import csv_cell, escape_html, escape_markdown, to_csv, to_json, to_markdown

from .conftest import write

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Article text that reaches the exports: event summaries are sentences of the articles.
HOSTILE_A = """ date 2025-05-14 Harbour talks in Brevik

=HYPERLINK("http://evil.example/x","click") Mayor Ilse Marrow met port director Tomas Quill in Brevik on Tuesday.

-2+3 Mayor Ilse Marrow met Tomas Quill in Brevik on Thursday.
"""

HOSTILE_B = """ date 2025-05-15 Brevik port news

Mayor Ilse Marrow signed the <script>alert(1)</script> deal with Tomas Quill in Brevik on Monday.

Port director Tomas Quill <img src=x onerror=alert(1)> met Mayor Ilse Marrow in Brevik on Wednesday.

Mayor Ilse Marrow met Tomas Quill at the [dock](javascript:alert(2)) in Brevik on Friday.
"""

FIRST_NAMES = ["Ilse", "Tomas", "Vera", "Oskar", "Lene", "Piet", "Mira", "Anton"]
SURNAMES = ["Marrow", "Quill", "Fennick", "Dusk", "Harrow", "Lindqvell", "Ostrava", "Pell"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
# 14 articles of 8 meetings each give a JSON export of about 90 kB: more than the 64 kB disk below.
BIG_ARTICLES, MEETINGS_PER_ARTICLE = 14, 8
SMALL_DISK = "64k"


def _build(folder: Path, articles: dict[str, str], db: Path) -> Path:
    for name, text in articles.items():
        write(folder / name, text)
    storyline.build([folder], db=str(db))
    return db


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    return _build(root / "corpus", {"a.txt": HOSTILE_A, "b.txt": HOSTILE_B}, root / "s.db")


@pytest.fixture
def store(tmp_path, hostile_db) -> Path:
    """A private copy of the hostile store, for tests that could damage it."""
    db = tmp_path / "s.db"
    with sqlite3.connect(hostile_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    return db


def _big_article(i: int) -> str:
    lines = [f" date 2025-05-{10 + i % 18:02d} Harbour report number {i}", ""]
    for j in range(MEETINGS_PER_ARTICLE):
        host = f"{FIRST_NAMES[(i + j) % 8]} {SURNAMES[(i * 3 + j) % 8]}"
        guest = f"{FIRST_NAMES[(i + j + 3) % 8]} {SURNAMES[(i * 5 + j + 1) % 8]}"
        lines += [f"Mayor {host} met port director {guest} in Brevik on {WEEKDAYS[j % 5]} "
                  f"to discuss berth {i * 10 + j}.", ""]
    return "\n".join(lines)


def _events(db) -> list:
    with storyline.open(str(db)) as s:
        return s.events()


def _digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _export(*args):
    return CliRunner().invoke(main, ["export", *map(str, args)])


def _assert_one_line_error(result, *words):
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)      # a click error, not a crash
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    for word in words:
        assert word in lines[0]


# 1. CSV injection


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_csv_cell_quotes_formula_starts(start):
    assert csv_cell(f"{start}SUM(1)") == f"'{start}SUM(1)"


def test_csv_cell_keeps_benign_cells_and_quotes_negative_numbers():
    assert csv_cell("Ilse Marrow met Tomas Quill.") == "Ilse Marrow met Tomas Quill."
    assert csv_cell(1.27) == "1.27" and csv_cell(3) == "3" and csv_cell(None) == ""
    assert csv_cell("a=b") == "a=b"
    assert csv_cell(-0.5) == "'-0.5"     # OWASP's rule quotes a negative number too; accepted


def test_csv_export_of_hostile_articles_has_no_formula_cells(hostile_db):
    with storyline.open(str(hostile_db)) as s:
        summaries = [e.summary for e in s.events()]
        text = to_csv(s)
    assert any(x.startswith("=HYPERLINK(") for x in summaries)   # the attack reaches the export
    assert any(x.startswith("-2+3") for x in summaries)
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]
    assert any(c.startswith("'=HYPERLINK(") and "Ilse Marrow met" in c for c in cells)
    assert any(c.startswith("'-2+3 Mayor Ilse Marrow met") for c in cells)


def test_every_csv_cell_is_guarded():
    """Names, places, types and ids are cells too: each one goes through the guard."""
    names = {"e1": "@SUM(1)", "e2": "+1 Brevik"}
    event = SimpleNamespace(id="=ev1", date="-2025", date_end="\t2025", type="@meet", status="+occurred",
                            participants=["e1", "=raw-id"], place="e2", story="\rs1", salience=-0.5,
                            sources=[], summary="=HYPERLINK(\"http://evil.example\")", date_source="=timex")
    fake = SimpleNamespace(entities=lambda: [SimpleNamespace(id=k, name=v) for k, v in names.items()],
                           events=lambda: [event])
    header, row = list(csv.reader(io.StringIO(to_csv(fake), newline="")))
    assert row[0] == "'=ev1" and row[1] == "'-2025" and row[2] == "'\t2025"
    assert row[5] == "'@SUM(1); =raw-id" and row[6] == "'+1 Brevik" and row[7] == "'\rs1"
    assert row[11] == "'=timex"
    assert not [c for c in header + row if c.startswith(FORMULA_STARTS)]


# 2. Markdown (and HTML) escaping


def test_escape_html():
    assert escape_html('<img src="x" onerror=\'alert(1)\'> & co') == \
        "&lt;img src=&quot;x&quot; onerror=&#x27;alert(1)&#x27;&gt; &amp; co"


def test_escape_markdown_neutralises_html_links_and_blocks():
    assert escape_markdown("<script>alert(1)</script>") == r"&lt;script&gt;alert\(1\)&lt;/script&gt;"
    assert escape_markdown("![x](http://evil.example)") == r"!\[x\]\(http://evil.example\)"
    assert escape_markdown("*bold* _it_ `code` ~del~ \\") == r"\*bold\* \_it\_ \`code\` \~del\~ \\"
    assert escape_markdown("# heading") == r"\# heading"
    assert escape_markdown("- item") == r"\- item" and escape_markdown("12. item") == r"12\. item"
    assert escape_markdown("one\n# two\r\nthree") == r"one \# two three"
    assert escape_markdown("&lt;b&gt;") == "&amp;lt;b&amp;gt;"


def test_escape_markdown_keeps_plain_text():
    plain = "Mayor Ilse Marrow met port director Tomas Quill in Brevik on Tuesday, officials said: \"yes\"."
    assert escape_markdown(plain) == plain
    assert escape_markdown(None) == ""


def test_markdown_export_of_hostile_articles_escapes_them(hostile_db):
    with storyline.open(str(hostile_db)) as s:
        summaries = " ".join(e.summary for e in s.timeline())
        md = to_markdown(s)
    for attack in ("<img", "<script", "[dock](javascript:"):     # the attacks reach the timeline
        assert attack in summaries
    assert "<img" not in md and "<script" not in md and "](" not in md
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in md
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in md
    assert "\\[dock\\]\\(javascript:alert\\(2\\)\\)" in md
    assert "Ilse Marrow" in md and "Tomas Quill" in md


# 3. -o may not be the store


@pytest.mark.parametrize("how", ["same", "dot-slash", "symlink", "hard link", "wal", "shm"])
def test_output_may_not_be_the_store(tmp_path, store, monkeypatch, how):
    monkeypatch.chdir(tmp_path)
    before_events, before_bytes = _events(store), _digest(store)
    if how == "symlink":
        os.symlink(store, "link.db")
    if how == "hard link":
        os.link(store, "hard.db")
    output = {"same": "s.db", "dot-slash": "./s.db", "symlink": "link.db", "hard link": "hard.db",
              "wal": "s.db-wal", "shm": "./s.db-shm"}[how]
    result = _export("--db", "s.db", "-o", output)
    _assert_one_line_error(result, "is the store")
    assert _digest(store) == before_bytes
    assert _events(store) == before_events
    if how in ("wal", "shm"):
        # no export written as a sidecar that SQLite would read next time (SQLite's own, empty
        # -wal/-shm left by a read-only reader are fine)
        assert not Path(output).exists() or b'"events"' not in Path(output).read_bytes()


def test_output_may_not_be_a_hard_link_to_the_store_by_another_path(tmp_path, store):
    other = tmp_path / "elsewhere"
    other.mkdir()
    os.link(store, other / "copy.json")
    result = _export("--db", store, "-o", other / "copy.json")
    _assert_one_line_error(result, "is the store")
    assert _events(store)


# 4. Atomic write


def test_write_replaces_whole_file_and_keeps_its_mode(tmp_path):
    target = tmp_path / "out.json"
    export.write(target, "old")
    os.chmod(target, 0o640)
    export.write(target, "new export")
    assert target.read_text() == "new export"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["out.json"]


def test_write_goes_through_a_symlink(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    (tmp_path / "link.json").symlink_to(real)
    export.write(tmp_path / "link.json", "new")
    assert (tmp_path / "link.json").is_symlink() and real.read_text() == "new"


def test_write_to_a_device_writes_in_place():
    export.write("/dev/null", "discarded")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


class _DiskFillsUp:
    """A file that takes half of what it is given, then reports a full disk."""

    def __init__(self, fh):
        self.fh = fh

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()

    def write(self, text):
        self.fh.write(text[: len(text) // 2])
        self.fh.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_failed_write_keeps_previous_export_and_leaves_no_temp(tmp_path, store, monkeypatch):
    out = tmp_path / "exports" / "out.json"
    out.parent.mkdir()
    assert _export("--db", store, "-o", out).exit_code == 0
    previous = out.read_text()
    real_fdopen = os.fdopen
    monkeypatch.setattr(export.os, "fdopen", lambda *a, **k: _DiskFillsUp(real_fdopen(*a, **k)))
    result = _export("--db", store, "--format", "md", "-o", out)
    _assert_one_line_error(result, "No space left")
    assert out.read_text() == previous
    assert os.listdir(out.parent) == ["out.json"]


def _mount_small_disk(folder: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SMALL_DISK}", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")


def test_full_disk_keeps_previous_export(tmp_path, store):
    big = _build(tmp_path / "big", {f"art{i:02d}.txt": _big_article(i) for i in range(BIG_ARTICLES)},
                 tmp_path / "big.db")
    with storyline.open(str(big)) as s:
        assert len(to_json(s).encode()) > 64 * 1024      # the export cannot fit
    disk = tmp_path / "disk"
    disk.mkdir()
    _mount_small_disk(disk)
    try:
        out = disk / "out.json"
        assert _export("--db", store, "-o", out).exit_code == 0
        previous = out.read_text()
        result = _export("--db", big, "-o", out)
        _assert_one_line_error(result, "No space left")
        assert out.read_text() == previous
        assert os.listdir(disk) == ["out.json"]
    finally:
        subprocess.run(["umount", str(disk)], check=True)


# 5. Missing output folder


def test_missing_output_folder_is_a_click_error(tmp_path, store, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _export("--db", store, "-o", "no/such/dir/out.json")
    _assert_one_line_error(result, "no such folder")
    assert not Path("no").exists()


def test_export_to_a_file_is_the_stdout_export(tmp_path, store):
    out = tmp_path / "out.csv"
    assert _export("--db", store, "--format", "csv", "-o", out).exit_code == 0
    stdout = _export("--db", store, "--format", "csv").output
    assert out.read_text() + "\n" == stdout
