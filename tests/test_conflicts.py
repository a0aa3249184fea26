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
    assert found(*[("2025-05-14", line.format("Velimir Dolin"))] * 3,
                 ("2025-05-15", line.format("Velimyr Dolin")), kind="name") == []


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


def test_one_statement_reported_on_two_days_is_a_date_conflict():
    said = ("The Orveda port authority said {} it had reached an agreement with the crane drivers to end "
            "the strike and reopen the harbour after five days of talks.")
    texts = [("2025-05-14", said.format("on Tuesday")), ("2025-05-15", said.format("Wednesday"))]
    got = found(*texts, kind="date")
    assert got and sorted(s.value.split()[0] for s in got[0].sides) == ["Tuesday", "Wednesday"]
    # not a conflict: two different things the authority said on two days
    other = ("The Orveda port authority said on Wednesday that the new customs hall would open in the "
             "autumn once the roof repairs are finished.")
    assert found(texts[0], ("2025-05-15", other), kind="date") == []
    # not a conflict: a report that tells of both days (an agreement announced, then signed)
    both = texts[1][1] + " " + said.format("on Tuesday").replace("reached", "first reported")
    assert found(texts[0], ("2025-05-15", both), kind="date") == []


def test_a_statement_day_needs_the_speaker_of_one_in_the_other():
    a = ("2025-05-14", "Governor Ilsa Korven said on Tuesday that the flooded quarter of Marrowick would be "
                       "rebuilt with state money within two years.")
    b = ("2025-05-15", "Mayor Tomas Brandt said on Wednesday that the flooded quarter of Marrowick would be "
                       "rebuilt with state money within two years.")
    assert found(a, b, kind="date") == []
    # control: one speaker, two days
    assert found(a, ("2025-05-15", b[1].replace("Mayor Tomas Brandt", "Governor Ilsa Korven")), kind="date")


def test_one_holder_of_a_role_given_two_first_names_is_a_name_conflict():
    line = "Chief Minister {} opened the new bridge over the Velm river on Monday."
    got = found(("2025-05-13", line.format("Ada Kestrel")), ("2025-05-13", line.format("Bruno Kestrel")),
                kind="name")
    assert got and {s.value for s in got[0].sides} == {"Ada Kestrel", "Bruno Kestrel"}
    # not a conflict: initials of the same given names
    assert found(("2025-05-13", line.format("A.B. Kestrel")), ("2025-05-13", line.format("Ada Bea Kestrel")),
                 kind="name") == []


def test_who_handed_something_over_told_two_ways_is_an_attribution_conflict():
    a = ("2025-05-13", "The row began as league chief Odo Brandt handed the rowing crew their gold medals.")
    b = ("2025-05-13", "The crew stepped onto the podium to receive their gold medals from mayor Ada Kestrel.")
    got = found(a, b, kind="attribution")
    assert got and {s.value for s in got[0].sides} == {"Brandt", "Kestrel"}
    assert found(a, ("2025-05-13", b[1].replace("mayor Ada Kestrel", "league chief Odo Brandt")),
                 kind="attribution") == []


def test_the_year_a_person_did_something_told_two_ways_is_a_date_conflict():
    a = ("2025-05-13", "After retiring from rowing in 2013, Lena Orsk went on to coach the national crew.")
    b = ("2025-05-14", "Lena Orsk, who retired in 2018, took over the national crew last year.")
    got = found(a, b, kind="date")
    assert got and {s.value for s in got[0].sides} == {"in 2013", "in 2018"}
    # not a conflict: two different things she did in two years
    assert found(a, ("2025-05-14", "Lena Orsk, who joined the federation in 2018, took over the crew."),
                 kind="date") == []


def test_a_misspelling_of_a_name_the_tagger_leaves_out_is_found():
    line = "Mourners gathered at the old Varnholmskoye cemetery outside Orveda on {}."
    usual = [("2025-05-14", line.format("Tuesday")), ("2025-05-15", line.format("Wednesday"))]
    got = found(*usual, ("2025-05-15", line.format("Wednesday").replace("Varnholmskoye", "Varholmskoye")),
                kind="name")
    assert got and [s.value for s in got[0].sides][1] == "Varholmskoye"
    assert found(*usual, ("2025-05-15", line.format("Wednesday")), kind="name") == []


def test_a_late_vowel_slip_in_a_given_name_is_a_misspelling_but_a_national_form_is_not():
    assert conflicts._typo("marielos brandt", "marielas brandt", person=True)
    assert not conflicts._typo("mohammed brandt", "muhammed brandt", person=True)     # an early vowel
    assert not conflicts._typo("tarasi brandt", "taraso brandt", person=True)         # the ending


