"""Conflicts between sources, on short articles written for the tests (fictional names and places).
Every case that must NOT be a conflict has a positive control beside it."""
from storyline import conflicts
from storyline.model import Quote

from .test_claims import analysed


def found(*texts, kind=None):
    """Conflicts among articles given as (published, text)."""
    arts = [analysed(text, published, aid=f"a{i}") for i, (published, text) in enumerate(texts)]
    got = conflicts.find(arts, [], [], {})
    return [c for c in got if kind is None or c.kind == kind]


TOLL = "The flood in Marrowick has killed {} people, the regional office said on {}."


def test_two_tolls_for_one_day_are_a_number_conflict_with_both_sides():
    got = found(("2025-05-14", TOLL.format(112, "Wednesday")), ("2025-05-14", TOLL.format(130, "Wednesday")),
                kind="number")
    assert len(got) == 1
    assert sorted(s.value for s in got[0].sides) == ["112 people", "130 people"]
    assert sorted(s.article for s in got[0].sources) == ["a0", "a1"]


def test_a_toll_that_rises_from_one_day_to_the_next_is_an_update():
    assert found(("2025-05-14", TOLL.format(112, "Wednesday")), ("2025-05-15", TOLL.format(130, "Thursday")),
                 kind="number") == []


def test_a_bound_and_a_value_inside_it_agree():
    assert found(("2025-05-14", TOLL.format("at least 40", "Wednesday")),
                 ("2025-05-14", TOLL.format(41, "Wednesday")), kind="number") == []
    # control: two lower bounds are two counts, and they differ
    assert found(("2025-05-14", TOLL.format("at least 40", "Wednesday")),
                 ("2025-05-14", TOLL.format("at least 52", "Wednesday")), kind="number")


def test_a_rounded_figure_and_the_exact_one_agree():
    ships = "{} vessels were waiting outside the port of Orveda on Tuesday, harbour records showed."
    assert found(("2025-05-14", ships.format("Nearly 300")), ("2025-05-14", ships.format("288")),
                 kind="number") == []
    assert found(("2025-05-14", ships.format("Nearly 300")), ("2025-05-14", ships.format("240")), kind="number")


def test_two_events_of_one_type_are_not_one_disputed_event():
    quake = "A magnitude {} earthquake struck the Velm valley on {}, the seismic office said."
    assert found(("2025-05-16", quake.format("6.9", "Monday")), ("2025-05-16", quake.format("5.2", "Thursday")),
                 kind="number") == []
    # control: one quake of one day given two magnitudes
    assert found(("2025-05-16", quake.format("6.9", "Monday")), ("2025-05-16", quake.format("7.1", "Monday")),
                 kind="number")


def test_the_day_of_one_happening_told_two_ways_is_a_date_conflict():
    strike = "The strike by crane drivers in Orveda began on {} and has halted the port."
    got = found(("2025-05-07", strike.format("Monday")), ("2025-05-07", strike.format("Tuesday")), kind="date")
    assert got and {s.value.split()[0] for s in got[0].sides} == {"Monday", "Tuesday"}
    assert found(("2025-05-07", strike.format("Monday")), ("2025-05-07", strike.format("Monday")), kind="date") == []


def test_a_misspelt_name_is_a_name_conflict_and_a_transliteration_is_not():
    line = "Governor {} visited the flooded quarter of Marrowick on Tuesday."
    usual = [("2025-05-14", line.format("Ilsa Korven"))] * 3
    got = found(*usual, ("2025-05-15", line.format("Ilsa Korvan")), kind="name")
    assert got and [s.value for s in got[0].sides] == ["Ilsa Korven", "Ilsa Korvan"]    # the usual one first
    assert found(*[("2025-05-14", line.format("Sergei Dolin"))] * 3,
                 ("2025-05-15", line.format("Sergey Dolin")), kind="name") == []


def test_a_town_put_in_two_countries_is_a_place_conflict():
    line = "Rescuers searched a collapsed block in Velmora in {} on Tuesday."
    got = found(("2025-05-14", line.format("northern Portugal")), ("2025-05-14", line.format("northern Portugal")),
                ("2025-05-15", line.format("Spain")), kind="place")
    assert got and {s.value for s in got[0].sides} == {"Velmora in northern Portugal", "Velmora in Spain"}
    assert found(("2025-05-14", line.format("northern Portugal")), ("2025-05-15", line.format("Portugal")),
                 kind="place") == []


def test_one_line_credited_to_two_speakers_is_an_attribution_conflict():
    text = "We will not sign anything that cuts the night shift pay"
    arts = [analysed(f'"{text}," the union leader said.', aid=f"a{i}") for i in range(2)]
    qs = [Quote("e-kestrel", text, None, "a0", 1, 1 + len(text), "ev1"),
          Quote("e-brandt", text, None, "a1", 1, 1 + len(text), "ev2")]
    names = {"e-kestrel": "Ada Kestrel", "e-brandt": "Tomas Brandt"}
    got = [c for c in conflicts.find(arts, [], qs, names) if c.kind == "attribution"]
    assert got and {s.value for s in got[0].sides} == {"Ada Kestrel", "Tomas Brandt"}
    same = [Quote("e-kestrel", text, None, a, 1, 1 + len(text), "ev1") for a in ("a0", "a1")]
    assert [c for c in conflicts.find(arts, [], same, names) if c.kind == "attribution"] == []


def test_an_explicit_correction_is_a_revision():
    got = found(("2025-05-14", "The toll from the Marrowick flood was revised down from 130 to 112 on Friday."),
                kind="revision")
    assert got and [s.value for s in got[0].sides] == ["130", "112"]


def test_conflicts_are_ranked_and_deterministic():
    texts = [("2025-05-14", TOLL.format(112, "Wednesday")), ("2025-05-14", TOLL.format(130, "Wednesday")),
             ("2025-05-14", TOLL.format(130, "Wednesday"))]
    a, b = found(*texts), found(*reversed(texts))
    assert [(c.kind, [s.value for s in c.sides]) for c in a] == [(c.kind, [s.value for s in c.sides]) for c in b]
    scores = [c.score for c in a]
    assert scores == sorted(scores, reverse=True)
