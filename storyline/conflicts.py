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

import datetime as dt
import re
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher

from .claims import CONTRAST, STATIC_MEASURES
from .model import Article, Claim, Conflict, Event, Quote, Side, Source
from .time import is_day

DATE_GAP_DAYS = (1, 3)   # one happening told a day or three apart; further apart it is likely another one
SAME_THING = 0.34        # share of the smaller context two figures must have in common to be about one thing
DYNAMIC_MEASURES = {"dead", "injured", "missing"}   # change by the hour: compared within one day only
MAX_COUNT_GAP = 0.5      # two counts of one day this far apart are two counts (a region, a total), not a dispute
MIN_SHARED = 3           # ...and at least this many context words
MAX_SIDE_SOURCES = 6     # sentences shown per side: enough to see who says it
MIN_QUOTE_WORDS = 6      # a quoted line this long is one saying, whoever it is credited to
NAME_SIMILARITY = 0.75   # letters two spellings of one name share (a typo, a dropped or swapped letter)
MAX_TYPO_ARTICLES = 2    # a misspelling is a slip of one or two reports, not a second way of writing it


# -- the shared machinery -------------------------------------------------------------------------

class Reader:
    """What the rules need to know about the articles: sentences as sources, and which articles are
    copies of one report (counted once)."""

    def __init__(self, articles: list[Article], independent: dict[str, str] | None = None):
        self.articles = {a.id: a for a in articles}
        self.original = dict(independent or {})

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
    return sorted(conflicts, key=lambda c: (-c.score, c.kind, c.description))


# -- figures --------------------------------------------------------------------------------------

def compatible(a: Claim, b: Claim) -> bool:
    """Whether two figures can both be true: equal, or one inside the other's range when exactly one of
    them is a bound ("at least 40" and 41). Two bounds of the same kind are two counts: compared as values."""
    if a.value is None or b.value is None:
        return True
    if a.approx == b.approx and a.approx != "around":     # "about 200 km" and "about 125 miles" may be one
        return abs(a.value - b.value) <= 1e-9 * max(abs(a.value), abs(b.value), 1)
    return a.low <= b.high + 1e-9 and b.low <= a.high + 1e-9


def same_thing(a: Claim, b: Claim) -> float:
    """How alike the words around two figures are (0 when too few are shared). A named measure (a
    magnitude, an age) says more of what it is about than a bare count, so it needs fewer shared words."""
    sa, sb = set(a.about), set(b.about)
    shared = len(sa & sb)
    if shared < (MIN_SHARED if a.key.startswith("count of") else MIN_SHARED - 1) or not sa or not sb:
        return 0.0
    return shared / min(len(sa), len(sb))


def number_conflicts(articles: list[Article], reader: Reader, salience: dict[tuple[str, int], float] | None = None
                     ) -> list[Conflict]:
    """Figures of one measure told in like words by different articles for the same day (any day for a
    measure that does not change), whose values cannot both be true: one conflict per thing."""
    salience = salience or {}
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
    if _static(measure):
        return not (a.dated and b.dated and a.day != b.day)      # two quakes of two days
    if a.day == b.day:
        return True
    if measure in DYNAMIC_MEASURES or not (a.day and b.day):
        return False
    early, late = (a, b) if a.day < b.day else (b, a)
    return late.value < early.value


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

    disputes = []
    for i in range(n):
        ai, ci = items[i]
        for j in range(i + 1, n):
            aj, cj = items[j]
            if (ai == aj and (ci.value, cj.value) not in contrasted) or not comparable(measure, ci, cj):
                continue
            sim = same_thing(ci, cj)
            if sim < SAME_THING:
                continue
            parent[find(i)] = find(j)               # one thing, told by both
            if compatible(ci, cj) or (ci.value, cj.value) in together:
                continue
            gap = abs(ci.value - cj.value) / max(abs(ci.value), abs(cj.value), 1e-9)
            if not _static(measure) and gap > MAX_COUNT_GAP:
                continue                             # far apart: another count, or a later one
            disputes.append((i, j, sim, gap))
    best: dict[int, tuple] = {}
    for d in disputes:
        root = find(d[0])
        if root not in best or (d[2], -d[0], -d[1]) > (best[root][2], -best[root][0], -best[root][1]):
            best[root] = d
    out = []
    for root in sorted(best):
        i, j, sim, gap = best[root]
        members = [k for k in range(n) if find(k) == root]
        ci, cj = items[i][1], items[j][1]
        side_a = [k for k in members if compatible(items[k][1], ci) and not compatible(items[k][1], cj)]
        side_b = [k for k in members if compatible(items[k][1], cj) and not compatible(items[k][1], ci)]
        sides = [_figure_side(items, side, reader) for side in (side_a, side_b)]
        support = [reader.reports({items[k][0] for k in side}) for side in (side_a, side_b)]
        sal = max([salience.get((items[k][0], items[k][1].sent), 0.0) for k in side_a + side_b] + [0.0])
        score = sim * (1 + min(support)) * (1 + 0.5 * max(support) / (1 + min(support))) * (1 + sal)
        day = "" if _static(measure) else f" on {items[i][1].day}"
        out.append(_conflict("number", f"{measure}{day}", sides, score))
    return out


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
                value = c.about[0] if claim_kind == "place" and c.about else str(int(c.value or 0))
                by_key[c.key][_fold(value)].append((a.id, c))
    out = []
    for key in sorted(by_key):
        values = by_key[key]
        if len(values) < 2:
            continue
        ranked = sorted(values.items(), key=lambda kv: (-reader.reports({a for a, _ in kv[1]}), kv[0]))
        (va, ia), (vb, ib) = ranked[0], ranked[1]
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
    # only events of one type and one set of participants can conflict: compare inside those groups
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, e in enumerate(dated):
        groups[(e.type, frozenset(e.participants))].append(i)
    pairs = sorted((i, j) for members in groups.values() for n, i in enumerate(members) for j in members[n + 1:])
    out = []
    for i, j in pairs:
        a, b = dated[i], dated[j]
        gap = abs((dt.date.fromisoformat(a.date) - dt.date.fromisoformat(b.date)).days)
        if DATE_GAP_DAYS[0] <= gap <= DATE_GAP_DAYS[1] and \
                {s.article for s in a.sources}.isdisjoint({s.article for s in b.sources}):
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

