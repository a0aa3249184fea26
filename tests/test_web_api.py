"""The HTTP API of `storyline serve`: every route on a store built from examples/harbour, ETags and
304s, JSON errors, and a property test from the OpenAPI document (schemathesis)."""
from __future__ import annotations

import hashlib
import warnings

import pytest

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")  # a note for a later httpx

import schemathesis  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402

import storyline  # noqa: E402
from storyline.store import SQLiteStore, StoreError  # noqa: E402
from storyline.web import create_app  # noqa: E402

from .conftest import EXAMPLES  # noqa: E402
from .test_store_conformance import art, results  # noqa: E402

API = "/api/v1"
EXAMPLES_PER_ROUTE = 10       # keeps the property test near 20 s


@pytest.fixture(scope="module")
def harbour_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("web") / "harbour.db")
    storyline.build([EXAMPLES], db=db)
    return db


@pytest.fixture(scope="module")
def client(harbour_db):
    with TestClient(create_app(harbour_db)) as c:
        yield c


@pytest.fixture
def made_db(tmp_path) -> str:
    """A store of hand-made corpus records (conflicts included), no pipeline."""
    db = str(tmp_path / "made.db")
    s = SQLiteStore(db)
    s.add_articles([art("a"), art("b", "Voss spoke.")])
    run = s.start_run(["made"])
    s.replace_corpus(results())
    s.finish_run(run, {})
    s.close()
    return db


def get(client, url, status=200, **kw):
    r = client.get(API + url, **kw)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


# -- every route ---------------------------------------------------------------------------------

def test_stories_list_the_harbour_story_with_its_span_and_articles(client):
    page = get(client, "/stories")
    by_id = {st["id"]: st for st in page["items"]}
    strike = next(st for st in page["items"] if "Teodora Vance" in st["label"])
    assert strike["article_count"] == 14 and strike["start"] == "2025-05-05" and strike["end"] >= "2025-06-01"
    assert len(by_id) == 2 and page["next_offset"] is None
    first = get(client, "/stories?limit=1")
    assert len(first["items"]) == 1 and first["next_offset"] == 1
    second = get(client, "/stories?limit=1&offset=1")
    assert second["items"][0]["id"] != first["items"][0]["id"] and second["next_offset"] is None


def test_a_story_has_its_articles_without_text(client):
    st = get(client, "/stories/s1")
    ids = [a["id"] for a in st["articles"]]
    assert ids == sorted(ids) and "04_governor_meets_osei" in ids and "14_rovers_stadium" not in ids
    assert st["event_count"] > 10 and "text" not in st["articles"][0]
    assert {a["id"]: a["duplicate_of"] for a in st["articles"]}["06_agency_copy"] == "05_agency_talks_framework"


def test_timeline_is_dated_ordered_and_filters(client):
    tl = get(client, "/stories/s1/timeline")
    items = tl["items"]
    assert items and tl["story"] == "s1" and all(e["date"] and e["story"] == "s1" for e in items)
    assert [e["date"] for e in items] == sorted(e["date"] for e in items)
    assert not any(e["type"] == "statement" for e in items)
    meet = next(e for e in items if e["type"] == "meet" and e["date"] == "2025-05-14")
    assert {p["name"] for p in meet["participants"]} >= {"Teodora Vance", "Rafael Osei"}
    with_statements = get(client, "/stories/s1/timeline?statements=true")["items"]
    assert any(e["type"] == "statement" for e in with_statements) and len(with_statements) > len(items)
    may = get(client, "/stories/s1/timeline?date_from=2025-05-14&date_to=2025-05-16")["items"]
    assert may and all("2025-05-14" <= e["date"] <= "2025-05-16" for e in may) and len(may) < len(items)
    meets = get(client, "/stories/s1/timeline?type=meet&type=resign")["items"]
    assert {e["type"] for e in meets} == {"meet", "resign"}
    by_status = {st: get(client, f"/stories/s1/timeline?statements=true&status={st}")["items"]
                 for st in ("occurred", "uncertain")}
    assert all(e["status"] == st for st, evs in by_status.items() for e in evs) and all(by_status.values())
    well_told = get(client, "/stories/s1/timeline?min_sources=3")["items"]
    assert well_told and all(e["source_count"] >= 3 for e in well_told) and len(well_told) < len(items)
    page = get(client, "/stories/s1/timeline?limit=2")
    assert [e["id"] for e in page["items"]] == [e["id"] for e in items[:2]] and page["next_offset"] == 2
    nxt = get(client, "/stories/s1/timeline?limit=2&offset=2")["items"]
    assert [e["id"] for e in nxt] == [e["id"] for e in items[2:4]]


