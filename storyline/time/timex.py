"""The time engine: find temporal expressions in English news and normalise them to TIMEX3 values.

One engine serves `storyline timex` and the pipeline. Pure standard library, regexes compiled once per
language from the word lists in `lang/<code>.py`, so it tags thousands of sentences a second.

Conventions (TimeML, anchored on the document creation time, DCT):
- A date without a year takes the year that puts it nearest the DCT ("Dec 30" read on 3 Jan is last year).
- Numeric dates: ISO "2023-04-24"; slashed "24/04/2023" is day-first unless the first number is > 12
  would be impossible as a month... i.e. day-first, except when the second number is > 12 (then month-first).
- A bare weekday ("on Monday") is the most recent such day in past-tense context, the coming one in
  future-tense context, and the DCT itself when the DCT is that weekday.
- A bare month ("in March") is the nearest such month in the direction of the clause's tense.
- "last month" is a month value, never a day: granularity is kept.
- Spans leave out prepositions ("on", "in", "at", "by", "since") and keep determiners and modifiers.
"""
from __future__ import annotations

import datetime as dt
import functools
import importlib
import re
from dataclasses import dataclass

_QUARTER_OF_MONTH = {m: (m - 1) // 3 + 1 for m in range(1, 13)}


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str            # DATE | TIME | DURATION | SET
    value: str
    anchored: bool = True
    end_value: str | None = None   # last day of a range ("July 17-18" -> "2023-07-18")


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class _Lang:
    """A language's word lists compiled into the patterns the engine needs."""

    def __init__(self, code: str):
        d = importlib.import_module(f"storyline.time.lang.{code}")
        self.d = d
        month = _alt(d.MONTHS)
        wday = _alt(d.WEEKDAYS)
        num = r"(?:\d+(?:\.\d+)?|" + _alt(d.NUMBERS) + r"|(?:twenty|thirty|forty|fifty)[- ](?:one|two|three|four|five|six|seven|eight|nine))"
        vague = _alt(d.VAGUE_NUMBERS)
        unit = _alt(d.UNITS)
        season = _alt(d.SEASONS)
        pod = _alt(d.PARTS_OF_DAY)
        rel = _alt(d.RELATIVE)
        dayw = _alt(d.DAY_WORDS)
        mod = r"(?:(?:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[\s-]+)"
        ordn = r"(?:st|nd|rd|th)?"
        m_abbr = rf"(?:{month})\.?"
        year = r"(?:1[89]\d\d|20\d\d)"
        self.patterns: list[tuple[str, re.Pattern]] = [
            ("iso", re.compile(rf"\b({year})-(\d\d)-(\d\d)\b")),
            ("numeric", re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d\d)\b")),
            ("month_day", re.compile(
                rf"\b(?P<wd>(?:{wday}),?\s+)?(?P<mod>{mod})?(?P<m>{m_abbr})\s+(?P<d>\d{{1,2}}){ordn}"
                rf"(?:\s*[-–]\s*(?P<d2>\d{{1,2}}){ordn})?(?:,?\s+(?P<y>{year}))?(?!\d|:\d)", re.I)),
            ("day_month", re.compile(
                rf"\b(?P<wd>(?:{wday}),?\s+)?(?:the\s+)?(?P<d>\d{{1,2}}){ordn}(?:\s*[-–]\s*(?P<d2>\d{{1,2}}){ordn})?"
                rf"\s+(?:of\s+)?(?P<m>{m_abbr})(?:,?\s+(?P<y>{year}))?\b", re.I)),
            ("month_year", re.compile(rf"\b(?P<mod>{mod})?(?P<m>{m_abbr}),?\s+(?:of\s+)?(?P<y>{year})\b", re.I)),
            ("rel_month", re.compile(rf"\b(?P<rel>{rel})\s+(?P<m>{m_abbr})(?!\s*\d)\b", re.I)),
            ("month_rel_year", re.compile(rf"\b(?P<m>{m_abbr})\s+(?P<rel>last|next|this)\s+year\b", re.I)),
            ("month", re.compile(rf"\b(?P<mod>{mod})?(?P<m>{m_abbr})(?!\s*\d)\b", re.I)),
            ("weekday", re.compile(
                rf"\b(?:(?P<rel>last|next|this|coming|past)\s+)?(?P<wd>{wday})\b(?:\s+(?P<pod>{pod}))?", re.I)),
            ("dayword", re.compile(rf"\b(?P<w>{dayw})\b(?:\s+(?P<pod>{pod}))?", re.I)),
            ("this_pod", re.compile(rf"\b(?P<rel>this|last|tomorrow|yesterday)\s+(?P<pod>{pod})\b", re.I)),
            ("ago", re.compile(rf"\b(?P<n>{num}|{vague})\s+(?P<u>{unit})s?\s+(?P<dir>ago|earlier|before|later|after|from\s+now|hence)\b", re.I)),
            ("year_ago", re.compile(r"\b(?P<w>year|month|week|day)-(?P<dir>earlier|ago)\b", re.I)),
            ("the_past_n", re.compile(rf"\b(?P<det>(?:the\s+)?(?:past|last|next|coming|previous|first|final|latest)\s+)(?P<n>{num}|{vague})\s+(?P<u>{unit})s?\b", re.I)),
            ("rel_unit", re.compile(
                rf"\b(?P<pre>(?:early|earlier|late|later|mid)[\s-]+)?(?P<rel>{rel})\s+(?P<u>week|weekend|month|year|quarter|decade|century|{season})\b", re.I)),
            ("the_unit", re.compile(r"\bthe\s+(?P<adj>latest|same|previous|prior|year-ago|year-earlier|current|past|full)?\s*(?P<u>quarter|year|week|month|weekend|period)\b", re.I)),
            ("quarter", re.compile(
                rf"\b(?:the\s+)?(?P<o>first|second|third|fourth|1st|2nd|3rd|4th|final|last)[\s-]+(?:fiscal\s+|calendar\s+)?quarter(?:\s+of\s+(?:(?:fiscal|calendar)\s+)?(?P<y>{year}))?\b|\bQ(?P<q>[1-4])(?:\s+(?P<y2>{year}))?\b", re.I)),
            ("half", re.compile(rf"\b(?:the\s+)?(?P<o>first|second)\s+half(?:\s+of\s+(?P<y>{year}))?\b", re.I)),
            ("season", re.compile(rf"\b(?P<mod>{mod})?(?:(?P<rel>last|next|this|the\s+coming|the\s+past)\s+)?(?P<s>{season})(?:\s+(?:of\s+)?(?P<y>{year}))?\b", re.I)),
            ("decade", re.compile(r"\b(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?P<c>1[89]|20)?(?P<d>\d)0['’]?s\b|\bthe\s+['’](?P<d3>\d)0s\b", re.I)),
            ("year_word", re.compile(rf"\b(?P<pre>(?:fiscal|calendar|FY|the\s+year|(?:early|late|mid)[\s-]+)\s*)?(?P<y>{year})\b(?!\s*[-–]\s*\d)", re.I)),
            ("duration", re.compile(
                rf"\b(?P<n>{num}|{vague})(?:[\s-]+(?:and\s+a\s+half\s+)?)(?P<u>{unit})s?(?:[\s-]+long)?\b", re.I)),
            ("bare_units", re.compile(rf"\b(?P<u>years|months|weeks|days|decades|hours)\b", re.I)),
            ("clock", re.compile(
                r"\b(?P<h>\d{1,2})(?:[:.](?P<mi>\d\d))?\s*(?P<ap>[ap]\.?\s?m\b\.?)|\b(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)\b|\b(?P<w>noon|midday|midnight)\b", re.I)),
            ("set", re.compile(rf"\b(?:(?P<q>every|each)\s+(?:(?P<n>{num})\s+)?(?P<u>{unit}|{wday}|{season})s?|(?P<adv>{_alt(d.SETS)}))\b", re.I)),
            ("ref", re.compile(rf"\b(?P<w>{_alt(d.TAGGED_REFS)})\b", re.I)),
        ]
        self.future_cues = re.compile(rf"\b(?:{_alt(d.FUTURE_CUES)})\b", re.I)
        self.past_cues = re.compile(rf"\b(?:{_alt(d.PAST_CUES)}|\w{{3,}}ed)\b", re.I)
        self.be_before = re.compile(rf"\b(?:{_alt(d.BE_FORMS)})\s+(?:\w+ly\s+)?$", re.I)
        self.count_follow = re.compile(r"\s*" + d.COUNT_FOLLOWERS_RE, re.I)
        self.year_pre = {w.lower() for w in d.YEAR_PRECEDERS}


@functools.lru_cache(maxsize=8)
def _lang(code: str) -> _Lang:
    return _Lang(code)


# -- small date helpers -----------------------------------------------------------------------------

def _shift_months(d: dt.date, n: int) -> tuple[int, int]:
    m = d.month - 1 + n
    return d.year + m // 12, m % 12 + 1


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _nearest_year(dct: dt.date, month: int, day: int, tense: str | None) -> int:
    """The year that puts month/day nearest the DCT, nudged by tense."""
    best = None
    for y in (dct.year - 1, dct.year, dct.year + 1):
        d = _safe_date(y, month, day if day else 1)
        if d is None:
            continue
        delta = (d - dct).days
        if tense == "past" and delta > 7:
            continue
        if tense == "future" and delta < -7:
            continue
        if best is None or abs(delta) < abs(best[1]):
            best = (y, delta)
    return best[0] if best else dct.year


def _sentence_window(text: str, start: int, end: int) -> tuple[str, str]:
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind("? ", 0, start),
             text.rfind("! ", 0, start), start - 200)
    hi_cands = [i for i in (text.find(". ", end), text.find("\n", end), text.find("? ", end)) if i >= 0]
    hi = min(hi_cands + [end + 200, len(text)])
    return text[max(lo, 0):start], text[end:hi]


