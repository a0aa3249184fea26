"""Time: the temporal expression engine (timex), an article's own date (pubdate), the corpus's
second dating pass (redate) and clause tense (tense)."""


def is_day(value: str | None) -> bool:
    """A value precise to the day (YYYY-MM-DD), not a month, a year or a week: only such values are
    compared day by day (same-day fusion, date conflicts, the news day)."""
    return bool(value) and len(value) == 10 and value[4] == "-" and value[7] == "-"
