"""The time engine, one convention per test, on sentences written for these tests (no corpus text)."""
import datetime as dt

import pytest

from storyline.time.timex import Timex, clause_tense, granularity, tag, value_to_range

pytestmark = pytest.mark.stage("timex")     # written for the tagger (see tests/mutate.py)

MON = dt.date(2025, 5, 12)     # a Monday
THU = dt.date(2025, 5, 15)     # a Thursday, in the second quarter


def one(text, dct=THU):
    found = tag(text, dct)
    assert len(found) == 1, found
    t = found[0]
    return t.text, t.type, t.value


def spans(text, dct=THU):
    return [(t.text, t.type, t.value) for t in tag(text, dct)]


# -- absolute dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,span,value", [
    ("The ferry sank on April 12.", "April 12", "2025-04-12"),
    ("The ferry sank on 12 April.", "12 April", "2025-04-12"),
    ("The ferry sank on 12th April 2023.", "12th April 2023", "2023-04-12"),
    ("The ferry sank on April 24, 2023, officials said.", "April 24, 2023", "2023-04-24"),
    ("The ferry capsized on Sept. 30.", "Sept. 30", "2024-09-30"),
    ("Dockers walked out on 17th July.", "17th July", "2025-07-17"),
    ("The levee broke on 18 July 2023.", "18 July 2023", "2023-07-18"),
    ("Filed on 24/04/2023 at the registry.", "24/04/2023", "2023-04-24"),
    ("Filed on 2023-04-24 at the registry.", "2023-04-24", "2023-04-24"),
])
def test_absolute_dates(text, span, value):
    assert one(text) == (span, "DATE", value)


def test_year_nearest_to_dct():
    assert one("The club signed him on December 30.", dt.date(2025, 1, 3))[2] == "2024-12-30"
    assert one("The striker's contract ends on January 4.", dt.date(2024, 12, 20))[2] == "2025-01-04"


def test_day_ranges_keep_their_end():
    t = tag("The port talks will be held on July 17-18 in the capital.", THU)[0]
    assert (t.text, t.value, t.end_value) == ("July 17-18", "2025-07-17", "2025-07-18")
    t = tag("Fans queued on June 23-24 for tickets.", THU)[0]
    assert (t.text, t.value, t.end_value) == ("June 23-24", "2025-06-23", "2025-06-24")


def test_slash_dates_are_day_first_unless_impossible():
    assert one("Filed 03/04/2024.")[2] == "2024-04-03"
    assert one("Filed 04/23/2024.")[2] == "2024-04-23"
    assert one("Filed 23/04/2024.")[2] == "2024-04-23"


def test_weekday_before_a_date_is_part_of_it():
    assert one("The vote is on Tuesday, June 3.") == ("Tuesday, June 3", "DATE", "2025-06-03")


# -- years, decades, quarters ------------------------------------------------------------------------

def test_years_and_decades():
    assert one("Ahead of the 2026 polls, parties regrouped.") == ("2026", "DATE", "2026")
    assert one("The stadium opened in 2019.") == ("2019", "DATE", "2019")
    assert one("Trade boomed in the 1990s.") == ("the 1990s", "DATE", "199")
    assert one("Output fell in fiscal 2023.") == ("fiscal 2023", "DATE", "2023")


@pytest.mark.parametrize("text,span,value", [
    ("Profit rose in the third quarter.", "the third quarter", "2024-Q3"),
    ("Profit rose in the first quarter.", "the first quarter", "2025-Q1"),
    ("Profit rose in the third quarter of 2022.", "the third quarter of 2022", "2022-Q3"),
    ("Profit will rise in the fourth quarter.", "the fourth quarter", "2025-Q4"),
])
def test_quarters(text, span, value):
    assert one(text) == (span, "DATE", value)


