"""The list commands (articles, entities, events, timeline, quotes, stories) and stats: headers, columns
that hold their place, the cut and its note, filters, JSON, and a message with exit status 1 when there
is nothing to show. A small fictional corpus of two stories."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import storyline
from storyline.cli import main
from storyline.table import Column, cut, render, width

from .conftest import ARTICLE_A, ARTICLE_B, write

LONG_ID = "an-article-id-far-longer-than-any-column-would-ever-want-to-hold-0123456789"
ORCHARD = {
    "orchard_1.txt": """ date 2025-04-02 Orchard Valley: The Orchard Valley cycling club unveiled a new velodrome on Tuesday, club chairwoman Wren Halloway said.

Wren Halloway met city planner Odo Marsh at the site on Tuesday.

"It will be the finest track in the valley," Halloway said.
""",
    "orchard_2.txt": """ date 2025-04-09 Orchard Valley: The city council approved the velodrome on Monday, city planner Odo Marsh said.

Wren Halloway thanked the council, which approved the plan on Monday.
""",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    d = tmp_path_factory.mktemp("lists")
    write(d / "in" / "a.txt", ARTICLE_A)
    write(d / "in" / "b.txt", ARTICLE_B)
    for name, text in ORCHARD.items():
        write(d / "in" / name, text)
    write(d / "in" / "long.jsonl", json.dumps({"id": LONG_ID, "date": "2025-03-06", "text": ARTICLE_B.split(" ", 3)[3]
                                               .replace("Monday", "Wednesday")}) + "\n")
    path = str(d / "s.db")
    storyline.build([d / "in"], db=path)
    return path


def run(*args, columns: int = 100):
    r = CliRunner(env={"COLUMNS": str(columns)}).invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


def _stories(db) -> dict[str, str]:
    """story id by article id"""
    with storyline.open(db) as s:
        return {a["id"]: a["story"] for a in s.articles()}


LISTS = {
    "articles": "ID", "entities": "ID", "events": "ID", "timeline": "DATE", "quotes": "DATE", "stories": "ID",
}


@pytest.mark.parametrize("command", sorted(LISTS))
def test_every_list_has_a_header_and_json(db, command):
    code, out, err = run(command, "--db", db)
    assert code == 0, err
    assert out.splitlines()[0].split()[0] == LISTS[command]
    code, out, _ = run(command, "--db", db, "--json")
    rows = json.loads(out)
    assert code == 0 and isinstance(rows, list) and rows


@pytest.mark.parametrize("command", sorted(LISTS))
def test_every_list_is_cut_at_limit_with_a_note(db, command):
    _, out, _ = run(command, "--db", db, "--json")
    total = len(json.loads(out))
    assert total >= 2
    code, out, err = run(command, "--db", db, "--limit", "1")
    rows = [line for line in out.splitlines()[1:] if not line.startswith("    ")]
    assert code == 0 and len(rows) == 1
    assert f"showing 1 of {total}" in err and "--limit" in err
    _, _, err = run(command, "--db", db, "--limit", str(total))
    assert "showing" not in err                                            # nothing cut, nothing said


@pytest.mark.parametrize("command", sorted(LISTS))
def test_unknown_story_is_an_error(db, command):
    code, out, err = run(command, "--db", db, "--story", "s404")
    assert code == 1 and "no story 's404'" in err and not out


@pytest.mark.parametrize("command", ["articles", "events", "timeline", "quotes", "entities", "stories"])
def test_a_filter_that_matches_nothing_says_so(db, command):
    code, out, err = run(command, "--db", db, "--since", "2031")
    assert code == 1 and "match --since 2031" in err and out == ""
    code, out, _ = run(command, "--db", db, "--since", "2031", "--json")
    assert code == 1 and json.loads(out) == []
    assert run(command, "--db", db, "--since", "2025")[0] == 0                # control


def test_bad_dates_are_usage_errors(db):
    code, _, err = run("events", "--db", db, "--since", "last week")
    assert code == 2 and "YYYY" in err


def test_story_filter_keeps_one_story(db):
    stories = _stories(db)
    orchard, harbour = stories["orchard_1"], stories["a"]
    assert orchard != harbour
    for command in ("events", "timeline", "quotes"):
        _, out, _ = run(command, "--db", db, "--story", orchard, "--json")
        rows = json.loads(out)
        assert rows, command
        if command == "quotes":
            assert {stories[q["article"]] for q in rows} == {orchard}
        else:
            assert {e["story"] for e in rows} == {orchard}
    _, out, _ = run("articles", "--db", db, "--story", orchard, "--json")
    assert sorted(a["id"] for a in json.loads(out)) == ["orchard_1", "orchard_2"]
    _, out, _ = run("entities", "--db", db, "--story", orchard, "--json")
    names = {e["name"] for e in json.loads(out)}
    assert "Wren Halloway" in names and "Ada Kestrel" not in names
    _, out, _ = run("stories", "--db", db, "--story", orchard, "--json")
    assert [st["id"] for st in json.loads(out)] == [orchard]


def test_date_and_type_filters(db):
    _, out, _ = run("events", "--db", db, "--since", "2025-04", "--json")
    dates = [e["date"] for e in json.loads(out)]
    assert dates and all(d >= "2025-04" for d in dates)
    _, out, _ = run("events", "--db", db, "--until", "2025-03", "--json")
    dates = [e["date"] for e in json.loads(out)]
    assert dates and all(d[:7] <= "2025-03" for d in dates)
    _, out, _ = run("timeline", "--db", db, "--type", "meet", "--json")
    assert {e["type"] for e in json.loads(out)} == {"meet"}
    _, out, _ = run("entities", "--db", db, "--type", "PERSON", "--json")
    assert {e["type"] for e in json.loads(out)} == {"PERSON"}
    _, out, _ = run("articles", "--db", db, "--type", "header", "--json")
    assert {a["published_source"] for a in json.loads(out)} == {"header"}
    _, out, _ = run("articles", "--db", db, "--since", "2025-04", "--json")
    assert sorted(a["id"] for a in json.loads(out)) == ["orchard_1", "orchard_2"]
    code, _, err = run("events", "--db", db, "--type", "no-such-type")
    assert code == 1 and "match --type no-such-type" in err


def test_long_ids_do_not_shift_columns(db):
    code, out, _ = run("articles", "--db", db, columns=120)
    lines = out.splitlines()
    header = lines[0]
    at = header.index("PUBLISHED")
    for line in lines[1:]:
        assert line[at:at + 4] in ("2025", "?   "), line                     # every date starts under its header
    long = next(line for line in lines if line.startswith(LONG_ID[:10]))
    assert "…" in long and LONG_ID not in long
    _, out, _ = run("articles", "--db", db, "--json")
    assert LONG_ID in {a["id"] for a in json.loads(out)}                  # --json keeps it whole


@pytest.mark.parametrize("columns", [80, 100, 160])
def test_lines_fit_the_terminal(db, columns):
    for command in ("timeline", "events", "entities"):
        _, out, _ = run(command, "--db", db, columns=columns)
        assert max(width(line) for line in out.splitlines()) <= columns, (command, columns)
    _, narrow, _ = run("timeline", "--db", db, columns=80)
    _, wide, _ = run("timeline", "--db", db, columns=200)
    assert max(map(len, wide.splitlines())) > max(map(len, narrow.splitlines()))


def test_stats(db):
    code, out, _ = run("stats", "--db", db, "--json")
    figures = json.loads(out)
    with storyline.open(db) as s:
        assert figures["articles"] == len(s.articles()) == 5
        assert figures["events"] == len(s.events())
        assert figures["stories"] == len(s.stories()) == 2
        assert figures["entities"] == len(s.entities())
        assert figures["quotes"] == len(s.quotes()) > 0
        assert sum(figures["events_by_type"].values()) == figures["events"]
        assert figures["dated_by"] == {"header": 4, "metadata": 1}
        assert (figures["published_first"], figures["published_last"]) == ("2025-03-04", "2025-04-09")
    code, out, _ = run("stats", "--db", db)
    assert code == 0 and out.startswith("articles   5 ")


def test_stories_list(db):
    _, out, _ = run("stories", "--db", db, "--json")
    rows = json.loads(out)
    with storyline.open(db) as s:
        events = s.events()
    for st in rows:
        assert st["events"] == sum(e.story == st["id"] for e in events)
    code, out, _ = run("stories", "--db", db, "--type", "approve", "--json")
    assert code in (0, 1)
    approving = {e.story for e in events if e.type == "approve"}
    assert {st["id"] for st in json.loads(out)} == approving


def test_empty_store_lists_say_so(tmp_path):
    (tmp_path / "in").mkdir()
    write(tmp_path / "in" / "x.txt", "A short note that tells no event of any kind, only a remark on the weather.")
    db = str(tmp_path / "s.db")
    storyline.build([tmp_path / "in"], db=db)
    code, out, err = run("timeline", "--db", db)
    assert code == 1 and "no events in" in err
    assert run("articles", "--db", db)[0] == 0                             # control: the article is there


# -- the table itself --------------------------------------------------------------------------------

def test_cut_and_width():
    assert cut("short", 10) == "short"
    assert cut("a much longer text", 8) == "a much …" and width(cut("a much longer text", 8)) == 8
    assert width("港口") == 4 and width(cut("港口工人罢工", 5)) <= 5


def test_render_keeps_columns_and_pads_numbers():
    lines = render([Column("ID", 6), Column("N", 3, right=True), Column("TEXT")],
                   [["abcdefghij", 5, "x" * 50], ["b", 12, "short"]], total=34)
    assert lines[0] == "ID       N  TEXT"
    assert lines[1].startswith("abcde…   5  xxx") and lines[1].endswith("…") and lines[2] == "b       12  short"
    assert all(width(line) <= 34 for line in lines) and width(lines[1]) == 34
