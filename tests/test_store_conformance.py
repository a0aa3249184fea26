"""The Store conformance suite: what every storage backend must do, tried on hand-made records (no
model, no pipeline). A new backend joins by adding its factory to BACKENDS."""
from __future__ import annotations

import multiprocessing
import time

import pytest

from storyline.model import (Article, Claim, Conflict, Entity, Event, EventMention, Mention, Sentence, Side, Source,
                             Story, TimeMention)
from storyline.store import CorpusResults, SQLiteStore, open_store


def _sqlite(request, tmp_path):
    return SQLiteStore(str(tmp_path / "conf.db"))


def _postgres(request, tmp_path):
    from storyline.store.postgres import PostgresStore

    return PostgresStore(request.getfixturevalue("pg_server").fresh_url())   # a new schema per test


BACKENDS = {"sqlite": _sqlite, "postgres": _postgres}


@pytest.fixture(params=sorted(BACKENDS))
def store(request, tmp_path):
    s = BACKENDS[request.param](request, tmp_path)
    yield s
    s.close()


def art(aid: str, text: str = "Mara Voss met Ivo Lenz.", published: str | None = None, source: str | None = None):
    return Article(id=aid, source=source or f"in/{aid}.txt", content_hash=f"h-{aid}-{text}", raw_text=text,
                   text=text, published=published, published_source="header" if published else None)


def analysed(a: Article, date=None) -> Article:
    a.sentences = [Sentence(0, 0, len(a.text), a.text)]
    a.mentions = [Mention(0, 0, 9, "Mara Voss", "PERSON", "Mara Voss")]
    a.times = [TimeMention(0, 0, 3, "now", "DATE", "PRESENT_REF")]
    a.events = [EventMention(0, "meet", "meet", "occurred", [0], [], None, date, None, "timex", 0, len(a.text), True)]
    a.signature = [1, 2, 3]
    a.date_refs = [("2025-05-01", "May 1", "past")]
    a.claims = [Claim(0, 4, 16, "number", "count of people", "at least 40", 40.0, 40.0, 44.0, "lower", "",
                      "2025-05-01", True, ["meet"])]
    return a


def results() -> CorpusResults:
    voss = Entity("e-voss", "Mara Voss", "PERSON", ["Voss"], [{"role": "pilot", "start": None, "end": None}], 5)
    lenz = Entity("e-lenz", "Ivo Lenz", "PERSON", [], [], 3)
    port = Entity("e-port", "Port Velmora", "GPE", [], [], 2)
    src_a, src_b = Source("a", "Mara Voss met Ivo Lenz.", 0, 23), Source("b", "Voss spoke.", 0, 11)
    r = CorpusResults(
        entities=[voss, lenz, port],
        events=[Event("ev00001", "meet", "occurred", "2025-05-02", None, ["e-voss", "e-lenz"], "e-port",
                      "Mara Voss met Ivo Lenz.", 2.5, [src_a, src_b], "s1"),
                Event("ev00002", "say", "occurred", "2025-05-03", None, ["e-voss"], None, "Voss spoke.", 1.0,
                      [src_b], "s1"),
                Event("ev00003", "sign", "planned", "2025-06", None, ["e-lenz"], None, "Lenz will sign.", 0.5,
                      [src_a], "s2"),
                Event("ev00004", "strike", "occurred", None, None, [], None, "A strike.", 0.1, [src_b], "s2")],
        stories=[Story("s1", "Mara Voss", ["a"], "", "2025-05-02", "2025-05-02"),
                 Story("s2", "Ivo Lenz", ["b"], "", "2025-05-03", "2025-05-03")],
        conflicts=[Conflict("date", "meet dated twice", [src_a, src_b],
                            [Side("2025-05-02", [src_a]), Side("2025-05-03", [src_b])], 2.5, "s1"),
                   Conflict("number", "count of people", [src_b], [Side("40", [src_b])], 1.0, None)],
        duplicate_of={"b": "a"}, reuses={("a", "b"): 1}, article_story={"a": "s1", "b": "s2"},
        article_dates={"a": ("2025-05-02", "header", None), "b": ("2025-05-03", "inferred", "like a")})
    return r


