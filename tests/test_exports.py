"""The export formats: the JSON contract (validated against the schema shipped in the package), CSV
tables, GraphML, TimelineJS and the static HTML report, on small fictional corpora."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import storyline
from storyline import export
from storyline.cli import main

from .conftest import ARTICLE_A, ARTICLE_B, write

# Two reports of one phone call (the caller is the agent, the one called the counterpart), a
# resignation told without a date of its own (dated by its article: date_source "published"), and
# an unrelated story.
CALL_A = """ date 2025-03-11 Governor Tomas Brandt telephoned union leader Ada Kestrel on Monday about the stalled wage talks.

The two spoke for an hour, officials in Port Velmora said.
"""
CALL_B = """ date 2025-03-12 Governor Tomas Brandt phoned union leader Ada Kestrel on Monday, the union said.

Harbour minister Lars Quill has resigned, the governor's office said.
"""
OTHER = """ date 2025-04-02 Orchard Valley: The Orchard Valley cycling club unveiled a new velodrome on Tuesday, club chairwoman Wren Halloway said.

Wren Halloway met city planner Odo Marsh at the site on Tuesday.
"""
# Article text and metadata that try to become markup in a report.
HOSTILE = {"id": "hostile", "url": "javascript:alert(1)", "date": "2025-03-06",
           "title": "<script>alert('title')</script> harbour news",
           "text": "Governor Tomas Brandt met union leader Ada Kestrel in Port Velmora on Wednesday with a note "
                   "they signed, \"><img src=x onerror=alert(1)> and <script>alert(2)</script> in hand.\n\n"
                   "The talks lasted two hours, officials said, and a [link](javascript:alert(3)) followed."}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    d = tmp_path_factory.mktemp("exports")
    write(d / "in" / "call_a.txt", CALL_A)
    write(d / "in" / "call_b.txt", CALL_B)
    write(d / "in" / "other.txt", OTHER)
    write(d / "in" / "meet_a.txt", ARTICLE_A)      # a meeting with a place
    write(d / "in" / "meet_b.txt", ARTICLE_B)
    write(d / "in" / "hostile.jsonl", json.dumps(HOSTILE) + "\n")
    db = str(d / "s.db")
    storyline.build([d / "in"], db=db)
    return db


def _cli(*args) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


def _names(s) -> dict[str, str]:
    return {e.id: e.name for e in s.entities()}


# -- JSON --------------------------------------------------------------------------------------------

def test_json_has_roles_names_and_date_source_and_matches_packaged_schema(store):
    with storyline.open(store) as s:
        data = export.to_dict(s)
        names = _names(s)
    jsonschema.validate(data, export.schema())
    call = [e for e in data["events"] if e["type"] == "call" and e["date"] == "2025-03-10"]
    assert len(call) == 1
    roles = dict(zip(call[0]["participant_names"], call[0]["roles"]))
    assert roles == {"Tomas Brandt": "agent", "Ada Kestrel": "counterpart"}
    assert call[0]["date_source"] == "timex"
    for e in data["events"]:
        assert e["participant_names"] == [names[p] for p in e["participants"]]
        assert e["place_name"] == (names[e["place"]] if e["place"] else None)
    resign = [e for e in data["events"] if e["type"] == "resign"]
    assert [(e["date"], e["date_source"]) for e in resign] == [("2025-03-12", "published")]
    assert all(q["speaker_name"] == names[q["speaker"]] for q in data["quotes"])


def test_packaged_schema_rejects_an_export_without_the_new_fields(store):
    """Negative control: the schema is not a rubber stamp."""
    with storyline.open(store) as s:
        data = export.to_dict(s)
    del data["events"][0]["roles"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, export.schema())
    data = json.loads(json.dumps(data))
    data["events"][0]["roles"] = ["leader"] * len(data["events"][0]["participants"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, export.schema())


def test_packaged_schema_keeps_every_field_of_the_shared_contract():
    """Ours is a superset: every field the contract requires, ours requires too."""
    ours = export.schema()
    shared = Path(__file__).resolve().parent.parent.parent / "shared" / "contract" / "export.schema.json"
    if not shared.exists():
        pytest.skip("shared contract not present")
    theirs = json.loads(shared.read_text())
    assert set(theirs["required"]) <= set(ours["required"])
    for table, spec in theirs["properties"].items():
        mine = ours["properties"][table]["items"]
        assert set(spec["items"].get("required", [])) <= set(mine.get("required", []))
        assert set(spec["items"]["properties"]) <= set(mine["properties"])


# -- CSV ---------------------------------------------------------------------------------------------

def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_folder_has_one_file_per_table(store, tmp_path):
    out = tmp_path / "tables"
    code, _, err = _cli("export", "--db", store, "--format", "csv", "-o", str(out))
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["events.csv", "participants.csv", "sources.csv", "entities.csv", "aliases.csv", "articles.csv",
         "stories.csv"])
    with storyline.open(store) as s:
        events, names = s.events(), _names(s)
        arts = s.articles()
    assert len(_rows((out / "events.csv").read_text())) == len(events)
    parts = _rows((out / "participants.csv").read_text())
    call = next(e for e in events if e.type == "call")
    mine = {(r["name"], r["role"]) for r in parts if r["event"] == call.id}
    assert mine == {("Tomas Brandt", "agent"), ("Ada Kestrel", "counterpart")}
    placed = next(e for e in events if e.place)
    assert (names[placed.place], "place") in {(r["name"], r["role"]) for r in parts if r["event"] == placed.id}
    sources = _rows((out / "sources.csv").read_text())
    assert len(sources) == sum(len(e.sources) for e in events)
    assert {r["id"] for r in _rows((out / "articles.csv").read_text())} == {a["id"] for a in arts}
    aliases = _rows((out / "aliases.csv").read_text())
    assert aliases and all(r["entity"] in names for r in aliases)


def test_csv_tables_quote_formulas_in_every_table(tmp_path):
    d = tmp_path / "in"
    write(d / "f.jsonl", json.dumps({"id": "=cmd", "title": "=HYPERLINK(\"http://x.example\")", "date": "2025-03-04",
                                     "text": CALL_A.split(" ", 3)[3]}) + "\n")
    db = str(tmp_path / "f.db")
    storyline.build([d], db=db)
    with storyline.open(db) as s:
        tables = export.csv_tables(s)
    for name, text in tables.items():
        for row in csv.reader(io.StringIO(text)):
            assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), (name, row)
    assert "'=HYPERLINK" in tables["articles.csv"] and "'=cmd" in tables["sources.csv"]


def test_csv_to_a_csv_file_is_the_events_table(store, tmp_path):
    out = tmp_path / "events.csv"
    code, _, err = _cli("export", "--db", store, "--format", "csv", "-o", str(out))
    assert code == 0, err
    assert out.read_text().splitlines()[0].startswith("id,date,date_end,type")


# -- GraphML -----------------------------------------------------------------------------------------

def test_graphml_is_the_actor_network(store, tmp_path):
    nx = pytest.importorskip("networkx")
    out = tmp_path / "net.graphml"
    code, _, err = _cli("export", "--db", store, "--format", "graphml", "-o", str(out))
    assert code == 0, err
    g = nx.read_graphml(out)
    with storyline.open(store) as s:
        events, names = s.events(), _names(s)
    brandt = next(i for i, n in names.items() if n == "Tomas Brandt")
    kestrel = next(i for i, n in names.items() if n == "Ada Kestrel")
    shared = [e for e in events if {brandt, kestrel} <= set(e.participants)]
    assert shared and g.edges[brandt, kestrel]["weight"] == len(shared)
    assert g.nodes[brandt]["name"] == "Tomas Brandt" and g.nodes[brandt]["type"] == "PERSON"
    assert g.nodes[brandt]["prominence"] == sum(brandt in e.participants for e in events)
    # a place is not an actor: no edge is made of it
    places = {e.place for e in events if e.place} - {p for e in events for p in e.participants}
    assert places and not places & set(g.nodes)


def test_graphml_of_one_story_keeps_the_other_story_out(store):
    with storyline.open(store) as s:
        names = _names(s)
        cycling = next(a["story"] for a in s.articles() if a["id"] == "other")
        text = export.to_graphml(s, cycling)
        whole = export.to_graphml(s)
    assert "Wren Halloway" in text and "Tomas Brandt" not in text
    assert "Tomas Brandt" in whole and "Wren Halloway" in whole
    assert names  # the store has entities at all


# -- TimelineJS --------------------------------------------------------------------------------------

def test_timelinejs_events_have_dates_text_and_group(store):
    with storyline.open(store) as s:
        story = next(a["story"] for a in s.articles() if a["id"] == "call_a")
        doc = json.loads(export.to_timelinejs(s, story))
        happenings = s.timeline(story=story)
    assert doc["title"]["text"]["headline"]
    assert len(doc["events"]) == len(happenings) > 0
    call = next(e for e in doc["events"] if e["group"] == "call")
    assert call["start_date"] == {"year": 2025, "month": 3, "day": 10}
    assert "Tomas Brandt" in call["text"]["headline"] and call["text"]["text"].startswith("<p>")
    hostile = [e for e in doc["events"] if "note they signed" in e["text"]["text"]]
    assert hostile
    for e in hostile:
        assert "<img" not in e["text"]["text"] and "&lt;img" in e["text"]["text"]


# -- HTML report -------------------------------------------------------------------------------------

def _report(store, tmp_path, *extra) -> str:
    out = tmp_path / "report"
    code, _, err = _cli("export", "--db", store, "--format", "html", "-o", str(out), *extra)
    assert code == 0, err
    return (out / "index.html").read_text(encoding="utf-8")


def test_html_report_is_self_contained_and_cites_sentences(store, tmp_path):
    page = _report(store, tmp_path)
    # nothing to fetch: no scripts, stylesheets, images or frames, and a policy that forbids them
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b", page, re.I)
    assert "default-src 'none'" in page
    assert "Tomas Brandt" in page and "Ada Kestrel" in page
    # every source link points at a marked sentence in the page
    targets = set(re.findall(r'href="#([^"]+)"', page))
    marks = set(re.findall(r'<mark id="([^"]+)"', page))
    sentence_links = {t for t in targets if re.match(r"a\d+-\d+$", t)}
    assert sentence_links and sentence_links <= marks


def test_html_report_shows_hostile_article_text_as_text(store, tmp_path):
    page = _report(store, tmp_path)
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page       # the title, as text
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page                    # the text, as text
    assert "<script" not in page.lower() and "onerror=alert(1)>" not in page
    assert 'href="javascript' not in page.lower() and "javascript:alert(1)" in page   # shown, not linked


def test_html_report_of_an_unknown_story_is_an_error(store, tmp_path):
    code, _, err = _cli("export", "--db", store, "--format", "html", "-o", str(tmp_path / "r"), "--story", "s999")
    assert code == 1 and "no story 's999'" in err
    assert not (tmp_path / "r").exists()
    with storyline.open(store) as s:
        real = s.stories()[0].id
    assert "<h1>" in _report(store, tmp_path, "--story", real)     # positive control


def test_story_option_is_refused_where_it_means_nothing(store):
    code, _, err = _cli("export", "--db", store, "--format", "json", "--story", "s1")
    assert code == 2 and "--story applies to" in err


def test_folder_export_over_a_file_is_refused(store, tmp_path):
    target = write(tmp_path / "taken", "keep me")
    code, _, err = _cli("export", "--db", store, "--format", "csv", "-o", str(target))
    assert code == 1 and "is a file" in err
    assert target.read_text() == "keep me"


@pytest.mark.parametrize("fmt", ["json", "graphml", "timelinejs", "html", "markdown"])
def test_exports_are_byte_identical_twice(store, fmt):
    with storyline.open(store) as s:
        first = export.FORMATS[fmt](s)
    with storyline.open(store) as s:
        assert export.FORMATS[fmt](s) == first


def test_exports_do_not_depend_on_the_hash_seed(store, tmp_path):
    """Sets and dicts are sorted before output: two processes with other hash seeds write the same bytes."""
    import os
    import subprocess
    import sys

    script = ("import sys, storyline; from storyline import export\n"
              "with storyline.open(sys.argv[1]) as s:\n"
              "    out = [export.FORMATS[f](s) for f in ('graphml', 'timelinejs', 'html', 'markdown', 'json')]\n"
              "    out += [t for _, t in sorted(export.csv_tables(s).items())]\n"
              "sys.stdout.write('\\x00'.join(out))\n")
    root = str(Path(__file__).resolve().parent.parent)
    runs = [subprocess.run([sys.executable, "-c", script, store], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": root}).stdout
            for seed in ("1", "2")]
    assert runs[0] and runs[0] == runs[1]


def test_actor_network_counts_shared_events_and_leaves_out_who_is_only_spoken_of():
    from storyline.model import Entity, Event, Source
    from storyline.network import actor_network

    def ev(i, parts, roles, place=None):
        return Event(id=f"ev{i}", type="meet", status="occurred", date="2025-03-03", date_end=None,
                     participants=parts, place=place, summary="", salience=1.0,
                     sources=[Source("a", "s", 0, 1)], roles=roles)

    ents = [Entity(x, x.upper(), "PERSON", mentions=1) for x in ("a", "b", "c", "p")]
    nodes, edges = actor_network([ev(1, ["a", "b"], ["agent", "counterpart"], place="p"),
                                  ev(2, ["b", "a"], ["agent", "agent"]),
                                  ev(3, ["a", "c"], ["agent", "about"])], ents)
    assert [(e.source, e.target, e.weight, e.events) for e in edges] == [("a", "b", 2, ["ev1", "ev2"])]
    assert [(n.id, n.prominence) for n in nodes] == [("a", 3), ("b", 2)]     # c only spoken of, p a place