def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch)).lower().strip()


def name_conflicts(articles: list[Article], reader: Reader) -> list[Conflict]:
    """A name spelt two ways where one spelling is a slip: the same number of words, each word close in
    letters to the other's, the rarer spelling in one or two reports, the usual one in more."""
    forms: dict[str, dict[str, list[tuple[str, int]]]] = defaultdict(lambda: defaultdict(list))
    for a in articles:
        for m in a.mentions:
            if m.label not in ("PERSON", "ORG", "FAC", "GPE", "LOC") or m.dateline:
                continue
            words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", m.text) if w[0].isupper()]
            if len(words) < (1 if m.label in ("FAC",) else 2) or len(" ".join(words)) < 7:
                continue
            name = " ".join(words)
            forms[m.label if m.label != "LOC" else "GPE"][name].append((a.id, m.sent))
    out = []
    for label in sorted(forms):
        names = forms[label]
        keys = sorted(names)
        folded = {k: _fold(k) for k in keys}
        for i, x in enumerate(keys):
            for y in keys[i + 1:]:
                fx, fy = folded[x], folded[y]
                if fx == fy or not _typo(fx, fy):
                    continue
                ax, ay = {a for a, _ in names[x]}, {a for a, _ in names[y]}
                rare, usual = (x, y) if (reader.reports(ax), x) < (reader.reports(ay), y) else (y, x)
                ar, au = {a for a, _ in names[rare]}, {a for a, _ in names[usual]}
                if reader.reports(ar) > MAX_TYPO_ARTICLES or reader.reports(au) <= reader.reports(ar) \
                        or ar <= au and len(ar) == len(au):
                    continue
                sides = [_side(n, [reader.source(a, s) for a, s in names[n]]) for n in (usual, rare)]
                out.append(_conflict("name", f"spelling of {usual}", sides, 1.0 + 0.2 * reader.reports(au)))
    return out


_TRANSLITERATIONS = [("ks", "x"), ("y", "i"), ("ue", "e"), ("gu", "g"), ("ou", "u"), ("ph", "f"), ("ence", "ense"),
                     ("kh", "h"), ("w", "v")]


def transliterated(word: str) -> str:
    """A word with the letters that transliterations and national spellings swap made one ("Sergei" /
    "Sergey", "Defence" / "Defense"): such variants are ways of writing a name, not slips."""
    w = re.sub(r"['’]s$", "", word)
    for a, b in _TRANSLITERATIONS:
        w = w.replace(a, b)
    return re.sub(r"(.)\1", r"\1", w)


def _typo(x: str, y: str) -> bool:
    """Two spellings of one name: the same words but for a letter or two in one or two of them; not a
    different first name (a shared surname is a family, not a typo), an added word, a possessive or a
    transliteration."""
    wx, wy = [transliterated(w) for w in x.split()], [transliterated(w) for w in y.split()]
    if len(wx) != len(wy):
        return False
    differ = [(a, b) for a, b in zip(wx, wy) if a != b]
    if not differ or len(differ) > 2:
        return False
    for a, b in differ:
        if a[0] != b[0] or min(len(a), len(b)) < 4 or a.startswith(b) or b.startswith(a):
            return False
        if SequenceMatcher(None, a, b).ratio() < NAME_SIMILARITY:
            return False
    return True


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
    found = (number_conflicts(articles, reader, salience)
             + keyed_conflicts(articles, reader, "date", "year", "year of")
             + keyed_conflicts(articles, reader, "place", "place", "where is")
             + revision_conflicts(articles, reader)
             + event_date_conflicts(articles, reader)
             + date_conflicts(events, reader)
             + attribution_conflicts(quotes, reader, names)
             + name_conflicts(articles, reader))
    ranked = rank(found)
    return ranked[:max_conflicts] if max_conflicts else ranked


__all__ = ["find", "date_conflicts", "number_conflicts", "name_conflicts", "attribution_conflicts",
           "keyed_conflicts", "revision_conflicts", "compatible", "same_thing"]