def test_articles_are_stored_once_and_found_by_hash_and_source(store):
    assert store.add_articles([art("b"), art("a")]) == 2
    assert store.add_articles([art("a")]) == 0
    assert store.has_hash("h-a-Mara Voss met Ivo Lenz.") and not store.has_hash("nope")
    assert store.article_ids() == {"a", "b"}
    assert store.article_by_source("in/a.txt") == ("a", "h-a-Mara Voss met Ivo Lenz.")
    assert store.article_by_source("in/zzz.txt") is None
    assert store.count_articles() == 2 and store.count_articles(pending=True) == 2


def test_analysis_round_trips_in_id_order_with_its_own_date(store):
    store.add_articles([art("b"), art("a", published="2025-05-01")])
    assert [a.id for a in store.pending_articles()] == ["a", "b"]
    b = analysed(art("b"))
    b.published, b.published_source, b.published_evidence = "2025-05-04", "inferred", "refs"
    store.save_analysis([analysed(art("a", published="2025-05-01")), b])
    got = list(store.analysed_articles())
    assert [a.id for a in got] == ["a", "b"] and store.count_articles(pending=True) == 0
    assert got[1].published == "2025-05-04" and got[1].published_source == "inferred"
    assert got[0].mentions[0].text == "Mara Voss" and got[0].events[0].agents == [0]
    assert got[0].date_refs == [("2025-05-01", "May 1", "past")]
    assert got[0].claims == analysed(art("a")).claims            # claims round-trip whole
    redone = analysed(art("b"), date="2025-05-09")
    redone.published, redone.published_source = "2025-05-09", "inferred"
    store.save_analysis([redone], redated=True)
    assert store.redated_articles()["b"].events[0].date == "2025-05-09"
    assert list(store.analysed_articles())[1].published == "2025-05-04"   # its own analysis is kept


def test_quarantine_takes_an_article_out_of_every_later_pass(store):
    store.add_articles([art("a"), art("b")])
    store.quarantine("a", "ValueError: parser tripped")
    assert [a.id for a in store.pending_articles()] == ["b"]
    assert store.quarantined() == [{"id": "a", "source": "in/a.txt", "reason": "ValueError: parser tripped"}]
    assert [r["id"] for r in store.article_rows(quarantined=True)] == ["a"]


def test_remove_deletes_and_logs(store):
    store.add_articles([art("a"), art("b")])
    assert store.remove(["a", "nope"], run_id=None, action="removed") == ["a"]
    assert store.article_ids() == {"b"}
    assert [(c["action"], c["article_id"]) for c in store.changes()] == [("removed", "a")]


def test_the_corpus_is_replaced_whole_and_read_back(store):
    store.add_articles([art("a"), art("b")])
    store.replace_corpus(results())
    store.replace_corpus(results())                     # replaced, not appended
    r = store.load_corpus()
    assert [e.id for e in r.entities] == ["e-voss", "e-lenz", "e-port"]      # best supported first
    assert [e.id for e in r.events] == ["ev00001", "ev00002", "ev00003", "ev00004"]
    assert r.events[0].sources[1] == Source("b", "Voss spoke.", 0, 11)
    assert [s.id for s in r.stories] == ["s1", "s2"] and r.conflicts[0].kind == "date"
    # conflicts keep their sides, score and story, in their ranked order
    assert [c.kind for c in r.conflicts] == ["date", "number"]
    src_a, src_b = Source("a", "Mara Voss met Ivo Lenz.", 0, 23), Source("b", "Voss spoke.", 0, 11)
    assert r.conflicts[0].sides == [Side("2025-05-02", [src_a]), Side("2025-05-03", [src_b])]
    assert (r.conflicts[0].score, r.conflicts[0].story, r.conflicts[1].story) == (2.5, "s1", None)
    assert r.duplicate_of == {"b": "a"} and r.reuses == {("a", "b"): 1}
    assert r.article_dates["b"] == ("2025-05-03", "inferred", "like a")
    rows = {row["id"]: row for row in store.article_rows()}
    assert rows["b"]["published"] == "2025-05-03" and rows["b"]["story"] == "s2"


