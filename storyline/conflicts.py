"""Conflicts between sources: claims about the same thing at the same time that disagree.

Each rule reads one kind of claim across articles (figures and places from `claims.py`, dates of the
merged events, speakers of the quotes, names from the entity mentions) and reports the disagreements
with the sentences of every side. What is NOT a conflict:
- a figure that changes from one day to the next (a toll rising): figures that can change are compared
  only with figures for the same day;
- a bound beside a value inside it ("at least 40" and 41, "nearly 300" and 288);
- figures about different things (two quakes, two meetings): they must be told in like words, and two
  values one article gives side by side are two things, not a disagreement;
- copies of one report: an article and its near-copies count once on a side.
Conflicts are ranked by how much they matter: how many independent sources stand on each side, how
far apart the values are, and how salient the event they are about is.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher

from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from .claims import CONTRAST, STATIC_MEASURES
from .model import Article, Claim, Conflict, Event, Quote, Side, Source
from .time import is_day

DATE_GAP_DAYS = (1, 3)   # one happening told a day or three apart; further apart it is likely another one
SAME_THING = 0.34        # share of the smaller context two figures must have in common to be about one thing
DYNAMIC_MEASURES = {"dead", "injured", "missing"}   # change by the hour: compared within one day only
HAPPENING_MEASURES = {"magnitude"}                  # a measure of one happening, which has its day
ROUND_BOUND = 3          # a bound on a figure rounded to thousands ("more than 44,000") holds a finer bound above it
CONVERSION_SLACK = 0.01  # sums this close are one sum converted at two rates, not two sums
MAX_COUNT_GAP = 0.5      # two counts of one day this far apart are two counts (a region, a total), not a dispute
MIN_SHARED = 3           # ...and at least this many context words
COUNT_WINDOW_DAYS = 7    # a count lower a day or a week later may dispute it; a month later it is another count
AGE_WINDOW_DAYS = 183    # ages told half a year apart are one age (a birthday may fall between, rarely)
MAX_SIDE_SOURCES = 6     # sentences shown per side: enough to see who says it
MIN_QUOTE_WORDS = 6      # a quoted line this long is one saying, whoever it is credited to
NAME_SIMILARITY = 0.75   # letters two spellings of one name share (a typo, a dropped or swapped letter)
PLACE_LABELS = {"GPE", "LOC", "FAC"}   # a one-word name of these may be a misspelt place ("Varnholmskoye")
SURNAME_LETTERS = 5         # a surname this long compared alone (shorter ones are too alike by chance)
UNTAGGED_NAME_LETTERS = 8   # an untagged capitalised word this long is a name a misspelling can be of
MAX_TYPO_ARTICLES = 2    # a misspelling is a slip of one or two reports, not a second way of writing it


# -- the shared machinery -------------------------------------------------------------------------

class Reader:
    """What the rules need to know about the articles: sentences as sources, and which articles are
    copies of one report (counted once)."""

    def __init__(self, articles: list[Article], independent: dict[str, str] | None = None):
        self.articles = {a.id: a for a in articles}
        self.original = dict(independent or {})
        self.rising_days: set[str] = set()

    def source(self, aid: str, sent: int) -> Source:
        s = self.articles[aid].sentences[sent]
        return Source(aid, s.text, s.start, s.end)

    def reports(self, aids) -> int:
        """Independent reports among `aids`: near-copies of one report count once."""
        return len({self.original.get(a, a) for a in aids})


def _side(value: str, sources: list[Source]) -> Side:
    seen, kept = set(), []
    for s in sorted(sources, key=lambda s: (s.article, s.start)):
        if s.article not in seen:
            seen.add(s.article)
            kept.append(s)
    return Side(value, kept[:MAX_SIDE_SOURCES])


def _conflict(kind: str, about: str, sides: list[Side], score: float, ordered: bool = False) -> Conflict:
    """A conflict of `sides`, the best supported side first (unless their order means something: old, new)."""
    if not ordered:
        sides = sorted(sides, key=lambda sd: (-len({x.article for x in sd.sources}), sd.value))
    values = " / ".join(f"{s.value!r} ({len({x.article for x in s.sources})} src)" for s in sides)
    sources = [src for s in sides for src in s.sources]
    return Conflict(kind, f"{about}: {values}", sources, sides, round(score, 3))


def rank(conflicts: list[Conflict]) -> list[Conflict]:
    # (their sentences last: two stories' conflicts may tie on the rest)
    return sorted(conflicts, key=lambda c: (-c.score, c.kind, c.description, [(s.article, s.start) for s in c.sources]))


# -- figures --------------------------------------------------------------------------------------

def compatible(a: Claim, b: Claim) -> bool:
    """Whether two figures can both be true: equal, or one inside the other's range when exactly one of
    them is a bound ("at least 40" and 41). Two bounds of the same kind are two counts: compared as values."""
    if a.value is None or b.value is None:
        return True
    if a.approx == b.approx and a.approx in ("lower", "upper"):
        rounder, other = sorted((a, b), key=lambda c: (-_roundness(c.value), c.value))
        if _roundness(rounder.value) >= ROUND_BOUND and _roundness(rounder.value) > _roundness(other.value):
            return rounder.low <= other.value <= rounder.high    # "more than 44,000" and "exceeded 44,200"
    if a.approx == b.approx and a.approx != "around":     # "about 200 km" and "about 125 miles" may be one
        return abs(a.value - b.value) <= 1e-9 * max(abs(a.value), abs(b.value), 1)
    return a.low <= b.high + 1e-9 and b.low <= a.high + 1e-9


def _roundness(v: float) -> int:
    """The trailing zeros of a whole figure (44,000: 3): how rounded a writer's figure is."""
    if not float(v).is_integer() or v == 0:
        return 0
    n, k = int(abs(v)), 0
    while n % 10 == 0:
        n, k = n // 10, k + 1
    return k


def same_thing(a: Claim, b: Claim) -> float:
    """How alike the words around two figures are (0 when too few are shared). A named measure (a
    magnitude, an age) says more of what it is about than a bare count, so it needs fewer shared words."""
    if a.key.startswith("age of"):
        return 1.0                                        # the key names the person: nothing more to share
    sa, sb = set(a.about), set(b.about)
    shared = len(sa & sb)
    for x, y in ((a, b), (b, a)):
        if x.holder and x.holder != y.holder and x.holder not in y.about:
            return 0.0                                    # "a three-year ban" and "a sentence of two years"
    if shared < (MIN_SHARED if a.key.startswith("count of") else MIN_SHARED - 1) or not sa or not sb:
        return 0.0
    return shared / min(len(sa), len(sb))


