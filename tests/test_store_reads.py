"""The reads the web API adds to the store (store/shared.py), on every backend of the conformance suite."""
from __future__ import annotations

from storyline.model import Source

from .test_store_conformance import art, results, store  # noqa: F401  (the backends' fixture)


def _filled(store):  # noqa: F811
    store.add_articles([art("a"), art("b", "Voss spoke.")])
    run = store.start_run(["x"])
    store.replace_corpus(results())
    store.finish_run(run, {})
    return store


def test_events_filter_by_any_of_several_types_and_statuses(store):  # noqa: F811
    _filled(store)
    ids = lambda evs: [e.id for e in evs]               # noqa: E731
    assert ids(store.events(type=["say", "sign"])) == ["ev00002", "ev00003"]
    assert ids(store.events(type=["sign"])) == ["ev00003"]
    assert ids(store.events(status=["planned", "occurred"])) == ["ev00001", "ev00002", "ev00003", "ev00004"]
    assert ids(store.events(status=["cancelled"])) == []
    assert ids(store.events(type=[])) == ids(store.events())           # no values: no filter


def test_one_event_and_articles_by_id(store):  # noqa: F811
    _filled(store)
    ev = store.event("ev00001")
    assert ev.participants == ["e-voss", "e-lenz"] and ev.sources[1] == Source("b", "Voss spoke.", 0, 11)
    assert store.event("ev99999") is None
    assert store.story("s2").articles == ["b"] and store.story("s9") is None
    rows = store.articles_by_id(["b", "a", "zz"])
    assert [r["id"] for r in rows] == ["a", "b"] and "text" not in rows[0]
    assert rows[1]["published"] == "2025-05-03" and rows[1]["duplicate_of"] == "a" and rows[1]["story"] == "s2"
    assert store.articles_by_id(["b"], text=True)[0]["text"] == "Voss spoke."
    assert store.articles_by_id([]) == []


def test_citations_duplicates_and_stats(store):  # noqa: F811
    _filled(store)
    assert store.citations("b") == [
        {"event": "ev00001", "start": 0, "end": 11, "type": "meet", "status": "occurred", "date": "2025-05-02"},
        {"event": "ev00002", "start": 0, "end": 11, "type": "say", "status": "occurred", "date": "2025-05-03"},
        {"event": "ev00004", "start": 0, "end": 11, "type": "strike", "status": "occurred", "date": None}]
    assert store.citations("nope") == []
    assert store.duplicates_of("a") == ["b"] and store.duplicates_of("b") == []
    st = store.stats()
    assert (st["articles"], st["events"], st["entities"], st["stories"]) == (2, 4, 3, 2)
    assert st["conflicts"] == len(results().conflicts) == 2
    assert st["events_by_type"] == {"meet": 1, "say": 1, "sign": 1, "strike": 1}
    assert st["events_by_status"] == {"occurred": 3, "planned": 1}
    assert st["entities_by_type"] == {"GPE": 1, "PERSON": 2} and st["duplicates"] == 1
    assert (st["first_date"], st["last_date"]) == ("2025-05-02", "2025-06")


def test_the_version_changes_with_each_run_and_article(store):  # noqa: F811
    before = store.version()
    store.add_articles([art("a")])
    added = store.version()
    run = store.start_run(["x"])
    running = store.version()
    store.finish_run(run, {})
    done = store.version()
    assert len({before, added, running, done}) == 4
    assert store.version() == done                                      # nothing changed: the same
