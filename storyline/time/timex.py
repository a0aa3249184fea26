"""The time engine: find temporal expressions in news text and normalise them to TIMEX3 values.

One engine serves `storyline timex` and the pipeline. Pure standard library: the word lists of a
language (`lang/<code>.py`) are compiled into regexes once per language, and the text is only scanned
around "trigger" tokens (digits, month/weekday/unit words...), so it tags thousands of sentences a second.

Conventions (TimeML TIMEX3, anchored on the document creation time, DCT):
- A date without a year takes the year that puts it nearest the DCT ("Dec. 30" read on 3 Jan is last
  year's); tense only breaks the tie when both readings are months away.
- Numeric slash dates ("24/04/2023", "03/04/24") are read day-first (the form of most non-US news),
  unless the second number is > 12, which forces month-first ("04/23/2024"). A first number > 12 is
  already day-first. ISO dates ("2023-04-24") are read as they are.
- A bare weekday ("on Monday") is the most recent such day when its clause reads as past, the coming
  one when it reads as future (a lightweight cue-word tense, see `clause_tense`), and the DCT itself
  when the DCT is that weekday. A bare month ("in March") is the nearest such month, tense breaking ties.
- Granularity is kept: "last month" is a month value, "next week" a week ("2023-W18"), "this weekend"
  a weekend ("2023-W17-WE"), "the 1990s" a decade ("199").
- "the past week", "the next decade", "three months" are durations (P1W, P10Y, P3M); "every year",
  "daily" are sets; "now", "recently", "the future" are PRESENT_REF / PAST_REF / FUTURE_REF.
- Spans leave out prepositions ("on", "in", "at", "since") but keep determiners and modifiers, as the
  TimeBank annotation does: "the past three years", "early March", "nearly four years", "fiscal 2023".
- "a year earlier", "the quarter", "the following year", "that day" are resolved against the last
  date of the same kind mentioned before them (the narrative's reference time), else against the DCT.
- Without a DCT, relative expressions get X placeholders ("XXXX-06-23") and `anchored=False`.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import importlib
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str            # DATE | TIME | DURATION | SET
    value: str
    anchored: bool = True
    end_value: str | None = None   # last day of a range ("July 17-18" -> "2023-07-18")


# -- language data compiled into patterns ----------------------------------------------------------

def _alt(words) -> str:
    """A regex alternation of literal words, longest first so that "sept" wins over "sep"."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _trie(words) -> str:
    """A regex for a set of words with shared prefixes factored out (much faster to scan than a flat
    alternation of hundreds of words)."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(root)


class _Lang:
    """A language's word lists compiled into the patterns the engine needs (built once per language)."""

    def __init__(self, code: str):
        d = importlib.import_module(f"{__package__}.lang.{code}")
        self.d = d
        self.units = dict(d.UNITS)
        for u in list(d.UNITS):
            self.units[u + "s"] = d.UNITS[u]
        for plural, singular in d.UNIT_PLURALS.items():
            self.units[plural] = d.UNITS[singular]
        self.weekdays = {**d.WEEKDAYS, **{w + "s": n for w, n in d.WEEKDAYS.items()}}
        self.refs = {re.sub(r"\s+", " ", k): v for k, v in d.REFS.items() if v}
        self._compile(d)

    def _compile(self, d) -> None:
        year = r"(?:19|20)\d\d"
        abbreviations = [w for w in d.MONTHS if len(w) <= 4 and w not in ("may", "june", "july")]
        month = rf"(?:(?:{_alt(set(d.MONTHS) - set(abbreviations))})\b|(?:{_alt(abbreviations)})\b\.?)"
        wday = rf"(?:{_alt(d.WEEKDAYS)})"
        compound = rf"(?:{_alt(d.TENS)})[\s-](?:{_alt(d.UNITS_WORDS)})"
        num = rf"(?:\d+(?:\.\d+)?|{compound}|{_alt(d.NUMBERS)})"
        vague = _alt(d.VAGUE_NUMBERS)
        unit = rf"(?:{_alt(self.units)})"
        unit_adj = rf"(?:(?:{_alt(d.UNIT_ADJECTIVES)})[\s-]+)?"
        season = _alt(d.SEASONS)
        pod = _alt(d.PARTS_OF_DAY)
        rel = _alt(d.RELATIVE)
        ordsuf = d.ORDINAL_SUFFIX_RE
        day = rf"(?P<d>[0-3]?\d){ordsuf}"
        frac = r"(?P<frac>\s+and\s+a\s+half|\s+1/2|-and-a-half)?"
        spoken_year = (rf"(?:{_alt(d.CENTURY_WORDS)})[\s-]+(?:{compound}|{_alt(d.TENS)}|hundred)"
                       rf"|(?:{_alt(d.MILLENNIUM_WORDS)})(?:[\s-]+(?:and[\s-]+)?(?:{_alt(d.UNITS_WORDS)}))?")
        spec = [
            ("iso", rf"\b(?P<y>{year})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<h>[0-2]\d):(?P<mi>[0-5]\d))?\b"),
            ("numeric", r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d\d)\b(?!/)"),
            ("month_day", rf"\b(?:(?P<wd>{wday}),?\s+)?(?P<m>{month})\s+{day}(?!\d)"
                          rf"(?:\s*(?:-|–|to|and)\s*(?P<d2>[0-3]?\d){ordsuf}\b)?"
                          rf"(?:,?\s+(?P<y>{year})\b)?(?![,.]?\d|:\d)"),
            ("day_month", rf"\b(?:(?P<wd>{wday}),?\s+)?(?:the\s+)?{day}"
                          rf"(?:\s*(?:-|–|to|and)\s*(?P<d2>[0-3]?\d){ordsuf})?\s+(?:of\s+)?(?P<m>{month})"
                          rf"(?:,?\s+(?P<y>{year})\b)?"),
            ("month_year", rf"\b(?P<m>{month}),?\s+(?:of\s+)?(?:(?P<y>{year})\b|(?P<sy>{spoken_year}))"),
            ("month_rel_year", rf"\b(?P<m>{month})\s+(?:of\s+)?(?P<rel>last|next|this)\s+year\b"),
            ("rel_month", rf"\b(?P<rel>{rel})\s+(?P<m>{month})(?!\.?\s*\d)"),
            ("month", rf"\b(?P<m>{month})(?!\.?\s*\d)"),
            ("holiday", rf"\b(?:(?P<rel>last|next|this)\s+)?(?P<h>{_alt(list(d.HOLIDAYS) + list(d.EASTER_HOLIDAYS))})\b"
                        rf"(?:\s+(?P<week>week))?"),
            ("weekday", rf"\b(?:(?P<rel>{rel})\s+)?(?P<wd>{wday})(?P<pl>s)?\b(?:\s+(?P<pod>{pod})s?\b)?"),
            ("dayword", rf"\b(?:(?P<pod0>{pod})\s+)?(?P<w>{_alt(d.DAY_WORDS)})\b(?:\s+(?P<pod>{pod})\b)?"),
            ("rel_pod", rf"\b(?P<rel>this|last|the)\s+(?P<pod>{pod})\b"),
            ("ago", rf"\b(?P<n>{num}|{vague})[\s-]+{unit_adj}(?P<u>{unit})(?P<orso>\s+or\s+so)?"
                    rf"\s+(?P<dir>{_alt(d.AGO_WORDS)})\b"),
            ("unit_ago", r"\b(?P<u>year|month|week|day|quarter)-(?:(?P<dir>earlier|ago)|(?P<dir2>before|after))\b"),
            ("the_past_n", rf"\b(?P<det>(?:the\s+)?(?:past|last|next|coming|previous|first|final|latest|"
                           rf"following|remaining|initial)\s+)(?P<n>{num}|{vague}){frac}[\s-]+{unit_adj}"
                           rf"(?P<u>{unit})\b"),
            ("rel_unit", rf"\b(?P<rel>{rel})\s+(?P<u>week|weekend|month|year|quarter|decade|century|{season})\b"),
            ("the_unit", r"\bthe\s+(?P<adj>latest|same|previous|prior|year-ago|year-earlier|comparable|"
                         r"corresponding|current|past|full|fiscal|first|last|final|year-before)?[\s-]*"
                         r"(?P<adj2>year-ago|year-earlier|fiscal)?\s*"
                         r"(?P<u>quarter|year|week|month|weekend|period|day|morning)\b"
                         r"(?P<ago>\s+a\s+year\s+(?:ago|earlier)|\s+(?:last|a)\s+year)?"),
            ("that_unit", r"\b(?P<det>that|the\s+following|the\s+next|the\s+previous|the\s+same|"
                          r"the\s+preceding|the\s+prior)\s+(?P<u>day|week|month|year)\b"
                          r"|\bthe\s+(?P<u2>day|week|month|year)\s+(?P<ba>before|after)\b(?=\s*(?:[,.;:)]|$))"),
            ("quarter", rf"\b(?:(?:(?P<yq>(?:this|last|next)\s+year's)|(?P<yn>{year})|(?P<ya>the\s+(?:year-ago|year-earlier)))\s+)?"
                        rf"(?:(?P<fis>fiscal|calendar)[\s-]+)?"
                        rf"(?P<o>first|second|third|fourth|1st|2nd|3rd|4th|final|last)(?P<hy>[\s-]+)"
                        rf"(?:fiscal\s+|calendar\s+)?quarter(?P<pl>s)?\b"
                        rf"(?:\s+of\s+(?:(?:fiscal|calendar)\s+)?(?:(?P<y>{year})|(?P<yrel>this|last|next)\s+year))?"
                        rf"|\bQ(?P<q>[1-4])(?:\s+(?P<y2>{year}))?\b"),
            ("half", rf"\b(?P<o>first|second|last)\s+half\s+of\s+(?:(?P<y>{year})|the\s+year|this\s+year)\b"
                     rf"|\b(?P<o2>first|second)\s+half\b"),
            ("season", rf"\b(?:(?P<rel>{rel})\s+)?(?P<s>{season})\b(?:\s+(?:of\s+)?(?:(?P<y>{year})\b|(?P<sy>{spoken_year})))?"),
            ("decade", r"\b(?P<c>1[89]|20)(?P<d>\d)0['’]?s\b|(?<!\w)['’](?P<d3>\d)0s\b"
                       rf"|\bthe\s+(?P<dw>{_alt(d.DECADE_WORDS)})\b"),
            ("year", rf"(?<![\w$£€¥#.,/])(?<!\d-)(?P<y>{year})\b(?!,\d|\.\d|/\d)"),
            ("year_end", rf"\b(?P<y>{year}\s+)?year(?:-|\s+|['’]s\s+)end\b"),
            ("spoken_year", rf"\b(?P<the>the\s+year\s+)?(?P<sy>{spoken_year})\b"),
            ("duration", rf"\b(?P<n>{num}|{vague})(?:\s+(?:to|or)\s+(?P<n2>{num}))?{frac}[\s-]+{unit_adj}"
                         rf"(?P<u>{unit})\b(?P<long>-long)?(?P<frac2>\s+and\s+a\s+half\b)?"),
            ("bare_units", r"\b(?P<u>years|months|weeks|days|hours|minutes|decades|centuries)\b"),
            ("century", rf"\b(?:the\s+)?(?P<o>[12]?\d(?:st|nd|rd|th)|{_alt(d.CENTURY_ORDINALS)})[\s-]+century\b"),
            ("in_the_day", rf"\b(?:{_alt(d.IN_THE_DAY_ADVERBS)})\s+in\s+(?P<the>the\s+day)\b"),
            ("unit_long", r"\b(?P<u>hour|day|week|month|year|decade)(?P<pl>s)?-long\b"),
            ("event_anchored", rf"\b(?:the\s+)?(?P<u>days|weeks|months|years)\s+(?:{_alt(d.EVENT_ANCHOR_WORDS)})\b"),
            ("clock", rf"\b(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*{d.AM_PM_RE}"
                      rf"|\b(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)\b(?!:?\d)"
                      rf"|\b(?P<w>{_alt(d.CLOCK_WORDS)})\b"
                      rf"|\b(?P<hw>[01]?\d|{_alt(d.NUMBERS)})\s+(?:o'clock\s+)?in\s+the\s+(?P<pod>morning|afternoon|evening)\b"),
            ("set", rf"\b(?P<q>{_alt(d.SET_QUANTIFIERS)})\s+(?:(?P<n>{num})\s+)?(?:(?P<u>{unit}|{wday}|{season})|(?P<m>{month}))\b"
                    rf"|\b(?P<adv>{_alt(d.SET_ADVERBS)})\b"
                    rf"|\b(?P<rate>{_alt(d.SET_RATE_WORDS)})\s+(?P<ru>day|week|month|year|hour|minute)\b"),
            ("ref", rf"\b(?P<w>{_alt(self.refs)})\b"),
        ]
        self.patterns = [(name, re.compile(rx, re.I)) for name, rx in spec]
        self.future_cues = re.compile(rf"\b(?:{_alt(d.FUTURE_CUES)})\b", re.I)
        self.past_cues = re.compile(rf"\b(?:{_alt(d.PAST_CUES)}|{d.PAST_VERB_SUFFIX_RE})\b", re.I)
        self.be_before = re.compile(rf"\b(?:{_alt(d.BE_FORMS)})\s+(?:\w+ly\s+)?$", re.I)
        self.clause_break = re.compile(d.CLAUSE_BREAK_RE)
        self.count_follow = re.compile(r"\s*" + d.COUNT_FOLLOWERS_RE, re.I)
        self.age_follow = re.compile(d.AGE_SUFFIX_RE, re.I)
        self.month_cue = re.compile(rf"\b(?:{_alt(d.MONTH_CUES)})[\s-]+$", re.I)
        self.approx_before = re.compile(rf"\b(?:{_alt(set(d.APPROX_MODIFIERS) - set(d.PREPOSITION_LIKE_MODIFIERS))})\s+$", re.I)
        self.point_before = re.compile(rf"(?:(?<=\s)|(?<=^)|(?<=\W))(?:{_alt(d.POINT_MODIFIERS)})\s*$", re.I)
        self.year_prefix_before = re.compile(rf"(?:(?<=\s)|(?<=^)|(?<=\W))(?:{_alt(d.YEAR_PREFIX_MODIFIERS)})\s*$", re.I)
        self.bare_unit_before = re.compile(d.BARE_UNIT_BEFORE_RE, re.I)
        self.rate_before = re.compile(d.RATE_BEFORE_RE)
        self.tz_after = re.compile(rf"\s+(?:{_alt(d.TIME_ZONES)})\b")
        self._compile_triggers(d)

    # which kinds of trigger token each pattern needs somewhere inside its match
    _PATTERN_TRIGGERS = {
        "iso": ("digit",), "numeric": ("digit",), "year": ("digit",), "year_end": ("unit",), "decade": ("digit", "decade"),
        "clock": ("digit", "clock", "number"), "month_day": ("month",), "day_month": ("month",),
        "month_year": ("month",), "month_rel_year": ("month",), "rel_month": ("month",), "month": ("month",),
        "holiday": ("holiday",), "weekday": ("weekday",), "dayword": ("dayword",), "rel_pod": ("pod",),
        "ago": ("unit",), "unit_ago": ("unit",), "the_past_n": ("unit",), "rel_unit": ("unit", "season"),
        "the_unit": ("unit",), "that_unit": ("unit",), "quarter": ("unit", "quarter"), "half": ("half",),
        "season": ("season",), "spoken_year": ("spoken",), "duration": ("unit",), "bare_units": ("unit",),
        "set": ("unit", "weekday", "season", "month", "setadv"), "ref": ("ref",),
        "century": ("unit",), "in_the_day": ("unit",), "unit_long": ("unit",), "event_anchored": ("unit",),
    }

    def _compile_triggers(self, d) -> None:
        """One scan for trigger tokens; each pattern then only runs near tokens of the kinds it needs."""
        kinds = {
            "month": d.MONTHS, "weekday": d.WEEKDAYS, "unit": list(self.units) + ["weekend", "weekends", "period"],
            "season": d.SEASONS, "pod": d.PARTS_OF_DAY, "clock": d.CLOCK_WORDS,
            "dayword": [w for k in d.DAY_WORDS for w in k.split()[-1:]], "setadv": d.SET_ADVERBS,
            "decade": d.DECADE_WORDS, "half": ["half"], "quarter": ["q1", "q2", "q3", "q4"],
            "spoken": list(d.CENTURY_WORDS) + [m.split()[-1] for m in d.MILLENNIUM_WORDS],
            "holiday": [k.split()[0] for k in list(d.HOLIDAYS) + list(d.EASTER_HOLIDAYS)],
            "ref": [max(re.findall(r"[a-z]+", k), key=len) for k in self.refs],
            "number": [w for w in d.NUMBERS if w.isalpha() and len(w) > 2],
        }
        self.trigger_kind: dict[str, set[str]] = {}
        for kind, words in kinds.items():
            for w in words:
                self.trigger_kind.setdefault(w.lower(), set()).add(kind)
        self.trigger_rx = re.compile(rf"\d+|\b{_trie(self.trigger_kind)}\b", re.I)
        self.pattern_kinds = [self._PATTERN_TRIGGERS[name] for name, _ in self.patterns]