def number_conflicts(articles: list[Article], reader: Reader, salience: dict[tuple[str, int], float] | None = None,
                     rising_days: set[str] | None = None) -> list[Conflict]:
    """Figures of one measure told in like words by different articles for the same day (any day for a
    measure that does not change), whose values cannot both be true: one conflict per thing. Tolls of
    `rising_days` (the days disasters struck) rise by the hour and are compared within one report only."""
    salience = salience or {}
    reader.rising_days = rising_days or set()
    groups: dict[str, list[tuple[str, Claim]]] = defaultdict(list)
    for a in articles:
        for c in a.claims:
            if c.kind == "number" and c.value is not None:
                groups[c.key].append((a.id, c))
    out = []
    for measure in sorted(groups):
        out += _figure_conflicts(measure, groups[measure], reader, salience)
    return out


def _static(measure: str) -> bool:
    return measure.split(" of ")[0] in STATIC_MEASURES


def comparable(measure: str, a: Claim, b: Claim) -> bool:
    """Whether two figures hold for the same point in time. A measure that does not change (a magnitude,
    an age) always does; a toll only on the same day; another count on the same day, or when the later
    figure is the lower (a count that rises is an update)."""
    if a.unit != b.unit and a.unit and b.unit:
        return False                                  # "€10,800 (£8,942)": one sum in two currencies
    if measure.startswith("age of"):
        return bool(a.day and b.day) and _days_apart(a.day, b.day) <= AGE_WINDOW_DAYS
    if _static(measure):
        return not (a.dated and b.dated and not _same_time(a.day, b.day))      # two quakes of two days
    if a.day == b.day or (measure not in DYNAMIC_MEASURES and _same_time(a.day, b.day)):
        return True                                   # a count of "last month" holds for each of its days
    if measure in DYNAMIC_MEASURES or not (a.day and b.day) or _days_apart(a.day, b.day) > COUNT_WINDOW_DAYS:
        return False
    early, late = (a, b) if a.day < b.day else (b, a)
    return late.value < early.value


def _same_time(x: str | None, y: str | None) -> bool:
    """One day, or a day inside the month the other names ("2025-05" holds "2025-05-14")."""
    return bool(x and y) and (x.startswith(y) or y.startswith(x))


def _days_apart(x: str, y: str) -> int:
    def day(v: str) -> dt.date:
        return dt.date.fromisoformat(v[:10] if len(v) >= 10 else v[:7] + "-15")     # a month: its middle

    try:
        return abs((day(x) - day(y)).days)
    except ValueError:
        return 10 ** 6


def _side_by_side(items: list[tuple[str, Claim]], reader: Reader) -> set[tuple[float, float]]:
    """Pairs of values that several reports give together for a measure (more reports than give the
    rarer value alone): two things, not a dispute ("a 7.8 quake, then a 7.5 one"). Values set against
    each other in one sentence ("58 percent, not the 62 percent the union announced") are a dispute."""
    by_article: dict[str, set[float]] = defaultdict(set)
    for aid, c in items:
        by_article[aid].add(c.value)
    together: dict[tuple[float, float], set[str]] = defaultdict(set)
    alone: dict[float, set[str]] = defaultdict(set)
    for aid, vals in by_article.items():
        for x in vals:
            alone[x].add(aid)
            for y in vals:
                if x != y:
                    together[(x, y)].add(aid)
    contrasted = _contrasted(items, reader)
    return {pair for pair, arts in together.items() if pair not in contrasted and
            2 * reader.reports(arts) > min(reader.reports(alone[pair[0]]), reader.reports(alone[pair[1]]))}


def _contrasted(items, reader: Reader) -> set[tuple[float, float]]:
    by_sentence: dict[tuple[str, int], set[float]] = defaultdict(set)
    for aid, c in items:
        by_sentence[(aid, c.sent)].add(c.value)
    out = set()
    for (aid, sent), vals in by_sentence.items():
        if len(vals) > 1 and CONTRAST.search(reader.articles[aid].sentences[sent].text):
            out |= {(x, y) for x in vals for y in vals if x != y}
    return out


def _figure_conflicts(measure, items, reader: Reader, salience) -> list[Conflict]:
    items = sorted(items, key=lambda it: (it[0], it[1].start))
    together = _side_by_side(items, reader)
    contrasted = _contrasted(items, reader)
    n = len(items)
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    day_of_value = _day_of_value(items) if measure in HAPPENING_MEASURES else {}

    def first_day(aid: str, c: Claim) -> bool:
        """A figure told on the day of the happening its sentence dates ("struck on Monday, killing
        3,400", in a report of that Monday): its sentence has its day, which claims.py set aside as
        the happening's."""
        return c.day in reader.rising_days or \
            (not c.dated and any(t.sent == c.sent and t.value == c.day for t in reader.articles[aid].times))

    disputes = []
    for i, js in _alike_pairs(measure, items):
        ai, ci = items[i]
        for j in js:
            aj, cj = items[j]
            if (ai == aj and (ci.value, cj.value) not in contrasted) or not comparable(measure, ci, cj):
                continue
            if measure in DYNAMIC_MEASURES and ai != aj and (first_day(ai, ci) or first_day(aj, cj)):
                continue                             # a toll on the day of the disaster rises by the hour
            if ci.value in day_of_value and cj.value in day_of_value and \
                    day_of_value[ci.value] != day_of_value[cj.value]:
                continue                             # each value told mostly of its own day: two quakes
            sim = same_thing(ci, cj)
            if sim < SAME_THING:
                continue
            parent[find(i)] = find(j)               # one thing, told by both
            if compatible(ci, cj) or (ci.value, cj.value) in together:
                continue
            gap = abs(ci.value - cj.value) / max(abs(ci.value), abs(cj.value), 1e-9)
            if (not _static(measure) or measure in ("duration", "price")) and gap > MAX_COUNT_GAP:
                continue                             # far apart: another count, or a later one
            if measure == "price" and gap < CONVERSION_SLACK:
                continue                             # "€10,000 ($10,445)" / "($10,434)": one sum converted
            disputes.append((i, j, sim, gap))
    # one conflict per chain of like figures: the best dispute of each group of one thing, then the
    # best between values no conflict of the group has taken yet (a second quake's magnitudes beside
    # the first's)
    chosen: dict[int, list[tuple]] = defaultdict(list)
    used: dict[int, set[float]] = defaultdict(set)
    support = {v: reader.reports({a for a, c in items if c.value == v}) for v in {c.value for _, c in items}}
    for d in sorted(disputes, key=lambda d: (-min(support[items[d[0]][1].value], support[items[d[1]][1].value]),
                                             -d[2], d[0], d[1])):
        root = find(d[0])
        vi, vj = items[d[0]][1].value, items[d[1]][1].value
        if (used[root] and not _static(measure)) or vi in used[root] or vj in used[root]:
            continue                         # counts of one day: one conflict (the others are parts, totals)
        used[root] |= {vi, vj}
        chosen[root].append(d)
    out = []
    for root in sorted(chosen):
        members = [k for k in range(n) if find(k) == root]
        for i, j, sim, gap in chosen[root]:
            out.append(_figure_conflict(measure, items, members, i, j, sim, reader, salience))
    return out


