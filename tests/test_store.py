"""The store under faults: poison articles, concurrent builds, readers during writers, damage, edits."""
from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

import storyline
from storyline import nlp, runner
from storyline.cli import main
from storyline.export import to_json
from storyline.store import StoreError, open_store

from .conftest import ARTICLE_A, ARTICLE_B, EXAMPLES, ROOT, write

FILES = sorted(str(p) for p in EXAMPLES.iterdir() if p.is_file())


def export_of(db) -> str:
    with storyline.open(str(db)) as s:
        return to_json(s)


def article(n: int, day: int = 10) -> str:
    return (f" date 2025-04-{day:02d} Harbour pilot Mara Voss{n} met ferry captain Ivo Lenz{n} in Port Velmora "
            f"on Tuesday to plan crossing number {n}.\n\nThe two agreed on a new timetable, officials said.\n")


# -- poison articles ------------------------------------------------------------------------------

def test_pieces_rejoin_to_the_text_and_respect_the_limit():
    text = ("Ferry crews met on Monday. " * 5000 + "\n\n") * 30     # about 4 MB
    parts = runner.pieces(text)
    assert len(parts) > 30 and "".join(parts) == text
    assert max(map(len, parts)) <= runner.PIECE_CHARS
    assert runner.pieces("short text") == ["short text"]


def test_long_article_is_parsed_in_pieces_with_its_offsets(monkeypatch):
    monkeypatch.setattr(runner, "PIECE_CHARS", 400)
    text = "Harbour pilot Mara Voss met Governor Ivo Lenz in Port Velmora on Tuesday. " * 30
    doc, short = runner.parse(nlp.load(), [text, "Ivo Lenz sailed."], 4)
    assert doc.text == text
    # the text each parse keeps for the stages is the one spaCy would join from its tokens
    assert [nlp.doc_text(d) for d in (doc, short)] == [doc.text, short.text] == [text, "Ivo Lenz sailed."]
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    assert len(persons) >= 20                               # every piece was parsed, not just the first
    assert all(text[e.start_char:e.end_char] == e.text for e in persons)


def test_three_megabyte_one_line_article_is_analysed_not_fatal(tmp_path):
    # a page with an inline data blob: one 3 MB line, over spaCy's 1,000,000-character limit
    blob = "data:image/png;base64," + "QUJD" * 750_000
    text = (" date 2025-04-10 Harbour pilot Mara Voss met ferry captain Ivo Lenz in Port Velmora on Tuesday. "
            + blob + " The two agreed on a new timetable.")
    write(tmp_path / "in" / "huge.txt", text)
    write(tmp_path / "in" / "a.txt", ARTICLE_A)
    db = tmp_path / "s.db"
    report = storyline.build([tmp_path / "in"], db=str(db))
    assert report.added == 2 and not report.quarantined and report.analysed == 2
    with storyline.open(str(db)) as s:
        assert any(a["id"] == "huge" and a["analysed"] for a in s.articles())
        assert s.find_entity("Mara Voss")
    assert storyline.build([tmp_path / "in"], db=str(db)).already_stored == 2     # later builds pass


def test_an_article_whose_analysis_fails_is_quarantined_and_the_build_goes_on(tmp_path, monkeypatch):
    from storyline import stages

    real = stages.REGISTRY["events"].func

    def fragile(article, doc, settings):
        if "crossing number 2" in article.text:
            raise ValueError("parser tripped\n" + "x" * 5000)
        real(article, doc, settings)

    monkeypatch.setitem(stages.REGISTRY, "events", stages.REGISTRY["events"].__class__(
        **{**stages.REGISTRY["events"].__dict__, "func": fragile}))
    for n in range(1, 4):
        write(tmp_path / "in" / f"{n}.txt", article(n))
    db = str(tmp_path / "s.db")
    report = storyline.build([tmp_path / "in"], db=db)
    assert [aid for aid, _ in report.quarantined] == ["2"]
    assert len(report.quarantined[0][1]) <= runner.REASON_CHARS and "\n" not in report.quarantined[0][1]
    assert report.analysed == 2 and report.events > 0
    out = CliRunner().invoke(main, ["articles", "--db", db, "--quarantined"])
    header, row = out.output.splitlines()
    assert out.exit_code == 0 and "parser tripped" in row and row.startswith("2 ") and header.startswith("ID")
    monkeypatch.undo()
    again = storyline.build([tmp_path / "in"], db=db)        # a quarantined article does not stop later builds
    assert again.already_stored == 3 and not again.quarantined


# -- damage ---------------------------------------------------------------------------------------