@functools.lru_cache(maxsize=8)
def _lang(code: str) -> _Lang:
    return _Lang(code)


_WINDOW = 50


def _windows(text: str, L: _Lang) -> dict[str, list[tuple[int, int]]]:
    """For each kind of trigger token, the merged stretches of text around its tokens.

    Every pattern needs a token of some kind inside its match, so the rest of the text is never scanned
    by it: this is what keeps the engine at thousands of sentences a second."""
    spans: dict[str, list[list[int]]] = {}
    n = len(text)
    for m in L.trigger_rx.finditer(text):
        tok = m.group()
        kinds = ("digit",) if tok[0].isdigit() else L.trigger_kind.get(tok.lower(), ())
        s, e = max(0, m.start() - _WINDOW), min(n, m.end() + _WINDOW)
        for kind in kinds:
            lst = spans.setdefault(kind, [])
            if lst and s <= lst[-1][1]:
                lst[-1][1] = e
            else:
                lst.append([s, e])
    return spans


def _pattern_windows(spans: dict, kinds: tuple[str, ...], text: str) -> list[tuple[int, int]]:
    """The union of the windows of several token kinds, widened to whole words."""
    if len(kinds) == 1:
        merged = spans.get(kinds[0], [])
    else:
        merged = []
        for s, e in sorted(w for k in kinds for w in spans.get(k, ())):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
    out = []
    n = len(text)
    for s, e in merged:
        lo, hi = max(0, s - _LONGEST_WORD), min(n, e + _LONGEST_WORD)
        while s > lo and not text[s - 1].isspace():
            s -= 1
        while e < hi and not text[e].isspace():
            e += 1
        out.append((s, e))
    return out


