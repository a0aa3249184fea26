"""Claims: the checkable statements of one article that a conflict between sources can be about.

Read from the spaCy parse of one article (an article stage), stored with the article like its events:
- `number`: a quantity with what it counts ("1,730 people dead" -> dead), its unit, the range its
  approximate marker allows ("at least 40" is 40 or a little more), the day it holds for (a date in its
  sentence, else the article's date) and the words around it that say what it is about;
- `year`: the year a named event carries ("the 2024 general elections");
- `place`: a place put inside another ("Norland's Brevik", "Brevik in southern Norland");
- `revision`: an explicit correction ("revised down from 130 to 112", "earlier reported as 40").
Dates of events come from the events, who said a quote from the quotes and names from the mentions;
`conflicts.py` reads all of them together.
"""
from __future__ import annotations

import re

from . import nlp
from .model import Article, Claim

# -- the words of numbers -------------------------------------------------------------------------
UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
         "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
          "trillion": 1e12, "dozen": 12, "k": 1e3}

# approximate markers: the range of true values the writer allows around the figure
LOWER_BOUNDS = {"at least", "more than", "over", "upwards of", "in excess of", "no fewer than", "no less than",
                "above", "exceeding", "exceeds", "exceeded", "passed", "surpassed", "topped"}
UPPER_BOUNDS = {"nearly", "almost", "just under", "fewer than", "less than", "under", "up to", "close to",
                "not quite", "below"}
AROUND = {"about", "around", "some", "roughly", "approximately", "an estimated", "estimated", "circa",
          "or so", "nearly about"}
APPROX_SLACK = 0.1     # "nearly 300" allows 270-300, "about 300" 270-330: a writer rounds to a round tenth

# what a figure counts, by the words near it (lemmas); others count their own head noun
MEASURES = {
    "dead": {"kill", "killed", "die", "dead", "death", "toll", "fatality", "life", "body", "perish", "claim"},
    "injured": {"injure", "injured", "wound", "wounded", "hurt", "injury", "hospitalise", "hospitalize",
                "hospitalised", "hospitalized"},
    "missing": {"missing", "unaccounted"},
    "magnitude": {"magnitude", "richter"},
}
# measures whose true value does not change from one day to the next: any two days can be compared
STATIC_MEASURES = {"magnitude", "age", "distance", "price", "size", "duration", "caps", "interval"}
# nouns that count people: "4,000 workers" and "3,500 members" may be one count told in other words
PERSON_NOUNS = {"worker", "member", "employee", "staff", "player", "striker", "soldier", "fighter", "troop",
                "resident", "civilian", "student", "passenger", "signatory", "protester", "voter", "delegate",
                "suspect", "lawmaker", "legislator", "people", "person", "individual", "staffer", "volunteer"}
ANAPHORIC_NOUNS = {"number", "figure", "total", "count", "tally"}   # "put the number at 3,500"
CONTRAST = re.compile(r"\b(?:not the|than the|rather than|instead of|contrary to|contradict\w*|disput\w*|"
                      r"put (?:the|that|its) (?:number|figure|total|count|toll) at)\b", re.I)
SPEECH_LEMMAS = {"say", "tell", "state", "announce", "report", "add", "claim", "write", "confirm", "note"}
GENERIC_COUNTED = {"people", "person", "persons", "individual", "resident", "civilian", "citizen", "victim",
                   "other", "more", "total"}
DISTANCE_UNITS = {"m": 1, "metre": 1, "meter": 1, "metres": 1, "meters": 1, "km": 1000, "kilometre": 1000,
                  "kilometer": 1000, "kilometres": 1000, "kilometers": 1000, "mile": 1609, "miles": 1609,
                  "yard": 0.9144, "yards": 0.9144, "feet": 0.3048, "foot": 0.3048, "ft": 0.3048}
DURATION_UNITS = {"year": 365, "years": 365, "month": 30, "months": 30, "week": 7, "weeks": 7, "day": 1,
                  "days": 1, "hour": 1 / 24, "hours": 1 / 24}
CAP_NOUNS = {"cap", "caps", "appearance", "appearances"}
SIZE_NOUNS = {"person", "member", "people", "seat"}      # "a four-person board", "a board of seven people"
CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "€": "EUR", "eur": "EUR",
            "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP",
            "rs": "INR", "rupee": "INR", "rupees": "INR", "₹": "INR", "lira": "TRY", "yen": "JPY", "¥": "JPY"}
HAZARD_NOUNS = {"earthquake", "quake", "tremor", "aftershock", "temblor", "shock"}
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}
STOP_LEMMAS = {"be", "have", "do", "say", "tell", "also", "other", "more", "least", "many", "much", "last",
               "first", "new", "report", "accord", "year", "old", "%", "percent"}
CONTEXT_SIZE = 14      # lemmas kept to say what a figure is about: its syntactic neighbourhood