def _alike_pairs(measure: str, items):
    """For each figure i, the later figures j that share enough words with it for `same_thing` to be
    above zero, in order: the pairs an all-pairs loop would not skip at once. Found through the words
    themselves, so that a measure told a thousand times is not a million comparisons."""
    n = len(items)
    if measure.startswith("age of"):                 # (any two ages of one person are one thing)
        for i in range(n):
            yield i, range(i + 1, n)
        return
    need = MIN_SHARED if measure.startswith("count of") else MIN_SHARED - 1
    words = [set(c.about) for _, c in items]
    holders: dict[str, list[int]] = defaultdict(list)
    for k, ws in enumerate(words):
        for w in ws:
            holders[w].append(k)                     # (in increasing k)
    for i, ws in enumerate(words):
        shared: Counter = Counter()
        for w in ws:
            ks = holders[w]
            shared.update(ks[bisect.bisect_right(ks, i):])
        yield i, sorted(j for j, k in shared.items() if k >= need)


def _day_of_value(items) -> dict[float, str]:
    """The day each value of a measure that does not change is told of, where sentences date it: the
    day most of them give (a value dated on no day is left out)."""
    days: dict[float, Counter] = defaultdict(Counter)
    for _, c in items:
        if c.dated and c.day:
            days[c.value][c.day] += 1
    return {v: sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for v, cnt in days.items()}


def _figure_conflict(measure, items, members, i, j, sim, reader: Reader, salience) -> Conflict:
    ci, cj = items[i][1], items[j][1]
    side_a = [k for k in members if compatible(items[k][1], ci) and not compatible(items[k][1], cj)]
    side_b = [k for k in members if compatible(items[k][1], cj) and not compatible(items[k][1], ci)]
    sides = [_figure_side(items, side, reader) for side in (side_a, side_b)]
    support = [reader.reports({items[k][0] for k in side}) for side in (side_a, side_b)]
    sal = max([salience.get((items[k][0], items[k][1].sent), 0.0) for k in side_a + side_b] + [0.0])
    score = sim * (1 + min(support)) * (1 + 0.5 * max(support) / (1 + min(support))) * (1 + sal)
    day = "" if _static(measure) else f" on {ci.day}"
    return _conflict("number", f"{measure}{day}", sides, score)


def _figure_side(items, members, reader: Reader) -> Side:
    forms = Counter(items[k][1].text for k in members)
    value = sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return _side(value, [reader.source(items[k][0], items[k][1].sent) for k in members])


# -- years of named events, places ----------------------------------------------------------------

def keyed_conflicts(articles: list[Article], reader: Reader, kind: str, claim_kind: str, what: str
                    ) -> list[Conflict]:
    """Claims of one key whose values differ between articles: the year a named event carries, the
    country a place is put in. Values one article gives side by side are kept apart as two things only
    when no other article disagrees with it."""
    by_key: dict[str, dict[str, list[tuple[str, Claim]]]] = defaultdict(lambda: defaultdict(list))
    for a in articles:
        for c in a.claims:
            if c.kind == claim_kind:
                value = c.about[0] if claim_kind in ("place", "giver") and c.about else str(int(c.value or 0))
                by_key[c.key][_fold(value)].append((a.id, c))
    out = []
    for key in sorted(by_key):
        values = by_key[key]
        if len(values) < 2:
            continue
        ranked = sorted(values.items(), key=lambda kv: (-reader.reports({a for a, _ in kv[1]}), kv[0]))
        (_, ia), (_, ib) = ranked[0], ranked[1]
        if {a for a, _ in ia} == {a for a, _ in ib}:
            continue                                     # only articles that say both: no second source
        sides = [_side(_form(items), [reader.source(a, c.sent) for a, c in items]) for items in (ia, ib)]
        support = [reader.reports({a for a, _ in items}) for items in (ia, ib)]
        out.append(_conflict(kind, f"{what} {key}", sides, 1.0 + min(support) + 0.1 * max(support)))
    return out


def _form(items) -> str:
    forms = Counter(c.text for _, c in items)
    return sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def event_date_conflicts(articles: list[Article], reader: Reader) -> list[Conflict]:
    """One happening (a subject and its verb, told in like words) put on different days by different
    reports. Days several reports give together are two happenings."""
    items = [(a.id, c) for a in articles for c in a.claims if c.kind == "date" and c.day]
    by_key: dict[str, list[tuple[str, Claim]]] = defaultdict(list)
    for aid, c in items:
        by_key[c.key].append((aid, c))
    out = []
    for key in sorted(by_key):
        group = sorted(by_key[key], key=lambda it: (it[0], it[1].start))
        days: dict[str, set[str]] = defaultdict(set)
        for aid, c in group:
            days[c.day].add(aid)
        if len(days) < 2:
            continue
        best = None
        for i, (ai, ci) in enumerate(group):
            for aj, cj in group[i + 1:]:
                if ai == aj or ci.day == cj.day or ai in days[cj.day] or aj in days[ci.day]:
                    continue
                gap = abs((dt.date.fromisoformat(ci.day) - dt.date.fromisoformat(cj.day)).days)
                sim = same_thing(ci, cj)
                if gap > DATE_GAP_DAYS[1] or sim < SAME_THING:
                    continue
                if best is None or sim > best[0]:
                    best = (sim, ci.day, cj.day)
        if best is None:
            continue
        sim, da, db = best
        sides = [_side(next(c.text for a, c in group if c.day == d) + f" ({d})",
                       [reader.source(a, c.sent) for a, c in group if c.day == d]) for d in (da, db)]
        support = [reader.reports(days[d]) for d in (da, db)]
        out.append(_conflict("date", f"day of {key}", sides, sim * (1 + min(support)) * 1.5))
    return out