@pytest.mark.parametrize("text", [
    "The 224-member assembly met.", "It cost $2024 in fees.", "About 2,024 people came.",
    "Some 1500 workers struck.", "The union has 2000 members.", "Turnout was 1999 percent of the quota.",
])
def test_numbers_that_are_not_years(text):
    assert [t for t in tag(text, THU) if t.type == "DATE"] == [], text
    # control: the same sentence with a year in it gives that year, and only that
    assert spans(text[:-1] + " in 2021.") == [("2021", "DATE", "2021")], text


def test_clock_time_is_not_a_year():
    assert spans("The gates close at 4 pm.") == [("4 pm", "TIME", "2025-05-15T16:00")]


# -- relative days ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,span,value", [
    ("The mayor resigned on Monday.", "Monday", "2025-05-12"),
    ("The mayor will resign on Monday.", "Monday", "2025-05-19"),
    ("The pier is set to reopen on Saturday.", "Saturday", "2025-05-17"),
    ("The mayor resigned last Friday.", "last Friday", "2025-05-09"),
    ("The board meets next week.", "next week", "2025-W21"),
    ("The board met earlier this week.", "earlier this week", "2025-W20"),
    ("The fire started two days ago.", "two days ago", "2025-05-13"),
    ("The fire started yesterday.", "yesterday", "2025-05-14"),
    ("The verdict is due tomorrow.", "tomorrow", "2025-05-16"),
    ("The river crested today.", "today", "2025-05-15"),
    ("Crowds are expected this weekend.", "this weekend", "2025-W20-WE"),
])
def test_relative_days(text, span, value):
    assert one(text) == (span, "DATE", value)


def test_weekday_is_the_dct_itself_when_it_matches():
    assert one("The mayor resigned on Monday.", MON)[2] == "2025-05-12"


def test_tonight_is_a_night_time():
    assert one("The band plays tonight.") == ("tonight", "TIME", "2025-05-15TNI")


def test_past_week_is_a_duration():
    assert one("Shares slid over the past week.") == ("the past week", "DURATION", "P1W")


def test_recent_days_is_a_vague_duration():
    assert one("Rain fell in recent days.") == ("recent days", "DURATION", "PXD")


def test_day_before_counts_from_the_last_date_mentioned():
    found = spans("Talks collapsed on March 3. The day before, both sides had met.")
    assert found == [("March 3", "DATE", "2025-03-03"), ("The day before", "DATE", "2025-03-02")]


@pytest.mark.stage()          # clause_tense on its own, not the tagger
def test_clause_tense_cues():
    assert clause_tense("The club will sign him on Friday.", 26, 32) == "future"
    assert clause_tense("The club signed him on Friday.", 23, 29) == "past"


# -- months, seasons, years ----------------------------------------------------------------------------

@pytest.mark.parametrize("text,span,value", [
    ("Sales fell last month.", "last month", "2025-04"),
    ("Sales fell in March.", "March", "2025-03"),
    ("Sales will rise in June.", "June", "2025-06"),
    ("Sales fell in late September.", "late September", "2024-09"),
    ("Sales will rise next month.", "next month", "2025-06"),
    ("The dam opens this summer.", "this summer", "2025-SU"),
    ("The dam burst in August last year.", "August last year", "2024-08"),
    ("Sales fell last year.", "last year", "2024"),
    ("Sales rose this year.", "this year", "2025"),
    ("Sales will rise next year.", "next year", "2026"),
    ("Sales rose earlier this year.", "earlier this year", "2025"),
])
def test_months_and_seasons_keep_their_granularity(text, span, value):
    assert one(text) == (span, "DATE", value)


# -- times of day -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,span,value", [
    ("Talks resume at 4 pm.", "4 pm", "2025-05-15T16:00"),
    ("The ferry leaves at 6.00 pm.", "6.00 pm", "2025-05-15T18:00"),
    ("The ferry leaves at 11.00 am.", "11.00 am", "2025-05-15T11:00"),
    ("The ferry leaves at 17:30.", "17:30", "2025-05-15T17:30"),
    ("The ferry leaves at noon.", "noon", "2025-05-15T12:00"),
    ("The vote closed on Monday evening.", "Monday evening", "2025-05-12TEV"),
    ("The pumps failed this morning.", "this morning", "2025-05-15TMO"),
])
def test_times_of_day(text, span, value):
    assert one(text) == (span, "TIME", value)