def test_network_nodes_by_prominence_and_edges_by_shared_events(client):
    net = get(client, "/stories/s1/network")
    names = {n["id"]: n["name"] for n in net["nodes"]}
    assert "Teodora Vance" in names.values() and "Rafael Osei" in names.values()
    prominence = [n["prominence"] for n in net["nodes"]]
    assert prominence == sorted(prominence, reverse=True)
    pair = {(e["source"], e["target"]): e["weight"] for e in net["edges"]}
    assert pair[("e-rafael-osei", "e-teodora-vance")] >= 2        # they met and spoke, told many times
    evs = get(client, "/events?story=s1&entity=e-teodora-vance&limit=1000")["items"]
    shared = [e for e in evs if "e-rafael-osei" in {p["id"] for p in e["participants"]}]
    assert pair[("e-rafael-osei", "e-teodora-vance")] == len(shared)
    assert all(e["source"] < e["target"] and e["source"] in names and e["target"] in names for e in net["edges"])
    two = get(client, "/stories/s1/network?nodes=2")
    assert [n["id"] for n in two["nodes"]] == [n["id"] for n in net["nodes"][:2]]


def test_events_filter_by_each_field(client):
    every = get(client, "/events?limit=1000")["items"]
    assert len(every) == get(client, "/stats")["events"]
    assert {e["story"] for e in get(client, "/events?story=s2&limit=1000")["items"]} == {"s2"}
    vance = get(client, "/events?entity=e-teodora-vance&limit=1000")["items"]
    assert vance and all("e-teodora-vance" in {p["id"] for p in e["participants"]} | {(e["place"] or {}).get("id")}
                         for e in vance)
    assert {e["type"] for e in get(client, "/events?type=call&limit=1000")["items"]} == {"call"}
    assert {e["status"] for e in get(client, "/events?status=planned&status=uncertain")["items"]} <= {"planned", "uncertain"}
    may14 = get(client, "/events?date_from=2025-05-14&date_to=2025-05-14&limit=1000")["items"]
    assert may14 and {e["date"] for e in may14} == {"2025-05-14"}
    found = get(client, "/events?q=SWORN")["items"]
    assert found and all("sworn" in e["summary"].lower() for e in found)
    assert get(client, "/events?q=no-such-words-anywhere")["items"] == []


def test_an_event_has_each_source_sentence_at_its_offsets_in_the_article(client):
    meet = get(client, "/events?type=meet&date_from=2025-05-14&date_to=2025-05-14")["items"][0]
    ev = get(client, f"/events/{meet['id']}")
    assert len(ev["sources"]) == ev["source_count"] >= 2
    for src in ev["sources"]:
        text = get(client, f"/articles/{src['article']}")["text"]
        assert text[src["start"]:src["end"]] == src["sentence"]
        assert src["published"].startswith("2025-")


def test_entities_by_type_and_name(client):
    people = get(client, "/entities?type=PERSON&limit=1000")["items"]
    assert people and {e["type"] for e in people} == {"PERSON"}
    mentions = [e["mentions"] for e in people]
    assert mentions == sorted(mentions, reverse=True)
    assert [e["id"] for e in get(client, "/entities?q=Teodora Vanse")["items"]] == ["e-teodora-vance"]   # an alias
    assert get(client, "/entities?q=zzqx")["items"] == []


