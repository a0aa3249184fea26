"""The bundled example corpus (examples/harbour): the facts its README promises, read through the API
and as `make demo` shows them (the `timeline` command on the built corpus)."""
import re
from dataclasses import dataclass

import pytest
from click.testing import CliRunner

import storyline
from storyline.cli import main

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def harbour_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("harbour") / "h.db")
    report = storyline.build([EXAMPLES], db=db)
    return db, report


@pytest.fixture(scope="module")
def harbour(harbour_db):
    db, report = harbour_db
    s = storyline.open(db)
    yield s, report
    s.close()


def _names(s, ev):
    ents = {e.id: e for e in s.entities()}
    return {ents[p].name for p in ev.participants if p in ents}


def test_all_read_none_skipped(harbour):
    s, report = harbour
    assert report.added == 16 and not report.skipped


@pytest.mark.stage("merge")
def test_the_meeting_is_one_event_with_many_sources(harbour):
    s, _ = harbour
    evs = [e for e in s.events() if e.type == "meet" and e.date == "2025-05-14"
           and {"Teodora Vance", "Rafael Osei"} <= _names(s, e)]
    assert len(evs) == 1
    ev = evs[0]
    arts = {src.article[:2] for src in ev.sources}
    assert {"04", "07"} <= arts and arts & {"05", "06"}
    assert ev.status == "occurred"


@pytest.mark.stage("events")
def test_phone_call_resignation_and_swearing_in(harbour):
    s, _ = harbour
    by = {(e.type, e.date): e for e in s.events()}
    assert {"Rafael Osei", "Teodora Vance"} <= _names(s, by[("call", "2025-05-07")])
    assert "Hugo Albescu" in _names(s, by[("resign", "2025-05-16")])
    assert "Petra Lind" in _names(s, by[("appoint", "2025-05-19")])


def test_dates_of_undated_articles(harbour):
    s, _ = harbour
    arts = {a["id"][:2]: a for a in s.articles()}
    assert arts["11"]["published_source"] == "inferred"
    assert "2025-05-14" <= arts["11"]["published"] <= "2025-05-29"
    assert (arts["16"]["published"], arts["16"]["published_source"]) == ("2025-05-22", "dateline")


@pytest.mark.stage("entities")
def test_duplicates_and_namesakes(harbour):
    s, _ = harbour
    arts = {a["id"][:2]: a for a in s.articles()}
    assert arts["06"]["duplicate_of"].startswith("05")
    assert sum(a["duplicate_of"] is not None for a in arts.values()) == 1
    osei = [e for e in s.entities("PERSON") if e.name.endswith("Osei") and " " in e.name]
    assert {e.name for e in osei} == {"Rafael Osei", "Marta Osei"}


@pytest.mark.stage("stories")
def test_unrelated_story_is_apart(harbour):
    s, _ = harbour
    arts = {a["id"][:2]: a["story"] for a in s.articles()}
    assert arts["14"] == arts["15"]
    assert arts["14"] != arts["04"]
    assert arts["04"] == arts["05"] == arts["07"] == arts["12"]


def _conflict(s, kind, *values):
    """The conflict of `kind` whose sides give all of `values` (as written, case-insensitive)."""
    for c in s.conflicts(kind=kind):
        sides = " | ".join(sd.value.lower() for sd in c.sides)
        if all(v.lower() in sides for v in values):
            return c
    return None


def test_contradiction_number_on_strike(harbour):
    c = _conflict(harbour[0], "number", "3,500", "4,000")
    assert c is not None and {"01_strike_begins", "02_osei_calls_governor"} & {x.article for x in c.sources}


def test_contradiction_yes_vote(harbour):
    c = _conflict(harbour[0], "number", "58 percent", "62 percent")
    assert c is not None and "13_result_disputed" in {x.article for x in c.sources}


def test_contradiction_start_of_the_strike(harbour):
    c = _conflict(harbour[0], "date", "2025-05-05", "2025-05-06")
    assert c is not None and "13_result_disputed" in {x.article for x in c.sides[1].sources}


def test_written_errors_are_conflicts_too(harbour):
    assert _conflict(harbour[0], "name", "Teodora Vance", "Teodora Vanse") is not None
    assert _conflict(harbour[0], "date", "2026 state election", "2024 state election") is not None
    # and the unrelated story has none
    assert not [c for c in harbour[0].conflicts() if c.story and {x.article for x in c.sources} <=
                {"14_rovers_stadium", "15_rovers_planning"}]


def test_the_timeline_marks_an_event_whose_date_is_disputed(harbour, tmp_path):
    from click.testing import CliRunner

    from storyline import cli, export

    s = harbour[0]
    c = _conflict(s, "date", "2025-05-05", "2025-05-06")
    at = s.conflicts().index(c)
    spots = {(x.article, x.start) for x in c.sources}
    marked = [e for e in s.events() if at in s.disputed().get(e.id, [])]
    assert marked and all({(x.article, x.start) for x in e.sources} & spots for e in marked)
    events = export.to_dict(s)["events"]
    assert {e["id"] for e in events if at in e["conflicts"]} == {e.id for e in marked}
    assert [e for e in events if not e["conflicts"]]          # the undisputed ones carry none
    out = CliRunner().invoke(cli.main, ["timeline", "--db", s.store.path, "--all"]).output
    assert "(disputed)" in out and any("(disputed)" not in line for line in out.splitlines()[::2])


