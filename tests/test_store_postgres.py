"""The PostgreSQL store beyond the conformance suite: a whole corpus exports as its SQLite build does,
concurrent builds and first opens, read-only sessions, the commands with a URL. Each test works in a
fresh schema of the session's throwaway server (tests/pg_server.py)."""
from __future__ import annotations

import multiprocessing

import psycopg
import pytest
from click.testing import CliRunner

import storyline
from storyline.cli import main
from storyline.store import StoreError, open_store
from storyline.store.postgres import MIGRATIONS

from .conftest import ARTICLE_A, EXAMPLES, write
from .test_store import check_concurrent_builds_lose_nothing, export_of

CONCURRENT_REPEATS = 5      # each repeat is two builds racing; a lost or doubled article shows within a few


@pytest.fixture
def url(pg_server):
    return pg_server.fresh_url()


def test_the_example_corpus_exports_exactly_as_its_sqlite_build(tmp_path, url):
    sqlite_db = str(tmp_path / "h.db")
    storyline.build([EXAMPLES], db=sqlite_db)
    report = storyline.build([EXAMPLES], db=url)
    assert report.added == 16 and not report.skipped
    assert export_of(url) == export_of(sqlite_db)


@pytest.mark.slow
def test_a_dev_story_exports_exactly_as_its_sqlite_build(url, dev_story):
    files, sqlite_export = dev_story
    report = storyline.build(files, db=url)
    assert report.analysed == len(files) and not report.quarantined
    assert len(sqlite_export) > 10_000 and export_of(url) == sqlite_export


def test_two_concurrent_builds_into_one_database_lose_and_duplicate_nothing(tmp_path, pg_server):
    check_concurrent_builds_lose_nothing(tmp_path, lambda base: pg_server.fresh_url(), CONCURRENT_REPEATS)


def _open_and_close(db):
    open_store(db).close()


def test_processes_opening_a_new_store_at_once_migrate_it_once(pg_server):
    ctx = multiprocessing.get_context("fork")
    for _ in range(CONCURRENT_REPEATS):
        db = pg_server.fresh_url()
        procs = [ctx.Process(target=_open_and_close, args=(db,)) for _ in range(3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(timeout=60)
        assert [p.exitcode for p in procs] == [0, 0, 0]
        s = open_store(db, readonly=True)
        assert s.schema_version == len(MIGRATIONS)
        s.close()


def test_a_read_only_session_writes_nothing_and_needs_a_store(url):
    with pytest.raises(StoreError, match="no storyline store"):
        open_store(url, readonly=True)
    open_store(url).close()
    s = open_store(url, readonly=True)
    try:
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            s.start_run(["x"])
    finally:
        s.close()


def test_the_commands_take_a_url(url, small_corpus):
    run = CliRunner().invoke
    out = run(main, ["build", str(small_corpus), "--db", url, "--no-progress"])
    assert out.exit_code == 0, out.output
    assert "meet" in run(main, ["timeline", "--db", url]).output
    assert run(main, ["check", "--db", url]).output.strip().endswith(": ok")
    with psycopg.connect(url, autocommit=True) as con:
        con.execute("UPDATE articles SET analysis = '{\"sentences\": [[1, 2' WHERE id = 'a'")
    out = run(main, ["check", "--db", url])
    assert out.exit_code != 0 and "article a: stored analysis cannot be read" in out.output
    assert not storyline.build([small_corpus], db=url).refreshed   # nothing changed: nothing read
    write(small_corpus / "c.txt", ARTICLE_A.replace("Monday", "Tuesday").replace("2025-03-04", "2025-03-06"))
    report = storyline.build([small_corpus], db=url)            # a damaged record is analysed again
    assert any("analysed again" in w for _, w in report.warnings)
    assert run(main, ["check", "--db", url]).exit_code == 0
    assert run(main, ["remove", "b", "c", "--db", url, "--no-progress"]).exit_code == 0
    with storyline.open(url) as s:
        assert [a["id"] for a in s.articles()] == ["a"]
        assert sorted(c["article_id"] for c in s.changes()) == ["b", "c"]


def test_an_unreachable_server_is_a_clean_error(pg_server):
    dead = f"postgresql://nobody@127.0.0.1:{pg_server.port}/no_such_database"
    out = CliRunner().invoke(main, ["timeline", "--db", dead])
    assert out.exit_code != 0 and "cannot connect" in out.output and "Traceback" not in out.output


def test_a_schema_that_does_not_exist_is_a_store_error(pg_server):
    with pytest.raises(StoreError, match="not a usable storyline store"):
        open_store(f"{pg_server.url()}?options=-csearch_path%3Dno_such_schema")