def test_time_after_a_date_takes_that_date():
    found = [t for t in tag("Dinner is served on 17th July at 6.00 pm in the hall.", THU) if t.type == "TIME"]
    assert [(t.text, t.value) for t in found] == [("6.00 pm", "2025-07-17T18:00")]


def test_time_before_a_weekday_is_one_expression():
    assert one("The gates will shut at 10 p.m. Friday.") == ("10 p.m. Friday", "TIME", "2025-05-16T22:00")


# -- durations ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,span,value", [
    ("The siege lasted three months.", "three months", "P3M"),
    ("Rescuers worked for 51 hours.", "51 hours", "PT51H"),
    ("A two-day visit began.", "two-day", "P2D"),
    ("The bridge took a decade to build.", "a decade", "P10Y"),
    ("Prices may double over the next decade.", "the next decade", "P10Y"),
    ("The feud lasted several years.", "several years", "PXY"),
    ("The loan runs for 18 months.", "18 months", "P18M"),
    ("The strike lasted more than a year.", "more than a year", "P1Y"),
    ("Output rose over the past three years.", "the past three years", "P3Y"),
])
def test_durations(text, span, value):
    assert one(text) == (span, "DURATION", value)


def test_ages_are_not_durations():
    assert tag("A 6-year-old boy was rescued.", THU) == []
    # control: years he spent somewhere are a duration
    assert spans("A 6-year-old boy was rescued after 6 years at sea.") == [("6 years", "DURATION", "P6Y")]


# -- sets and vague references -------------------------------------------------------------------------

@pytest.mark.parametrize("text,span,value", [
    ("The fair is held every year.", "every year", "P1Y"),
    ("The ferry sails daily.", "daily", "P1D"),
    ("The council meets weekly.", "weekly", "P1W"),
    ("The fee is paid annually.", "annually", "P1Y"),
    ("Rent is due each month.", "each month", "P1M"),
])
def test_sets(text, span, value):
    assert one(text) == (span, "SET", value)


@pytest.mark.parametrize("text,span,value", [
    ("The mine is now closed.", "now", "PRESENT_REF"),
    ("The mine is currently closed.", "currently", "PRESENT_REF"),
    ("At present the mine is closed.", "At present", "PRESENT_REF"),
    ("Mines are rare nowadays.", "nowadays", "PRESENT_REF"),
    ("The mine recently closed.", "recently", "PAST_REF"),
    ("Mines like it were common in the past.", "the past", "PAST_REF"),
    ("Mines may reopen in the future.", "the future", "FUTURE_REF"),
    ("The mine will soon reopen.", "soon", "FUTURE_REF"),
])
def test_vague_references(text, span, value):
    assert one(text) == (span, "DATE", value)


def test_soon_in_as_soon_as_is_not_a_time():
    assert tag("Call us as soon as you land.", THU) == []
    # control: a plain "soon" beside it is a time
    assert spans("We will call you soon, as soon as you land.") == [("soon", "DATE", "FUTURE_REF")]


# -- spans ---------------------------------------------------------------------------------------------

def test_spans_leave_out_prepositions():
    assert [t.text for t in tag("It happened on Monday, in March and since last year.", THU)] == \
        ["Monday", "March", "last year"]


def test_offsets_point_into_the_text():
    text = "Flood waters receded on Sunday after rising for 51 hours."
    found = tag(text, THU)
    assert [t.text for t in found] == ["Sunday", "51 hours"]
    for t in found:
        assert text[t.start:t.end] == t.text


# -- no DCT, intervals, granularity ---------------------------------------------------------------------