def clause_tense(text: str, start: int, end: int, lang: _Lang) -> str | None:
    """"past", "future" or None from the nearest tense cue around a span in its sentence."""
    before, after = _sentence_window(text, start, end)
    best = None  # (distance, tense)
    for rx, tense in ((lang.future_cues, "future"), (lang.past_cues, "past")):
        hits = [m for m in rx.finditer(before) if not _passive(before, m, tense, lang)]
        for m in hits:
            dist = len(before) - m.end()
            if best is None or dist < best[0]:
                best = (dist, tense)
        m = next((m for m in rx.finditer(after) if not _passive(after, m, tense, lang)), None)
        if m:
            dist = m.start() + 5      # cues after the expression count a little less
            if best is None or dist < best[0]:
                best = (dist, tense)
    return best[1] if best else None


def _passive(text: str, m, tense: str, lang: _Lang) -> bool:
    """A participle after a form of "be" ("will be held", "is served") carries no tense of its own."""
    if tense != "past":
        return False
    return bool(lang.be_before.search(text, 0, m.start()))


def _num(word: str, lang: _Lang) -> float | None:
    w = word.lower().replace("-", " ")
    if re.fullmatch(r"\d+(\.\d+)?", w):
        return float(w)
    if w in lang.d.NUMBERS:
        return lang.d.NUMBERS[w]
    parts = w.split()
    if len(parts) == 2 and parts[0] in lang.d.NUMBERS and parts[1] in lang.d.NUMBERS:
        return lang.d.NUMBERS[parts[0]] + lang.d.NUMBERS[parts[1]]
    return None


