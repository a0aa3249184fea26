"""The second dating pass: dates of articles that state none, from the dated articles of their corpus.

A pure function of the analysed articles (their own references, their stated dates, their story), so
every build of the same inputs dates them alike. Articles whose date moves are analysed again with it.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Article
from ..stories import cosine
from . import pubdate


@dataclass
class RedateSettings:
    tight_bounds_days: int = field(default=45, metadata={
        "why": "an article's own bounds this close need no peer: their midpoint stands"})


_FIRM_SOURCES = ("header", "metadata")
_WORD = re.compile(r"[A-Za-z][a-z]{3,}")


def corpus_dates(arts: list[Article], article_story: dict[str, str],
                 settings: RedateSettings | None = None) -> dict[str, tuple[str, str, str]]:
    """New (date, source, evidence) for articles with no stated date, from the corpus's dated articles.

    An article's own references bound its date (told as past: on or after; told as coming: before).
    When the bounds are tight the midpoint stands. Otherwise the most similar article that has a
    stated date gives the estimate (articles are collected around the moments they report),
    kept inside the article's own bounds, with the story's year for dates written without one.
    Articles dated by their own words then serve as peers for a second round.
    """

    tight = (settings or RedateSettings()).tight_bounds_days
    firm = {a.id: a.published for a in arts if a.published and a.published_source in _FIRM_SOURCES}
    firm_by_story: dict[str | None, list[str]] = {}
    for aid in firm:
        firm_by_story.setdefault(article_story.get(aid), []).append(aid)
    vectors: dict[str, dict[str, float]] = {}

    def vec() -> dict[str, dict[str, float]]:
        # articles are compared by their distinctive words (tf-idf): inside one story the actors are
        # shared, what tells two moments apart is what happened. Built only when an article needs it.
        if not vectors:
            bags = {a.id: Counter(w.lower() for w in _WORD.findall(a.text)) for a in arts}
            df = Counter(k for bag in bags.values() for k in bag)
            idf = {k: math.log((1 + len(arts)) / (1 + c)) for k, c in df.items()}
            vectors.update({aid: {k: (1 + math.log(c)) * idf[k] for k, c in bag.items() if idf[k] > 0}
                            for aid, bag in bags.items()})
        return vectors

    def estimate(a: Article, peer_dates: dict[str, str], story_year: str):
        """(date, source, evidence, from its own text) for one article."""
        line = pubdate.dateline(a.text, int(story_year))
        if line and a.published_source in (None, "dateline", "inferred"):
            nearest = _nearest_peer(a.id, list(peer_dates), vec())
            best = _closest_year(line, peer_dates[nearest]) if nearest else line
            return best, "dateline", (f"dateline at the start of the text; year from the story "
                                      f"(nearest dated article {nearest})"), True
        lower, upper = pubdate.bounds(a.date_refs, int(story_year))
        if lower and upper and lower <= upper and (upper - lower).days <= tight:
            got = pubdate.infer(a.date_refs, int(story_year))
            return (got[0], "inferred", got[1] + f" (year {story_year} from the story)", True) if got else None
        nearest = _nearest_peer(a.id, list(peer_dates), vec())
        if nearest is None:
            return None
        guess = dt.date.fromisoformat(peer_dates[nearest])
        why = f"like {nearest}, the most similar dated article ({peer_dates[nearest]})"
        # references that state their year bound the estimate; a bare "May 11" or "December" is
        # read in the year that puts it nearest the estimate (told as past, December may be last year's)
        lower, upper = _near_bounds(a.date_refs, guess)
        own = False
        if lower and guess < lower:
            guess, why, own = lower, why + f", but not before {lower} (told as past)", True
        if upper and guess >= upper and (not lower or upper > lower) and upper > dt.date.min:  # a day before it exists
            guess, why, own = upper - dt.timedelta(days=1), why + f", but before {upper} (told as coming)", True
        return guess.isoformat(), "inferred", why, own

    todo = []
    for a in arts:
        if a.id in firm or (a.published_source == "dateline" and pubdate.dateline(a.text, None)):
            continue            # a stated date, or a dateline that states its year
        story_peers = firm_by_story.get(article_story.get(a.id), [])
        if story_peers:
            todo.append((a, Counter(firm[p][:4] for p in story_peers).most_common(1)[0][0]))
    # the most similar dated article may sit in a neighbouring story of the corpus (stories are cut
    # finer than the moments they share); similarity of words already favours its own story
    found = {a.id: estimate(a, firm, year) for a, year in todo}
    # a second round: articles dated by their own words (a dateline, tight bounds, a bound that
    # moved the estimate) serve as peers for those that had only a peer to go by
    sure = {aid: f[0] for aid, f in found.items() if f and f[3]}
    if sure:
        peers = {**firm, **sure}
        for a, year in todo:
            if found[a.id] is None or not found[a.id][3]:
                found[a.id] = estimate(a, {k: v for k, v in peers.items() if k != a.id}, year)
    by_id = {a.id: a for a in arts}
    return {aid: f[:3] for aid, f in found.items() if f and f[0] != by_id[aid].published}


def _near_bounds(refs, guess: dt.date) -> tuple[dt.date | None, dt.date | None]:
    lower, upper = pubdate.bounds([r for r in refs if r[0][:1].isdigit()])
    for ref in (r for r in refs if r[0].startswith("XXXX")):
        options = [pubdate.bounds([ref], y) for y in (guess.year - 1, guess.year, guess.year + 1)]
        lo = [b[0] for b in options if b[0]]
        up = [b[1] for b in options if b[1]]
        if lo:
            near = min(lo, key=lambda d: abs((d - guess).days))
            lower = max(lower, near) if lower else near
        if up:
            near = min(up, key=lambda d: abs((d - guess).days))
            upper = min(upper, near) if upper else near
    return lower, upper


def _nearest_peer(aid: str, peers: list[str], vec: dict[str, dict[str, float]]) -> str | None:
    scored = [(cosine(vec[aid], vec[p]), p) for p in peers]
    scored = [sp for sp in scored if sp[0] > 0]
    return max(scored)[1] if scored else None


def _closest_year(day: str, anchor: str) -> str:
    """The same month and day in whichever of the anchor's year and its neighbours is nearest to it."""

    a = dt.date.fromisoformat(anchor)
    best = day
    for y in (a.year - 1, a.year, a.year + 1):
        try:
            cand = dt.date(y, int(day[5:7]), int(day[8:10]))
        except ValueError:
            continue
        if abs((cand - a).days) < abs((dt.date.fromisoformat(best) - a).days):
            best = cand.isoformat()
    return best
