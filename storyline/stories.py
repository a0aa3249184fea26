"""Stories: group articles by the story they tell, one pass in publication order.

Each article is described by the entities it names (weighted by inverse document frequency, so that
a country named everywhere counts little). An article joins the story whose entity profile it
resembles most, if the resemblance passes a threshold; otherwise it opens a new story. Running in
date order makes the result the same as adding articles one by one as they arrive.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict

JOIN_SIMILARITY = 0.22
PROFILE_SIZE = 40


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(w * b.get(k, 0.0) for k, w in a.items())
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def group(article_entities: dict[str, Counter], order: list[str], duplicate_of: dict[str, str]) -> dict[str, str]:
    """article id -> story id ("s1", "s2", ... in order of first article)."""
    n = max(1, len(article_entities))
    df = Counter(e for ents in article_entities.values() for e in ents)
    idf = {e: math.log((1 + n) / (1 + c)) + 1.0 for e, c in df.items()}

    def vector(ents: Counter) -> dict[str, float]:
        return {e: (1 + math.log(c)) * idf[e] for e, c in ents.items()}

    story_of: dict[str, str] = {}
    profiles: dict[str, Counter] = {}
    members: dict[str, int] = defaultdict(int)
    for aid in order:
        if aid in duplicate_of and duplicate_of[aid] in story_of:
            story_of[aid] = story_of[duplicate_of[aid]]
            continue
        vec = vector(article_entities.get(aid, Counter()))
        best, best_sim = None, JOIN_SIMILARITY
        for sid, prof in profiles.items():
            sim = cosine(vec, dict(prof.most_common(PROFILE_SIZE)))
            if sim > best_sim:
                best, best_sim = sid, sim
        if best is None:
            best = f"s{len(profiles) + 1}"
            profiles[best] = Counter()
        # the profile is the running mean of member vectors
        members[best] += 1
        for e, w in vec.items():
            profiles[best][e] += w
        story_of[aid] = best
    return story_of
