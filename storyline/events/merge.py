"""Cross-document event merging: one real happening = one event with all its sources.

Event mentions of the same type family are merged when their participants overlap enough and their
dates agree (an undated mention of a past happening joins the latest matching dated event before its
article's date). A planned mention joins the event that later happened, and the event's status
follows the evidence: any source saying it occurred makes it occurred.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .. import lexicon, stable
from ..model import Article, Event, EventMention, Source
from ..time import is_day

# Types compared as one kind of happening when merging (the ontology keeps a phone call, an invitation
# and a meeting apart). An announcement is something said: one speaker's announcement and words on one
# day are one event, typed by its commonest telling.
FAMILY: dict[str, str] = {"announce": "statement"}
STATUS_RANK = {"occurred": 3, "cancelled": 2, "planned": 1, "uncertain": 0}
# an event no source says happened (a guess, a "could", a denial) ranks below those that did
STATUS_WEIGHT = {"uncertain": 0.5}


@dataclass
class _Candidate:
    article: str
    mention: EventMention
    participants: frozenset[str]
    place: str | None
    published: str | None
    agents: frozenset[str] = frozenset()
    counterparts: frozenset[str] = frozenset()
    # the same, with each organisation replaced by its corporate family: what tellings are compared by
    # ("Acme Bank said" and "Acme Group said" on one day are one side)
    keys: frozenset[str] = frozenset()
    agent_keys: frozenset[str] = frozenset()
    counter_keys: frozenset[str] = frozenset()
    # joined an earlier event as a recap: its publication day says when it was told, not when the
    # event took place, so it gives the event no date
    recalled: bool = False
    about: frozenset[str] = frozenset()     # named in what a statement said (see EventMention.about)


@dataclass
class _Cluster:
    family: str
    index: int
    items: list[_Candidate] = field(default_factory=list)
    participants: Counter = field(default_factory=Counter)
    agents: Counter = field(default_factory=Counter)
    counterparts: Counter = field(default_factory=Counter)
    about: Counter = field(default_factory=Counter)
    dates: Counter = field(default_factory=Counter)
    _memo: dict = field(default_factory=dict, repr=False)

    def add(self, c: _Candidate):
        self._memo = {}
        self.items.append(c)
        self.participants.update(c.participants)
        self.agents.update(c.agents)
        self.counterparts.update(c.counterparts)
        self.about.update(c.about)
        if c.mention.date and not c.recalled:
            self.dates[(c.mention.date, c.mention.date_end)] += 1

    def _telling(self) -> list[_Candidate]:
        """The tellings that define the event: those saying it happened, when there are any (a plan
        may bundle several meetings that then happen apart)."""
        done = [c for c in self.items if c.mention.status == "occurred"]
        return done or self.items

    def core(self) -> set[str]:
        """The participants most of its tellings name: what the event is about. A cluster must not grow
        by what its fringe shares with the next mention, or it swallows every meeting of the story."""
        if "core" not in self._memo:
            self._memo["core"] = _common([c.keys for c in self._telling()])
        return self._memo["core"]

    def keys(self) -> set[str]:
        """Everyone its tellings name, by corporate family."""
        if "keys" not in self._memo:
            self._memo["keys"] = {k for c in self.items for k in c.keys}
        return self._memo["keys"]

    def speakers(self) -> set[str]:
        if "speakers" not in self._memo:
            self._memo["speakers"] = {k for c in self.items for k in c.agent_keys}
        return self._memo["speakers"]

    def sides(self) -> tuple[set[str], set[str]]:
        """The core of who acts and of whom they act with or upon."""
        if "sides" not in self._memo:
            told = self._telling()
            self._memo["sides"] = (_common([c.agent_keys for c in told]), _common([c.counter_keys for c in told]))
        return self._memo["sides"]

    @property
    def date(self) -> tuple[str | None, str | None]:
        if not self.dates:
            return None, None
        # most specific first, then best supported
        # (among equals the first told: candidates arrive in publication order, then by article id)
        return max(self.dates.items(), key=lambda kv: (len(kv[0][0]), kv[0][1] is None, kv[1]))[0]


def _common(sets: list[frozenset]) -> set[str]:
    """Members named by at least 30% of the sets."""
    need = max(1, 0.3 * len(sets))
    return {p for p, n in Counter(p for s in sets for p in s).items() if n >= need}


# How much one article's telling of an event says that the event matters to the story.
LEAD_SENTENCES = 2          # headline and first sentence
LEAD_RECAP_DAYS = 3         # a lead telling an event older than this recalls it
POSITION_WEIGHTS = ((LEAD_SENTENCES, 1.0), (4, 0.75), (7, 0.55))   # (sentences before, weight); else:
LATE_WEIGHT = 0.4
SIDE_CLAUSE_WEIGHT = 0.75   # "after X met Y, ...": told in passing
BACKGROUND_WEIGHT = 0.6     # dated well before the article: a recap, not the news of the day
AHEAD_WEIGHT = 0.8          # dated after the article: announced in advance
FRESH_DAYS = 3
SPEECH_WEIGHT = 0.6


def _weight(c: _Candidate, date: str | None) -> float:
    sent = c.mention.sent
    w = next((wt for limit, wt in POSITION_WEIGHTS if sent < limit), LATE_WEIGHT)
    if not c.mention.main:
        w *= SIDE_CLAUSE_WEIGHT
    if c.mention.type in lexicon.SPEECH_TYPES and sent >= LEAD_SENTENCES:
        w *= SPEECH_WEIGHT      # a quote in the body; a statement that leads the article is its news
    if date and c.published and len(date) >= 7:
        gap = _days_between(date, c.published)
        if gap is not None and gap > FRESH_DAYS:
            w *= BACKGROUND_WEIGHT
        elif gap is not None and gap < -1:
            w *= AHEAD_WEIGHT
    return w


def _days_between(date: str, published: str) -> int | None:
    """Days from an event's date (its first day) to a publication day."""
    try:
        start = dt.date.fromisoformat(date if len(date) == 10 else date + "-01")
        return (dt.date.fromisoformat(published) - start).days
    except ValueError:
        return None


