"""Claims read from single articles written for the tests (fictional names and places)."""
from storyline import claims as claim_rules
from storyline import nlp
from storyline.model import Article
from storyline.runner import analyse


def analysed(text, published="2025-05-16", aid="t"):
    art = Article(id=aid, source=f"{aid}.txt", content_hash=aid, raw_text=text, text=text, published=published,
                  published_source="header")
    return analyse(art, nlp.load()(text))


def numbers(text, published="2025-05-16"):
    return [(c.key, c.value, c.approx, c.day) for c in analysed(text, published).claims if c.kind == "number"]


def test_a_toll_is_read_with_its_bound_and_its_day():
    got = numbers("The flood in Marrowick has killed at least 40 people, officials said on Wednesday.")
    assert ("dead", 40.0, "lower", "2025-05-14") in got


def test_killed_and_injured_are_told_apart_in_one_sentence():
    got = numbers("The blast in Orveda killed three people and injured 213 others, the ministry said.")
    assert ("dead", 3.0, "", "2025-05-16") in got and ("injured", 213.0, "", "2025-05-16") in got


def test_magnitude_distance_money_and_counts():
    assert numbers("A magnitude 6.9 earthquake struck the Velm valley.")[0][:2] == ("magnitude", 6.9)
    assert ("distance", 500.0, "", "2025-05-16") in numbers(
        "The court barred him from coming within 500 metres of the witness.")
    assert ("price", 970e6, "", "2025-05-16") in numbers("Corvane Media bought the studio for $970 million.")
    assert ("count of people", 81.0, "", "2025-05-16") in numbers("In all, 81 players signed the letter.")


def test_nearly_is_an_upper_bound_and_about_a_range():
    c = [x for x in analysed("Nearly 300 vessels were waiting outside the port.").claims if x.kind == "number"][0]
    assert (c.approx, c.low, c.high) == ("upper", 270.0, 300.0)
    c = [x for x in analysed("About 300 vessels were waiting outside the port.").claims if x.kind == "number"][0]
    assert (c.approx, c.low, c.high) == ("around", 270.0, 330.0)


def test_ages_years_of_named_events_and_places():
    art = analysed("Tomas Brandt, 45, said the 2026 state election would be close. "
                   "Rescuers searched a block in Velmora in northern Portugal.")
    kinds = {(c.kind, c.key, c.value if c.kind != "place" else c.about[0]) for c in art.claims}
    assert ("number", "age of Brandt", 45.0) in kinds
    assert ("year", "state election", 2026.0) in kinds
    assert ("place", "Velmora", "Portugal") in kinds


def test_a_correction_is_a_revision_claim():
    art = analysed("The toll was revised down from 130 to 112 on Friday.")
    rev = [c for c in art.claims if c.kind == "revision"]
    assert rev and (rev[0].old, rev[0].value) == ("130", 112.0)
    assert not [c for c in analysed("The toll rose to 112 on Friday.").claims if c.kind == "revision"]


def test_numbers_that_are_no_claims():
    # a year, a date and a clock time are not figures to compare
    assert numbers("In 2019 the dock closed on 4 May at 6 am.") == []


def test_parse_number_reads_words_and_digits():
    assert claim_rules.parse_number(["two", "and", "a", "half"]) == 2.5
    assert claim_rules.parse_number(["1,730"]) == 1730
    assert claim_rules.parse_number(["5", "thousand", "383"]) == 5383
    assert claim_rules.parse_number(["banana"]) is None


def test_a_span_of_time_with_a_marker_is_a_figure():
    got = [(c.key, c.value, c.approx) for c in analysed("Prosecutors sought about 2 years in prison for Tomas "
                                                        "Brandt.").claims if c.kind == "number"]
    assert ("duration", 730.0, "around") in got


def test_a_toll_beside_the_day_of_the_disaster_holds_for_the_day_of_the_report():
    got = numbers("The quake that struck the Velm valley on Monday has killed more than 300 people.", "2025-05-16")
    assert ("dead", 300.0, "lower", "2025-05-16") in got
    # control: a toll told with its own day
    assert ("dead", 400.0, "", "2025-05-14") in numbers("The floods killed 400 people on Wednesday.", "2025-05-16")


def test_the_year_of_an_act_in_a_fragment_keeps_the_subject_of_the_sentence_before():
    art = analysed("The 41-year-old Lena Orsk enjoyed an 11-year rowing career.\n\nAfter retiring in 2013")
    assert [(c.key, c.value) for c in art.claims if c.kind == "year"] == [("orsk: retire (in)", 2013.0)]
    # control: a sentence with a subject of its own does not borrow one
    art = analysed("Lena Orsk won the cup. After a long wait in 2013 the harbour reopened.")
    assert [c for c in art.claims if c.kind == "year"] == []
