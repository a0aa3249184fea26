"""Publication dates: from the header or metadata when given, else a dateline, else inferred.

Inference reads the article's own dated references: something told in the past tense happened on or
before publication (a lower bound), something told as coming happens after it (an upper bound). The
best day is the middle of the bounds; the interval and the references are kept as evidence.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter

from .lang.en import MONTH_WORD, MONTHS as _MONTHS
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z .'’-]{1,40},\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})"
    r"(?:,?\s+(\d{4}))?\s*(?:\([^)\n]{1,40}\)\s*[-–—:]?|[-–—:])")


def dateline(text: str, year: int | None) -> str | None:
    """"PORT CITY, May 3 (Agency) -" -> "YYYY-05-03" (the year from the dateline or `year`)."""
    m = _DATELINE.match(text[:200])
    if not m:
        return None
    y = int(m[3]) if m[3] else year
    if y is None:
        return None
    try:
        return dt.date(y, _MONTHS[m[1].lower()[:3]], int(m[2])).isoformat()
    except ValueError:
        return None


_MONTH_NAME = MONTH_WORD.replace("(?:", "(", 1)      # captured: the byline pattern reads it back
_BYLINE_DATE = re.compile(
    r"^[ \t]*(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
    rf"(?:{_MONTH_NAME}\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})|(?P<d2>\d{{1,2}})\s+{_MONTH_NAME.replace('(', '(?P<m2>', 1)},?\s+(?P<y2>\d{{4}})"
    r"|(?P<iso>\d{4}-\d\d-\d\d))"
    r"(?:\s*(?:,|\||at|-)?\s*\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?[ \t]*$",
    re.I | re.M)


def byline_date(text: str, lines: int = 12) -> str | None:
    """A line near the top that holds only a date, perhaps with a time or "Published"/"Updated"
    ("Mar 16, 2023, 5:30 PM"): the page's own date, printed into the text. The earliest one wins
    (an update comes after publication)."""
    head = "\n".join(text.splitlines()[:lines])
    found = []
    for m in _BYLINE_DATE.finditer(head):
        try:
            if m["iso"]:
                found.append(dt.date.fromisoformat(m["iso"]))
            elif m["y1"]:
                found.append(dt.date(int(m["y1"]), _MONTHS[m[1].lower()[:3]], int(m["d1"])))
            else:
                found.append(dt.date(int(m["y2"]), _MONTHS[m["m2"].lower()[:3]], int(m["d2"])))
        except ValueError:
            continue
    return min(found).isoformat() if found else None


def year_hint(values: list[str]) -> int | None:
    """The year the article is about: the most common explicit year among its date values."""
    years = Counter(int(v[:4]) for v in values if re.match(r"(19|20)\d\d-\d\d", v))
    return years.most_common(1)[0][0] if years else None


def day_values(value: str, year: int | None) -> tuple[dt.date, dt.date] | None:
    """First and last day of a day- or month-level DATE value, filling an unknown year (XXXX) if given."""
    m = re.match(r"^(\d{4}|XXXX)-(\d\d)(?:-(\d\d))?(?:T|$)", value)
    if not m:
        return None
    y = int(m[1]) if m[1] != "XXXX" else year
    if y is None:
        return None
    try:
        if m[3]:
            d = dt.date(y, int(m[2]), int(m[3]))
            return d, d
        first = dt.date(y, int(m[2]), 1)
        return first, first.replace(day=calendar.monthrange(y, first.month)[1])
    except ValueError:
        return None


def _bounds(references, default_year):
    """(lower, upper, evidence of lower, evidence of upper) from (value, text, tense) references."""
    year = year_hint([v for v, _, _ in references]) or default_year
    lower, upper, ev_lo, ev_hi = None, None, None, None
    for value, text, tense in references:
        rng = day_values(value, year)
        if not rng:
            continue
        if tense == "past" and (lower is None or rng[0] > lower):
            lower, ev_lo = rng[0], f"'{text}' ({rng[0]}) told as past"
        elif tense == "future" and (upper is None or rng[1] < upper):
            # something coming "in July" may be reported in July: the bound is the period's last day
            upper, ev_hi = rng[1], f"'{text}' ({rng[0]}..{rng[1]}) told as coming"
    return lower, upper, ev_lo, ev_hi


def bounds(references: list[tuple[str, str, str | None]], default_year: int | None = None):
    """(lower, upper): the latest day told as past and the earliest period end told as coming."""
    return _bounds(references, default_year)[:2]


def infer(references: list[tuple[str, str, str | None]], default_year: int | None = None) -> tuple[str, str] | None:
    """Infer a publication day from (timex value, timex text, tense) triples.

    tense is "past", "future" or None; `default_year` fills dates written without a year when the
    article names no year itself. Returns (YYYY-MM-DD, evidence) or None.
    """
    lower, upper, ev_lo, ev_hi = _bounds(references, default_year)
    if lower and upper and lower > upper:       # contradictory cues: trust neither
        return None
    if lower and upper:
        mid = lower + (upper - lower) / 2
        return mid.isoformat(), f"between {lower} and {upper}: {ev_lo}; {ev_hi}"
    if lower:
        return lower.isoformat(), f"on or after {lower}: {ev_lo}"
    if upper and upper > dt.date.min:      # nothing is before the first representable day
        return (upper - dt.timedelta(days=1)).isoformat(), f"before {upper}: {ev_hi}"
    return None