def _family(t: str) -> str:
    return FAMILY.get(t, t)


def _dates_agree(a: tuple, b: tuple) -> bool:
    (s1, e1), (s2, e2) = a, b
    if not s1 or not s2:
        return True
    lo1, hi1 = s1, e1 or s1
    lo2, hi2 = s2, e2 or s2
    # compare at the coarser granularity
    n = min(len(lo1), len(lo2))
    if e1 is None and e2 is None:
        return lo1[:n] == lo2[:n]
    return lo1[:n] <= hi2[:n] and lo2[:n] <= hi1[:n]


def _reported_late(m: EventMention, cluster_day: str | None) -> bool:
    """A telling dated only by its article ("has agreed", no date in the sentence) may come a day or
    two after the happening it reports."""
    if m.date_source != "published" or not is_day(cluster_day) or not m.date:
        return False
    gap = _days_between(cluster_day, m.date)
    return gap is not None and 0 <= gap <= 2


def _recap(c: _Candidate) -> bool:
    """A telling from an article's body, of something that occurred, with no time of its own: in a
    later article it usually recalls an earlier happening ("X named Y as coach" a fortnight after the
    naming), so it may join the earlier event as an undated telling. A lead recalls only what is older
    than LEAD_RECAP_DAYS (see _earlier_telling): nearer, it is the news of its day."""
    m = c.mention
    return m.date_source == "published" and m.status == "occurred"


def _sides_agree(a: tuple, b: tuple) -> bool:
    """Two tellings with both an actor and a counterpart are one happening only if they share someone
    on each side, either way round ("X met Y" = "Y met X"): X and his companion meeting Y on Monday is
    not X and his companion meeting Z the same day."""
    (a_act, a_with), (b_act, b_with) = a, b
    if not (a_act and a_with and b_act and b_with):
        return True
    return bool((a_act & b_act and a_with & b_with) or (a_act & b_with and a_with & b_act))


def _overlap_needed(p: frozenset, q) -> int:
    return max(1, min(2, len(p), len(q)))