_NUM = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_AGE = re.compile(r"\b(\d{1,3})-year-old\b|\baged (\d{1,3})\b")
_NAME_AFTER = re.compile(r" (?:[a-z]+ )?([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)\b")   # "the 45-year-old (forward) Name"
_AGE_NAMED = re.compile(r"\b(?P<name>(?:[A-Z][\w'’-]+\s){0,2}[A-Z][\w'’-]+),\s*(?P<age>\d{1,3})\s*,")  # "Name, 45, said"
_REVISION = re.compile(
    r"\b(?:revis\w+|correct\w*|lower\w*|rais\w+|adjust\w+|updat\w+|amend\w+|cut|down\w*|upgrad\w+)\b[^.;]{0,40}?"
    r"\bfrom\s+(?P<old>[\d,.]+)\s+(?:\w+\s+)?to\s+(?P<new>[\d,.]+)", re.I)
_EARLIER = re.compile(
    r"\b(?:earlier|previously|initially|originally|first)\s+(?:been\s+)?(?:reported|given|put|stated|said|announced)"
    r"\s+(?:as|at|to be)\s+(?P<old>[\d,.]+)", re.I)
_YEAR_EVENT = re.compile(r"\b(?P<year>(?:19|20)\d\d)\s+(?P<name>(?:[A-Z][\w.'-]*\s+){0,3}?(?:[A-Za-z]+\s+)?"
                         r"(?:[Ee]lections?|[Pp]olls?|[Ee]lection|[Oo]lympics|[Cc]up|[Ss]ummit|[Gg]ames|"
                         r"[Cc]ensus|[Bb]udget|[Cc]hampionships?))\b")
_YEAR_EVENT_AFTER = re.compile(r"\b(?P<name>(?:[A-Z][\w.'-]*\s+){1,3}(?:[Ee]lections?|[Pp]olls?))\s*:?\s+"
                               r"(?P<year>(?:19|20)\d\d)\b")
_DIRECTION = r"(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?"


def parse_number(words: list[str]) -> float | None:
    """The value of a number written in digits, words or both ("1,730", "7.8", "two and a half", "$1.2bn")."""
    total, current, seen = 0.0, 0.0, False
    for w in words:
        w = w.lower().strip("$€£₹¥")
        if not w or w in ("and", "-"):
            continue
        if w in ("half", "a half") and seen:
            current += 0.5
            continue
        if re.fullmatch(r"\d+/\d+", w):
            a, b = w.split("/")
            current += int(a) / int(b) if int(b) else 0
            seen = True
            continue
        m = re.fullmatch(r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(bn|m|mn|k)?", w)
        if m:
            current += float(m.group(1).replace(",", ""))
            if m.group(2):
                current *= SCALES[m.group(2)]
            seen = True
        elif w in ("a", "an"):
            if not seen:
                current += 1                             # "a million"; in "two and a half" it is no number
        elif w in UNITS:
            current += UNITS[w]
            seen = True
        elif w in SCALES and (seen or current):
            seen = True
            scale = SCALES[w]
            if scale >= 1000:
                total += (current or 1) * scale
                current = 0.0
            else:
                current = (current or 1) * scale
        else:
            return None
    return total + current if seen else None


def bounds(value: float, approx: str) -> tuple[float, float]:
    if approx == "lower":
        return value, value * (1 + APPROX_SLACK)
    if approx == "upper":
        return value * (1 - APPROX_SLACK), value
    if approx == "around":
        return value * (1 - APPROX_SLACK), value * (1 + APPROX_SLACK)
    return value, value


def extract(article: Article, doc) -> list[Claim]:
    """Every claim of one article, in text order."""
    day_of = _days_by_sentence(article)
    dated_of = {t.sent for t in article.times if t.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value or "")}
    dated_of |= {sent for sent, day in day_of.items() if day and len(day) == 7}
    sent_of = _sentence_of(article)
    out: list[Claim] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT"):
            claim = _number_claim(ent, sent_of, day_of, dated_of)
            if claim:
                out.append(claim)
                taken.update(range(ent.start, ent.end))
        elif ent.label_ == "DATE":
            claim = _duration_claim(ent, sent_of, day_of)
            if claim:
                out.append(claim)
    for tok in doc:                                             # numbers the NER left out ("magnitude 7.8")
        if tok.i in taken or not _NUM.match(tok.text) or tok.ent_type_ in ("DATE", "TIME", "ORDINAL"):
            continue
        claim = _number_claim(doc[tok.i:tok.i + 1], sent_of, day_of, dated_of)
        if claim:
            out.append(claim)
    out += _ages(article, doc, sent_of, day_of)
    out += _years_of_events(article, sent_of)
    out += _years_of_acts(doc, sent_of)
    out += _givers(doc, sent_of)
    out += _intervals(doc, sent_of, day_of)
    out += _places(article, doc, sent_of)
    out += _revisions(article, sent_of, day_of)
    out += _event_dates(article, doc, sent_of)
    out.sort(key=lambda c: (c.start, c.end, c.kind, c.key))
    _redate_tolls(article, doc, out)
    return _dedupe(_resolve_previous(out))