def test_no_dct_leaves_values_unanchored():
    t = tag("The dam burst on June 23.", None)[0]
    assert isinstance(t, Timex) and t.value == "XXXX-06-23" and not t.anchored
    assert tag("The dam burst on June 23, 2021.", None)[0].anchored


@pytest.mark.parametrize("value,expected", [
    ("2025-02", (dt.date(2025, 2, 1), dt.date(2025, 2, 28))),
    ("2025-W20", (dt.date(2025, 5, 12), dt.date(2025, 5, 18))),
    ("2025-W20-WE", (dt.date(2025, 5, 17), dt.date(2025, 5, 18))),
    ("2025-Q2", (dt.date(2025, 4, 1), dt.date(2025, 6, 30))),
    ("2025-SU", (dt.date(2025, 6, 1), dt.date(2025, 8, 31))),
    ("2025", (dt.date(2025, 1, 1), dt.date(2025, 12, 31))),
    ("199", (dt.date(1990, 1, 1), dt.date(1999, 12, 31))),
    ("2025-05-12T16:00", (dt.date(2025, 5, 12), dt.date(2025, 5, 12))),
    ("P3M", None), ("PRESENT_REF", None), ("XXXX-06-23", None),
])
@pytest.mark.stage()          # value_to_range on its own, not the tagger
def test_value_ranges(value, expected):
    assert value_to_range(value) == expected


@pytest.mark.parametrize("value,expected", [
    ("2025-05-12", "day"), ("2025-05-12TEV", "day"), ("2025-05", "month"), ("2025", "year"),
    ("2025-W20", "week"), ("2025-Q2", "quarter"), ("2025-SU", "season"), ("199", "decade"),
    ("P3M", None), ("PAST_REF", None),
])
@pytest.mark.stage()          # granularity on its own, not the tagger
def test_granularity(value, expected):
    assert granularity(value) == expected


# -- conventions added with the TimeBank/AQUAINT error review -------------------------------------

def test_coordinated_days_are_two_dates():
    assert spans("The regatta is on June 24 and 25.") == [("June 24", "DATE", "2025-06-24"),
                                                          ("25", "DATE", "2025-06-25")]
    assert spans("The regatta is on 24th and 25th June.") == [("24th", "DATE", "2025-06-24"),
                                                             ("25th June", "DATE", "2025-06-25")]


@pytest.mark.parametrize("text,span,value", [
    ("The abbey dates from the 12th century.", "the 12th century", "11"),
    ("A nineteenth century law still applies.", "nineteenth century", "18"),
])
def test_centuries(text, span, value):
    assert one(text) == (span, "DATE", value)


def test_later_in_the_day_is_the_document_day():
    assert one("The minister landed in the capital later in the day.") == ("the day", "DATE", "2025-05-15")


def test_unit_long_adjectives_are_durations():
    assert spans("After a day-long meeting and a decades-long feud, they signed.") == [
        ("day-long", "DURATION", "P1D"), ("decades-long", "DURATION", "PXDE")]


def test_event_anchored_stretch_is_a_vague_duration():
    assert one("Her van was seen near the depot in the weeks before the fire.")[1:] == ("DURATION", "PXW")


def test_tense_cues_that_are_not_tense():
    # "next to" is a place; "United" is a name, not a verb in -ed; "could not" is past ability
    assert one("Two people died in the blast next to the depot on Wednesday.")[2] == "2025-05-14"
    assert one("The minister would be flying to the United Isles on Friday.")[2] == "2025-05-16"
    assert one("The skipper could not be reached on Tuesday.")[2] == "2025-05-13"


def test_plans_made_in_the_past_point_forward():
    assert one("The crew planned to sail from the harbour on Saturday.")[2] == "2025-05-17"


def test_trailing_reporting_clause_does_not_set_the_tense():
    assert one("The ferry will sail on Saturday with 40 passengers, the operator announced.")[2] == "2025-05-17"