# -- days of happenings told by each sentence -----------------------------------------------------

HAPPENING_WORDS = 0.25     # share of content words two sentences must share to tell one happening
_STOP = frozenset("""a an the and or but of in on at to for from by with as that this which who whom whose
it its he she his her they their them we our is was were are be been being has have had do did not no said
says say told also after before over into than then there when where while about would will could should may
""".split())


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", _fold(text)) if w not in _STOP}


def happening_date_conflicts(articles: list[Article], reader: Reader) -> list[Conflict]:
    """One happening put on days 1-3 apart by different reports: events of one type with a named
    participant in common, each dated by its own sentence ("resigned on Friday" / "on Saturday"),
    told in like words; days one report gives both of are two happenings. One conflict per type and
    participant, the likest pair of sentences."""
    items = []
    for a in articles:
        for em in a.events:
            if em.date_source != "timex" or not is_day(em.date) or em.status != "occurred":
                continue
            names = {_fold(a.mentions[k].head or a.mentions[k].text).split()[-1]
                     for k in em.agents + em.counterparts if 0 <= k < len(a.mentions)
                     and a.mentions[k].label in ("PERSON", "ORG")}
            if names:
                who = {w for k in em.agents + em.counterparts if 0 <= k < len(a.mentions)
                       for w in _words(a.mentions[k].text)}
                items.append((a.id, em, names, _words(a.sentences[em.sent].text), who))
    days_of: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for aid, em, names, _, _ in items:
        for nm in names:
            days_of[(aid, em.type, nm)].add(em.date)
    best: dict[tuple[str, str], tuple] = {}
    for x in range(len(items)):
        ax, ex, nx, wx, _ = items[x]
        for y in range(x + 1, len(items)):
            ay, ey, ny, wy, _ = items[y]
            if ax == ay or ex.type != ey.type or ex.date == ey.date or not nx & ny:
                continue
            if not DATE_GAP_DAYS[0] <= _days_apart(ex.date, ey.date) <= DATE_GAP_DAYS[1]:
                continue
            shared = sorted(nx & ny)
            if any(ey.date in days_of[(ax, ex.type, nm)] or ex.date in days_of[(ay, ey.type, nm)] for nm in shared):
                continue                             # a report that gives both days: two happenings
            stem = ex.trigger[:5]
            wx2 = {w for w in wx - items[x][4] if not w.startswith(stem)}    # what is told beside who did it
            wy2 = {w for w in wy - items[y][4] if not w.startswith(stem)}
            sim = len(wx2 & wy2) / max(1, min(len(wx2), len(wy2)))
            if sim < HAPPENING_WORDS:
                continue
            key = (ex.type, shared[0])
            if key not in best or sim > best[key][0]:
                best[key] = (sim, x, y)
    out = []
    for key in sorted(best):
        sim, x, y = best[key]
        sides = []
        for aid, em in ((items[x][0], items[x][1]), (items[y][0], items[y][1])):
            same = [(a, e) for a, e, nm, _, _ in items if e.type == em.type and e.date == em.date and key[1] in nm]
            sides.append(_side(em.date, [reader.source(a, e.sent) for a, e in same]))
        support = [reader.reports({s.article for s in sd.sources}) for sd in sides]
        out.append(_conflict("date", f"day of {key[0]} ({key[1]})", sides, sim * (1 + min(support)) * 1.5))
    return out


# -- days of statements ---------------------------------------------------------------------------

STATEMENT_WORDS = 0.4      # share of word stems two sentences must share to report one statement
STATEMENT_TYPES = {"statement", "announce"}
STATEMENT_COMMON = (4, 0.3)   # ...of which this many (and share) are common words, not names
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SPEECH = r"(?:said|says|announced|told|stated|confirmed|added|declared|welcomed|reported|wrote|tweeted|posted)"
_DAY = r"(?P<day>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
# the weekday the verb of saying is told on ("said on Tuesday", "said Wednesday", "on Monday announced")
_SAID_ON = re.compile(rf"\b{_SPEECH}\s+(?:\w+\s+){{0,3}}?(?:on\s+)?(?:late\s+|early\s+)?{_DAY}\b|"
                      rf"\bon\s+{_DAY.replace('day>', 'day2>')}\s+(?:\w+\s+)?{_SPEECH}\b")
_SPEECH_STEMS = {"said", "says", "annou", "told", "state", "confi", "added", "decla", "welco", "repor", "wrote",
                 "tweet", "poste"} | {d[:5] for d in WEEKDAYS}


def _stems(text: str) -> set[str]:
    """The common words of a sentence cut to five letters ("agreed", "agreement"), without names and
    the words of saying and of days: what a statement says, which names shared by a whole story
    (who speaks, of whom) do not tell apart."""
    common = " ".join(w for w in re.findall(r"[\w’'-]+", text) if not w[:1].isupper())
    return {w[:5] for w in _words(common)} - _SPEECH_STEMS


def _all_stems(text: str) -> set[str]:
    return {w[:5] for w in _words(text)} - _SPEECH_STEMS