# verbs of a happening: a date they carry is the day it happened, not the day a toll holds for
HAPPENING_VERBS = {"strike", "hit", "rock", "jolt", "shake", "devastate", "occur", "happen", "erupt", "crash",
                   "explode", "collapse", "flood", "ravage", "begin", "start"}
DYNAMIC_KEYS = {"dead", "injured", "missing"}


def _redate_tolls(article: Article, doc, claims: list[Claim]) -> None:
    """A toll's day is the date its own clause gives ("as of Wednesday the toll rose to 40"), not the
    day of the disaster named beside it ("the quake that struck on 6 May has killed 40", "struck on
    6 May, killing 40"): such a toll holds for the day of the report (the next date of its sentence
    that is not a happening's, else the article's date)."""
    days: dict[int, list[str]] = {}
    for t in article.times:
        if t.type != "DATE" or not re.fullmatch(r"\d{4}-\d\d-\d\d", t.value or ""):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        # the verb the date hangs from, through a participle the parse may put between ("rocked
        # neighbouring Brevik on Monday")
        verbs = [] if span is None else [v for v in list(span.root.ancestors)[:4] if v.pos_ in ("VERB", "AUX")][:2]
        happening = any(v.lemma_.lower() in HAPPENING_VERBS for v in verbs)
        days.setdefault(t.sent, []).append("" if happening else t.value)
    for c in claims:
        if c.kind != "number" or c.key not in DYNAMIC_KEYS or not c.dated or c.sent not in days:
            continue
        first = days[c.sent][0]
        if first:
            continue                                      # dated by its own clause's date
        later = [d for d in days[c.sent] if d]
        c.day, c.dated = (later[0], True) if later else (article.published, False)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen, out = set(), []
    for c in claims:
        k = (c.kind, c.key, c.start, c.end)
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out


def _sentence_of(article: Article):
    import bisect

    starts = [s.start for s in article.sentences]
    return lambda offset: max(0, bisect.bisect_right(starts, offset) - 1)


def _days_by_sentence(article: Article) -> dict[int, str]:
    """The day each sentence's figures hold for: the first full date told in it ("as of Wednesday"),
    else the article's date."""
    out: dict[int, str] = {}
    for t in article.times:
        if t.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value or "") and t.sent not in out:
            out[t.sent] = t.value
    # "Last month, the governor declared ... 11 districts": a month opening the sentence dates all of it,
    # and its figures compare with the days of that month ("won the cup last month" dates only the win)
    starts = {s.idx: s.start for s in article.sentences}
    for t in article.times:
        if t.type == "DATE" and re.fullmatch(r"\d{4}-\d\d", t.value or "") and t.sent not in out \
                and re.fullmatch(r"\W*(?:in\s+)?", article.text[starts.get(t.sent, t.start):t.start], re.I):
            out[t.sent] = t.value
    if article.published:
        for s in article.sentences:
            out.setdefault(s.idx, article.published)
    return out


def _approx(span) -> tuple[str, int]:
    """The approximate marker before (or opening) a number span, and the index where the marker begins."""
    doc = span.doc
    i = span.start
    words = [t.lower_ for t in span]
    # the marker inside the entity ("about 300", "more than 500")
    for n in (3, 2, 1):
        head = " ".join(words[:n])
        kind = _marker_kind(head)
        if kind and len(words) > n:
            return kind, i
    if i > 0 and doc[i - 1].text in CURRENCY:
        i -= 1                                           # "exceeding €10,000": the marker is before the sign
    for n in (3, 2, 1):
        if i - n < 0:
            continue
        head = " ".join(t.lower_ for t in doc[i - n:i])
        kind = _marker_kind(head)
        if kind:
            return kind, i - n
    return "", i


def _marker_kind(words: str) -> str:
    if words in LOWER_BOUNDS:
        return "lower"
    if words in UPPER_BOUNDS:
        return "upper"
    if words in AROUND:
        return "around"
    return ""