def merge(articles: list[Article], entity_of: dict[tuple[str, int], str], published: dict[str, str | None],
          independent: dict[str, str], kin: dict[str, str] | None = None) -> list[Event]:
    """Merge event mentions into events. `independent` maps an article to the article it copies (if any);
    `kin` maps an organisation to its corporate family (see entities.corporate_families)."""
    kin = kin or {}

    def family(ids: frozenset[str]) -> frozenset[str]:
        return frozenset(kin.get(p, p) for p in ids)

    cands = []
    for a in articles:
        for ev in a.events:
            parts = [entity_of.get((a.id, i)) for i in ev.agents + ev.counterparts]
            parts = frozenset(p for p in parts if p)
            if not parts:
                continue
            place = entity_of.get((a.id, ev.place)) if ev.place is not None else None
            agents = frozenset(p for p in (entity_of.get((a.id, i)) for i in ev.agents) if p)
            counter = frozenset(p for p in (entity_of.get((a.id, i)) for i in ev.counterparts) if p) - agents
            about = frozenset(p for p in (entity_of.get((a.id, i)) for i in ev.about) if p) - parts
            cands.append(_Candidate(a.id, ev, parts, place, published.get(a.id), agents, counter,
                                    family(parts), family(agents), family(counter) - family(agents), about=about))
    # dated, specific and occurred mentions seed clusters first
    cands.sort(key=lambda c: (c.mention.date is None, -len(c.mention.date or ""),
                              -STATUS_RANK[c.mention.status], c.published or "", c.article))
    clusters: list[_Cluster] = []
    by_participant: dict[tuple[str, str], list[int]] = defaultdict(list)   # (family, entity) -> clusters
    for c in cands:
        fam = _family(c.mention.type)
        best, best_score = None, 0
        speech = fam in lexicon.SPEECH_TYPES
        recap = None
        # what one speaker says on one day is one statement event, however many sentences tell it
        if not speech or is_day(c.mention.date):
            near = sorted({i for p in c.keys for i in by_participant[(fam, p)]})
            if not speech and _recap(c):
                recap = _earlier_telling(c, [clusters[i] for i in near])
            for cl in (clusters[i] for i in near):
                if speech and (c.mention.date != cl.date[0] or not c.agent_keys & cl.speakers()):
                    continue        # one speaker's words: the speakers must be the same
                core = cl.core()
                shared = len(c.keys & core)
                if speech:
                    shared = max(shared, 2)
                if shared < _overlap_needed(c.keys, core):
                    continue
                if not speech and not _sides_agree((c.agent_keys, c.counter_keys), cl.sides()):
                    continue
                if shared < 2 and not (is_day(c.mention.date) and c.mention.date == cl.date[0]):
                    continue    # one shared participant is enough only on the same day
                if c.mention.date:
                    if not _dates_agree((c.mention.date, c.mention.date_end), cl.date) and \
                            not _reported_late(c.mention, cl.date[0]):
                        continue
                else:
                    cl_date = cl.date[0]
                    if cl_date is None:
                        pass
                    elif c.mention.status == "occurred" and c.published and cl_date[:len(c.published)] > c.published:
                        continue
                    # an undated telling joins on two shared participants, or on one when its own
                    # article already told this event with a date ("met on Monday ... the meeting")
                    if shared < 2 and not any(it.article == c.article for it in cl.items):
                        continue
                score = shared * 10 + (len(cl.date[0] or "") if not c.mention.date else 0)
                if score > best_score:
                    best, best_score = cl, score
        if best is None and recap is not None:
            best, c.recalled = recap, True
        if best is None:
            best = _Cluster(fam, len(clusters))
            clusters.append(best)
        for p in c.keys - best.keys():
            by_participant[(fam, p)].append(best.index)
        best.add(c)
    by_id = {a.id: a for a in articles}
    final = _fuse_same_day(clusters)
    told = [_event(cl, by_id, independent) for cl in final]
    events = [e for e, _ in told]
    _demote_side_statements(told)
    _demote_retellings([(e, _main_sentences(cl, by_id)) for e, cl in zip(events, final)])
    return events


def _earlier_telling(c: _Candidate, clusters: list[_Cluster]) -> _Cluster | None:
    """The event a recap recalls: the best-supported earlier event of its kind that shares two of its
    participants, with the same sides, that had occurred by the time of the article."""
    best, best_n = None, 0
    for cl in clusters:
        day = cl.date[0]
        if not day or not c.published or day[:len(c.published)] >= c.published:
            continue
        # the lead of a later article is the news of its day, unless what it tells is older than a
        # report a few days late would be
        if c.mention.sent < LEAD_SENTENCES and (_days_between(day, c.published) or 0) <= LEAD_RECAP_DAYS:
            continue
        if not any(it.mention.status == "occurred" for it in cl.items):
            continue
        if len(c.keys & cl.core()) < 2 or not _sides_agree((c.agent_keys, c.counter_keys), cl.sides()):
            continue
        if len(cl.items) > best_n:
            best, best_n = cl, len(cl.items)
    return best