def statement_day_conflicts(articles: list[Article], reader: Reader) -> list[Conflict]:
    """One statement reported on different days: sentences of saying told in like words by different
    reports, each giving the day it was said ("X said on Tuesday" / "X said Wednesday"), 1-3 days
    apart (or, where a report is undated, on two weekdays), the speaker of each named in the other.
    A report that gives both days of like sentences tells two statements; sentences with different
    figures of one measure are updates. One conflict per statement, the likest pair."""
    items = []
    for a in articles:
        dated, speakers = {}, defaultdict(set)
        for em in a.events:
            if em.type in STATEMENT_TYPES:
                speakers[em.sent] |= {_fold(a.mentions[k].head or a.mentions[k].text).split()[-1]
                                      for k in em.agents if 0 <= k < len(a.mentions)
                                      and a.mentions[k].label in ("PERSON", "ORG")}
                if em.date_source == "timex" and is_day(em.date):
                    dated.setdefault(em.sent, em.date)
        for s in a.sentences:
            sent, text = s.idx, s.text
            m = _SAID_ON.search(text)
            if not m and sent not in dated:
                continue
            day, speaker = dated.get(sent), speakers.get(sent, set())
            if m:
                weekday = WEEKDAYS.index((m.group("day") or m.group("day2")).lower())
                if day and dt.date.fromisoformat(day).weekday() != weekday:
                    day = None                            # the verb's weekday is not the day the events give
                if day is None:
                    day = next((t.value for t in a.times if t.sent == sent and is_day(t.value)
                                and t.text.lower().startswith(WEEKDAYS[weekday][:3])), None)
                if not speaker:                 # no event names who spoke: the word right before the verb
                    before = text[:m.start()].split()[-1:]            # ("Kestrel said", "the ministry said")
                    speaker = {w for w in _words(" ".join(before))} - set(WEEKDAYS)
            else:
                weekday = dt.date.fromisoformat(day).weekday()
            figures = {(c.key, c.value) for c in a.claims if c.kind == "number" and c.sent == sent}
            items.append((a.id, sent, weekday, day, (_all_stems(text), _stems(text)), figures, _words(text),
                          speaker))
    like: dict[int, set[int]] = defaultdict(set)
    for x in range(len(items)):
        for y in range(x + 1, len(items)):
            if items[x][0] != items[y][0] and _statement_sim(items[x], items[y]) >= STATEMENT_WORDS:
                like[x].add(y)
                like[y].add(x)
    pairs = []
    for x in range(len(items)):
        ax, _, wx, dx, _, fx, tx, sx = items[x]
        for y in sorted(like[x]):
            ay, _, wy, dy, _, fy, ty, sy = items[y]
            if y < x or reader.original.get(ax, ax) == reader.original.get(ay, ay) or wx == wy:
                continue
            if dx and dy:
                if not DATE_GAP_DAYS[0] <= _days_apart(dx, dy) <= DATE_GAP_DAYS[1]:
                    continue
            elif min((wx - wy) % 7, (wy - wx) % 7) > DATE_GAP_DAYS[1]:
                continue
            if not (sx & ty or sy & tx):
                continue                                 # nothing says one speaker made both
            keys_x, keys_y = {k for k, _ in fx}, {k for k, _ in fy}
            if {f for f in fx if f[0] in keys_y} != {f for f in fy if f[0] in keys_x}:
                continue                                 # "the toll rose to 40" / "to 52": two updates
            if any(items[z][0] == ax and items[z][2] == wy for z in like[y]) or \
                    any(items[z][0] == ay and items[z][2] == wx for z in like[x]):
                continue                                 # a report that gives both days: two statements
            pairs.append((_statement_sim(items[x], items[y]), x, y))
    out, taken = [], set()
    for sim, x, y in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if x in taken or y in taken:
            continue
        sides, members = [], set()
        for k in (x, y):
            same = sorted(z for z in like[k] | {k} if items[z][2] == items[k][2])
            members |= set(same)
            label = WEEKDAYS[items[k][2]].capitalize() + (f" ({items[k][3]})" if items[k][3] else "")
            sides.append(_side(label, [reader.source(items[z][0], items[z][1]) for z in same]))
        taken |= members
        support = [reader.reports({s.article for s in sd.sources}) for sd in sides]
        out.append(_conflict("date", "day a statement was made", sides, sim * (1 + min(support)) * 1.5))
    return out


def _statement_sim(a, b) -> float:
    """How alike two sentences of saying are: the share of their word stems in common, 0 unless
    enough of what they share is more than names (the speaker and whom it is about)."""
    (wa, ca), (wb, cb) = a[4], b[4]
    common = len(ca & cb)
    if common < STATEMENT_COMMON[0] or common < STATEMENT_COMMON[1] * min(len(ca), len(cb)):
        return 0.0
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


# -- revisions ------------------------------------------------------------------------------------

def revision_conflicts(articles: list[Article], reader: Reader) -> list[Conflict]:
    """An explicit correction: the old and the new value, from the article that corrects it."""
    out = []
    for a in articles:
        for c in a.claims:
            if c.kind != "revision":
                continue
            src = reader.source(a.id, c.sent)
            new = c.text if c.value is None else _num_text(c.value)
            out.append(_conflict("revision", f"{c.key} revised", [Side(c.old or "", [src]), Side(new, [src])], 2.0,
                                 ordered=True))
    return out


