"""Same inputs, same bytes: whatever the order, the batches, the number of builds or the hash seed."""
from __future__ import annotations

import os
import random
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storyline
from storyline.export import to_json

from .conftest import EXAMPLES, ROOT, SHARED

FILES = sorted(str(p) for p in EXAMPLES.iterdir() if p.is_file())


def export_of(db: str) -> str:
    with storyline.open(db) as s:
        return to_json(s)


def fresh(tmp_path_factory, files, name="fresh") -> str:
    db = str(tmp_path_factory.mktemp(name) / "s.db")
    storyline.build(files, db=db)
    return export_of(db)


_FRESH: dict[str, str] = {}


def example_fresh(tmp_path_factory) -> str:
    if "examples" not in _FRESH:
        _FRESH["examples"] = fresh(tmp_path_factory, FILES)
    return _FRESH["examples"]


@settings(max_examples=3, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(order=st.permutations(FILES), cuts=st.lists(st.integers(1, len(FILES) - 1), min_size=1, max_size=3))
def test_example_corpus_in_any_batches_and_order_exports_the_fresh_bytes(tmp_path_factory, order, cuts):
    ref = example_fresh(tmp_path_factory)
    db = str(tmp_path_factory.mktemp("batches") / "s.db")
    bounds = [0, *sorted(set(cuts)), len(order)]
    for lo, hi in zip(bounds, bounds[1:]):
        storyline.build(order[lo:hi], db=db)
    got = export_of(db)
    assert '"events": [\n  {' in got          # a real export with events, not two empty ones
    assert got == ref


def test_building_the_same_inputs_again_changes_nothing(tmp_path_factory):
    ref = example_fresh(tmp_path_factory)
    db = str(tmp_path_factory.mktemp("twice") / "s.db")
    storyline.build(FILES, db=db)
    report = storyline.build(FILES, db=db)
    assert report.already_stored == len(FILES) and report.analysed == 0
    assert export_of(db) == ref


def test_two_hash_seeds_give_the_same_bytes(tmp_path):
    outs = []
    for seed in ("1", "2"):
        db, out = str(tmp_path / f"h{seed}.db"), tmp_path / f"h{seed}.json"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        for cmd in (["build", *FILES, "--db", db, "--no-progress"], ["export", "--db", db, "-o", str(out)]):
            subprocess.run([sys.executable, "-m", "storyline.cli", *cmd], check=True, env=env, cwd=ROOT,
                           stdout=subprocess.DEVNULL)
        outs.append(out.read_bytes())
    assert len(outs[0]) > 1000 and outs[0] == outs[1]


def test_a_dev_story_in_shuffled_batches_exports_its_fresh_bytes(tmp_path_factory):
    story = SHARED / "corpus" / "dev" / "openai_board"
    if not story.exists():
        import pytest

        pytest.skip(f"shared data not present: {story}")
    files = sorted(str(p) for p in story.iterdir() if p.suffix == ".txt")
    ref = fresh(tmp_path_factory, files)
    random.Random(11).shuffle(files)
    db = str(tmp_path_factory.mktemp("dev") / "s.db")
    third = len(files) // 3
    for part in (files[:third], files[third:2 * third], files[2 * third:]):
        storyline.build(part, db=db)
    assert export_of(db) == ref


def test_two_worker_processes_give_the_one_process_bytes(tmp_path_factory):
    from storyline.config import Config

    ref = example_fresh(tmp_path_factory)
    db = str(tmp_path_factory.mktemp("workers") / "s.db")
    report = storyline.build(FILES, db=db, config=Config(workers=2, batch_size=3))
    assert report.analysed == len(FILES)
    assert export_of(db) == ref


def test_a_build_that_changes_nothing_does_not_refresh(tmp_path):
    db = str(tmp_path / "s.db")
    first = storyline.build(FILES[:4], db=db)
    assert first.refreshed and first.events > 0
    again = storyline.build(FILES[:4], db=db)
    assert not again.refreshed and (again.events, again.entities) == (first.events, first.entities)
    more = storyline.build(FILES[:5], db=db)                 # one more article: the corpus is redone
    assert more.refreshed and more.added == 1
