"""Bad input never crashes a build nor harms a store built before; a killed build resumes cleanly."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

import storyline

from .conftest import ARTICLE_A, ARTICLE_B, ROOT, write


def _snapshot(db):
    con = sqlite3.connect(db)
    try:
        return sorted(con.execute("SELECT id, content_hash, text, analysis IS NOT NULL FROM articles"))
    finally:
        con.close()


@pytest.fixture
def bad_inputs(tmp_path, monkeypatch):
    d = tmp_path / "bad"
    write(d / "empty.txt", "")
    write(d / "binary.txt", os.urandom(4096).replace(b"\x00", b"") + b"\x00" * 16)
    big = d / "huge.txt"
    big.parent.mkdir(parents=True, exist_ok=True)
    with open(big, "w") as fh:                       # 50 MB of text
        line = "The tide came in and the tide went out again over the long grey harbour wall.\n"
        fh.write(line * (50_000_000 // len(line) + 1))
    write(d / "latin.txt", bytes(range(128, 256)) * 40)
    write(d / "scripts.html", "<html><head><script>alert('SCRIPT_TEXT_MARKER')</script></head><body>"
          + "<script>var x = 'SCRIPT_TEXT_MARKER';</script>" * 200
          + "<p>The lighthouse keeper retired on Sunday after forty years, the harbour trust said in a statement.</p>"
          + "<p>Hundreds gathered on the pier to thank him for decades of service to the fishing fleet.</p>"
          + "</body></html>")
    write(d / "rows.jsonl", json.dumps({"id": "good-json", "text": ARTICLE_A.replace("Monday", "Tuesday")})
          + "\n{\"id\": broken\n")
    write(d / "rows.csv", 'id,text\ngood-csv,"The fishermen\'s co-operative elected a new chairwoman, Mira Solt, on Friday."\n'
          'bad-row,"unterminated,extra,fields\n')
    write(d / "notes.xyz", "not a supported type of article at all, really not")
    locked = d / "locked"
    write(locked / "hidden.txt", "This text sits in a folder that cannot be read by the build at all.")
    os.chmod(locked, 0)
    if os.geteuid() == 0:      # root ignores permissions: make the folder unreadable the way the OS would
        real_scandir = os.scandir

        def scandir(path="."):
            if os.fspath(path) == os.fspath(locked):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real_scandir(path)
        monkeypatch.setattr(os, "scandir", scandir)
    yield d
    os.chmod(locked, 0o755)


def test_bad_inputs_are_reported_and_earlier_store_intact(tmp_path, small_corpus, bad_inputs):
    db = str(tmp_path / "s.db")
    first = storyline.build([small_corpus], db=db)
    assert first.added == 2
    before = _snapshot(db)

    report = storyline.build([bad_inputs], db=db)

    skipped = {os.path.relpath(s.split("#")[0], bad_inputs): r for s, r in report.skipped}
    for name in ("empty.txt", "binary.txt", "huge.txt", "latin.txt", "rows.jsonl", "rows.csv", "notes.xyz", "locked"):
        assert name in skipped, (name, skipped)
    assert "permission" in skipped["locked"].lower()
    assert report.added == 3    # the HTML page, the good JSON line, the good CSV row
    with storyline.open(db) as s:
        ids = {a["id"] for a in s.articles()}
        assert {"good-json", "good-csv", "scripts"} <= ids
        assert len(s.skipped()) >= 8
    after = _snapshot(db)
    assert set(before) <= set(after)
    with open(db, "rb") as fh:
        stored = fh.read()
    assert b"SCRIPT_TEXT_MARKER" not in stored
    assert b"The lighthouse keeper retired on Sunday" in stored      # control: the page's own text is there


def test_cli_build_reports_without_traceback(tmp_path, small_corpus):
    write(small_corpus / "junk.bin", b"\x00\xff" * 100)
    db = str(tmp_path / "c.db")
    out = subprocess.run([sys.executable, "-m", "storyline.cli", "build", str(small_corpus), "--db", db,
                          "--no-progress"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    assert "junk.bin" in out.stdout and "unsupported" in out.stdout
    again = subprocess.run([sys.executable, "-m", "storyline.cli", "build", str(small_corpus), "--db", db,
                            "--no-progress"], capture_output=True, text=True, cwd=ROOT)
    assert "0 added, 2 already stored" in again.stdout


def test_killed_build_resumes_without_duplicates(tmp_path):
    corpus = tmp_path / "many"
    for i in range(120):
        write(corpus / f"{i:03d}.txt", f" date 2025-03-{1 + i % 28:02d} " + ARTICLE_B.split(" ", 3)[3].replace(
            "Monday", ["Monday", "Tuesday", "Friday"][i % 3]) + f"\nThe harbour counted {i} ships waiting at anchor.")
    db = str(tmp_path / "k.db")
    cmd = [sys.executable, "-m", "storyline.cli", "build", str(corpus), "--db", db, "--no-progress"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    analysed = 0
    while time.time() < deadline and proc.poll() is None:   # kill once some, not all, are analysed
        time.sleep(0.2)
        if os.path.exists(db):
            try:
                con = sqlite3.connect(db, timeout=1)
                analysed = con.execute("SELECT count(*) FROM articles WHERE analysis IS NOT NULL").fetchone()[0]
                con.close()
            except sqlite3.Error:
                continue
            if analysed >= 32:
                break
    assert proc.poll() is None, "build finished before it could be killed; make the corpus bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    partial = con.execute("SELECT count(*) FROM articles WHERE analysis IS NOT NULL").fetchone()[0]
    con.close()
    assert 0 < partial < 120

    report = storyline.build([corpus], db=db)
    assert report.added + report.already_stored == 120
    assert report.analysed == 120 - partial
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles").fetchone() == (120, 120)
    assert con.execute("SELECT count(*) FROM articles WHERE analysis IS NULL").fetchone()[0] == 0
    con.close()


def test_cli_refuses_a_file_that_is_not_a_store(tmp_path, small_corpus):
    db = tmp_path / "notes.db"
    db.write_text("my own notes, not a database")
    out = subprocess.run([sys.executable, "-m", "storyline.cli", "build", str(small_corpus), "--db", str(db),
                          "--no-progress"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 1 and "not a database" in out.stderr and "Traceback" not in out.stderr
    assert db.read_text() == "my own notes, not a database"
    missing = subprocess.run([sys.executable, "-m", "storyline.cli", "timeline", "--db", str(tmp_path / "none.db")],
                             capture_output=True, text=True, cwd=ROOT)
    assert missing.returncode == 1 and "storyline build" in missing.stderr