def _duration(n: float | None, unit: str) -> str:
    letter, is_time = _unit(unit)
    if n is None:
        amount = "X"
    else:
        amount = str(int(n)) if float(n).is_integer() else str(n)
    if letter == "WE":
        return f"P{amount}WE"
    if letter == "2W":
        return f"P{int(n or 1) * 2 if n else 'X'}W"
    return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"


def _unit(word: str) -> tuple[str, bool]:
    from .lang import en  # noqa: F401  (units are shared by the engine's arithmetic)

    w = word.lower()
    if w.endswith("s") and w[:-1] in _lang("en").d.UNITS:
        w = w[:-1]
    if w == "centurie":
        w = "century"
    return _lang("en").d.UNITS.get(w, ("D", False))


def _month_value(dct: dt.date | None, month: int, tense: str | None) -> str:
    if dct is None:
        return f"XXXX-{month:02d}"
    if tense == "future":
        y = dct.year if month >= dct.month else dct.year + 1
    elif tense == "past":
        y = dct.year if month <= dct.month else dct.year - 1
    else:
        y = _nearest_year(dct, month, 15, None)
    return f"{y}-{month:02d}"


def _relative_unit(dct: dt.date, unit: str, offset: int) -> str:
    u = unit.lower()
    if u == "week":
        return _week(dct + dt.timedelta(weeks=offset))
    if u == "weekend":
        return _week(dct + dt.timedelta(weeks=offset)) + "-WE"
    if u == "month":
        y, m = _shift_months(dct, offset)
        return f"{y}-{m:02d}"
    if u == "year":
        return str(dct.year + offset)
    if u == "quarter":
        q = _QUARTER_OF_MONTH[dct.month] - 1 + offset
        return f"{dct.year + q // 4}-Q{q % 4 + 1}"
    if u == "decade":
        return str((dct.year // 10 + offset))[:3]
    if u == "century":
        return str(dct.year // 100 + offset)
    return dct.isoformat()


# -- the tagger -------------------------------------------------------------------------------------

def tag(text: str, dct: dt.date | None = None, lang: str = "en") -> list[Timex]:
    """All temporal expressions in `text`, normalised against the document creation time `dct`."""
    L = _lang(lang)
    cands: list[tuple[int, int, int, str, str, str | None]] = []   # start, end, priority, type, value, end_value
    for prio, (name, rx) in enumerate(L.patterns):
        for m in rx.finditer(text):
            got = _HANDLERS[name](m, text, dct, L)
            if got is None:
                continue
            typ, value, end_value, *span = got
            s, e = span if span else m.span()
            if s < e:
                cands.append((s, e, prio, typ, value, end_value))
    # longest match wins; on equal length the earlier pattern (higher priority) wins
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    out = []
    for s, e, _, typ, value, end_value in cands:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        anchored = "X" not in value[:4] or typ in ("DURATION", "SET")
        out.append(Timex(s, e, text[s:e], typ, value, anchored, end_value))
    out.sort(key=lambda t: t.start)
    return _attach_times(out, text)


def _attach_times(found: list[Timex], text: str) -> list[Timex]:
    """A clock time right after a date ("17th July at 6.00 pm") takes that date."""
    out = list(found)
    for i, t in enumerate(out):
        if t.type != "TIME" or i == 0:
            continue
        prev = out[i - 1]
        gap = text[prev.end:t.start]
        if prev.type == "DATE" and len(prev.value) == 10 and re.fullmatch(r"[\s,]*(?:at|from|by)?[\s,]*", gap):
            out[i] = Timex(t.start, t.end, t.text, t.type, prev.value + "T" + t.value.split("T", 1)[1], t.anchored)
    return out


def _h_iso(m, text, dct, L):
    d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
    return ("DATE", d.isoformat(), None) if d else None


def _h_numeric(m, text, dct, L):
    a, b, y = int(m[1]), int(m[2]), int(m[3])
    if y < 100:
        y += 2000 if y < 50 else 1900
    day, month = (a, b) if b <= 12 else (b, a)     # day-first unless impossible
    d = _safe_date(y, month, day)
    return ("DATE", d.isoformat(), None) if d else None


def _month_num(word: str, L) -> int | None:
    return L.d.MONTHS.get(word.lower().rstrip("."))


def _h_month_day(m, text, dct, L):
    month = _month_num(m["m"], L)
    day = int(m["d"])
    if not month or not 1 <= day <= 31:
        return None
    if m["m"].lower().rstrip(".") in L.d.AMBIGUOUS_MONTHS and m["m"][0].islower():
        return None
    if m["y"]:
        y = int(m["y"])
    elif dct:
        y = _nearest_year(dct, month, day, clause_tense(text, m.start(), m.end(), L))
    else:
        y = None
    ystr = str(y) if y else "XXXX"
    if _safe_date(y or 2000, month, day) is None:
        return None
    value = f"{ystr}-{month:02d}-{day:02d}"
    end_value = None
    if m["d2"]:
        d2 = int(m["d2"])
        if d2 > day and _safe_date(y or 2000, month, d2):
            end_value = f"{ystr}-{month:02d}-{d2:02d}"
    groups = m.groupdict()
    start = m.start("wd") if groups.get("wd") else (m.start("mod") if groups.get("mod") else m.start())
    return "DATE", value, end_value, start, m.end()


_h_day_month = _h_month_day


def _h_month_year(m, text, dct, L):
    month = _month_num(m["m"], L)
    if not month:
        return None
    return "DATE", f"{int(m['y'])}-{month:02d}", None


def _h_rel_month(m, text, dct, L):
    month = _month_num(m["m"], L)
    if not month or dct is None:
        return None
    rel = L.d.RELATIVE.get(m["rel"].lower(), 0)
    tense = "past" if rel < 0 else "future" if rel > 0 else None
    if rel == 0:
        return "DATE", f"{dct.year}-{month:02d}", None
    return "DATE", _month_value(dct, month, tense), None


def _h_month_rel_year(m, text, dct, L):
    month = _month_num(m["m"], L)
    if not month or dct is None:
        return None
    off = {"last": -1, "next": 1, "this": 0}[m["rel"].lower()]
    return "DATE", f"{dct.year + off}-{month:02d}", None


def _h_month(m, text, dct, L):
    word = m["m"]
    month = _month_num(word, L)
    if not month or not word[0].isupper():
        return None
    if word.lower().rstrip(".") in L.d.AMBIGUOUS_MONTHS and not m["mod"]:
        # "May" and "March" are also a verb: take them only after a preposition or a modifier
        before = text[max(0, m.start() - 12):m.start()].lower()
        if not re.search(r"\b(?:in|since|until|by|of|from|early|late|mid|during|last|next|this)\s+$", before):
            return None
    start = m.start("mod") if m["mod"] else m.start("m")
    return "DATE", _month_value(dct, month, clause_tense(text, m.start(), m.end(), L)), None, start, m.end()


def _h_weekday(m, text, dct, L):
    wd_word = m["wd"]
    if not wd_word[0].isupper() and not m["rel"]:
        return None
    if len(wd_word) <= 4 and not wd_word[0].isupper():
        return None
    wd = L.d.WEEKDAYS[wd_word.lower()]
    pod = L.d.PARTS_OF_DAY.get((m["pod"] or "").lower())
    if dct is None:
        return "DATE", "XXXX-XX-XX" + (f"T{pod}" if pod else ""), None
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past"):
        back = (dct.weekday() - wd) % 7 or 7
        d = dct - dt.timedelta(days=back)
    elif rel in ("next", "coming"):
        fwd = (wd - dct.weekday()) % 7 or 7
        d = dct + dt.timedelta(days=fwd)
    elif wd == dct.weekday():
        d = dct
    else:
        tense = clause_tense(text, m.start(), m.end(), L)
        if tense == "future":
            d = dct + dt.timedelta(days=(wd - dct.weekday()) % 7)
        else:
            d = dct - dt.timedelta(days=(dct.weekday() - wd) % 7)
    value = d.isoformat() + (f"T{pod}" if pod else "")
    return ("TIME" if pod else "DATE"), value, None


def _h_dayword(m, text, dct, L):
    w = m["w"].lower()
    if not m["w"][0].islower() and m["w"] != m["w"].capitalize():
        return None
    pod = "NI" if w == "tonight" else L.d.PARTS_OF_DAY.get((m["pod"] or "").lower())
    if dct is None:
        return "DATE", "XXXX-XX-XX", None
    d = dct + dt.timedelta(days=L.d.DAY_WORDS[w])
    if pod:
        return "TIME", f"{d.isoformat()}T{pod}", None
    return "DATE", d.isoformat(), None


def _h_this_pod(m, text, dct, L):
    if dct is None:
        return None
    rel = m["rel"].lower()
    pod = L.d.PARTS_OF_DAY[m["pod"].lower()]
    d = dct + dt.timedelta(days={"this": 0, "last": -1, "tomorrow": 1, "yesterday": -1}[rel])
    return "TIME", f"{d.isoformat()}T{pod}", None


def _h_ago(m, text, dct, L):
    n = _num(m["n"], L)
    unit = m["u"].lower()
    if dct is None:
        return None
    if m["dir"].lower() in ("before", "after"):
        # "a day after the talks": counted from another event, not from the document date
        return "DURATION", _duration(_num(m["n"], L), unit), None, m.start(), m.start("dir") - 1
    direction = -1 if m["dir"].lower() in ("ago", "earlier") else 1
    if n is None:
        return "DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", None
    letter, is_time = _unit(unit)
    if is_time:
        return None
    n = int(n)
    if letter == "D":
        return "DATE", (dct + dt.timedelta(days=direction * n)).isoformat(), None
    if letter == "W":
        return "DATE", _week(dct + dt.timedelta(weeks=direction * n)), None
    if letter == "M":
        y, mo = _shift_months(dct, direction * n)
        return "DATE", f"{y}-{mo:02d}", None
    if letter == "Y":
        return "DATE", str(dct.year + direction * n), None
    if letter == "Q":
        return "DATE", _relative_unit(dct, "quarter", direction * n), None
    if letter == "DE":
        return "DATE", str(dct.year + direction * 10 * n)[:3], None
    return None


def _h_year_ago(m, text, dct, L):
    if dct is None:
        return None
    return "DATE", _relative_unit(dct, m["w"].lower(), -1), None


def _h_the_past_n(m, text, dct, L):
    n = _num(m["n"], L)
    return "DURATION", _duration(n, m["u"]), None


def _h_rel_unit(m, text, dct, L):
    unit = m["u"].lower()
    rel = m["rel"].lower()
    offset = L.d.RELATIVE.get(rel, 0)
    if unit in L.d.SEASONS:
        if dct is None:
            return "DATE", f"XXXX-{L.d.SEASONS[unit]}", None
        return "DATE", _season_value(dct, unit, offset, L), None
    if rel in ("the past", "the last", "past", "the next", "the coming") and not m["pre"]:
        # "the past week", "the next decade": a stretch of time, not a calendar unit
        return "DURATION", _duration(1, unit), None
    if dct is None:
        return None
    return "DATE", _relative_unit(dct, unit, offset), None


def _h_the_unit(m, text, dct, L):
    if dct is None:
        return None
    adj = (m["adj"] or "").lower()
    unit = m["u"].lower()
    if unit == "period":
        if adj not in ("latest", "year-ago", "year-earlier", "same", "current"):
            return None
        unit = "quarter"
    if adj in ("year-ago", "year-earlier"):
        d = dct.replace(year=dct.year - 1) if not (dct.month == 2 and dct.day == 29) else dct - dt.timedelta(days=365)
        return "DATE", _relative_unit(d, unit, 0 if unit != "quarter" else -1), None
    if adj in ("past", "full"):
        return "DURATION", _duration(1, unit), None
    if adj in ("previous", "prior"):
        return "DATE", _relative_unit(dct, unit, -1), None
    if unit == "quarter":
        return "DATE", _relative_unit(dct, "quarter", -1 if adj in ("latest", "", "same") else 0), None
    if unit == "year" and not adj:
        return "DATE", str(dct.year), None
    if not adj:
        return None
    return "DATE", _relative_unit(dct, unit, 0), None


def _h_quarter(m, text, dct, L):
    q = int(m["q"]) if m["q"] else L.d.ORDINALS.get(m["o"].lower())
    y = m["y"] or m["y2"]
    if q is None:
        return None
    if y:
        year = int(y)
    elif dct:
        cur = _QUARTER_OF_MONTH[dct.month]
        year = dct.year if q <= cur else dct.year - 1
        if clause_tense(text, m.start(), m.end(), L) == "future" and q >= cur:
            year = dct.year
    else:
        return "DATE", f"XXXX-Q{q}", None
    return "DATE", f"{year}-Q{q}", None


def _h_half(m, text, dct, L):
    h = 1 if m["o"].lower() == "first" else 2
    year = int(m["y"]) if m["y"] else (dct.year if dct else None)
    return "DATE", f"{year if year else 'XXXX'}-H{h}", None


def _season_value(dct: dt.date, season: str, offset: int, L) -> str:
    code = L.d.SEASONS[season.lower()]
    return f"{dct.year + (offset if offset else 0)}-{code}"


def _h_season(m, text, dct, L):
    s = m["s"].lower()
    if not (m["rel"] or m["y"] or m["mod"]):
        before = text[max(0, m.start() - 10):m.start()].lower()
        if not re.search(r"\b(?:in|this|last|next|the|during|by|until|since)\s+$", before):
            return None
    if m["y"]:
        return "DATE", f"{m['y']}-{L.d.SEASONS[s]}", None
    if dct is None:
        return "DATE", f"XXXX-{L.d.SEASONS[s]}", None
    rel = (m["rel"] or "").lower().replace("the ", "")
    off = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    return "DATE", _season_value(dct, s, off, L), None


def _h_decade(m, text, dct, L):
    if m["d3"]:
        return "DATE", f"19{m['d3']}", None
    century = m["c"]
    if century is None:
        if dct is None:
            return None
        century = "19" if int(m["d"]) > (dct.year % 100) // 10 else "20"
    return "DATE", f"{century}{m['d']}", None


def _h_year_word(m, text, dct, L):
    y = m["y"]
    s, e = m.span()
    before = text[max(0, s - 2):s]
    if re.search(r"[$£€¥#\d.,]\s?$", before) or L.count_follow.match(text, e):
        return None
    if text[e:e + 1] in ("-",) and text[e + 1:e + 2].isdigit():
        return None
    if not m["pre"]:
        prev_word = re.search(r"(\S+)\s+$", text[max(0, s - 20):s])
        follow = text[e:e + 20]
        ok = (prev_word and prev_word.group(1).lower().strip("(,") in L.year_pre) or \
            re.match(r"\s*(?:[,.;:)!?'’\"]|$|\n|-|–)", follow) or \
            re.match(r"\s+[A-Z(]", follow) or re.match(r"['’]s\b", follow)
        if not ok:
            # a lowercase word after a bare number: a count ("2000 workers") unless a year came before
            nxt = re.match(r"\s+([a-z]+)", follow)
            if nxt and prev_word is None:
                return None
            if nxt and not (prev_word and prev_word.group(1)[:1].isupper()):
                return None
    return "DATE", y, None, m.start("y"), m.end("y")


def _h_duration(m, text, dct, L):
    n = _num(m["n"], L)
    unit = m["u"].lower()
    word = m["n"].lower()
    if word in ("a", "an") and unit in ("day", "week", "month", "year") and re.match(r"\s+(?:ago|earlier|later)", text[m.end():]):
        return None
    if word in ("a", "an") and re.match(r"\s*(?:a|an)\s*$", m.group(0)[:2]) and unit == "night":
        return None
    if word in L.d.VAGUE_NUMBERS:
        if word in ("recent", "coming", "past"):
            return ("DATE", "PAST_REF" if word in ("recent", "past") else "FUTURE_REF", None)
        n = None
    if n is not None and n > 1000:
        return None
    return "DURATION", _duration(n, unit), None


def _h_bare_units(m, text, dct, L):
    before = text[max(0, m.start() - 12):m.start()].lower()
    if re.search(r"\b(?:for|in|over|within|take|takes|took|lasted|last)\s+$", before):
        return "DURATION", _duration(None, m["u"]), None
    return None


def _h_clock(m, text, dct, L):
    base = dct.isoformat() if dct else "XXXX-XX-XX"
    if m["w"]:
        hm = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[m["w"].lower()]
        return "TIME", f"{base}T{hm}", None
    if m["h24"] is not None:
        h, mi = int(m["h24"]), int(m["mi24"])
        if re.match(r"\d", text[m.end():m.end() + 1]):
            return None
    else:
        h, mi = int(m["h"]), int(m["mi"] or 0)
        if not 1 <= h <= 12 or mi > 59:
            return None
        pm = m["ap"].lower().startswith("p")
        h = (h % 12) + (12 if pm else 0)
        if m["ap"].endswith(".") and "." not in m["ap"][:-1]:     # "4 pm." ends a sentence
            return "TIME", f"{base}T{h:02d}:{mi:02d}", None, m.start(), m.end() - 1
    return "TIME", f"{base}T{h:02d}:{mi:02d}", None


def _h_set(m, text, dct, L):
    if m["adv"]:
        adv = m["adv"].lower()
        if adv == "daily" and re.match(r"\s+[a-z]", text[m.end():]) and not re.match(r"\s+(?:basis|operations)", text[m.end():]):
            pass
        return "SET", L.d.SETS[adv], None
    unit = m["u"].lower()
    n = _num(m["n"], L) if m["n"] else 1
    if unit in L.d.WEEKDAYS:
        return "SET", f"XXXX-WXX-{L.d.WEEKDAYS[unit] + 1}", None
    if unit in L.d.SEASONS:
        return "SET", f"XXXX-{L.d.SEASONS[unit]}", None
    return "SET", _duration(n, unit), None


def _h_ref(m, text, dct, L):
    w = m["w"].lower()
    value = L.d.TAGGED_REFS[w]
    if w == "now" and re.match(r"\s*(?:that|,\s*(?:however|though))", text[m.end():]) is None:
        pass
    if w == "current" and not re.match(r"\s+(?:period|term|quarter|year|month|week|season|era|climate|times)\b", text[m.end():]):
        return None
    if w == "future" and not text[max(0, m.start() - 4):m.start()].lower().endswith("the "):
        if not re.match(r"\s+(?:of|plans?|years?|growth|events?)\b", text[m.end():]):
            return None
    if w == "recent" and not re.match(r"\s+(?:years|months|weeks|days|times|decades)\b", text[m.end():]):
        return None
    return "DATE", value, None


_HANDLERS = {
    "iso": _h_iso, "numeric": _h_numeric, "month_day": _h_month_day, "day_month": _h_day_month,
    "month_year": _h_month_year, "rel_month": _h_rel_month, "month_rel_year": _h_month_rel_year,
    "month": _h_month, "weekday": _h_weekday, "dayword": _h_dayword, "this_pod": _h_this_pod, "ago": _h_ago,
    "year_ago": _h_year_ago, "the_past_n": _h_the_past_n, "rel_unit": _h_rel_unit, "the_unit": _h_the_unit,
    "quarter": _h_quarter, "half": _h_half, "season": _h_season, "decade": _h_decade,
    "year_word": _h_year_word, "duration": _h_duration, "bare_units": _h_bare_units, "clock": _h_clock,
    "set": _h_set, "ref": _h_ref,
}


# -- values as intervals ----------------------------------------------------------------------------

def granularity(value: str) -> str | None:
    v = value.split("T")[0]
    if re.fullmatch(r"\d{4}-\d\d-\d\d", v):
        return "day"
    if re.fullmatch(r"\d{4}-W\d\d(-WE)?", v):
        return "week"
    if re.fullmatch(r"\d{4}-\d\d", v):
        return "month"
    if re.fullmatch(r"\d{4}-Q[1-4]", v):
        return "quarter"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", v):
        return "season"
    if re.fullmatch(r"\d{4}-H[12]", v):
        return "half"
    if re.fullmatch(r"\d{4}", v):
        return "year"
    if re.fullmatch(r"\d{3}", v):
        return "decade"
    return None


def value_to_range(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day covered by a DATE value; None for durations, references and unknown years."""
    v = value.split("T")[0]
    g = granularity(v)
    try:
        if g == "day":
            d = dt.date.fromisoformat(v)
            return d, d
        if g == "week":
            y, w = int(v[:4]), int(v[6:8])
            monday = dt.date.fromisocalendar(y, w, 1)
            if v.endswith("-WE"):
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
            return monday, monday + dt.timedelta(days=6)
        if g == "month":
            y, m = int(v[:4]), int(v[5:7])
            first = dt.date(y, m, 1)
            ny, nm = _shift_months(first, 1)
            return first, dt.date(ny, nm, 1) - dt.timedelta(days=1)
        if g == "quarter":
            y, q = int(v[:4]), int(v[6])
            first = dt.date(y, 3 * q - 2, 1)
            ny, nm = _shift_months(first, 3)
            return first, dt.date(ny, nm, 1) - dt.timedelta(days=1)
        if g == "half":
            y, h = int(v[:4]), int(v[6])
            return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if h == 1 else (dt.date(y, 7, 1), dt.date(y, 12, 31))
        if g == "season":
            y = int(v[:4])
            start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[v[5:]]
            first = dt.date(y, start_month, 1)
            ny, nm = _shift_months(first, 3)
            return first, dt.date(ny, nm, 1) - dt.timedelta(days=1)
        if g == "year":
            y = int(v)
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if g == "decade":
            y = int(v) * 10
            return dt.date(y, 1, 1), dt.date(y + 9, 12, 31)
    except ValueError:
        return None
    return None
