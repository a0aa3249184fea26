"""Stories: group articles by the story they tell, one pass in publication order.

Each article is described by the entities it names (weighted by inverse document frequency, so that
a country named everywhere counts little). An article joins the story whose entity profile it
resembles most, if the resemblance passes a threshold; otherwise it opens a new story. Running in
date order makes the result the same as adding articles one by one as they arrive.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict

from .model import Story

JOIN_SIMILARITY = 0.18   # cosine of idf-weighted entity profiles; below it an article opens a new story
PROFILE_SIZE = 40


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(w * b.get(k, 0.0) for k, w in a.items())
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def group(article_entities: dict[str, Counter], order: list[str], duplicate_of: dict[str, str],
          join_similarity: float = JOIN_SIMILARITY, profile_size: int = PROFILE_SIZE) -> dict[str, str]:
    """article id -> story id ("s1", "s2", ... in order of first article)."""
    n = max(1, len(article_entities))
    df = Counter(e for ents in article_entities.values() for e in ents)
    idf = {e: math.log((1 + n) / (1 + c)) + 1.0 for e, c in df.items()}

    def vector(ents: Counter) -> dict[str, float]:
        return {e: (1 + math.log(c)) * idf[e] for e, c in ents.items()}

    story_of: dict[str, str] = {}
    sums: dict[str, Counter] = {}                 # story id -> summed member vectors
    profiles: dict[str, dict[str, float]] = {}    # story id -> its top entities (cached)
    holders: dict[str, set[str]] = defaultdict(set)   # entity -> stories whose profile has it
    for aid in order:
        if aid in duplicate_of and duplicate_of[aid] in story_of:
            story_of[aid] = story_of[duplicate_of[aid]]
            continue
        vec = vector(article_entities.get(aid, Counter()))
        candidates = set().union(*(holders[e] for e in vec)) if vec else set()
        best, best_sim = None, join_similarity
        for sid in sorted(candidates):
            sim = cosine(vec, profiles[sid])
            if sim > best_sim:
                best, best_sim = sid, sim
        if best is None:
            best = f"s{len(sums) + 1}"
            sums[best] = Counter()
        sums[best].update(vec)
        for e in profiles.get(best, {}):
            holders[e].discard(best)
        profiles[best] = dict(sums[best].most_common(profile_size))
        for e in profiles[best]:
            holders[e].add(best)
        story_of[aid] = best
    return story_of


def describe(article_story, art_entities, names, events, published) -> list[Story]:
    """Each story with its label (its three most named people and organisations), members, span and
    a summary from its three most salient happenings."""
    members: dict[str, list[str]] = {}
    for aid, sid in article_story.items():
        members.setdefault(sid, []).append(aid)
    out = []
    for sid, arts in sorted(members.items(), key=lambda kv: int(kv[0][1:])):
        counts = Counter()
        for a in arts:
            counts.update(art_entities.get(a, Counter()))
        top = [names[e].name for e, _ in counts.most_common(12) if e in names and names[e].type in ("PERSON", "ORG")][:3]
        label = " / ".join(top) or f"story {sid}"
        evs = sorted((e for e in events if e.story == sid and e.status == "occurred"), key=lambda e: -e.salience)[:3]
        summary = " ".join(e.summary for e in sorted(evs, key=lambda e: e.date or "9999"))
        dates = sorted(d for d in (published.get(a) for a in arts) if d)
        out.append(Story(sid, label, sorted(arts), summary, dates[0] if dates else None,
                         dates[-1] if dates else None))
    return out
