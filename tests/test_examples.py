"""The bundled example corpus (examples/harbour): the facts its README promises."""
import pytest

import storyline

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def harbour(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("harbour") / "h.db")
    report = storyline.build([EXAMPLES], db=db)
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