# a window is widened to whole words, but no further than this: a longer run without spaces (an
# inline data blob) holds no date expression, and walking it from every window costs its length each time
_LONGEST_WORD = 64


# -- small date helpers -----------------------------------------------------------------------------

class _OutOfRange(Exception):
    """A resolution that leaves the calendar `datetime` can represent (years 1-9999): the expression
    gets no value (`tag` drops it) instead of a crash or a year such as "0" or "10000"."""


def _year(y: int) -> int:
    """`y`, or _OutOfRange when no `dt.date` can have it."""
    if not dt.MINYEAR <= y <= dt.MAXYEAR:
        raise _OutOfRange(f"year {y}")
    return y


def _plus(d: dt.date, days: int = 0, weeks: int = 0) -> dt.date:
    """`d` moved by days/weeks; _OutOfRange past the first or last representable day."""
    try:
        return d + dt.timedelta(days=days, weeks=weeks)
    except OverflowError as exc:
        raise _OutOfRange(f"{d} + {days}d {weeks}w") from exc


def _shift_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = m - 1 + n
    return _year(y + k // 12), k % 12 + 1


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _quarter(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _nearest_year(dct: dt.date, month: int, day: int, tense: str | None) -> int:
    """The year that puts month/day nearest the DCT; the clause tense decides only far-off cases."""
    cands = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        d = _safe_date(y, month, day) or _safe_date(y, month, 28)
        if d is not None:         # None only for a year outside 1-9999
            cands.append(((d - dct).days, y))
    cands.sort(key=lambda c: abs(c[0]))
    delta, y = cands[0]
    if tense == "past" and delta > _TENSE_SLACK_DAYS:
        return _year(y - 1)
    if tense == "future" and delta < -_TENSE_SLACK_DAYS:
        return _year(y + 1)
    return y


_TENSE_SLACK_DAYS = 120


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month = (h + ll - 7 * m + 114) // 31
    return dt.date(year, month, (h + ll - 7 * m + 114) % 31 + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if dt.date(year, month, d).weekday() == weekday]
    return dt.date(year, month, days[n - 1] if n > 0 else days[n])


# -- clause tense -----------------------------------------------------------------------------------

def clause_tense(text: str, start: int, end: int, lang: _Lang | str = "en") -> str | None:
    """"past", "future" or None: the nearest tense cue to the span inside its clause.

    A lightweight stand-in for parsing: modal and plan words ("will", "set to", "expected to") read as
    future, past forms ("said", "-ed", "was", "ago") as past. Cues before the span weigh a little more
    than cues after it; a participle after "be" ("will be held") is not a past cue.
    """
    L = _lang(lang) if isinstance(lang, str) else lang
    lo = max(0, start - 160)
    breaks = [m.end() for m in L.clause_break.finditer(text, lo, start)]
    lo = breaks[-1] if breaks else lo
    after_break = L.clause_break.search(text, end, min(len(text), end + 120))
    hi = after_break.start() if after_break else min(len(text), end + 120)
    before, after = text[lo:start], text[end:hi]
    if L.past_cues.search(before) or L.future_cues.search(before):
        # with a cue before the span, one after a comma is another clause ("..., officials said")
        after = after.split(",", 1)[0]
    best: tuple[int, str] | None = None
    for rx, tense in ((L.future_cues, "future"), (L.past_cues, "past")):
        for m in rx.finditer(before):
            if tense == "past" and L.be_before.search(before, 0, m.start()):
                continue
            dist = len(before) - m.end()
            if best is None or dist < best[0]:
                best = (dist, tense)
        for m in rx.finditer(after):
            if tense == "past" and L.be_before.search(after, 0, m.start()):
                continue
            dist = m.start() + 8
            if best is None or dist < best[0]:
                best = (dist, tense)
            break
    return best[1] if best else None


# -- numbers and durations --------------------------------------------------------------------------

def _num(word: str | None, L: _Lang) -> float | None:
    """A number from digits or words ("51", "twenty-four", "a couple of"); None when vague ("several")."""
    if word is None:
        return None
    w = re.sub(r"[\s-]+", " ", word.lower()).strip()
    if re.fullmatch(r"\d+(\.\d+)?", w):
        return float(w)
    if w in L.d.NUMBERS:
        return L.d.NUMBERS[w]
    parts = w.split()
    if len(parts) == 2 and parts[0] in L.d.NUMBERS and parts[1] in L.d.NUMBERS:
        return L.d.NUMBERS[parts[0]] + L.d.NUMBERS[parts[1]]
    return None


def _fmt_amount(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def _duration(n: float | None, unit: str, L: _Lang, half: bool = False) -> str:
    """TIMEX3 duration value: "P3M", "PT51H", "P10Y" for a decade, "PXY" when the count is vague."""
    letter, is_time = L.units.get(unit.lower(), ("D", False))
    if letter in ("10Y", "100Y"):
        mult = int(letter[:-1])
        return f"P{_fmt_amount(n * mult)}Y" if n is not None else ("PXDE" if mult == 10 else "PXCE")
    if letter == "2W":
        return f"P{_fmt_amount(n * 2)}W" if n is not None else "PXW"
    if n is None:
        return f"PTX{letter}" if is_time else f"PX{letter}"
    if half:
        sub = {"H": ("H", "30M"), "Y": ("Y", "6M"), "D": ("D", "T12H"), "M": ("M", "15D")}.get(letter)
        if sub and not (is_time and letter == "M"):
            return (f"PT{int(n)}H30M" if is_time else f"P{int(n)}{sub[0]}{sub[1]}")
        n = n + 0.5
    if letter == "WE":
        return f"P{_fmt_amount(n)}WE"
    return f"PT{_fmt_amount(n)}{letter}" if is_time else f"P{_fmt_amount(n)}{letter}"


def _unit_key(word: str, L: _Lang) -> str:
    """Singular unit name ("centuries" -> "century")."""
    w = word.lower()
    if w in L.d.UNIT_PLURALS:
        return L.d.UNIT_PLURALS[w]
    return w[:-1] if w.endswith("s") and w[:-1] in L.d.UNITS else w


def _relative_unit(dct: dt.date, unit: str, offset: int) -> str:
    """The calendar unit containing the DCT, moved by `offset` units ("last month" -> offset -1)."""
    u = unit.lower()
    if u == "week":
        return _week(_plus(dct, weeks=offset))
    if u == "weekend":
        return _week(_plus(dct, weeks=offset)) + "-WE"
    if u == "month":
        y, m = _shift_months(dct.year, dct.month, offset)
        return f"{y}-{m:02d}"
    if u == "year":
        return _year_value(dct.year + offset)
    if u == "quarter":
        q = _quarter(dct) - 1 + offset
        return f"{_year_value(dct.year + q // 4)}-Q{q % 4 + 1}"
    if u == "decade":
        return str(_year(dct.year + 10 * offset) // 10)
    if u == "century":
        return str(_year(dct.year + 100 * offset) // 100)
    return _plus(dct, days=offset).isoformat()


def _year_value(y: int) -> str:
    """A year as a TIMEX3 value ("2024"; four digits); _OutOfRange outside 1-9999."""
    return f"{_year(y):04d}"


# -- handlers: one per pattern; each returns (type, value[, end_value[, start, end]]) or None ---------

class _Ctx:
    """What a handler needs: the text, the DCT and the compiled language."""

    __slots__ = ("text", "dct", "L")

    def __init__(self, text: str, dct: dt.date | None, L: _Lang):
        self.text, self.dct, self.L = text, dct, L

    def tense(self, start: int, end: int) -> str | None:
        return clause_tense(self.text, start, end, self.L)

    def before(self, pos: int, n: int = 25) -> str:
        return self.text[max(0, pos - n):pos]


def _month_num(word: str, L: _Lang) -> int | None:
    return L.d.MONTHS.get(word.lower().rstrip(".").strip())


def _is_ambiguous_month(word: str, L: _Lang) -> bool:
    return word.lower().rstrip(".") in L.d.AMBIGUOUS_MONTHS


def _h_iso(m, c: _Ctx):
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if d is None:
        return None
    if m["h"]:
        return "TIME", f"{d.isoformat()}T{m['h']}:{m['mi']}"
    return "DATE", d.isoformat()


def _h_numeric(m, c: _Ctx):
    """Slash dates are day-first; a second number over 12 can only be a day, so then month-first."""
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    day, month = (b, a) if b > 12 else (a, b)
    d = _safe_date(y, month, day)
    return ("DATE", d.isoformat()) if d else None


def _resolve_day(c: _Ctx, month: int, day: int, year: str | None, s: int, e: int) -> str:
    if year:
        return f"{int(year)}-{month:02d}-{day:02d}"
    if c.dct is None:
        return f"XXXX-{month:02d}-{day:02d}"
    y = _nearest_year(c.dct, month, day, c.tense(s, e))
    return f"{_year_value(y)}-{month:02d}-{day:02d}"


def _h_month_day(m, c: _Ctx):
    """ "April 12", "12th April 2023", "July 17-18" (a range: value is the first day, end_value the last)."""
    month, day = _month_num(m["m"], c.L), int(m["d"])
    if not month or not 1 <= day <= 31 or _safe_date(int(m["y"] or 2000), month, day) is None:
        return None
    if _is_ambiguous_month(m["m"], c.L) and not m["m"][0].isupper():
        return None
    if m["wd"] and not m["wd"][0].isupper():
        return None
    value = _resolve_day(c, month, day, m["y"], m.start(), m.end())
    end_value = None
    if m["d2"]:
        d2 = int(m["d2"])
        year = int(value[:4]) if value[0] != "X" else 2000
        if not (day < d2 <= 31 and _safe_date(year, month, d2)):
            return None
        end_value = value[:8] + f"{d2:02d}"
    return "DATE", value, end_value, m.start(), m.end()


_h_day_month = _h_month_day


def _spoken_year(words: str, L: _Lang) -> int | None:
    """ "nineteen ninety-six" -> 1996, "two thousand three" -> 2003."""
    w = re.sub(r"[\s-]+", " ", words.lower()).replace(" and ", " ")
    for mil in L.d.MILLENNIUM_WORDS:
        if w.startswith(mil):
            rest = w[len(mil):].strip()
            return 2000 + (int(_num(rest, L) or 0) if rest else 0)
    parts = w.split(" ", 1)
    century = L.d.CENTURY_WORDS.get(parts[0])
    if century is None or len(parts) < 2:
        return None
    if parts[1] == "hundred":
        return century * 100
    n = _num(parts[1], L)
    return century * 100 + int(n) if n is not None and n < 100 else None


def _h_month_year(m, c: _Ctx):
    month = _month_num(m["m"], c.L)
    y = int(m["y"]) if m["y"] else _spoken_year(m["sy"], c.L)
    if not month or y is None:
        return None
    return "DATE", f"{y}-{month:02d}"


def _h_month_rel_year(m, c: _Ctx):
    month = _month_num(m["m"], c.L)
    if not month:
        return None
    if c.dct is None:
        return "DATE", f"XXXX-{month:02d}"
    off = {"last": -1, "next": 1, "this": 0}[m["rel"].lower()]
    return "DATE", f"{_year_value(c.dct.year + off)}-{month:02d}"


def _month_value(c: _Ctx, month: int, s: int, e: int, direction: int = 0) -> str:
    """A month without a year: nearest the DCT, or the last/next one when `direction` says so."""
    if c.dct is None:
        return f"XXXX-{month:02d}"
    if direction < 0:
        y = c.dct.year if month < c.dct.month else c.dct.year - 1
    elif direction > 0:
        y = c.dct.year if month > c.dct.month else c.dct.year + 1
    else:
        y = _nearest_year(c.dct, month, 15, c.tense(s, e))
    return f"{_year_value(y)}-{month:02d}"


def _h_rel_month(m, c: _Ctx):
    month = _month_num(m["m"], c.L)
    if not month or not m["m"][0].isupper():
        return None
    rel = c.L.d.RELATIVE.get(re.sub(r"\s+", " ", m["rel"].lower()), 0)
    if rel == 0:
        return "DATE", f"{c.dct.year}-{month:02d}" if c.dct else f"XXXX-{month:02d}"
    return "DATE", _month_value(c, month, m.start(), m.end(), rel)


def _h_month(m, c: _Ctx):
    word = m["m"]
    month = _month_num(word, c.L)
    if not month or not word[0].isupper():
        return None
    if len(word) <= 3 and word.lower() != "may":
        return None   # "Jan Kavan", "Dec": a bare abbreviation is not a month
    if _is_ambiguous_month(word, c.L) and not c.L.month_cue.search(c.before(m.start(), 14)):
        return None   # "May" and "March" are also a verb / a noun: only after a cue word
    if word[0].isupper() and word[1:2].isupper() and len(word) > 3:
        return None   # headline capitals ("MARCH ON")
    return "DATE", _month_value(c, month, m.start(), m.end())


def _holiday_date(name: str, year: int, L: _Lang) -> dt.date:
    if name in L.d.EASTER_HOLIDAYS:
        return _plus(_easter(_year(year)), days=L.d.EASTER_HOLIDAYS[name])
    rule = L.d.HOLIDAYS[name]
    if len(rule) == 2:
        return dt.date(_year(year), rule[0], rule[1])
    d = _nth_weekday(_year(year), rule[0], rule[1], rule[2])
    return _plus(d, days=1) if name == "election day" else d


def _h_holiday(m, c: _Ctx):
    name = re.sub(r"\s+", " ", m["h"].lower())
    if not m["h"][0].isupper():
        return None
    if c.dct is None:
        return None
    rel = (m["rel"] or "").lower()
    if rel == "last":
        year = c.dct.year if _holiday_date(name, c.dct.year, c.L) < c.dct else c.dct.year - 1
    elif rel == "next":
        year = c.dct.year if _holiday_date(name, c.dct.year, c.L) > c.dct else c.dct.year + 1
    else:
        years = [y for y in (c.dct.year - 1, c.dct.year, c.dct.year + 1) if dt.MINYEAR <= y <= dt.MAXYEAR]
        year = min((abs((_holiday_date(name, y, c.L) - c.dct).days), y) for y in years)[1]
    d = _holiday_date(name, year, c.L)
    if m["week"]:
        return "DATE", _week(d)
    return "DATE", d.isoformat()


def _weekday_date(c: _Ctx, wd: int, rel: str, s: int, e: int) -> dt.date:
    dct = c.dct
    offset = c.L.d.RELATIVE.get(rel, None) if rel else None
    if rel in ("this past", "past", "last", "previous", "the previous"):
        return _plus(dct, days=-((dct.weekday() - wd) % 7 or 7))
    if rel in ("next", "coming", "this coming", "the coming", "following", "the following"):
        return _plus(dct, days=(wd - dct.weekday()) % 7 or 7)
    if wd == dct.weekday():
        return dct
    if offset == 0 and rel:
        return _plus(dct, days=wd - dct.weekday())
    if c.tense(s, e) == "future":
        return _plus(dct, days=(wd - dct.weekday()) % 7)
    return _plus(dct, days=-((dct.weekday() - wd) % 7))


def _h_weekday(m, c: _Ctx):
    wd_word = m["wd"]
    if not wd_word[0].isupper():
        return None
    wd = c.L.weekdays[wd_word.lower()]
    pod = c.L.d.PARTS_OF_DAY.get((m["pod"] or "").lower())
    if m["pl"]:
        return "SET", f"XXXX-WXX-{wd + 1}" + (f"T{pod}" if pod else "")
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if rel in ("that", "the same"):
        return None
    start = m.start("rel") if m["rel"] else m.start("wd")
    if c.dct is None:
        return ("TIME" if pod else "DATE"), "XXXX-XX-XX" + (f"T{pod}" if pod else ""), None, start, m.end()
    d = _weekday_date(c, wd, rel, m.start(), m.end())
    if pod:
        return "TIME", f"{d.isoformat()}T{pod}", None, start, m.end()
    return "DATE", d.isoformat(), None, start, m.end()


def _h_dayword(m, c: _Ctx):
    """ "yesterday", "tomorrow morning", "mid-afternoon yesterday", "tonight" (a night time)."""
    w = re.sub(r"\s+", " ", m["w"].lower())
    pod_word = (m["pod"] or m["pod0"] or "").lower()
    pod = "NI" if w == "tonight" else c.L.d.PARTS_OF_DAY.get(pod_word)
    if c.dct is None:
        return ("TIME" if pod else "DATE"), "XXXX-XX-XX" + (f"T{pod}" if pod else "")
    d = _plus(c.dct, days=c.L.d.DAY_WORDS[w])
    if pod:
        return "TIME", f"{d.isoformat()}T{pod}"
    return "DATE", d.isoformat()


def _h_rel_pod(m, c: _Ctx):
    rel = m["rel"].lower()
    pod = c.L.d.PARTS_OF_DAY[m["pod"].lower()]
    if rel == "the" and pod != "MO":
        return None
    if c.dct is None:
        return "TIME", f"XXXX-XX-XXT{pod}"
    d = _plus(c.dct, days=-1) if rel == "last" else c.dct
    return "TIME", f"{d.isoformat()}T{pod}"


def _h_ago(m, c: _Ctx):
    """ "two days ago" is a date; "three days later/earlier" counts from another event: a duration."""
    unit = _unit_key(m["u"], c.L)
    direction = re.sub(r"\s+", " ", m["dir"].lower())
    n = _num(m["n"], c.L)
    vague = n is None
    if direction in ("before", "after", "later") or (direction == "earlier" and unit != "year"):
        end = m.start("orso") if m["orso"] else m.start("dir")
        while c.text[end - 1].isspace():
            end -= 1
        return "DURATION", _duration(n, unit, c.L), None, m.start(), end
    if c.dct is None:
        return "DATE", "PAST_REF" if c.L.d.AGO_WORDS[direction] < 0 else "FUTURE_REF"
    sign = c.L.d.AGO_WORDS[direction]
    if vague:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    letter, is_time = c.L.units.get(unit, ("D", False))
    if is_time:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    k = int(n) * sign
    if letter == "D":
        return "DATE", _plus(c.dct, days=k).isoformat()
    if letter in ("W", "2W"):
        return "DATE", _week(_plus(c.dct, weeks=k * (2 if letter == "2W" else 1)))
    if letter == "M":
        y, mo = _shift_months(c.dct.year, c.dct.month, k)
        return "DATE", f"{y}-{mo:02d}"
    if letter == "Y":
        if unit == "year" and k == -1:
            return "DATE", "@yearago"
        return "DATE", _year_value(c.dct.year + k)
    if letter == "Q":
        return "DATE", _relative_unit(c.dct, "quarter", k)
    if letter == "10Y":
        return "DATE", _year_value(c.dct.year + 10 * k)[:3]
    if letter == "100Y":
        return "DATE", _year_value(c.dct.year + 100 * k)[:2]
    return None


def _h_unit_ago(m, c: _Ctx):
    """Financial adjectives: "year-earlier", "year-ago" (the same period a year before)."""
    unit = m["u"].lower()
    if m["dir2"]:
        return None
    if unit == "year":
        return "DATE", "@yearago"
    if c.dct is None:
        return None
    return "DATE", _relative_unit(c.dct, unit, -1)


def _h_the_past_n(m, c: _Ctx):
    unit = _unit_key(m["u"], c.L)
    n = _num(m["n"], c.L)
    if m["n"].lower() in ("a", "an") and not m["frac"]:
        return None
    return "DURATION", _duration(n, unit, c.L, half=bool(m["frac"]))


def _h_rel_unit(m, c: _Ctx):
    unit = m["u"].lower()
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    offset = c.L.d.RELATIVE.get(rel, 0)
    if rel in ("that", "the same"):
        return None
    if unit in c.L.d.SEASONS:
        code = c.L.d.SEASONS[unit]
        if c.dct is None:
            return "DATE", f"XXXX-{code}"
        return "DATE", f"{_year_value(c.dct.year + offset)}-{code}"
    if rel in ("the following", "following"):
        return None   # "the following year": counted from the narrative, see _h_that_unit
    if rel in ("the past", "the last", "past", "the next", "the coming") and (unit != "weekend" or rel == "the past"):
        # "the past week", "the next decade": a stretch of time, not a calendar unit
        return "DURATION", _duration(1, unit, c.L)
    if unit == "weekend":
        return "DATE", _weekend(c, offset)
    if c.dct is None:
        return "DATE", "XXXX"
    return "DATE", _relative_unit(c.dct, unit, offset)


def _weekend(c: _Ctx, offset: int, tense: str | None = None) -> str:
    """The weekend of the DCT's week; "last weekend" read on a Monday is the one just gone."""
    if c.dct is None:
        return "XXXX-WXX-WE"
    if offset == 0 and tense == "past" and c.dct.weekday() < 5:
        offset = -1
    return _week(_plus(c.dct, weeks=offset)) + "-WE"


def _h_the_unit(m, c: _Ctx):
    """ "the quarter", "the latest period", "the year-ago quarter", "the weekend", "the year ended June 30".

    In business news a bare "the quarter" is the quarter being reported on: the last one mentioned,
    else the one before the DCT's; "the latest quarter" is always the one before the DCT's."""
    adj = ((m["adj"] or "") + " " + (m["adj2"] or "")).strip().lower()
    unit = m["u"].lower()
    after = c.text[m.end():m.end() + 12].lower()
    if unit == "morning":
        return None
    if unit == "weekend":
        return "DATE", _weekend(c, 0, c.tense(m.start(), m.end()))
    if unit == "day":
        return ("DATE", "@day:0") if adj == "same" else None
    if unit == "period" and not re.search(r"latest|year-ago|year-earlier|same|comparable|corresponding", adj):
        return None
    if m["ago"] or re.search(r"year-ago|year-earlier|comparable|corresponding|year-before", adj):
        return ("DATE", "@yearago") if unit in ("quarter", "period", "year") else None
    if unit == "year" and re.match(r"\s+(?:ended|ending|that\s+ended|to)\b", after):
        return "DURATION", "P1Y"   # "the year ended March 31": a fiscal twelve months
    if unit in ("quarter", "period"):
        if adj == "latest" and c.dct:
            return "DATE", _relative_unit(c.dct, "quarter", -1)
        return "DATE", "@quarter:-1" if adj in ("previous", "prior") else "@quarter:0"
    if adj in ("past", "first", "last", "final"):
        return "DURATION", _duration(1, unit, c.L)
    if c.dct is None:
        return None
    if adj in ("previous", "prior"):
        return "DATE", f"@{unit}:-1"
    if adj == "same":
        return "DATE", f"@{unit}:0"
    if unit == "year" and adj in ("", "current", "fiscal", "full"):
        return "DATE", str(c.dct.year)
    if unit == "week" and adj == "current":
        return "DATE", _week(c.dct)
    return None


def _h_that_unit(m, c: _Ctx):
    """ "that year", "the following day": counted from the last date of that kind in the text."""
    if m["u2"]:
        unit, off = m["u2"].lower(), (-1 if m["ba"].lower() == "before" else 1)
    else:
        unit = m["u"].lower()
        det = re.sub(r"\s+", " ", m["det"].lower())
        off = {"that": 0, "the same": 0, "the following": 1, "the next": 1, "the previous": -1,
               "the preceding": -1, "the prior": -1}[det]
        if det == "the next" and unit != "day":
            return None
    return "DATE", f"@{unit}:{off}"


def _h_quarter(m, c: _Ctx):
    q = int(m["q"]) if m["q"] else c.L.d.ORDINALS.get(m["o"].lower())
    if q is None:
        return None
    if m["pl"]:
        return "SET", f"XXXX-Q{q}"
    start = m.start()
    if m["o"] and m["hy"] and "-" in m["hy"] and not m["y"] and not m["yq"] and not m["yn"]:
        start = m.start("fis") if m["fis"] else m.start("o")   # "the third-quarter results": adjective
    else:
        tb = re.search(r"\bthe\s+$", c.before(start, 6))
        if tb:
            start -= len(tb.group(0))
    y = m["y"] or m["y2"] or m["yn"]
    if y:
        year = int(y)
    elif m["yq"] or m["yrel"]:
        if c.dct is None:
            return "DATE", f"XXXX-Q{q}", None, start, m.end()
        rel = (m["yq"] or m["yrel"]).split()[0].lower()
        year = _year(c.dct.year + {"this": 0, "last": -1, "next": 1}[rel])
    elif m["ya"]:
        if c.dct is None:
            return None
        year = _year(c.dct.year - 1)
    elif c.dct:
        cur = _quarter(c.dct)
        year = c.dct.year if q <= cur else _year(c.dct.year - 1)
        if q > cur and c.tense(m.start(), m.end()) == "future":
            year = c.dct.year
    else:
        return "DATE", f"XXXX-Q{q}", None, start, m.end()
    return "DATE", f"{year}-Q{q}", None, start, m.end()


def _h_half(m, c: _Ctx):
    o = (m["o"] or m["o2"]).lower()
    h = 1 if o == "first" else 2
    if m["y"]:
        year = m["y"]
    elif c.dct:
        year = str(c.dct.year)
    else:
        year = "XXXX"
    start = m.start()
    tb = re.search(r"\b(?:the)\s+$", c.before(start, 6))
    if tb:
        start -= len(tb.group(0))
    if m["o2"] and not (c.dct and m["o2"]):
        return None
    if m["o2"] and not re.search(r"\b(?:year|quarter|fiscal)\b", c.text[max(0, m.start() - 200):m.end() + 40], re.I):
        return None
    return "DATE", f"{year}-H{h}", None, start, m.end()


def _h_season(m, c: _Ctx):
    s = m["s"].lower()
    code = c.L.d.SEASONS[s]
    y = m["y"] or (str(_spoken_year(m["sy"], c.L)) if m["sy"] else None)
    if y:
        start = m.start()
        tb = re.search(r"\bthe\s+$", c.before(start, 6))
        return "DATE", f"{y}-{code}", None, start - (len(tb.group(0)) if tb else 0), m.end()
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if not rel:
        if s == "fall" and not re.search(r"\b(?:the|this|last|next|in|by|until|since|during)\s+$", c.before(m.start(), 12).lower()):
            return None
        if not re.search(r"\b(?:in|the|during|by|until|since|this|last|next|early|late|mid)[\s-]+$", c.before(m.start(), 14).lower()):
            return None
    if rel in ("that", "the same"):
        return None
    if c.dct is None:
        return "DATE", f"XXXX-{code}"
    off = c.L.d.RELATIVE.get(rel, 0)
    year = c.dct.year + off
    if not rel or rel == "the":
        start_month = c.L.d.SEASON_START_MONTH[code]
        tense = c.tense(m.start(), m.end())
        if tense == "past" and start_month > c.dct.month:
            year -= 1
        elif tense == "future" and start_month + 2 < c.dct.month:
            year += 1
    return "DATE", f"{_year_value(year)}-{code}"


def _h_decade(m, c: _Ctx):
    """ "the 1990s" -> "199" (span from "the"), "the '80s", "the nineties"."""
    if m["dw"]:
        return "DATE", f"19{c.L.d.DECADE_WORDS[m['dw'].lower()]}"
    if m["d3"]:
        return "DATE", f"19{m['d3']}"
    if c.text[m.end():m.end() + 1].isalnum():
        return None
    tb = re.search(r"\bthe\s+(?:(?:early|late|mid)[\s-]*)?$", c.before(m.start(), 12), re.I)
    start = m.start() - len(tb.group(0)) if tb else m.start()
    return "DATE", f"{m['c']}{m['d']}", None, start, m.end()


def _h_year(m, c: _Ctx):
    """A 4-digit number 1900-2099 is a year unless it is money, a count ("2000 workers", "1998 percent")
    or part of a bigger number ("2,024", "1999.5"), or an age/size compound ("2000-member")."""
    s, e = m.span()
    text, L = c.text, c.L
    if L.count_follow.match(text, e) or L.age_follow.match(text, e):
        return None
    if re.match(r"-(?:member|strong|page|mile|foot|seat|acre|ton|point|meter|metre)", text[e:e + 8], re.I):
        return None
    if re.search(r"(?:[$£€¥#]|\b(?:rs|us|usd|no|number|nos|room|flight|route|tel|page|p)\.?)\s*$", c.before(s, 8), re.I):
        return None
    return "DATE", m["y"]


def _h_year_end(m, c: _Ctx):
    """ "by year-end": the end of the DCT year; "since year-end": the end of the year before."""
    if m["y"]:
        return "DATE", m["y"].strip()
    if c.dct is None:
        return "DATE", "XXXX"
    if re.search(r"\bsince\s+$", c.before(m.start(), 8), re.I):
        return "DATE", f"{_year_value(c.dct.year - 1)}-12-31"
    return "DATE", str(c.dct.year)


def _h_spoken_year(m, c: _Ctx):
    y = _spoken_year(m["sy"], c.L)
    if y is None or not 1900 <= y <= 2099:
        return None
    words = m["sy"].lower()
    if not m["the"] and re.search(r"\b(?:hundred|thousand)\s+(?:dollars|people|troops|years|of)\b", c.text[m.start():m.end() + 12], re.I):
        return None
    if not m["the"] and words.startswith("two thousand") and not re.search(r"\b(?:in|since|by|until|year|of|from|to)\s+$", c.before(m.start(), 10).lower()):
        return None
    return "DATE", str(y)


def _h_duration(m, c: _Ctx):
    unit = _unit_key(m["u"], c.L)
    word = re.sub(r"\s+", " ", m["n"].lower())
    if c.L.age_follow.match(c.text, m.end()):
        return None   # "a 6-year-old": an age, not a time
    n = _num(m["n"], c.L)
    if word in ("a", "an") and (m["long"] or m["u"].lower().endswith("s")):
        return None   # "a day-long meeting": the unit_long pattern takes "day-long"; "a decades..." is no count
    if word in ("a", "an") and unit == "second" and not m["frac"]:
        return None   # "a second time"
    if word in ("a", "an") and _is_rate(m.start(), c):
        return None   # a frequency: the set pattern takes it
    if word in ("recent", "coming", "the coming"):
        n = None
    if word in ("a", "an") and re.match(r"\s+(?:ago|earlier|later)", c.text[m.end():]):
        return None
    if n is not None and n > 1000:
        return None
    if unit == "quarter" and (word in ("a", "an", "three", "one") or re.match(r"\s+of\b", c.text[m.end():m.end() + 4])):
        return None   # "three-quarters of", "a quarter of": fractions
    if re.match(r"\s*(?:minutes?|hours?)\b", m["u"], re.I) and m["u"][0].isupper() and m["n"][0].isdigit():
        return None   # "60 Minutes", a title
    value = _duration(n, unit, c.L, half=bool(m["frac"] or m["frac2"]))
    if m["n2"] is not None and n is not None:
        value = _duration(n, unit, c.L)
    return "DURATION", value


def _h_bare_units(m, c: _Ctx):
    """ "for years", "within weeks", "the first time in decades": a vague duration (PXY)."""
    if not c.L.bare_unit_before.search(c.before(m.start(), 14)):
        return None
    if re.match(r"\s+(?:of|old|ago|later|earlier|before|after|to\s+come)\b", c.text[m.end():m.end() + 10], re.I):
        return None
    return "DURATION", _duration(None, _unit_key(m["u"], c.L), c.L)


def _h_clock(m, c: _Ctx):
    base = c.dct.isoformat() if c.dct else "XXXX-XX-XX"
    if m["w"]:
        if m["w"][0].isupper() and re.search(r"\bhigh\s+$", c.before(m.start(), 6), re.I):
            return None
        return "TIME", f"{base}T{c.L.d.CLOCK_WORDS[m['w'].lower()]}"
    if m["hw"] is not None:
        h = _num(m["hw"], c.L)
        if h is None or not 1 <= h <= 12:
            return None
        h = int(h) % 12 + (12 if m["pod"].lower() in ("afternoon", "evening") else 0)
        return "TIME", f"{base}T{h:02d}:00"
    if m["h24"] is not None:
        h, mi = int(m["h24"]), int(m["mi24"])
        if re.search(r"[\d.,:]$", c.before(m.start(), 1)):
            return None
    else:
        h, mi = int(m["h"]), int(m["mi"] or 0)
        if not 1 <= h <= 12:
            return None
        pm = m["ap"].lower().startswith("p")
        h = (h % 12) + (12 if pm else 0)
    return "TIME", f"{base}T{h:02d}:{mi:02d}"


def _is_rate(start: int, c: _Ctx) -> bool:
    """ "four flights a week", "24 hours a day": "a week" after an amount is a frequency, not a length."""
    return bool(c.L.rate_before.search(c.before(start, 40)))


def _h_set(m, c: _Ctx):
    L = c.L
    if m["adv"]:
        adv = m["adv"].lower()
        if adv in L.d.SET_ADVERBS_NOT_BEFORE_NOUN and re.match(r"\s+[a-z]", c.text[m.end():m.end() + 3]) \
                and not re.match(r"\s+(?:and|or|by|in|to|at|for|from|on|basis|since|until)\b", c.text[m.end():m.end() + 8]):
            return None
        return "SET", L.d.SET_ADVERBS[adv]
    if m["rate"]:
        if not _is_rate(m.start(), c):
            return None
        return "SET", _duration(1, m["ru"].lower(), L)
    if m["m"]:
        month = _month_num(m["m"], L)
        return ("SET", f"XXXX-{month:02d}") if month and m["m"][0].isupper() else None
    unit = m["u"].lower()
    n = _num(m["n"], L) if m["n"] else 1
    if unit in L.weekdays:
        return "SET", f"XXXX-WXX-{L.weekdays[unit] + 1}"
    if unit in L.d.SEASONS:
        return "SET", f"XXXX-{L.d.SEASONS[unit]}"
    return "SET", _duration(n, _unit_key(unit, L), L)


def _h_ref(m, c: _Ctx):
    w = re.sub(r"\s+", " ", m["w"].lower())
    blocker = c.L.d.REF_BLOCKERS_AFTER.get(w)
    if blocker and re.match(blocker, c.text[m.end():m.end() + 12], re.I):
        return None
    blocker = c.L.d.REF_BLOCKERS_BEFORE.get(w)
    if blocker and re.search(blocker, c.before(m.start(), 8), re.I):
        return None
    if w in c.L.d.FUTURE_ONLY_REFS and c.tense(m.start(), m.end()) != "future":
        return None
    return "DATE", c.L.refs[w]


def _h_century(m, c: _Ctx):
    """ "the 19th century" -> 18 (TIMEX3 writes a century as its two leading digits)."""
    word = m["o"].lower()
    n = int(re.match(r"\d+", word).group()) if word[0].isdigit() else c.L.d.CENTURY_ORDINALS.get(re.sub(r"\s+", " ", word))
    if not n or not 1 <= n <= 21:
        return None
    return "DATE", f"{n - 1:02d}"


def _h_in_the_day(m, c: _Ctx):
    """ "later in the day": only "the day" is the expression, and it is the document's day."""
    s, e = m.span("the")
    return "DATE", c.dct.isoformat() if c.dct else "XXXX-XX-XX", None, s, e


def _h_unit_long(m, c: _Ctx):
    """ "a day-long meeting", "decades-long feud": one unit, or an unknown number of them."""
    unit = _unit_key(m["u"], c.L)
    return "DURATION", _duration(None if m["pl"] else 1, unit, c.L)


def _h_event_anchored(m, c: _Ctx):
    """ "in the weeks before the vote": a vague stretch; TimeML tags the unit word only."""
    s, e = m.span("u")
    return "DURATION", _duration(None, _unit_key(m["u"], c.L), c.L), None, s, e


_HANDLERS = {
    "iso": _h_iso, "numeric": _h_numeric, "month_day": _h_month_day, "day_month": _h_day_month,
    "month_year": _h_month_year, "month_rel_year": _h_month_rel_year, "rel_month": _h_rel_month,
    "month": _h_month, "holiday": _h_holiday, "weekday": _h_weekday, "dayword": _h_dayword,
    "rel_pod": _h_rel_pod, "ago": _h_ago, "unit_ago": _h_unit_ago, "the_past_n": _h_the_past_n,
    "rel_unit": _h_rel_unit, "the_unit": _h_the_unit, "that_unit": _h_that_unit, "quarter": _h_quarter,
    "half": _h_half, "season": _h_season, "decade": _h_decade, "year": _h_year, "year_end": _h_year_end,
    "spoken_year": _h_spoken_year, "duration": _h_duration, "bare_units": _h_bare_units,
    "clock": _h_clock, "set": _h_set, "ref": _h_ref, "century": _h_century, "in_the_day": _h_in_the_day,
    "unit_long": _h_unit_long, "event_anchored": _h_event_anchored,
}


# -- the tagger -------------------------------------------------------------------------------------

def tag(text: str, dct: dt.date | None = None, lang: str = "en") -> list[Timex]:
    """All temporal expressions in `text`, normalised against the document creation time `dct`."""
    if isinstance(dct, dt.datetime):
        dct = dct.date()
    L = _lang(lang)
    c = _Ctx(text, dct, L)
    cands = []   # (start, end, priority, type, value, end_value)
    spans = _windows(text, L)
    for prio, (name, rx) in enumerate(L.patterns):
        handler = _HANDLERS[name]
        for ws, we in _pattern_windows(spans, L.pattern_kinds[prio], text):
            for m in rx.finditer(text, ws, we):
                got = _handle(handler, m, c)
                if got is None:
                    continue
                # a handler returns (type, value), optionally an end value, optionally its own span
                typ, value = got[0], got[1]
                end_value = got[2] if len(got) > 2 else None
                s, e = got[3:5] if len(got) == 5 else m.span()
                if s < e:
                    cands.append((s, e, prio, typ, value, end_value))
    chosen = _resolve_overlaps(cands)
    chosen = [_widen(t, c) for t in chosen]
    chosen = _merge_times(chosen, c)
    chosen = _split_coordinated_days(chosen, c)
    chosen = _resolve_references(chosen, c)
    out = []
    for s, e, typ, value, end_value in chosen:
        anchored = not (value[:1] == "X" or "XXXX" in value) or typ in ("DURATION", "SET")
        out.append(Timex(s, e, text[s:e], typ, value, anchored, end_value))
    return out


def _handle(handler, m, c: _Ctx):
    """A handler's result; None when the value would leave the representable calendar."""
    try:
        return handler(m, c)
    except _OutOfRange:
        return None


def _resolve_overlaps(cands: list) -> list[list]:
    """Longest match wins; on equal length the earlier pattern in the list wins."""
    cands.sort(key=lambda k: (-(k[1] - k[0]), k[2], k[0]))
    starts: list[int] = []
    taken: list[tuple[int, int]] = []
    out = []
    for s, e, _, typ, value, end_value in cands:
        i = bisect.bisect_left(starts, s)
        if (i > 0 and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e):
            continue
        starts.insert(i, s)
        taken.insert(i, (s, e))
        out.append([s, e, typ, value, end_value])
    out.sort(key=lambda t: t[0])
    return out


def _widen(t: list, c: _Ctx) -> list:
    """Take in the modifiers TimeML keeps in the span: "nearly four years", "early March", "the six months"."""
    s, e, typ, value = t[0], t[1], t[2], t[3]
    text = c.text
    if typ == "DURATION" or (typ == "DATE" and re.search(r"\b(?:ago|earlier)$", text[s:e], re.I)):
        if typ == "DURATION" and not text[s:s + 4].lower().startswith("the "):
            m = re.search(r"\bthe\s+$", c.before(s, 5), re.I)
            if m and not re.match(r"\s*(?:-|long\b|old\b)", text[e:e + 5]) and not re.search(r"-\w+$", text[s:e]):
                s -= len(m.group(0))
        m = c.L.approx_before.search(c.before(s, 16))
        if m:
            s -= len(m.group(0))
    elif typ in ("DATE", "TIME") and value[:1] not in ("P",) and "REF" not in value:
        head = text[s:s + 12].lower()
        m = c.L.year_prefix_before.search(c.before(s, 24)) if re.fullmatch(r"\d{4}", value) and head[:1].isdigit() else None
        if m is None and not head.startswith(("earl", "late", "mid", "the ")):
            m = c.L.point_before.search(c.before(s, 20))
            if m and m.group(0).lower().startswith(("earlier", "later", "late")) and head.split(" ")[0] in c.L.weekdays:
                m = None   # "Earlier Friday": TimeBank leaves the adverb out
        if m:
            s -= len(m.group(0))
            tb = re.search(r"\bthe\s+$", c.before(s, 5), re.I)
            if tb and re.match(r"(?:early|late|mid)", text[s:s + 4], re.I):
                s -= len(tb.group(0))
    t[0] = s
    return t


def _merge_times(found: list[list], c: _Ctx) -> list[list]:
    """Join a clock time and its day ("10 p.m. Wednesday", "5 p.m. EST Nov. 9") into one TIME, and give
    a time after a day ("17th July at 6.00 pm") that day's date."""
    out: list[list] = []
    text = c.text
    for t in found:
        prev = out[-1] if out else None
        if prev is not None and prev[2] == "TIME" and "T" in prev[3] and t[2] == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d|XXXX-\d\d-\d\d", t[3]):
            gap = text[prev[1]:t[0]]
            tz = c.L.tz_after.match(text, prev[1])
            if re.fullmatch(r"[\s,]*(?:on\s+)?", gap) or (tz and re.fullmatch(r"[\s,]*(?:on\s+)?", text[tz.end():t[0]])):
                clock = prev[3].split("T", 1)[1]
                out[-1] = [prev[0], t[1], "TIME", f"{t[3]}T{clock}", None]
                continue
        if prev is not None and t[2] == "TIME" and prev[2] in ("DATE", "TIME") and re.fullmatch(r"\d{4}-\d\d-\d\d(T[A-Z]{2})?", prev[3]) and re.fullmatch(r"[\s,]*(?:at|from|by|around|about)?[\s,]*", text[prev[1]:t[0]]) and "T" in t[3]:
            t = [t[0], t[1], t[2], prev[3][:10] + "T" + t[3].split("T", 1)[1], t[4]]
        out.append(t)
    return out


_COORDINATED_DAYS = re.compile(r"(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+and\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b")


def _split_coordinated_days(found: list[list], c: _Ctx) -> list[list]:
    """ "April 24 and 25" are two dates, as TimeML has it (a dash or "to" makes one range instead)."""
    out: list[list] = []
    for t in found:
        s, e, typ, value = t[0], t[1], t[2], t[3]
        m = _COORDINATED_DAYS.search(c.text, s, e) if typ == "DATE" and re.fullmatch(r"[\dX]{4}-\d\d-\d\d", value) else None
        if m is None:
            out.append(t)
            continue
        first_end, second_start = m.end("d1"), m.start("d2")
        while first_end < e and c.text[first_end].isalpha():   # keep an ordinal suffix with its day
            first_end += 1
        d1, d2 = int(m["d1"]), int(m["d2"])
        out.append([s, first_end, typ, f"{value[:8]}{d1:02d}", None])
        out.append([second_start, e, typ, f"{value[:8]}{d2:02d}", None])
    return out


def _resolve_references(found: list[list], c: _Ctx) -> list[list]:
    """Values that point back ("@yearago", "@year:1", "@quarter:0") take the last date of that kind."""
    last: dict[str, str] = {}
    dct = c.dct
    out = []
    for t in found:
        value = t[3]
        if value.startswith("@"):
            try:
                value = _resolve_reference(value, last, dct, t[0])
            except _OutOfRange:
                value = None
            if value is None:
                continue
            t = [t[0], t[1], t[2], value, t[4]]
        else:
            _remember(value, t[0], last)   # resolved references do not become reference times themselves
        out.append(t)
    return out


def _remember(value: str, pos: int, last: dict) -> None:
    v = value.split("T")[0]
    if re.fullmatch(r"\d{4}-Q[1-4]", v):
        last["quarter"] = v
        last["quarter_pos"] = pos
    if re.fullmatch(r"\d{4}-\d\d-\d\d", v):
        last["day"] = v
    if re.fullmatch(r"\d{4}-\d\d(-\d\d)?", v):
        last["month"] = v[:7]
    if re.fullmatch(r"\d{4}(-.*)?", v):
        last["year"] = v[:4]


_QUARTER_REACH = 600   # characters: how far back a reported quarter colours "a year ago"


def _resolve_reference(value: str, last: dict, dct: dt.date | None, pos: int) -> str | None:
    if value == "@yearago":
        q = last.get("quarter")
        if q and pos - last["quarter_pos"] <= _QUARTER_REACH:
            return f"{int(q[:4]) - 1}{q[4:]}"
        return _year_value(dct.year - 1) if dct else "XXXX"
    unit, off = value[1:].split(":")
    off = int(off)
    if unit == "quarter":
        q = last.get("quarter")
        if q is None:
            if dct is None:
                return "XXXX-QX"
            return _relative_unit(dct, "quarter", -1 + off)
        year, n = int(q[:4]), int(q[-1]) - 1 + off
        return f"{_year_value(year + n // 4)}-Q{n % 4 + 1}"
    # no earlier date of that kind: count from the DCT, the only reference time left
    if unit == "year":
        y = last.get("year")
        return _year_value(int(y) + off) if y else (_year_value(dct.year + off) if dct else None)
    if unit == "month":
        mo = last.get("month")
        y, m = (int(mo[:4]), int(mo[5:7])) if mo else ((dct.year, dct.month) if dct else (None, None))
        if y is None:
            return None
        y, m = _shift_months(y, m, off)
        return f"{y}-{m:02d}"
    day = dt.date.fromisoformat(last["day"]) if last.get("day") else dct
    if day is None:
        return None
    if unit == "day":
        return _plus(day, days=off).isoformat()
    if unit == "week":
        return _week(_plus(day, weeks=off))
    return None


# -- values as intervals ----------------------------------------------------------------------------

_GRANULARITY = [
    (re.compile(r"\d{4}-\d\d-\d\d"), "day"),
    (re.compile(r"\d{4}-W\d\d(?:-WE)?"), "week"),
    (re.compile(r"\d{4}-\d\d"), "month"),
    (re.compile(r"\d{4}-Q[1-4]"), "quarter"),
    (re.compile(r"\d{4}-(?:SP|SU|FA|WI)"), "season"),
    (re.compile(r"\d{4}-H[12]"), "half"),
    (re.compile(r"\d{4}"), "year"),
    (re.compile(r"\d{3}"), "decade"),
]


def granularity(value: str) -> str | None:
    """The calendar unit a DATE/TIME value names: "day", "week", "month", "quarter", "season", "half",
    "year" or "decade"; None for durations, sets, vague references and unresolved values."""
    v = value.split("T")[0]
    for rx, name in _GRANULARITY:
        if rx.fullmatch(v):
            return name
    return None


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def value_to_range(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day covered by a DATE value; None for durations, references and unknown years."""
    v = value.split("T")[0]
    g = granularity(v)
    try:
        if g == "day":
            d = dt.date.fromisoformat(v)
            return d, d
        if g == "week":
            monday = dt.date.fromisocalendar(int(v[:4]), int(v[6:8]), 1)
            if v.endswith("-WE"):
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
            return monday, monday + dt.timedelta(days=6)
        if g == "month":
            y, m = int(v[:4]), int(v[5:7])
            return dt.date(y, m, 1), _month_end(y, m)
        if g == "quarter":
            y, q = int(v[:4]), int(v[6])
            return dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if g == "half":
            y, h = int(v[:4]), int(v[6])
            return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if h == 1 else (dt.date(y, 7, 1), dt.date(y, 12, 31))
        if g == "season":
            y = int(v[:4])
            first_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[v[5:]]
            ey, em = _shift_months(y, first_month, 2)
            return dt.date(y, first_month, 1), _month_end(ey, em)
        if g == "year":
            y = int(v)
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if g == "decade":
            y = int(v) * 10
            return dt.date(y, 1, 1), dt.date(y + 9, 12, 31)
    except (ValueError, OverflowError):   # a period that runs off the calendar (week 52 of 9999)
        return None
    return None