# -- what `make demo` shows ------------------------------------------------------------------------------
# The demo prints `storyline timeline --db examples/demo.db`: one row per dated happening (DATE, TYPE,
# STATUS, SRC, STORY, WHO) and the sentence that tells it best beneath. The facts below are those of
# examples/README.md ("Expected facts") that this timeline shows. It misses (2026-12, reported to the
# lead rather than marked xfail): the strike's start on 05-05 ("walked off the job": no trigger, and
# dock workers are no entity); Vance's office announcing the meeting on 05-09 and the Crane Operators
# saying on 05-16 that they will leave (statements, which the timeline leaves out without --all; the
# leaving itself is undated); Vance as the one Marr visits ("her Caldera counterpart" unresolved);
# Lind's meetings of 05-20 (the planned one gives "She" to Vance, the held one has no named
# counterpart); the invitation of 05-21 (dated 05-16: the session's "on Friday" read as the
# invitation's time); the ballot of 05-29/30, the return to work on 06-02 and the council's approval
# on 05-27 ("ballot", "resume" and "approve" are no event words).

DEMO_COLUMNS = 250      # a wide terminal: nothing is cut, so a name that is missing is missing


@dataclass
class Row:
    date: str
    type: str
    status: str
    sources: int
    story: str
    who: str
    summary: str


@pytest.fixture(scope="module")
def demo(harbour_db) -> list[Row]:
    db, _ = harbour_db
    r = CliRunner(env={"COLUMNS": str(DEMO_COLUMNS)}).invoke(main, ["timeline", "--db", db])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["DATE", "TYPE", "STATUS", "SRC", "STORY", "WHO"]
    rows = []
    for head, summary in zip(lines[1::2], lines[2::2]):
        date, typ, status, src, story, who = re.split(r"\s{2,}", head.strip(), maxsplit=5)
        rows.append(Row(date, typ, status, int(src), story, who, summary.strip()))
    return rows


def _shown(rows: list[Row], date: str, typ: str, names: tuple[str, ...] = (), status: str = "occurred",
           says: str = "") -> list[Row]:
    return [r for r in rows if r.date == date and r.type == typ and r.status == status
            and all(n in r.who for n in names) and says in r.summary]


# (date, type, who takes part, words of the sentence shown): one expected fact each
DEMO_FACTS = {
    "phone call": ("2025-05-07", "call", ("Rafael Osei", "Teodora Vance"), "dialled"),
    "Pilots' Guild announces it joins": ("2025-05-09", "announce", ("Pilots' Guild",), "Harbour Alliance"),
    "meeting of Vance and Osei": ("2025-05-14", "meet", ("Teodora Vance", "Rafael Osei", "@ Port Velmora"), ""),
    "Marr's visit": ("2025-05-15", "meet", ("Ilse Marr",), "in Port Velmora"),
    "Albescu resigns": ("2025-05-16", "resign", ("Hugo Albescu",), "Transport Minister"),
    "Lind sworn in": ("2025-05-19", "appoint", ("Petra Lind",), "sworn in"),
    "result announced by the DWU": ("2025-05-31", "elect", ("Dockworkers' Union of Caldera",), "voted to accept"),
    "stadium designs": ("2025-05-08", "announce", ("Velmora Rovers",), "stadium"),
}


@pytest.mark.parametrize("fact", sorted(DEMO_FACTS))
def test_demo_timeline_shows_the_fact(demo, fact):
    date, typ, names, says = DEMO_FACTS[fact]
    assert len(_shown(demo, date, typ, names, says=says)) == 1, fact


def test_demo_timeline_shows_the_meeting_once_with_many_sources(demo):
    [row] = _shown(demo, "2025-05-14", "meet", ("Teodora Vance", "Rafael Osei"))
    assert row.sources >= 3


def test_demo_timeline_keeps_the_stadium_story_apart(demo):
    [stadium] = _shown(demo, "2025-05-08", "announce", ("Velmora Rovers",))
    [meeting] = _shown(demo, "2025-05-14", "meet", ("Teodora Vance", "Rafael Osei"))
    assert stadium.story != meeting.story


def test_demo_timeline_is_in_date_order(demo):
    assert [r.date for r in demo] == sorted(r.date for r in demo)
    assert not _shown(demo, "2025-05-14", "meet", ("Hugo Albescu",))        # negative control of the matcher


def test_html_report_of_the_example_story_shows_its_conflicts(harbour):
    from storyline.export import escape_html, to_html

    s, _ = harbour
    story = next(a["story"] for a in s.articles() if a["id"].startswith("01"))
    conflicts = s.conflicts(story=story)
    assert conflicts
    page = to_html(s, story)
    section = page[page.index('id="conflicts"'):page.index('id="quotes"')]
    for c in conflicts:
        assert escape_html(c.description) in section
        for side in c.sides:
            assert f"<li>{escape_html(side.value)}<ul" in section