def test_a_damaged_analysis_record_is_analysed_again(tmp_path, small_corpus):
    db = str(tmp_path / "s.db")
    storyline.build([small_corpus], db=db)
    ref = export_of(db)
    con = sqlite3.connect(db)
    con.execute("UPDATE articles SET analysis = '{\"sentences\": [[1, 2' WHERE id = 'a'")
    con.commit()
    con.close()
    out = CliRunner().invoke(main, ["check", "--db", db])
    assert out.exit_code != 0 and "article a: stored analysis cannot be read" in out.output
    assert storyline.build([small_corpus], db=db).already_stored == 2     # nothing changed: nothing to read
    write(small_corpus / "c.txt", ARTICLE_A.replace("Monday", "Tuesday").replace("2025-03-04", "2025-03-06"))
    report = storyline.build([small_corpus], db=db)
    assert any("analysed again" in w for _, w in report.warnings)
    (small_corpus / "c.txt").unlink()
    storyline.remove(["c"], db=db)
    assert export_of(db) == ref
    assert CliRunner().invoke(main, ["check", "--db", db]).output.strip().endswith(": ok")


def test_a_file_that_is_not_a_store_is_refused_and_left_as_it_is(tmp_path, small_corpus):
    db = tmp_path / "s.db"
    db.write_bytes(b"this is a shopping list, not a database\n" * 50)
    before = db.read_bytes()
    with pytest.raises(StoreError, match="not a readable storyline store"):
        storyline.build([small_corpus], db=str(db))
    assert db.read_bytes() == before
    out = CliRunner().invoke(main, ["build", str(small_corpus), "--db", str(db), "--no-progress"])
    assert out.exit_code != 0 and "Traceback" not in out.output and "check" in out.output
    assert CliRunner().invoke(main, ["check", "--db", str(db)]).exit_code != 0
    assert CliRunner().invoke(main, ["timeline", "--db", str(db)]).exit_code != 0
    assert db.read_bytes() == before


def test_a_corrupted_page_is_found_by_check_and_a_build_refuses_to_write(tmp_path):
    for n in range(1, 40):
        write(tmp_path / "in" / f"{n}.txt", article(n) * 3)
    db = tmp_path / "s.db"
    storyline.build([tmp_path / "in"], db=str(db))
    size = db.stat().st_size
    assert size > 20 * 4096
    with open(db, "r+b") as fh:                      # scribble over pages in the middle of the file
        for page in range(3, size // 4096 - 1, 2):
            fh.seek(page * 4096 + 100)
            fh.write(b"\xde\xad\xbe\xef" * 200)
    before = db.read_bytes()
    out = CliRunner().invoke(main, ["check", "--db", str(db)])
    assert out.exit_code != 0
    write(tmp_path / "more" / "x.txt", article(99))
    out = CliRunner().invoke(main, ["build", str(tmp_path / "more"), "--db", str(db), "--no-progress"])
    assert out.exit_code != 0 and "Traceback" not in out.output
    assert db.read_bytes() == before


# -- concurrency ----------------------------------------------------------------------------------

def _build_in_child(paths, db, q):
    try:
        r = storyline.build(paths, db=db)
        q.put(("ok", r.added, [w for _, w in r.warnings]))
    except Exception as exc:           # reported to the parent, which fails the test
        q.put(("error", repr(exc), []))


def check_concurrent_builds_lose_nothing(tmp_path, new_db, repeats: int) -> None:
    """Two builds at once into one new store, with clashing ids and one shared text: every text stored
    once, every article analysed, each clash reported. Shared by every backend's test."""
    nlp.load()                        # children forked from here share the loaded model
    ctx = multiprocessing.get_context("fork")
    for rep in range(repeats):
        base = tmp_path / f"r{rep}"
        for n in (1, 2, 3):
            write(base / "one" / f"{n}.txt", article(n))
        for n in (2, 3, 4):                       # same file names, other texts: the ids clash
            write(base / "two" / f"{n}.txt", article(n + 10, day=12))
        write(base / "two" / "1b.txt", article(1))  # and one text both builds carry
        db = new_db(base)
        q = ctx.Queue()
        procs = [ctx.Process(target=_build_in_child, args=([str(base / d)], db, q)) for d in ("one", "two")]
        for p in procs:
            p.start()
        results = [q.get(timeout=180) for _ in procs]
        for p in procs:
            p.join(timeout=180)
        assert all(r[0] == "ok" for r in results), results
        with storyline.open(db) as s:
            arts = s.articles()
        assert len(arts) == 6, [a["id"] for a in arts]       # 7 inputs, one text twice
        assert sum(r[1] for r in results) == 6
        assert all(a["analysed"] for a in arts)
        clashes = [w for r in results for w in r[2] if "is taken by another article" in w]
        assert len(clashes) == 2                             # 2 and 3 of whichever build came second


def test_two_concurrent_builds_with_overlapping_ids_lose_nothing(tmp_path):
    check_concurrent_builds_lose_nothing(tmp_path, lambda base: str(base / "s.db"), repeats=20)


def _writer(paths, db):
    for path in paths:                  # one build per article: many corpus replacements to read across
        storyline.build([path], db=db)


def test_a_reader_during_a_build_sees_one_committed_state(tmp_path):
    db = str(tmp_path / "s.db")
    for n in range(1, 6):
        write(tmp_path / "a" / f"{n}.txt", article(n))
    storyline.build([tmp_path / "a"], db=db)
    for n in range(6, 30):
        write(tmp_path / "b" / f"{n}.txt", article(n, day=14))
    nlp.load()
    paths = sorted(str(p) for p in (tmp_path / "b").iterdir())
    proc = multiprocessing.get_context("fork").Process(target=_writer, args=(paths, db))
    proc.start()
    reads = 0
    while proc.is_alive() or reads == 0:
        with storyline.open(db) as s:
            stories = {st.id for st in s.stories()}
            members = {a for st in s.stories() for a in st.articles}
            entity_ids = {e.id for e in s.entities()}
            events = s.events()
            assert events and all(e.story in stories for e in events)
            assert all(set(e.participants) <= entity_ids for e in events)
            assert all(src.article in members for e in events for src in e.sources)
        reads += 1
    proc.join()
    assert proc.exitcode == 0 and reads >= 1
    with storyline.open(db) as s:
        assert len(s.articles()) == 29


def test_read_commands_work_on_a_store_in_a_read_only_folder(tmp_path, small_corpus):
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a read-only tmpfs")
    src = tmp_path / "s.db"
    storyline.build([small_corpus], db=str(src))
    mnt = tmp_path / "ro"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mnt)]).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        shutil.copy(src, mnt / "s.db")
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        for cmd in (["timeline"], ["entities"], ["articles"], ["export"], ["check"]):
            out = subprocess.run([sys.executable, "-m", "storyline.cli", *cmd, "--db", str(mnt / "s.db")],
                                 capture_output=True, text=True, cwd=ROOT)
            assert out.returncode == 0, (cmd, out.stderr)
        out = subprocess.run([sys.executable, "-m", "storyline.cli", "timeline", "--db", str(mnt / "s.db")],
                             capture_output=True, text=True, cwd=ROOT)
        assert "meet" in out.stdout
    finally:
        subprocess.run(["umount", str(mnt)])