def test_read_side_filters_and_pages(store):
    store.add_articles([art("a"), art("b")])
    store.replace_corpus(results())
    ids = lambda evs: [e.id for e in evs]               # noqa: E731
    assert ids(store.events(story="s1")) == ["ev00001", "ev00002"]
    assert ids(store.events(entities=["e-lenz"])) == ["ev00001", "ev00003"]
    assert ids(store.events(entities=["e-port"])) == ["ev00001"]              # the place counts
    assert ids(store.events(type="say")) == ["ev00002"] and ids(store.events(status="planned")) == ["ev00003"]
    assert ids(store.events(date_from="2025-05-03")) == ["ev00002", "ev00003"]
    assert ids(store.events(date_to="2025-05")) == ["ev00001", "ev00002"]
    assert ids(store.events(date_to="2025-05-02")) == ["ev00001"]
    assert ids(store.events(text="LENZ")) == ["ev00001", "ev00003"]
    assert ids(store.events(min_sources=2)) == ["ev00001"]
    assert ids(store.events(dated=True, exclude_types=["say"], order="timeline")) == ["ev00001", "ev00003"]
    assert ids(store.events(limit=2, offset=1)) == ["ev00002", "ev00003"]
    assert [e.id for e in store.entities(type="person")] == ["e-voss", "e-lenz"]
    assert [e.id for e in store.entities(name="voss")] == ["e-voss"]          # an alias, exactly
    assert [e.id for e in store.entities(name="velm")] == ["e-port"]          # else part of the name
    assert store.entities(name="nobody") == []
    assert [e.id for e in store.entities(limit=1, offset=1)] == ["e-lenz"]


def test_a_fresh_store_checks_clean(store):
    store.add_articles([art("a")])
    store.save_analysis([analysed(art("a"))])
    assert store.check() == [] and store.check(full=False) == []


def _hold_lock(path, seconds, q):
    s = open_store(path)
    with s.build_lock():
        q.put("held")
        time.sleep(seconds)
    s.close()


def test_builds_take_turns_on_one_store(store):
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_hold_lock, args=(store.path, 1.0, q))
    p.start()
    assert q.get(timeout=30) == "held"
    waited = []
    t = time.monotonic()
    with store.build_lock(on_wait=lambda: waited.append(True)):
        elapsed = time.monotonic() - t
    p.join()
    assert waited == [True] and elapsed >= 0.5


def test_reads_come_in_byte_order_with_nulls_first_as_in_sqlite(store):
    ids = ["b", "B", "_c", "a-1", "a_1", "a1", "\u00e9t\u00e9"]
    store.add_articles([art(i) for i in ids])
    assert [a.id for a in store.pending_articles()] == sorted(ids)           # Python sorts by code point
    assert [r["id"] for r in store.article_rows(limit=3, offset=2)] == sorted(ids)[2:5]
    store.replace_corpus(results())
    assert [e.id for e in store.events(order="timeline")] == ["ev00004", "ev00001", "ev00002", "ev00003"]


def test_stories_come_in_number_order(store):
    r = results()
    r.stories = [Story(sid, sid, [], "", None, None) for sid in ("s10", "s9", "s2", "x", "s1")]
    store.replace_corpus(r)
    assert [s.id for s in store.stories()] == ["x", "s1", "s2", "s9", "s10"]


def test_a_reader_keeps_its_snapshot_while_a_build_replaces_the_corpus(store):
    store.add_articles([art("a"), art("b")])
    store.replace_corpus(results())
    reader = open_store(store.path, readonly=True)
    try:
        with reader.reading():
            before = [e.id for e in reader.events()]
            changed = results()
            changed.events = changed.events[:1]
            store.replace_corpus(changed)
            assert [e.id for e in reader.events()] == before
        assert [e.id for e in reader.events()] == ["ev00001"]
    finally:
        reader.close()


def test_the_last_finished_run_keeps_its_corpus_key_and_members_are_the_analysed(store):
    assert store.last_corpus_key() is None
    store.add_articles([art("b"), art("a"), art("c")])
    store.save_analysis([analysed(art("b")), analysed(art("a"))])
    store.quarantine("b", "broken")
    assert store.corpus_members() == [("a", "h-a-Mara Voss met Ivo Lenz.")]
    run = store.start_run(["in/"])
    store.finish_run(run, {"corpus_key": "k1"}, "done")
    failed = store.start_run(["in/"])
    store.finish_run(failed, {"corpus_key": "k2"}, "failed")    # a failed run refreshed nothing
    assert store.last_corpus_key() == "k1"