def test_an_entity_has_aliases_roles_events_quotes_and_stories(client):
    e = get(client, "/entities/e-teodora-vance")
    assert "Vance" in e["aliases"] and any(r["role"].lower().endswith("governor") for r in e["roles"])
    assert e["events"]["items"] and all("e-teodora-vance" in {p["id"] for p in ev["participants"]}
                                        for ev in e["events"]["items"])
    assert e["quotes"] and {q["speaker"] for q in e["quotes"]} == {"e-teodora-vance"}
    assert e["stories"] == ["s1"]
    paged = get(client, "/entities/e-teodora-vance?events_limit=1&events_offset=1")["events"]
    assert [x["id"] for x in paged["items"]] == [x["id"] for x in e["events"]["items"][1:2]]


def test_articles_list_and_one_article_with_duplicates_reuse_and_citations(client):
    page = get(client, "/articles?limit=5")
    assert len(page["items"]) == 5 and page["next_offset"] == 5 and "text" not in page["items"][0]
    assert len(get(client, "/articles?limit=1000")["items"]) == 16
    copy = get(client, "/articles/06_agency_copy")
    assert copy["duplicate_of"] == "05_agency_talks_framework" and copy["published"] == "2025-05-14"
    orig = get(client, "/articles/05_agency_talks_framework")
    assert orig["duplicates"] == ["06_agency_copy"]
    assert "06_agency_copy" in {r["article"] for r in orig["reuses"]}
    assert orig["citations"]
    for c in orig["citations"]:
        ev = get(client, f"/events/{c['event']}")
        assert any(s["article"] == orig["id"] and (s["start"], s["end"]) == (c["start"], c["end"])
                   for s in ev["sources"])


def test_quotes_by_speaker_and_story(client):
    every = get(client, "/quotes?limit=1000")["items"]
    assert every and all(q["speaker_name"] for q in every)
    vance = get(client, "/quotes?speaker=e-teodora-vance&limit=1000")["items"]
    assert vance and {q["speaker"] for q in vance} == {"e-teodora-vance"} and len(vance) < len(every)
    rovers = get(client, "/quotes?story=s2&limit=1000")["items"]
    assert rovers and {q["article"] for q in rovers} <= {"14_rovers_stadium", "15_rovers_planning"}
    text = get(client, f"/articles/{vance[0]['article']}")["text"]
    assert text[vance[0]["start"]:vance[0]["end"]] == vance[0]["text"]


def test_conflicts_with_both_sides_sources(made_db):
    with TestClient(create_app(made_db)) as c:
        found = get(c, "/conflicts")["items"]
        assert [(x["id"], x["kind"]) for x in found] == [(1, "date"), (2, "number")]
        assert [s["article"] for s in found[0]["sources"]] == ["a", "b"]
        assert [(side["value"], [s["article"] for s in side["sources"]]) for side in found[1]["sides"]] == [("40", ["b"])]
        assert get(c, "/conflicts?story=s1")["items"] and get(c, "/conflicts?story=s2")["items"]
        get(c, "/conflicts?story=s9", status=404)


def test_stats_and_search(client):
    st = get(client, "/stats")
    assert st["articles"] == 16 and st["stories"] == 2 and st["duplicates"] == 1
    assert sum(st["events_by_type"].values()) == st["events"] and st["events_by_type"]["meet"] >= 1
    assert st["first_date"] <= "2025-05-05" <= st["last_date"]
    hits = get(client, "/search?q=Osei")
    assert "e-rafael-osei" in {e["id"] for e in hits["entities"]}
    assert hits["events"] and all("osei" in e["summary"].lower() for e in hits["events"])
    assert get(client, "/search?q=zzqx") == {"entities": [], "events": []}


# -- caching, errors, safety ---------------------------------------------------------------------

