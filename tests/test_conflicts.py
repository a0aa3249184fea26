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


def test_a_given_name_in_two_national_forms_is_no_misspelling():
    line = "Governor {} visited the flooded quarter of Marrowick on Tuesday."
    usual = [("2025-05-14", line.format("Andrei Volkan"))] * 3
    assert found(*usual, ("2025-05-15", line.format("Andrii Volkan")), kind="name") == []
    # control: the surname spelt otherwise is a slip
    assert found(*usual, ("2025-05-15", line.format("Andrei Volkam")), kind="name")


def test_two_ages_of_one_person_told_days_apart_are_a_conflict_but_not_years_apart():
    a = ("2025-05-14", "Tomas Brandt, 45, said the harbour would reopen.")
    b = ("2025-05-16", "The 46-year-old Brandt left the harbour office on Friday.")
    got = found(a, b, kind="number")
    assert got and {s.value for s in got[0].sides} == {"Tomas Brandt, 45", "46-year-old"}
    assert found(a, ("2026-06-20", b[1]), kind="number") == []       # a birthday between


def test_a_bare_age_opening_a_sentence_is_not_given_to_a_guessed_person():
    art = analysed("Tomas Brandt met the mayor. The 46-year-old came under fire on Friday.")
    assert not [c for c in art.claims if c.key.startswith("age of")]
    art = analysed("The 46-year-old Brandt came under fire on Friday.")
    assert [c.key for c in art.claims if c.key.startswith("age of")] == ["age of Brandt"]


def test_how_long_a_post_was_held_told_two_ways_is_a_number_conflict():
    got = found(("2025-05-14", "Lena Orsk had been the assistant coach to Ilsa Korven for the last three years."),
                ("2025-05-15", "Lena Orsk served as assistant coach to Korven for five years."), kind="number")
    assert got and got[0].description.startswith("duration")


def test_spans_of_time_of_different_things_are_not_one_figure():
    ban = ("2025-05-14", "The league gave Tomas Brandt a three-year ban from all football activity.")
    assert found(ban, ("2025-05-15", "Prosecutors seek a prison sentence of two and a half years for Tomas Brandt "
                                     "over the football fraud."), kind="number") == []
    # control: two lengths of the one ban
    assert found(ban, ("2025-05-15", "The league gave Tomas Brandt a two-year ban from all football activity."),
                 kind="number")


def test_a_lower_count_weeks_later_is_another_count_not_a_dispute():
    line = "A total of {} dock workers signed the letter to the port board of Orveda."
    assert found(("2025-05-02", line.format(81)), ("2025-05-03", line.format(56)), kind="number")
    assert found(("2025-05-02", line.format(81)), ("2025-05-28", line.format(56)), kind="number") == []


def test_two_quakes_each_given_two_magnitudes_are_two_conflicts():
    line = ("A magnitude {} earthquake struck the Velm valley before dawn on Monday, and a second quake of "
            "magnitude {} struck the valley hours later, the seismic office said.")
    got = found(("2025-05-12", line.format("6.9", "6.1")), ("2025-05-12", line.format("6.9", "6.1")),
                ("2025-05-12", line.format("7.1", "6.4")), kind="number")
    pairs = sorted(sorted(s.value.split()[0] for s in c.sides) for c in got)
    assert pairs == [["6.1", "6.4"], ["6.9", "7.1"]]
    # control: told alike by all, no conflict
    assert found(("2025-05-12", line.format("6.9", "6.1")), ("2025-05-12", line.format("6.9", "6.1")),
                 kind="number") == []


def test_one_sum_in_two_currencies_is_not_two_figures():
    fine = "The court in Orveda ordered Tomas Brandt to pay a fine of {} on Thursday."
    assert found(("2025-05-15", fine.format("€10,800 (£8,942)")), ("2025-05-15", fine.format("€10,800")),
                 kind="number") == []
    assert found(("2025-05-15", fine.format("€10,800 (£8,942)")), ("2025-05-15", fine.format("€12,000")),
                 kind="number")


def test_the_day_a_person_quit_told_two_ways_is_a_date_conflict():
    line = "Ada Kestrel resigned from the board of the Orveda port authority on {}, hours after the vote."
    texts = [("2025-05-17", line.format("Friday")), ("2025-05-17", line.format("Friday")),
             ("2025-05-18", line.format("Saturday"))]
    arts = [analysed(text, published, aid=f"a{i}") for i, (published, text) in enumerate(texts)]
    got = conflicts.happening_date_conflicts(arts, conflicts.Reader(arts))
    assert got and sorted(s.value for s in got[0].sides) == ["2025-05-16", "2025-05-17"]
    assert [c.kind for c in conflicts.find(arts, [], [], {})].count("date") == 1     # one, whichever rule
    # not a conflict: she quit the board on one day and the union on the next, told by one report each
    other = "Ada Kestrel resigned from the dock workers' union of Orveda on Saturday after a stormy meeting."
    arts = [analysed(line.format("Friday"), "2025-05-17", aid="a0"), analysed(other, "2025-05-18", aid="a1")]
    assert conflicts.happening_date_conflicts(arts, conflicts.Reader(arts)) == []


def test_a_name_with_two_letters_swapped_is_a_misspelling():
    line = "General {} took command of the northern air units on Tuesday."
    usual = [("2025-05-14", line.format("Pavel Ozalin"))] * 3
    assert found(*usual, ("2025-05-15", line.format("Pavel Olazin")), kind="name")   # z and l swapped
    assert found(*usual, ("2025-05-15", line.format("Pavel Ozalin")), kind="name") == []


def test_events_on_the_sides_of_a_date_or_figure_conflict_are_disputed():
    from storyline.model import Conflict, Event, Side, Source

    told = Source("a1", "The strike began on Monday.", 0, 27)
    other = Source("a2", "Governor Ilsa Korvan toured the port.", 0, 37)
    ev = Event("ev1", "strike", "occurred", "2025-05-05", None, [], None, "", 0.5, [told])
    ev2 = Event("ev2", "visit", "occurred", "2025-05-06", None, [], None, "", 0.5, [other])
    date = Conflict("date", "day of strike", [told], [Side("Monday", [told])])
    name = Conflict("name", "spelling", [other], [Side("Ilsa Korvan", [other])])
    assert conflicts.disputed([ev, ev2], [name, date]) == {"ev1": [1]}     # a misspelt name puts no day in doubt