def _fuse_same_day(clusters: list[_Cluster]) -> list[_Cluster]:
    """One happening told with different verbs ("seized", "was closed", "named a receiver for") is one
    event: clusters of different types on the same day join when they share their core participants
    (both of them, or the one a single-participant telling names). Same-day happenings with different
    counterparts ("met A", later "met B") stay apart, as they do within one type. Speech stays apart:
    what is said about a happening ranks below it (see _demote_side_statements)."""
    fused: list[_Cluster] = []
    by_day: dict[str, list[_Cluster]] = defaultdict(list)
    for cl in sorted(clusters, key=lambda c: -len(c.items)):
        day, end = cl.date
        if not is_day(day) or end or cl.family in lexicon.SPEECH_TYPES or \
                not any(c.mention.status == "occurred" for c in cl.items):
            fused.append(cl)
            continue
        core = cl.core()
        host = next((h for h in by_day[day] if len(core & h.core()) >= _overlap_needed(frozenset(core), h.core())
                     and _sides_agree(cl.sides(), h.sides())), None)
        if host is None:
            by_day[day].append(cl)
            fused.append(cl)
            continue
        for c in cl.items:
            host.add(c)
    return _fold_attributed_speech(_fold_misdated(fused), by_day)


MISDATED_SUPPORT = 3    # a day-off telling joins an event told by at least this many times its articles


def _fold_misdated(clusters: list[_Cluster]) -> list[_Cluster]:
    """A few sources put a happening a day off the day most give ("ousted on Saturday" where the
    rest say Friday): with the same kind, the same core and agreeing sides, such a small cluster is
    that happening, not a second one. It joins without a say in the date (where sources disagree on
    the day is the conflicts stage's business)."""
    def articles(cl):
        return len({c.article for c in cl.items})

    order = sorted(clusters, key=lambda cl: (-articles(cl), cl.index))
    out, hosts = [], []
    for cl in order:
        day, end = cl.date
        host = None
        if is_day(day) and not end and cl.family not in lexicon.SPEECH_TYPES:
            core = cl.core()
            host = next((h for h in hosts if h.family == cl.family and articles(h) >= MISDATED_SUPPORT * articles(cl)
                         and abs(_days_between(day, h.date[0]) or 99) == 1
                         and len(core & h.core()) >= _overlap_needed(frozenset(core), h.core())
                         and _sides_agree(cl.sides(), h.sides())), None)
        if host is None:
            out.append(cl)
            if is_day(day) and not end:
                hosts.append(cl)
            continue
        for c in cl.items:
            c.recalled = True
            host.add(c)
    return sorted(out, key=lambda cl: cl.index)


ATTRIBUTED_SHARE = 0.5


def _fold_attributed_speech(clusters: list[_Cluster], by_day: dict[str, list[_Cluster]]) -> list[_Cluster]:
    """"X has agreed to buy Y, the regulator said on Sunday": when most sentences telling what someone
    said that day also tell a happening of that day, the saying is that happening's attribution, not an
    event of its own."""
    out = []
    for cl in clusters:
        day = cl.date[0]
        hosts = by_day.get(day, []) if cl.family in lexicon.SPEECH_TYPES and is_day(day) else []
        told = {(c.article, c.mention.sent) for c in cl.items}
        share = {id(h): len(told & {(c.article, c.mention.sent) for c in h.items}) / len(told) for h in hosts}
        host = max(hosts, key=lambda h: share[id(h)], default=None)
        if host is None or share[id(host)] < ATTRIBUTED_SHARE:
            out.append(cl)
            continue
        for c in cl.items:
            host.add(c)
    return out


SIDE_STATEMENT_WEIGHT = 0.5


def _demote_side_statements(told: list[tuple[Event, set[str]]]) -> None:
    """What someone says on the day of a happening they take part in is part of that happening's
    coverage ("after the talks, X said ..."): it ranks below the happening itself. `told` pairs each
    event with those who act in it (not who its words are about)."""
    happenings: dict[str, set[str]] = defaultdict(set)      # day -> participants of non-speech events
    for e, acted in told:
        if is_day(e.date) and e.type not in lexicon.SPEECH_TYPES and e.status == "occurred":
            happenings[e.date].update(acted)
    for e, acted in told:
        if e.type in lexicon.SPEECH_TYPES and e.date in happenings and happenings[e.date] & acted:
            e.salience = round(e.salience * SIDE_STATEMENT_WEIGHT, 3)


RETELLING_WEIGHT = 0.5


def _main_sentences(cl: _Cluster, articles_by_id: dict[str, Article]) -> set[tuple[str, int]]:
    """(article, sentence start) of the sentences whose main clause tells the cluster's event."""
    out = set()
    for c in cl.items:
        sents = articles_by_id[c.article].sentences
        if c.mention.main and 0 <= c.mention.sent < len(sents):
            out.add((c.article, sents[c.mention.sent].start))
    return out


