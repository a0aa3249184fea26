"""The Dask runner: a build on a dask.distributed LocalCluster exports the bytes of a local build; a
cluster that cannot be used stops the build with a one-line error before anything is written."""
from __future__ import annotations

import sys
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

import storyline
from storyline import runner
from storyline.cli import main
from storyline.config import Config
from storyline.export import to_json

from .conftest import EXAMPLES

pytest.importorskip("distributed")

FILES = sorted(str(p) for p in EXAMPLES.iterdir() if p.is_file())


def export_of(db: str) -> str:
    with storyline.open(db) as s:
        return to_json(s)


def runs_of(db: str) -> int:
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM runs").fetchone()[0]
    finally:
        con.close()


def test_a_two_worker_local_cluster_exports_the_local_bytes(tmp_path):
    local = str(tmp_path / "local.db")
    storyline.build(FILES, db=local, config=Config(workers=1))
    db = str(tmp_path / "dask.db")
    # batches of 3: the 16 articles go out as 6 tasks, over both workers, with 4 in flight
    report = storyline.build(FILES, db=db, config=Config(workers=2, batch_size=3, dask_scheduler="local"))
    assert report.analysed == len(FILES) and report.redated > 0 and not report.quarantined
    assert export_of(db) == export_of(local)


@pytest.mark.slow
def test_a_dev_story_on_a_two_worker_local_cluster_exports_the_local_bytes(tmp_path, dev_story):
    files, local_export = dev_story
    db = str(tmp_path / "dask.db")
    out = CliRunner().invoke(main, ["build", *files, "--db", db, "--dask-scheduler", "local", "--workers", "2",
                                    "--no-progress"])
    assert out.exit_code == 0, out.output
    assert f"analysed {len(files)} articles" in out.output
    assert export_of(db) == local_export


def test_a_worker_that_cannot_load_the_model_stops_the_build_before_it_writes(tmp_path):
    db = str(tmp_path / "s.db")
    storyline.build(FILES[:1], db=db)                      # positive control: the store takes a run
    assert runs_of(db) == 1
    cfg = Config(workers=1, dask_scheduler="local", model="no_such_model_package")
    with pytest.raises(runner.DaskError, match="must be installed on every worker.*no_such_model_package"):
        storyline.build(FILES[1:2], db=db, config=cfg)
    assert runs_of(db) == 1
    with storyline.open(db) as s:
        assert len(s.articles()) == 1


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "DASK_CONNECT_S", 1)
    db = str(tmp_path / "s.db")
    out = CliRunner().invoke(main, ["build", FILES[0], "--db", db, "--dask-scheduler", "tcp://127.0.0.1:9",
                                    "--no-progress"])
    assert out.exit_code == 1 and "Traceback" not in out.output
    lines = out.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")


def test_without_dask_the_option_is_a_one_line_error(tmp_path, monkeypatch):
    db = str(tmp_path / "s.db")
    monkeypatch.setitem(sys.modules, "distributed", None)          # as if not installed
    out = CliRunner().invoke(main, ["build", FILES[0], "--db", db, "--dask-scheduler", "local", "--no-progress"])
    assert out.exit_code == 1
    assert out.output.strip() == "Error: --dask-scheduler needs dask.distributed: pip install 'storyline[dask]'"
    # positive control: without the option the same build runs
    out = CliRunner().invoke(main, ["build", FILES[0], "--db", db, "--no-progress"])
    assert out.exit_code == 0 and "analysed 1 articles" in out.output


def test_a_batch_that_kills_its_workers_is_quarantined_not_fatal():
    from distributed import KilledWorker

    from storyline.model import Article

    class Future:
        def __init__(self, outcome):
            self.outcome, self.released = outcome, False

        def result(self):
            if isinstance(self.outcome, Exception):
                raise self.outcome
            return self.outcome

        def release(self):
            self.released = True

    batch = [Article(id=f"a{i}", source="s", content_hash="h", raw_text="x", text="x") for i in range(3)]
    r = runner.DaskRunner(Config())
    dead = Future(KilledWorker("task-1", SimpleNamespace(address="tcp://w:1"), 3))
    out = r._result(batch, dead)
    assert [f.article.id for f in out] == ["a0", "a1", "a2"] and all(isinstance(f, runner.Failure) for f in out)
    assert "KilledWorker" in out[0].reason and dead.released
    fine = Future(batch)                                    # positive control: results pass through
    assert r._result(batch, fine) == batch and fine.released
    with pytest.raises(ValueError):                         # any other error is not swallowed
        r._result(batch, Future(ValueError("boom")))