def _number_claim(span, sent_of, day_of, dated_of=frozenset()) -> Claim | None:
    doc = span.doc
    toks = [t for t in span if not (t.lower_ in ("about", "around", "some", "nearly", "almost", "over",
                                                 "than", "more", "less", "fewer", "at", "least", "up", "to",
                                                 "roughly", "approximately", "just", "under", "an", "estimated",
                                                 "close", "upwards", "of"))]
    if not toks:
        return None
    label = span.label_ if span.label_ else "CARDINAL"
    unit, key = "", ""
    num_words = [t.text for t in toks if t.like_num or t.lower_ in SCALES or t.lower_ in ("and", "half", "a")
                 or t.text in CURRENCY or re.fullmatch(r"\d+/\d+", t.text)]
    while num_words and num_words[-1].lower() in ("and", "a"):
        num_words.pop()
    nums = [w for w in num_words if w not in CURRENCY]
    value = parse_number(nums)
    if value is None:
        return None
    half = _AND_A_HALF.match(nlp.doc_text(doc), span.end_char)
    if half:
        value += 0.5                                     # "two-and-a-half-year": the NER keeps only "two"
    last = toks[-1]
    # a figure that is a year, a clock time or part of a name or a date is no claim
    if last.ent_type_ in ("DATE", "TIME") and label == "CARDINAL":
        return None
    if re.fullmatch(r"(1[89]|20)\d\d", last.text) and label == "CARDINAL":
        return None
    head = last.head if last.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") else last
    sign = [doc[span.start - 1]] if span.start > 0 and doc[span.start - 1].text in CURRENCY else []   # "€" "10,800"
    if label == "MONEY" or sign or any(t.text.lower() in CURRENCY for t in span) or head.lower_ in CURRENCY:
        cur = next((CURRENCY[t.text.lower()] for t in sign + list(span) + [head] if t.text.lower() in CURRENCY), "")
        unit, key = cur or "money", "price"
    elif label == "PERCENT" or head.lower_ in ("%", "percent", "per"):
        unit, key = "%", "share"
    elif head.lower_ in DISTANCE_UNITS or last.lower_ in DISTANCE_UNITS:
        u = head.lower_ if head.lower_ in DISTANCE_UNITS else last.lower_
        value, unit, key = value * DISTANCE_UNITS[u], "m", "distance"
    elif head.lower_ in DURATION_UNITS:
        value, unit, key = value * DURATION_UNITS[head.lower_], "days", "duration"
    about = _about(span, head)
    if not key:
        measure = _measure(span, head)
        if measure:
            key = measure
        elif head.lemma_.lower() in CAP_NOUNS:
            key = "caps"
        elif head.i == last.i and _anaphoric(last):
            key = "@previous"                                             # "a lower figure than the 4,000"
        elif head.i != last.i and head.pos_ in ("NOUN", "PROPN"):
            counted = head.lemma_.lower()
            if counted in SIZE_NOUNS and head.dep_ in ("amod", "compound", "nmod") and head.head.pos_ == "NOUN":
                key = f"size of {head.head.lemma_.lower()}"             # "a four-person board"
            elif counted in SIZE_NOUNS and head.dep_ == "pobj" and head.head.lower_ == "to":
                owner = head.head.head
                obj = [c for c in owner.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
                key = f"size of {obj[0].lemma_.lower()}" if obj else f"count of {counted}"
            else:
                key = "count of people" if counted in PERSON_NOUNS else f"count of {counted}"
        else:
            return None
    approx, mstart = _approx(span)
    low, high = bounds(value, approx)
    start = doc[mstart].idx
    end = span[-1].idx + len(span[-1].text)
    if head.i == span.end and key not in ("price", "share"):
        end = head.idx + len(head.text)                 # "10 provinces": the value reads with its noun
    text = nlp.doc_text(doc)[start:end]
    sent = sent_of(span.start_char)
    return Claim(sent, start, end, "number", key, text, value, low, high, approx, unit, day_of.get(sent),
                 sent in dated_of, about, holder=_holder(head) if key == "duration" else "")


_SPAN_OF_TIME = re.compile(r"^(?:for\s+)?(?:(?:about|around|nearly|almost|roughly|approximately|some|at least|up to|"
                           r"more than|less than|over|under)\s+)?(?:the\s+)?(?:last\s+|past\s+|previous\s+)?(?P<n>[\w,.-]+(?:\s+and\s+a\s+half)?)"
                           r"[\s-]+(?P<unit>years?|months?|weeks?)$", re.I)


def _duration_claim(ent, sent_of, day_of) -> Claim | None:
    """A span of time told as a date ("for the last three years", "5 years"): how long something
    lasted, a figure like any other. Calendar dates and ages ("three years ago", "a 5-year-old") are not."""
    m = _SPAN_OF_TIME.match(ent.text)
    doc = ent.doc
    if not m or (ent.end < len(doc) and doc[ent.end].lower_ in ("ago", "old", "later", "earlier", "before", "after")):
        return None
    value = parse_number(re.split(r"[\s-]+", m.group("n")))
    if value is None or value <= 0:
        return None
    unit = m.group("unit").lower()
    head = ent[-1]
    approx, mstart = _approx(ent)
    low, high = bounds(value * DURATION_UNITS[unit], approx)
    sent = sent_of(ent.start_char)
    return Claim(sent, doc[mstart].idx, ent.end_char, "number", "duration", ent.text, value * DURATION_UNITS[unit],
                 low, high, approx, "days", day_of.get(sent), False, _about(ent, head.head if head.head.i != head.i else head),
                 holder=_holder(head))


def _holder(unit) -> str:
    """The noun a span of time is told of: "a three-year ban", "a sentence of two years" (ban,
    sentence); none when it qualifies a verb ("served for five years"), which says less."""
    gov = unit.head
    if unit.dep_ in ("compound", "amod", "nmod", "npadvmod", "nummod") and gov.pos_ == "NOUN" and gov.i != unit.i:
        return gov.lemma_.lower()
    if unit.dep_ == "pobj" and gov.lower_ == "of" and gov.head.pos_ == "NOUN":
        return gov.head.lemma_.lower()
    return ""


_AND_A_HALF = re.compile(r"[ -]and[ -]a[ -]half\b", re.I)


def _anaphoric(tok) -> bool:
    """A bare figure that stands for one named before it: "put the number at 3,500", "than the 4,000"."""
    gov = tok.head
    if tok.dep_ == "pobj" and gov.lower_ in ("at", "than", "to"):
        owner = gov.head
        return owner.lemma_.lower() in ANAPHORIC_NOUNS or any(
            c.lemma_.lower() in ANAPHORIC_NOUNS for c in owner.children) or gov.lower_ == "than"
    return tok.dep_ in ("dobj", "attr", "appos") and any(t.lower_ == "the" for t in tok.children)


def _resolve_previous(claims: list[Claim]) -> list[Claim]:
    """A bare figure takes the measure of the figure before it, in its sentence or the one before."""
    out = []
    for c in claims:
        if c.key == "@previous":
            prev = next((p for p in reversed(out) if p.kind == "number" and c.sent - p.sent <= 1), None)
            if prev is None:
                continue
            c.key = prev.key
            c.about = sorted(set(c.about) | set(prev.about))
        out.append(c)
    return out


def _measure(span, head) -> str:
    """The measure a figure belongs to, read from the words nearest it in the parse and the text:
    "1,730 people dead", "killed 40 people", "the death toll rose to 5,914", "a magnitude 7.8 quake",
    "7.8-magnitude". The nearest measure word wins ("3 killed and 213 injured": 213 is injured)."""
    doc = span.doc
    window = [t for d in range(1, 3) for t in (doc[span.start - d] if span.start - d >= 0 else None,
                                               doc[span.end - 1 + d] if span.end - 1 + d < len(doc) else None) if t]
    if any(t.lemma_.lower() in MEASURES["magnitude"] for t in window + list(span) + [head, head.head]):
        return "magnitude"
    value_text = span[-1].text
    if re.fullmatch(r"\d\.\d", value_text) and (head.lemma_.lower() in HAZARD_NOUNS or
                                               any(t.lemma_.lower() in HAZARD_NOUNS for t in window)):
        return "magnitude"                                               # "a 7.7 quake"
    if not (head.lemma_.lower() in GENERIC_COUNTED or head.i == span[-1].i or
            any(head.lemma_.lower() in words for words in MEASURES.values())):
        return ""
    near = [head] + [c for c in head.children if c.i not in range(span.start, span.end)] + [head.head]
    near += sorted((t for t in span.sent if t.i not in range(span.start, span.end)),
                   key=lambda t: min(abs(t.i - span.start), abs(t.i - (span.end - 1))))[:6]
    near += list(head.head.children) + [head.head.head]
    for t in near:
        for name in ("dead", "injured", "missing"):
            if t.lemma_.lower() in MEASURES[name] or t.lower_ in MEASURES[name]:
                return name
    return ""


def _about(span, head) -> list[str]:
    """The content lemmas around a figure: its head, the head's head and their dependents, then the
    rest of the sentence nearest first; what two figures must share to be about the same thing."""
    sent = span.sent
    inside = set(range(span.start, span.end))
    first = [head, head.head] + list(head.children) + list(head.head.children) + [head.head.head]
    rest = sorted(sent, key=lambda t: min(abs(t.i - span.start), abs(t.i - span.end)))
    out: list[str] = []
    for t in first + rest:
        if t.i in inside or t.pos_ not in CONTENT_POS or t.like_num or not t.is_alpha:
            continue
        lem = t.lemma_.lower()
        if lem in STOP_LEMMAS or len(lem) < 3 or lem in out:
            continue
        out.append(lem)
        if len(out) >= CONTEXT_SIZE:
            break
    return sorted(out)


def _ages(article: Article, doc, sent_of, day_of) -> list[Claim]:
    """Ages of people: "the 45-year-old", "aged 45", "Name, 45, said". Keyed by the surname, which
    every way of naming the person shares ("Ada Kestrel", "Kestrel")."""
    out = []
    text = article.text
    persons = [m for m in article.mentions if m.label == "PERSON"]
    for m in _AGE.finditer(text):
        start, end = m.span()
        who = _person_near(persons, start, sent_of)
        named = _NAME_AFTER.match(text, end)
        span = doc.char_span(named.start(1), named.end(1), alignment_mode="expand") if named else None
        if span is not None and span.root.dep_ not in ("compound", "amod", "nmod", "poss") and span.root.pos_ == "PROPN":
            who = named.group(1)      # "the 47-year-old Brandt" (tagged or not), not "the 25-year-old Velm star"
        if who is None:
            continue
        value = float(m.group(1) or m.group(2))
        sent = sent_of(start)
        out.append(Claim(sent, start, end, "number", f"age of {_surname(who)}", m.group(0), value, value, value, "",
                         "years", day_of.get(sent), about=[_surname(who).lower()]))
    # "Name, 45, said": the name a person mention, or a surname the article gives a person elsewhere
    # (a name opening a sentence is often left untagged)
    surnames = {_surname(p.head or p.text) for p in persons}
    seen = set()
    for m in _AGE_NAMED.finditer(text):
        name = m.group("name")
        who = next((p.head or p.text for p in persons if p.start <= m.start("name") and m.end("name") <= p.end), None)
        if who is None and name.split()[-1] not in surnames:
            continue
        who = _surname(who or name)
        start, end = m.start("age"), m.end("age")
        if start in seen:
            continue
        seen.add(start)
        value = float(m.group("age"))
        sent = sent_of(start)
        out.append(Claim(sent, start, end, "number", f"age of {who}", f"{name}, {m.group('age')}", value, value,
                         value, "", "years", day_of.get(sent), about=[who.lower()]))
    return out


def _surname(name: str) -> str:
    words = re.findall(r"[^\W\d_][\w'’-]*", name)
    return re.sub(r"['’]s$", "", words[-1]) if words else name


def _person_near(persons, offset: int, sent_of=None) -> str | None:
    """The person an age at `offset` belongs to: the named person right after it ("the 45-year-old
    Name"), else the nearest one before it in its sentence ("Name, the 45-year-old ..."). A bare "the
    45-year-old" opening a sentence is left alone: whom it stands for is a guess."""
    after = [p for p in persons if p.start >= offset and p.start - offset < 25]
    if after:
        return after[0].head or after[0].text
    here = sent_of(offset) if sent_of else None
    before = [p for p in persons if p.end <= offset and offset - p.end < 120 and (here is None or p.sent == here)]
    if before:
        return before[-1].head or before[-1].text
    return None


def _years_of_events(article: Article, sent_of) -> list[Claim]:
    """The year a named event carries: "the 2024 general elections", "General Election 2024"."""
    out = []
    for rx in (_YEAR_EVENT, _YEAR_EVENT_AFTER):
        for m in rx.finditer(article.text):
            name = " ".join(m.group("name").split())
            key = _event_name_key(name)
            if not key:
                continue
            start, end = m.span()
            out.append(Claim(sent_of(start), start, end, "year", key, m.group(0), float(m.group("year")),
                             about=key.split()))
    return out


_GENERIC_EVENT_WORDS = {"the", "general", "next", "upcoming", "national", "world"}


def _event_name_key(name: str) -> str:
    """A named event's key: its words without year, case or plural ("Assembly polls" = "assembly poll"),
    the election words made one ("polls" = "elections")."""
    words = [w.lower().rstrip("s") for w in name.split()]
    words = ["election" if w in ("poll", "election") else w for w in words]
    named = [w for w in words if w not in _GENERIC_EVENT_WORDS]
    if len(named) < 2:                                   # "2024 elections" says which year, not which event
        return ""
    return " ".join(named)


def _places(article: Article, doc, sent_of) -> list[Claim]:
    """A place put inside another: "Norland's Brevik", "Brevik in southern Norland", "Brevik, Norland"."""
    out = []
    places = [m for m in article.mentions if m.label in ("GPE", "LOC") and not m.dateline]
    by_start = {m.start: m for m in places}
    text = article.text
    for m in places:
        # "Norland's Brevik"
        gap = re.match(r"['’]s\s+", text[m.end:m.end + 4])
        if gap and (m.end + gap.end()) in by_start:
            inner = by_start[m.end + gap.end()]
            out.append(_place_claim(inner, m, m.start, inner.end, text, sent_of))
            continue
        # "Brevik in (south)eastern Norland" / "Brevik, in Norland"
        after = re.match(rf",?\s+(?:in|of)\s+(?:the\s+)?(?:{_DIRECTION}\s+)?", text[m.end:m.end + 40], re.I)
        if after and (m.end + after.end()) in by_start:
            outer = by_start[m.end + after.end()]
            if outer.sent == m.sent:
                out.append(_place_claim(m, outer, m.start, outer.end, text, sent_of))
    return [c for c in out if c]


def _place_claim(inner, outer, start, end, text, sent_of) -> Claim | None:
    a, b = (inner.head or inner.text), (outer.head or outer.text)
    if a.lower() == b.lower():
        return None
    return Claim(sent_of(start), start, end, "place", a, text[start:end], about=[b])


def _event_dates(article: Article, doc, sent_of) -> list[Claim]:
    """The day a happening is put on: a full date governed by a verb with a noun subject ("the strike
    began on Monday", "the jet came down on 25 August"); key: the subject and the verb's lemmas."""
    out = []
    for t in article.times:
        if t.type != "DATE" or not re.fullmatch(r"\d{4}-\d\d-\d\d", t.value or ""):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        verb = span.root
        for _ in range(4):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.pos_ != "VERB" or verb.lemma_.lower() in SPEECH_LEMMAS:
            continue
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
        if not subj and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            subj = [verb.head]                           # "the strike, which began on Tuesday"
        if not subj:
            continue
        who = subj[0].lemma_.lower() if subj[0].pos_ == "NOUN" else subj[0].text.lower()
        sent = sent_of(t.start)
        about = _about(span, verb)
        out.append(Claim(sent, t.start, t.end, "date", f"{verb.lemma_.lower()} of {who}", t.text, day=t.value,
                         dated=True, about=about))
    return out


_YEAR_RELATIONS = {"in": "in", "during": "in", "until": "until", "till": "until", "to": "until", "from": "from",
                   "since": "from"}       # "retired in 2013", "served until 2013", "from 1988 to 2008"


def _years_of_acts(doc, sent_of) -> list[Claim]:
    """The year a named person did something: "X retired in 2013", "after retiring in 2013, X ...",
    "X served ... from 1988 to 2008"; keyed by the verb, its object, how the year bounds it (in,
    from, until) and the person's name as written last ("Kestrel"), so that two tellings compare."""
    out = []
    for tok in doc:
        if not re.fullmatch(r"(?:19|20)\d\d", tok.text) or tok.dep_ != "pobj":
            continue
        prep = tok.head
        rel = _YEAR_RELATIONS.get(prep.lower_)
        verb = prep.head
        if prep.lower_ == "to" and verb.lower_ == "from" and verb.dep_ == "prep":
            verb = verb.head                                # "from 1988 to 2008": the end of the span
        elif prep.lower_ == "to":
            continue                                        # "moved to 2013" is no bound
        while verb.dep_ == "pcomp" and verb.head.lower_ in ("from", "of") and verb.head.head.pos_ == "VERB":
            verb = verb.head.head                           # "retiring from rowing in 2013": retiring
        if rel is None or verb.pos_ != "VERB" or verb.lemma_.lower() in SPEECH_LEMMAS:
            continue
        # the verb nearest before the year tells what it dates ("joined the army and served ... from
        # 1988": served), whichever verb the parse hangs the phrase on
        near = next((t for t in reversed(doc[verb.i:prep.i]) if t.pos_ == "VERB" and not
                     (t.head.pos_ == "ADP" and t.head.head.pos_ == "VERB")), verb)   # not "from rowing"
        verb = near if near.lemma_.lower() not in SPEECH_LEMMAS else verb
        who = _named_subject(verb)
        if not who:
            continue
        obj = next((c.lemma_.lower() for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), "")
        key = f"{who}: {' '.join(w for w in (verb.lemma_.lower(), obj) if w)} ({rel})"
        start = prep.idx
        out.append(Claim(sent_of(start), start, tok.idx + len(tok.text), "year", key,
                         nlp.doc_text(doc)[start:tok.idx + len(tok.text)], float(tok.text), about=[who]))
    return out


GIVING_LEMMAS = {"hand", "give", "present", "award", "deliver", "bestow"}   # X handed (them) the medals
RECEIVING_LEMMAS = {"receive", "accept", "collect", "get"}                # they received the medals from X


def _givers(doc, sent_of) -> list[Claim]:
    """Who handed something over, by name: "X handed the team their medals", "the team received its
    medals from X". Keyed by the thing given (its lemma); the value is the giver's last name."""
    out = []
    for verb in doc:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in GIVING_LEMMAS | RECEIVING_LEMMAS:
            continue
        objs = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.pos_ in ("NOUN", "PROPN")]
        thing = objs[-1] if objs else None                # "handed the crew their medals": the second object
        if thing is None:
            continue
        if lemma in GIVING_LEMMAS:
            subj = [c for c in verb.children if c.dep_ == "nsubj"]
            giver = subj[0] if subj and subj[0].pos_ == "PROPN" else None
        else:
            giver = next((g for p in verb.children if p.dep_ == "prep" and p.lower_ == "from"
                          for g in p.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
        if giver is None:
            continue
        start, end = verb.idx, verb.idx + len(verb.text)
        out.append(Claim(sent_of(start), start, end, "giver", thing.lemma_.lower(), giver.text,
                         about=[_fold_name(giver.text)]))
    return out


_INTERVAL = re.compile(r"^(?P<n>[\w-]+)\s+(?P<unit>days?|weeks?|months?)(?:\s+(?P<later>later|after))?$", re.I)


def _intervals(doc, sent_of, day_of) -> list[Claim]:
    """How long after a named person's act something came: "three days after Kestrel lodged a
    complaint", "Kestrel filed a complaint. Two days later, ..." (the act of the sentence before).
    Keyed by the person and the object of the act, so that two tellings of one gap compare."""
    out = []
    for ent in doc.ents:
        m = _INTERVAL.match(ent.text) if ent.label_ == "DATE" else None
        if not m:
            continue
        value = parse_number(re.split(r"[\s-]+", m.group("n")))
        nxt = doc[ent.end] if ent.end < len(doc) else None
        later = (m.group("later") or "").lower() == "later" or (nxt is not None and nxt.lower_ == "later")
        after = (m.group("later") or "").lower() == "after" or (nxt is not None and nxt.lower_ == "after")
        if value is None or not (later or after):
            continue
        act = None
        if after and nxt is not None and nxt.lower_ == "after" and nxt.head.pos_ == "VERB":
            act = nxt.head                                  # "three days after Kestrel lodged a complaint"
        elif later and ent.start > 0 and ent.sent.start > 0 and ent.start - ent.sent.start <= 1:
            act = doc[ent.sent.start - 1].sent.root         # "... filed a complaint. Two days later, ..."
        if act is None:
            continue
        subj = [c for c in act.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN"]
        obj = [c for c in act.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
        if not subj or not obj:
            continue
        who, what = _fold_name(subj[0].text), obj[0].lemma_.lower()
        days = value * DURATION_UNITS[m.group("unit").lower()]
        sent = sent_of(ent.start_char)
        out.append(Claim(sent, ent.start_char, ent.end_char + (len(nxt.text) + 1 if nxt is not None and nxt.lower_
                                                                 in ("later", "after") else 0),
                         "number", f"interval of {who} {what}", nlp.doc_text(doc)[ent.start_char:ent.end_char] +
                         (f" {nxt.text}" if nxt is not None and nxt.lower_ in ("later", "after") else ""),
                         days, days, days, "", "days", day_of.get(sent), False, [who, what]))
    return out


def _named_subject(verb) -> str:
    """The named person or body a verb is told of: its own subject, or that of the clause it hangs
    from ("After retiring ..., Kestrel went"; "Kestrel joined ... and served"; "Kestrel was an officer
    who served")."""
    for _ in range(4):
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and
                not (c.tag_ in ("WP", "WDT") and verb.dep_ == "relcl")]     # "who served": whom "who" stands for
        if subj:
            return _fold_name(subj[0].text) if subj[0].pos_ == "PROPN" else ""
        if verb.dep_ == "relcl" and verb.head.pos_ == "PROPN":
            return _fold_name(verb.head.text)
        if verb.dep_ == "relcl" and verb.head.dep_ == "attr":
            verb = verb.head.head
        elif verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
            verb = verb.head
        elif verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head
        elif verb.sent.start > 0 and not any(t.dep_ in ("nsubj", "nsubjpass") for t in verb.sent):
            # a fragment with no subject at all ("After retiring in 2013"): it goes on from the
            # sentence before, whose subject it keeps
            prev = verb.doc[verb.sent.start - 1].sent.root
            subj = [c for c in prev.children if c.dep_ in ("nsubj", "nsubjpass")]
            return _fold_name(subj[0].text) if subj and subj[0].pos_ == "PROPN" else ""
        else:
            return ""
    return ""


def _fold_name(name: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFKD", re.sub(r"['’]s$", "", name))
    return "".join(ch for ch in s if not unicodedata.combining(ch)).lower()


def _revisions(article: Article, sent_of, day_of) -> list[Claim]:
    """An explicit correction of a figure: "revised down from 130 to 112", "earlier reported as 40"."""
    out = []
    for m in _REVISION.finditer(article.text):
        old, new = parse_number([m.group("old").rstrip(".,")]), parse_number([m.group("new").rstrip(".,")])
        if old is None or new is None or old == new:
            continue
        sent = sent_of(m.start())
        s = article.sentences[sent]
        out.append(Claim(sent, m.start(), m.end(), "revision", _revision_key(s.text), m.group(0), new, new, new,
                         day=day_of.get(sent), about=[], old=m.group("old").rstrip(".,")))
    for m in _EARLIER.finditer(article.text):
        old = parse_number([m.group("old").rstrip(".,")])
        if old is None:
            continue
        sent = sent_of(m.start())
        s = article.sentences[sent]
        out.append(Claim(sent, m.start(), m.end(), "revision", _revision_key(s.text), m.group(0), None,
                         day=day_of.get(sent), old=m.group("old").rstrip(".,")))
    return out


def _revision_key(sentence: str) -> str:
    low = sentence.lower()
    for name, words in MEASURES.items():
        if any(re.search(rf"\b{w}", low) for w in words):
            return name
    return "figure"
