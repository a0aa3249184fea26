"""The time engine, one convention per test, on sentences written for these tests."""
import datetime as dt

import pytest

from storyline.time.timex import granularity, tag, value_to_range

MON = dt.date(2025, 5, 12)     # a Monday
THU = dt.date(2025, 5, 15)


def one(text, dct=THU, **kw):
    found = tag(text, dct)
    assert len(found) == 1, found
    t = found[0]
    return t.text, t.type, t.value


@pytest.mark.parametrize("text,span,value", [
    ("The ferry sank on April 12.", "April 12", "2025-04-12"),
    ("The ferry sank on 12 April.", "12 April", "2025-04-12"),
    ("The ferry sank on 12th April 2023.", "12th April 2023", "2023-04-12"),
    ("The ferry sank on April 24, 2023, officials said.", "April 24, 2023", "2023-04-24"),
    ("The ferry capsized on Sept. 30.", "Sept. 30", "2024-09-30"),
    ("Filed on 24/04/2023 at the registry.", "24/04/2023", "2023-04-24"),
    ("Filed on 2023-04-24 at the registry.", "2023-04-24", "2023-04-24"),
])
def test_absolute_dates(text, span, value):
    assert one(text) == (span, "DATE", value)


def test_year_nearest_to_dct():
    assert one("The club signed him on December 30.", dt.date(2025, 1, 3))[2] == "2024-12-30"


def test_day_ranges_keep_their_end():
    t = tag("The summit will be held on July 17-18 in the capital.", THU)[0]
    assert (t.text, t.value, t.end_value) == ("July 17-18", "2025-07-17", "2025-07-18")


def test_slash_dates_are_day_first_unless_impossible():
    assert one("Filed 03/04/2024.")[2] == "2024-04-03"
    assert one("Filed 04/23/2024.")[2] == "2024-04-23"


@pytest.mark.parametrize("text,value", [
    ("The mayor resigned on Monday.", "2025-05-12"),
    ("The mayor will resign on Monday.", "2025-05-19"),
    ("The mayor resigned last Friday.", "2025-05-09"),
    ("The board meets next week.", "2025-W21"),
    ("The board met earlier this week.", "2025-W20"),
    ("The fire started two days ago.", "2025-05-13"),
    ("The fire started yesterday.", "2025-05-14"),
    ("Crowds are expected this weekend.", "2025-W20-WE"),
])
def test_relative_days(text, value):
    assert one(text)[2] == value


def test_weekday_is_the_dct_itself_when_it_matches():
    assert one("The mayor resigned on Monday.", MON)[2] == "2025-05-12"


@pytest.mark.parametrize("text,span,value", [
    ("Sales fell last month.", "last month", "2025-04"),
    ("Sales fell in March.", "March", "2025-03"),
    ("Sales will rise in June.", "June", "2025-06"),
    ("Sales fell in late September.", "late September", "2024-09"),
    ("Sales will rise next month.", "next month", "2025-06"),
    ("The dam opens this summer.", "this summer", "2025-SU"),
    ("The dam burst in August last year.", "August last year", "2024-08"),
    ("Sales fell last year.", "last year", "2024"),
])
def test_months_and_seasons_keep_their_granularity(text, span, value):
    assert one(text)[::2] == (span, value)


@pytest.mark.parametrize("text,span,typ,value", [
    ("Talks resume at 4 pm.", "4 pm", "TIME", "2025-05-15T16:00"),
    ("Dinner is served on 17th July at 6.00 pm in the hall.", None, "TIME", "2025-07-17T18:00"),
    ("The vote closed on Monday evening.", "Monday evening", "TIME", "2025-05-12TEV"),
])
def test_times_of_day(text, span, typ, value):
    found = [t for t in tag(text, THU) if t.type == "TIME"]
    assert found[0].type == typ and found[0].value == value
    if span:
        assert found[0].text == span


@pytest.mark.parametrize("text,span,value", [
    ("The siege lasted three months.", "three months", "P3M"),
    ("Rescuers worked for 51 hours.", "51 hours", "PT51H"),
    ("A two-day visit began.", "two-day", "P2D"),
    ("Prices may double over the next decade.", "the next decade", "P1DE"),
])
def test_durations(text, span, value):
    assert one(text) == (span, "DURATION", value)


@pytest.mark.parametrize("text,span,value", [
    ("The fair is held every year.", "every year", "P1Y"),
    ("The ferry sails daily.", "daily", "P1D"),
])
def test_sets(text, span, value):
    assert one(text) == (span, "SET", value)


@pytest.mark.parametrize("text,span,value", [
    ("The mine is now closed.", "now", "PRESENT_REF"),
    ("The mine recently closed.", "recently", "PAST_REF"),
    ("Mines like it were common in the past.", "the past", "PAST_REF"),
])
def test_vague_references(text, span, value):
    assert one(text) == (span, "DATE", value)


def test_years_decades_and_quarters():
    assert one("Ahead of the 2026 polls, parties regrouped.")[::2] == ("2026", "2026")
    assert one("Trade boomed in the 1990s.")[::2] == ("the 1990s", "199")
    assert one("Profit rose in the third quarter.")[2] == "2024-Q3"
    assert one("Profit rose in the first quarter.")[2] == "2025-Q1"


def test_numbers_that_are_not_years():
    for text in ("The 224-member assembly met.", "It cost $2024 in fees.", "About 2,024 people came.",
                 "Some 1500 workers struck."):
        assert [t for t in tag(text, THU) if t.type == "DATE"] == [], text


def test_spans_leave_out_prepositions():
    spans = [t.text for t in tag("It happened on Monday, in March and since last year.", THU)]
    assert spans == ["Monday", "March", "last year"]


def test_no_dct_leaves_values_unanchored():
    t = tag("The dam burst on June 23.", None)[0]
    assert t.value == "XXXX-06-23" and not t.anchored


def test_value_ranges_and_granularity():
    assert value_to_range("2025-02") == (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    assert value_to_range("2025-W20") == (dt.date(2025, 5, 12), dt.date(2025, 5, 18))
    assert value_to_range("P3M") is None
    assert granularity("2025-05") == "month" and granularity("2025-05-12T16:00") == "day"