def _demote_retellings(told: list[tuple[Event, set[tuple[str, int]]]]) -> None:
    """An event whose strongest telling is a sentence whose main clause already tells a more salient
    event ("X closed the case and announced Y's departure" gives a closing and an announcement) is
    another reading of that sentence: it ranks below events told in sentences of their own. (An event
    named in passing, "after the ouster", takes nothing from the sentence's own news.) `told` pairs each
    event with its main-clause sentences. Most salient first, ties by summary and sources, so the
    outcome does not depend on the input order."""
    taken: set[tuple[str, int]] = set()
    order = sorted(told, key=lambda t: (-t[0].salience, t[0].summary, [(s.article, s.start) for s in t[0].sources]))
    lowered = []
    for e, mains in order:
        if e.sources and (e.sources[0].article, e.sources[0].start) in taken:
            lowered.append(e)
        taken.update(mains)
    for e in lowered:
        e.salience = round(e.salience * RETELLING_WEIGHT, 3)


def _event(cl: _Cluster, articles_by_id: dict[str, Article], independent: dict[str, str]) -> tuple[Event, set[str]]:
    """The event a cluster tells, and those who act in it."""
    status = max((c.mention.status for c in cl.items), key=lambda s: STATUS_RANK[s])
    if status == "cancelled" and any(c.mention.status == "occurred" for c in cl.items):
        status = "occurred"
    date, date_end = cl.date
    types = Counter(c.mention.type for c in cl.items)
    sources, seen = [], set()
    date = cl.date[0]
    weight = {id(c): _weight(c, date) for c in cl.items}
    # strongest sources first (lead sentences of independent articles), one per article before repeats
    firsts = {}
    for c in sorted(cl.items, key=lambda c: -weight[id(c)]):
        firsts.setdefault(c.article, id(c))
    order = sorted(cl.items, key=lambda c: (firsts[c.article] != id(c), -weight[id(c)], c.article, c.mention.sent))
    for c in order:
        key = (c.article, c.mention.sent)
        if key in seen:
            continue
        seen.add(key)
        art = articles_by_id[c.article]
        s = art.sentences[c.mention.sent] if 0 <= c.mention.sent < len(art.sentences) else None
        if s:
            sources.append(Source(c.article, s.text, s.start, s.end))
    places = Counter(c.place for c in cl.items if c.place)
    # independent support: each original article counts once (a copy adds nothing), by its best telling
    support: dict[str, float] = {}
    for c in cl.items:
        origin = independent.get(c.article, c.article)
        support[origin] = max(support.get(origin, 0.0), weight[id(c)])
    # agents first (the speaker of a statement, the one who acts), then the others, commonest first
    participants = stable.ranked(cl.agents)
    participants += [p for p in stable.ranked(cl.participants) if p not in cl.agents]
    acted = len(participants)
    participants += [p for p in stable.ranked(cl.about) if p not in participants]
    roles = [_role(cl, p) if i < acted else "about" for i, p in enumerate(participants)]
    best = max(cl.items, key=lambda c: (STATUS_RANK[c.mention.status], c.mention.date is not None,
                                        len(c.participants)))
    best_art = articles_by_id[best.article]
    summary = best_art.sentences[best.mention.sent].text if 0 <= best.mention.sent < len(best_art.sentences) else ""
    # a happening told with its attribution is that happening
    typ = (Counter(t for t in types.elements() if _family(t) not in lexicon.SPEECH_TYPES) or types).most_common(1)[0][0]
    salience = sum(support.values()) + 0.2 * math.log1p(acted) + (0.3 if is_day(date) else 0)
    salience *= STATUS_WEIGHT.get(status, 1.0)
    event = Event(id="", type=typ, status=status, date=date, date_end=date_end, participants=participants,
                 place=places.most_common(1)[0][0] if places else None, summary=summary[:400],
                 salience=round(salience, 3), sources=sources, roles=roles, date_source=_date_source(cl))
    return event, set(participants[:acted])


def _role(cl: _Cluster, entity: str) -> str:
    """What an entity is in the event: "agent" when its tellings name it as the one who acts at least as
    often as the one acted with or upon ("X met Y" and "Y met X" make both agents), else "counterpart"."""
    return "agent" if cl.agents[entity] and cl.agents[entity] >= cl.counterparts[entity] else "counterpart"


def _date_source(cl: _Cluster) -> str | None:
    """Where the event's date comes from: "timex" when a telling that gives that date states it in its
    sentence, "published" when every such telling took its article's day; None when undated."""
    if not cl.date[0]:
        return None
    given = {c.mention.date_source for c in cl.items if (c.mention.date, c.mention.date_end) == cl.date}
    return "timex" if "timex" in given else "published" if given else None