def test_etag_gives_304_until_the_store_changes(made_db):
    with TestClient(create_app(made_db)) as c:
        r = c.get(API + "/stories")
        tag = r.headers["etag"]
        again = c.get(API + "/stories", headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
        assert c.get(API + "/stories", headers={"If-None-Match": 'W/"other"'}).status_code == 200
        other = c.get(API + "/stats")
        assert other.headers["etag"] != tag                           # per URL
        assert c.get(API + "/stats", headers={"If-None-Match": tag}).status_code == 200
        assert get(c, "/stories")["items"][0]["label"] == "Mara Voss"
        s = SQLiteStore(made_db)                                       # a build finishes, a story renamed
        run = s.start_run(["more"])
        renamed = results()
        renamed.stories[0].label = "Mara Voss and the port"
        s.replace_corpus(renamed)
        s.finish_run(run, {})
        s.close()
        changed = c.get(API + "/stories", headers={"If-None-Match": tag})
        assert changed.status_code == 200 and changed.headers["etag"] != tag
        assert changed.json()["items"][0]["label"] == "Mara Voss and the port"     # not a kept answer


@pytest.mark.parametrize("url", ["/stories/s999", "/stories/s999/timeline", "/stories/s999/network",
                                 "/events/ev99999", "/entities/e-nobody", "/articles/no-such-article",
                                 "/no/such/route"])
def test_unknown_ids_are_json_404s(client, url):
    body = get(client, url, status=404)
    assert isinstance(body["detail"], str)


@pytest.mark.parametrize("url", ["/events?limit=0", "/events?limit=100000", "/events?offset=-1",
                                 "/events?date_from=May", "/events?date_to=2025-5-1", "/events?status=done",
                                 "/stories/s1/timeline?min_sources=0", "/stories/s1/timeline?statements=maybe",
                                 "/search", "/search?q=", "/stories/s1/network?nodes=0"])
def test_bad_parameters_are_json_422s(client, url):
    body = get(client, url, status=422)
    assert body["detail"] and body["detail"][0]["loc"][0] == "query"


def test_the_server_reads_and_never_writes(harbour_db, client):
    before = hashlib.sha256(open(harbour_db, "rb").read()).hexdigest()
    for url in ("/stories", "/stories/s1/timeline", "/events/ev00001", "/stats", "/articles/01_strike_begins"):
        client.get(API + url)
    assert hashlib.sha256(open(harbour_db, "rb").read()).hexdigest() == before


def test_a_missing_or_damaged_store_fails_at_start(tmp_path, harbour_db):
    with pytest.raises(FileNotFoundError, match="no storyline store"):
        create_app(str(tmp_path / "none.db"))
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="not a readable storyline store"):
        create_app(str(bad))
    create_app(harbour_db)                                             # positive control


def test_serve_refuses_a_missing_or_damaged_store_in_one_line(tmp_path):
    from click.testing import CliRunner

    from storyline.cli import main

    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00garbage" * 500)
    for db in (str(tmp_path / "none.db"), str(bad)):
        r = CliRunner().invoke(main, ["serve", "--db", db, "--port", "0"])
        assert r.exit_code == 1 and r.output.startswith("Error: ") and r.output.count("\n") == 1, r.output
        assert "Traceback" not in r.output and db in r.output


def test_ui_is_served_with_a_content_policy(client):
    r = client.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    for asset in ("app.js", "dom.js", "timeline.js", "network.js", "app.css"):
        assert client.get(f"/static/{asset}").status_code == 200
    doc = client.get("/openapi.json").json()
    assert {"/api/v1/stories/{story_id}/timeline", "/api/v1/events/{event_id}"} <= set(doc["paths"])


# -- properties from the OpenAPI document --------------------------------------------------------

def test_every_route_keeps_to_its_openapi_document(harbour_db):
    """Whatever parameters the document allows, each answer is documented: no 5xx, a documented status
    and content type, a body of the declared shape. (Schemathesis's own pytest plugin predates pytest 9,
    so the operations are driven here with Hypothesis directly.)"""
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(harbour_db))
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 14
    for op in operations:
        @given(case=op.as_strategy())
        @settings(max_examples=EXAMPLES_PER_ROUTE, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def holds(case):
            case.call_and_validate()

        holds()