def test_two_processes_creating_one_store_do_not_race_on_the_schema(tmp_path):
    ctx = multiprocessing.get_context("fork")
    for rep in range(10):
        db = str(tmp_path / f"new{rep}.db")
        procs = [ctx.Process(target=lambda: open_store(db).close()) for _ in range(3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(timeout=60)
        assert [p.exitcode for p in procs] == [0, 0, 0]
        assert open_store(db).schema_version >= 2


# -- edit and delete ------------------------------------------------------------------------------

def test_removing_b_leaves_what_a_build_of_a_alone_gives(tmp_path):
    a_files, b_files = FILES[:10], FILES[10:]
    only_a = str(tmp_path / "a.db")
    storyline.build(a_files, db=only_a)
    both = str(tmp_path / "ab.db")
    storyline.build(a_files + b_files, db=both)
    with storyline.open(both) as s:
        b_ids = [a["id"] for a in s.articles() if a["source"] in b_files]
        before = len(s.events())
    assert len(b_ids) == len(b_files)
    out = CliRunner().invoke(main, ["remove", *b_ids, "--db", both, "--no-progress"])
    assert out.exit_code == 0 and f"removed {len(b_ids)} articles" in out.output
    after = export_of(both)
    assert after == export_of(only_a) and len(after) < 10 ** 7
    with storyline.open(both) as s:
        assert len(s.events()) < before
        assert sorted(c["article_id"] for c in s.changes()) == sorted(b_ids)


def test_a_changed_page_replaces_its_old_version(tmp_path):
    folder = tmp_path / "in"
    write(folder / "a.txt", ARTICLE_A)
    write(folder / "b.txt", ARTICLE_B)
    db = str(tmp_path / "s.db")
    storyline.build([folder], db=db)
    with storyline.open(db) as s:
        assert s.find_entity("Ada Kestrel")
    write(folder / "b.txt", ARTICLE_B.replace("Ada Kestrel", "Rina Sorel").replace("Kestrel", "Sorel"))
    report = storyline.build([folder], db=db)
    assert report.replaced == 1 and report.added == 0
    fresh = str(tmp_path / "fresh.db")
    storyline.build([folder], db=fresh)
    assert export_of(db) == export_of(fresh)
    with storyline.open(db) as s:
        assert [a["id"] for a in s.articles()] == ["a", "b"]
        assert s.find_entity("Rina Sorel")
        assert [c["action"] for c in s.changes()] == ["replaced"]