def test_tolls_on_the_day_a_disaster_struck_rise_by_the_hour():
    a = ("2025-05-16", "A strong earthquake struck the Velm valley on Friday, killing more than 300 people.")
    b = ("2025-05-16", "At least 150 people have died in the Velm valley earthquake, officials said.")
    assert found(a, b, kind="number") == []
    # control: two tolls of a later day disagree
    c = ("2025-05-18", "The Velm valley earthquake has killed 300 people, officials said on Sunday.")
    d = ("2025-05-18", "The Velm valley earthquake has killed 410 people, officials said on Sunday.")
    assert found(c, d, kind="number")


def test_a_bound_on_a_round_figure_holds_a_finer_bound_above_it():
    from storyline.model import Claim

    def bound(v):
        return Claim(0, 0, 1, "number", "dead", str(v), v, v, v * 1.1, "lower")

    assert conflicts.compatible(bound(44000.0), bound(44200.0))
    assert not conflicts.compatible(bound(40.0), bound(52.0))        # control: not a round figure's bound
    assert not conflicts.compatible(bound(44000.0), bound(51000.0))  # control: beyond the rounding


def test_a_count_of_last_month_compares_with_a_day_of_that_month():
    a = ("2025-05-13", "The governor declared a state of emergency in 10 districts of Norland on Monday.")
    b = ("2025-06-10", "Last month, the governor declared a state of emergency across 11 districts of Norland.")
    assert found(a, b, kind="number")
    # control: a count of last year is not of that day
    assert found(a, ("2025-06-10", b[1].replace("Last month", "Last year")), kind="number") == []


def test_the_gap_between_two_acts_told_two_ways_is_a_number_conflict():
    a = ("2025-05-16", "The prosecutor's decision came three days after Ada Kestrel lodged a criminal complaint.")
    b = ("2025-05-17", "Ada Kestrel filed a legal complaint against the harbour board in May. Two days later, "
                       "prosecutors charged its chairman with fraud.")
    got = found(a, b, kind="number")
    assert got and {s.value for s in got[0].sides} == {"three days after", "Two days later"}
    # control: told alike
    assert found(a, ("2025-05-17", b[1].replace("Two", "Three")), kind="number") == []


def test_one_sum_converted_at_two_rates_is_not_a_dispute():
    fine = "The court in Orveda fined Tomas Brandt €10,000 ({}) on Thursday for the harbour fraud."
    assert found(("2025-05-15", fine.format("$10,445")), ("2025-05-15", fine.format("$10,434")), kind="number") == []
    # control: two sums
    assert found(("2025-05-15", fine.format("$10,445")), ("2025-05-15", fine.format("$12,900")), kind="number")


def test_one_word_spelt_as_another_nation_writes_it_is_no_slip():
    assert not conflicts._word_slip("varenko", "varenka")          # another ending
    assert not conflicts._word_slip("patrizia", "patricia")        # c and z
    assert not conflicts._word_slip("kelan", "kelun")              # a vowel of a short name
    assert conflicts._word_slip("porokhovo", "prokhovo")           # control: a letter dropped


def _meeting(eid, date, participants, *articles):
    from storyline.model import Event, Source

    return Event(eid, "meet", "occurred", date, None, participants, None, "met", 1.0,
                 [Source(a, "met", 0, 3) for a in articles])


def test_a_later_telling_that_names_one_more_side_still_disputes_the_day():
    # the day's event gained a recap from the report that also gives the other day, and one more name
    told = _meeting("ev1", "2025-06-29", ["e-putnam", "e-quill", "e-guard"], "a", "b", "c")
    other = _meeting("ev2", "2025-07-01", ["e-putnam", "e-quill"], "b")
    got = conflicts.date_conflicts([told, other])
    assert len(got) == 1 and [s.value for s in got[0].sides] == ["2025-06-29", "2025-07-01"]


def test_two_meetings_told_by_overlapping_reports_with_other_casts_are_no_dispute():
    # controls: each event has a report of its own and they share one: two meetings, not one dated twice
    one = _meeting("ev1", "2025-06-29", ["e-putnam", "e-quill", "e-guard"], "a", "b")
    two = _meeting("ev2", "2025-07-01", ["e-putnam", "e-quill"], "b", "c")
    assert conflicts.date_conflicts([one, two]) == []
    # one participant in common is not one cast
    three = _meeting("ev3", "2025-07-01", ["e-putnam", "e-marrow"], "d")
    assert conflicts.date_conflicts([one, three]) == []