def _num_text(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else str(v)


# -- dates of events ------------------------------------------------------------------------------

def date_conflicts(events: list[Event], reader: Reader | None = None) -> list[Conflict]:
    """The same participants doing the same kind of thing on days 1-3 apart, told by different sources:
    likely one happening reported with different dates."""
    dated = [e for e in events if is_day(e.date) and len(e.participants) >= 2 and e.status == "occurred"]
    # only events of one type whose participants are one set, or one inside the other (a later telling
    # may name one more side), can conflict: compare inside groups of one type
    groups: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(dated):
        groups[e.type].append(i)
    cast = [set(e.participants) for e in dated]
    pairs = sorted((i, j) for members in groups.values() for n, i in enumerate(members) for j in members[n + 1:]
                   if cast[i] == cast[j] or (min(len(cast[i]), len(cast[j])) >= 2
                                             and (cast[i] <= cast[j] or cast[j] <= cast[i])))
    out = []
    for i, j in pairs:
        a, b = dated[i], dated[j]
        gap = abs((dt.date.fromisoformat(a.date) - dt.date.fromisoformat(b.date)).days)
        arts_a, arts_b = {s.article for s in a.sources}, {s.article for s in b.sources}
        # told by different reports; or the rarer day comes from a report that also tells the other one
        # as a recap ("met on the 29th, says the spokesman; on the 1st, says a newspaper")
        if DATE_GAP_DAYS[0] <= gap <= DATE_GAP_DAYS[1] and \
                ((cast[i] == cast[j] and arts_a.isdisjoint(arts_b)) or arts_a > arts_b or arts_b > arts_a):
            sides = [_side(e.date, e.sources) for e in (a, b)]
            support = [len({s.article for s in e.sources}) for e in (a, b)]
            score = (1 + min(support)) * (1 + min(a.salience, b.salience))
            out.append(_conflict("date", f"{a.type} of the same participants ({a.id}, {b.id})", sides, score))
    return out


# -- who said it ----------------------------------------------------------------------------------

def attribution_conflicts(quotes: list[Quote], reader: Reader, names: dict[str, str]) -> list[Conflict]:
    """One quoted line credited to different speakers by different articles."""
    by_words: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        words = re.findall(r"\w+", q.text.lower())
        if len(words) >= MIN_QUOTE_WORDS:
            by_words[" ".join(words[:MIN_QUOTE_WORDS])].append(q)
    out = []
    for key in sorted(by_words):
        qs = by_words[key]
        speakers: dict[str, list[Quote]] = defaultdict(list)
        for q in qs:
            speakers[q.speaker].append(q)
        if len(speakers) < 2:
            continue
        ranked = sorted(speakers.items(), key=lambda kv: (-len({q.article for q in kv[1]}), kv[0]))[:2]
        arts = [{q.article for q in v} for _, v in ranked]
        wa, wb = (set(_fold(names.get(sp, sp)).split()) for sp, _ in ranked)
        if arts[0] == arts[1] or wa <= wb or wb <= wa:
            continue                                 # "the Committee" and "the Committee of X" are one speaker
        sides = [_side(names.get(sp, sp), [reader.source(q.article, _sent_of(reader, q)) for q in v])
                 for sp, v in ranked]
        out.append(_conflict("attribution", f"who said \"{qs[0].text[:60]}\"", sides,
                             1.5 + min(reader.reports(a) for a in arts)))
    return out


def _sent_of(reader: Reader, q: Quote) -> int:
    a = reader.articles[q.article]
    return next((s.idx for s in a.sentences if s.start <= q.start < s.end + 1), 0)


# -- names ----------------------------------------------------------------------------------------

_UNDECOMPOSED = str.maketrans({"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "ß": "ss"})


def _fold(s: str) -> str:
    if s.isascii():
        return s.lower().strip()
    s = unicodedata.normalize("NFKD", s.translate(_UNDECOMPOSED))
    return "".join(ch for ch in s if not unicodedata.combining(ch)).lower().strip()


_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_INNER_WORD = re.compile(r"(?<=[\w,;:’'] )[^\W\d_][\w'’-]*")     # a word inside a sentence, not its first
_WORD = re.compile(r"\w+")
_POSSESSIVE = re.compile(r"['’]s?$")


def _unpossessive(w: str) -> str:
    return _POSSESSIVE.sub("", w) if "'" in w or "’" in w else w


def name_conflicts(articles: list[Article], reader: Reader) -> list[Conflict]:
    """A name spelt two ways where one spelling is a slip: the same number of words, each word close in
    letters to the other's, the rarer spelling in one or two reports, the usual one in more."""
    forms: dict[str, dict[str, list[tuple[str, int]]]] = defaultdict(lambda: defaultdict(list))
    for a in articles:
        for m in a.mentions:
            if m.label not in ("PERSON", "ORG", "FAC", "GPE", "LOC") or m.dateline:
                continue
            words = [w for w in _NAME_WORD.findall(m.text) if w[0].isupper()]
            if len(words) < (1 if m.label in ("FAC",) else 2) or len(" ".join(words)) < 7:
                continue
            name = " ".join(words)
            forms[m.label if m.label != "LOC" else "GPE"][name].append((a.id, m.sent))
        # long capitalised words inside sentences, tagged alone or not at all ("the Varnholm cemetery"):
        # the words of longer names are compared as those names
        tagged = {w for m in a.mentions if len(m.text.split()) > 1 or m.label not in PLACE_LABELS
                  for w in m.text.split()}
        for sn in a.sentences:
            for w in _INNER_WORD.findall(sn.text):
                if not w[0].isupper():       # (checked first: most words are not capitalised)
                    continue
                w = _unpossessive(w)
                if len(w) >= UNTAGGED_NAME_LETTERS and w.isalpha() and w not in tagged and not w.isupper():
                    forms["WORD"][w].append((a.id, sn.idx))
        # a person's surname alone ("Kestrel"), which a report may misspell where it names them in full
        for m in a.mentions:
            words = m.text.split()
            if m.label == "PERSON" and words and len(_unpossessive(words[-1])) >= SURNAME_LETTERS:
                w = _unpossessive(words[-1])
                if w.isalpha() and w[0].isupper():
                    forms["WORD"][w].append((a.id, m.sent))
    # one-word forms that fold alike ("Velázo", "Velazo") are one form, under its most written spelling
    merged: dict[str, list[str]] = defaultdict(list)
    for w in sorted(forms.get("WORD", {})):
        merged[_fold(w)].append(w)
    for variants in merged.values():
        keep = sorted(variants, key=lambda w: (-len(forms["WORD"][w]), w))[0]
        for w in variants:
            if w != keep:
                forms["WORD"][keep] += forms["WORD"].pop(w)
    out = []
    surnames = {_fold(n).split()[-1] for n in forms.get("PERSON", {})}
    # the pairs of spellings close enough to be a slip
    pairs = []
    for label in sorted(forms):
        keys = sorted(forms[label])
        folded = {k: _fold(k) for k in keys}
        for x, y in _typo_candidates(keys, folded):
            fx, fy = folded[x], folded[y]
            person = label == "PERSON" or fx.split()[-1] in surnames     # a person tagged otherwise once
            if fx == fy or not _typo(fx, fy, person=person):
                continue
            if label == "WORD" and not _word_slip(fx, fy):
                continue
            pairs.append((label, x, y, fx, fy))
    # sentences by the words in them (only the words of those spellings): a spelling is looked for only
    # where all its words occur
    needed = {w for _, _, _, fx, fy in pairs for w in _WORD.findall(fx + " " + fy)}
    texts = {a.id: [_fold(sn.text) for sn in a.sentences] for a in articles}
    by_word: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for aid, sents in texts.items():
        for k, t in enumerate(sents):
            for w in needed.intersection(_WORD.findall(t)):
                by_word[w].add((aid, k))

    def written_in(phrase: str) -> set[tuple[str, int]]:
        words = _WORD.findall(phrase)
        spots = set.intersection(*(by_word.get(w, set()) for w in words)) if words else set()
        return {(aid, k) for aid, k in spots if _has_word(texts[aid][k], phrase)}
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    where_of: dict[str, list[tuple[str, int]]] = {}
    support: dict[str, int] = {}
    written: dict[tuple[str, str], list[tuple[str, int]]] = {}     # (label, name) -> where it is written
    for label, x, y, fx, fy in pairs:
        names = forms[label]
        # each spelling where it is written, tagged or not (a tagger misses names it does not know)
        for n, fn in ((x, fx), (y, fy)):
            if (label, n) not in written:
                written[(label, n)] = sorted(set(names[n]) | written_in(fn))
        where = {n: written[(label, n)] for n in (x, y)}
        ax, ay = {a for a, _ in where[x]}, {a for a, _ in where[y]}
        rare, usual = (x, y) if (reader.reports(ax), x) < (reader.reports(ay), y) else (y, x)
        ar, au = {a for a, _ in where[rare]}, {a for a, _ in where[usual]}
        if reader.reports(ar) > MAX_TYPO_ARTICLES or reader.reports(au) <= reader.reports(ar) \
                or ar <= au and len(ar) == len(au):
            continue
        found[(label, usual)].append(rare)
        where_of[usual], where_of[rare] = where[usual], where[rare]
        support[usual] = reader.reports(au)
    # one conflict per usual spelling, with each slip of it; a surname slip that a full name's conflict
    # already shows is left out
    shown = {w for (label, _), rares in found.items() if label != "WORD" for r in rares for w in r.split()}
    for (label, usual) in sorted(found):
        rares = sorted(r for r in set(found[(label, usual)]) if label != "WORD" or r not in shown)
        if not rares:
            continue
        sides = [_side(n, [reader.source(a, s) for a, s in where_of[n]]) for n in [usual] + rares]
        out.append(_conflict("name", f"spelling of {usual}", sides, 1.0 + 0.2 * support[usual], ordered=True))
    return out


def _word_slip(a: str, b: str) -> bool:
    """Whether two spellings of one word alone differ as a slip does, not as national forms do: those
    change the ending ("Velenko" / "Velenka"), a c, s or z, or, in a short name, one vowel
    ("Kelan" / "Kelun")."""
    if len(a) == len(b) and a[:-1] == b[:-1]:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(a) == len(b) and len(diff) == 1 and a[diff[0]] in "aeiou" and b[diff[0]] in "aeiou":
        return len(a) >= 7 and _vowel_slip(a, b)
    if len(a) == len(b) and len(diff) == 1 and {a[diff[0]], b[diff[0]]} <= set("csz"):
        return False                                 # "Patrizia" / "Patricia": one sound, two spellings
    return True


def _has_word(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def role_name_conflicts(articles: list[Article], reader: Reader) -> list[Conflict]:
    """One holder of a role given two first names: person mentions with one surname and one role
    ("Chief Minister Ada Kestrel" / "Chief Minister Bo Kestrel") whose given names cannot be one name
    (not initials of it, not a part or a spelling of it), from reports none of which gives both."""
    forms: dict[tuple[str, str], dict[str, list[tuple[str, int]]]] = defaultdict(lambda: defaultdict(list))
    for a in articles:
        for m in a.mentions:
            if m.label != "PERSON" or not m.role or m.dateline:
                continue
            words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", m.head or m.text) if w[0].isupper()]
            if len(words) < 2:
                continue
            forms[(_fold(words[-1]), _fold(m.role))][" ".join(words)].append((a.id, m.sent))
    out = []
    for key in sorted(forms):
        names = forms[key]
        keys = sorted(names)
        for i, x in enumerate(keys):
            for y in keys[i + 1:]:
                ax, ay = {a for a, _ in names[x]}, {a for a, _ in names[y]}
                if ax & ay or _one_given_name(x.split()[:-1], y.split()[:-1]):
                    continue
                sides = sorted((x, y), key=lambda n: (-reader.reports({a for a, _ in names[n]}), n))
                out.append(_conflict("name", f"name of the {key[1]} {key[0].title()}",
                                     [_side(n, [reader.source(a, s) for a, s in names[n]]) for n in sides],
                                     1.0 + 0.2 * min(reader.reports(ax), reader.reports(ay))))
    return out


def _one_given_name(gx: list[str], gy: list[str]) -> bool:
    """Whether two sets of given names can name one person: initials of each other ("M K" / "Mara
    Kaye"), one part of the other ("Ada" / "Ada Lin"), or spelt alike."""
    fx, fy = [_fold(w) for w in gx], [_fold(w) for w in gy]
    if set(fx) <= set(fy) or set(fy) <= set(fx):
        return True
    ix, iy = "".join(w[0] for w in fx), "".join(w[0] for w in fy)
    if ix.startswith(iy) or iy.startswith(ix):
        return True
    return _typo(" ".join(fx), " ".join(fy)) or [transliterated(w) for w in fx] == [transliterated(w) for w in fy]


_TRANSLITERATIONS = [("ks", "x"), ("y", "i"), ("ue", "e"), ("gu", "g"), ("ou", "u"), ("ph", "f"),
                     ("ence", "ense"), ("kh", "h"), ("w", "v")]


@functools.lru_cache(maxsize=65536)
def transliterated(word: str) -> str:
    """A word with the letters that transliterations and national spellings swap made one ("Velimir" /
    "Velimyr", "Defence" / "Defense"): such variants are ways of writing a name, not slips."""
    w = re.sub(r"['’]s$", "", word)
    for a, b in _TRANSLITERATIONS:
        w = w.replace(a, b)
    return re.sub(r"(.)\1", r"\1", w)


def _vowel_slip(a: str, b: str) -> bool:
    """One vowel put for another late in a long word ("Marielos" / "Marieles"): a slip of the keys.
    National forms of a given name differ early, in consonants or in the ending ("Mohammed" / "Muhammad",
    "Tarasi" / "Taraso")."""
    if len(a) != len(b) or len(a) < 6:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diff) == 1 and len(a) // 2 <= diff[0] < len(a) - 1 and a[diff[0]] in "aeiou" and b[diff[0]] in "aeiou"


def _typo_candidates(keys: list[str], folded: dict[str, str]) -> list[tuple[str, str]]:
    """The pairs of `keys` (in sorted order, as an all-pairs loop meets them) that _typo could accept:
    the same number of words, each starting with the same letter once transliterated (_typo asks both
    of every pair of words). Comparing only these keeps a large corpus from costing n² comparisons."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    spelt: dict[int, list[str]] = {}
    for i, k in enumerate(keys):
        words = spelt[i] = [transliterated(w) for w in folded[k].split()]
        blocks[(len(words), tuple(w[:1] for w in words))].append(i)
    pairs = []
    for (n, _), members in blocks.items():
        if n == 1 and len(members) > 1:
            pairs += _close_words(members, [spelt[i][0] for i in members])
        else:
            pairs += [(i, j) for m, i in enumerate(members) for j in members[m + 1:]]
    return [(keys[i], keys[j]) for i, j in sorted(pairs)]


def _close_words(members: list[int], words: list[str]) -> list[tuple[int, int]]:
    """The pairs of one-word names whose letters could pass _typo's comparison: the same letters in
    another order, or an Indel similarity (2·LCS / total length, an upper bound of SequenceMatcher's
    ratio) of at least NAME_SIMILARITY. rapidfuzz finds those in C, where a corpus's thousands of
    capitalised words would be millions of Python comparisons."""
    scores = cdist(words, words, scorer=fuzz.ratio, score_cutoff=100 * NAME_SIMILARITY - 0.01,
                   dtype="float32", workers=1)
    close = {(a, b) for a, b in zip(*scores.nonzero()) if a < b}
    letters: dict[str, list[int]] = defaultdict(list)
    for a, w in enumerate(words):
        letters["".join(sorted(w))].append(a)
    close |= {(a, b) for same in letters.values() for m, a in enumerate(same) for b in same[m + 1:]}
    return [(members[a], members[b]) for a, b in close]


def _typo(x: str, y: str, person: bool = False) -> bool:
    """Two spellings of one name: the same words but for a letter or two in one or two of them; not a
    different first name (a shared surname is a family, not a typo), an added word, a possessive or a
    transliteration. A person's given name alone spelt two ways beside one surname is a national form
    of the name ("Kazimir" / "Casimir", "Velimir" / "Velimyr"), not a slip."""
    wx, wy = [transliterated(w) for w in x.split()], [transliterated(w) for w in y.split()]
    if len(wx) != len(wy):
        return False
    differ = [(a, b) for a, b in zip(wx, wy) if a != b]
    if not differ or len(differ) > 2:
        return False
    if person and len(wx) > 1 and differ == [(wx[0], wy[0])] and not _vowel_slip(*differ[0]):
        return False
    for a, b in differ:
        if a[0] != b[0] or min(len(a), len(b)) < 4 or a.startswith(b) or b.startswith(a):
            return False
        # (the ratio is at most 2·min/(sum of lengths): a quick no before the full comparison)
        if len(a) != len(b) and 2 * min(len(a), len(b)) / (len(a) + len(b)) < NAME_SIMILARITY:
            return False
        if sorted(a) == sorted(b):
            continue                                 # the same letters in another order: a swap
        match = SequenceMatcher(None, a, b)
        # (quick_ratio bounds ratio from above and costs far less: most pairs fail it)
        if match.quick_ratio() < NAME_SIMILARITY or match.ratio() < NAME_SIMILARITY:
            return False
    return True


# -- what the timeline marks ----------------------------------------------------------------------

DISPUTING_KINDS = ("date", "number", "revision")     # what puts an event's day or figures in doubt


def disputed(events: list[Event], conflicts: list[Conflict]) -> dict[str, list[int]]:
    """For each event whose date or figures are disputed, the positions (in `conflicts`) of the date,
    number and revision conflicts one of its sentences stands on a side of."""
    where: dict[tuple[str, int], set[int]] = defaultdict(set)
    for n, c in enumerate(conflicts):
        if c.kind in DISPUTING_KINDS:
            for src in c.sources:
                where[(src.article, src.start)].add(n)
    out = {}
    for ev in events:
        found = set().union(*(where.get((s.article, s.start), set()) for s in ev.sources))
        if found:
            out[ev.id] = sorted(found)
    return out


# -- all of them ----------------------------------------------------------------------------------

def find(articles: list[Article], events: list[Event], quotes: list[Quote], names: dict[str, str],
         independent: dict[str, str] | None = None, max_conflicts: int | None = None) -> list[Conflict]:
    """Every rule's conflicts, ranked, the most important first."""
    reader = Reader(articles, independent)
    salience = {}
    for ev in events:
        for s in ev.sources:
            a = reader.articles.get(s.article)
            if a is None:
                continue
            idx = next((x.idx for x in a.sentences if x.start == s.start), None)
            if idx is not None:
                salience[(s.article, idx)] = max(salience.get((s.article, idx), 0.0), ev.salience)
    disaster_days = {ev.date for ev in events if ev.type == "disaster" and is_day(ev.date)}
    found = (number_conflicts(articles, reader, salience, disaster_days)
             + keyed_conflicts(articles, reader, "date", "year", "year of")
             + keyed_conflicts(articles, reader, "place", "place", "where is")
             + keyed_conflicts(articles, reader, "attribution", "giver", "who handed over the")
             + revision_conflicts(articles, reader)
             + event_date_conflicts(articles, reader)
             + happening_date_conflicts(articles, reader)
             + statement_day_conflicts(articles, reader)
             + date_conflicts(events, reader)
             + attribution_conflicts(quotes, reader, names)
             + name_conflicts(articles, reader)
             + role_name_conflicts(articles, reader))
    ranked = _one_per_dispute(rank(found))
    return ranked[:max_conflicts] if max_conflicts else ranked


def _one_per_dispute(conflicts: list[Conflict]) -> list[Conflict]:
    """Date conflicts two rules found alike (the same two days, reports in common): the higher ranked."""
    kept, seen = [], []
    for c in conflicts:
        if c.kind == "date":
            days = frozenset(d for s in c.sides for d in re.findall(r"\d{4}-\d\d-\d\d", s.value))
            arts = {s.article for s in c.sources}
            if any(days == d and arts & a for d, a in seen):
                continue
            seen.append((days, arts))
        kept.append(c)
    return kept


__all__ = ["find", "disputed", "date_conflicts", "number_conflicts", "name_conflicts", "attribution_conflicts",
           "keyed_conflicts", "revision_conflicts", "compatible", "same_thing"]
