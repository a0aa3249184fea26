"""Entities: resolve mentions across all articles into canonical entities with aliases and roles.

Rules, in the order they apply (a missed merge is preferred to a wrong one):
1. Each surface form gets the label most of its mentions carry in the corpus.
2. Multi-word names are grouped by a normalised key (case, initials "H.D."/"HD", possessives).
3. An organisation followed by "(ACRONYM)" makes the acronym its alias; an all-caps form equal to
   the initials of exactly one organisation's name joins it.
4. A one-word person mention joins the full name in the same article that ends (surname) or starts
   (first name) with it; failing that, the only such full name in the corpus. Two candidates: no merge.
5. Roles come from title words before a name ("Brevik Chief Minister X") and appositions; each is
   dated by the article that states it.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from . import lexicon
from .model import Article, Entity

_STOP = {"of", "and", "the", "for", "&", "de", "la", "du"}


@dataclass
class Resolution:
    entities: list[Entity]
    by_mention: dict[tuple[str, int], str]      # (article id, mention index) -> entity id


def name_key(name: str) -> str:
    """Case-, punctuation- and initials-insensitive key: "H.D. Marr" == "HD Marr"."""
    words = re.sub(r"[^\w\s]", " ", name.replace("’", "'").replace("'s ", " ")).split()
    out, initials = [], ""
    for w in words:
        if len(w) == 1 and w.isalpha():
            initials += w.lower()
            continue
        if initials:
            out.append(initials)
            initials = ""
        out.append(w.lower())
    if initials:
        out.append(initials)
    if out and out[0] == "the":
        out = out[1:]
    return " ".join(out)


def acronym(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name) if w.lower() not in _STOP).upper()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48] or "x"


def resolve(articles: list[Article], dates: dict[str, str | None]) -> Resolution:
    # 1. corpus label vote per surface key
    votes: dict[str, Counter] = defaultdict(Counter)
    for a in articles:
        for m in a.mentions:
            votes[name_key(m.head)][m.label] += 1
    label_of = {k: c.most_common(1)[0][0] for k, c in votes.items()}

    groups: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)  # (label, key) -> mentions
    surface: dict[tuple[str, str], Counter] = defaultdict(Counter)
    acronym_links: dict[str, str] = {}   # acronym key -> full-name key
    # the names and name parts of multi-word persons: a lone "Dragomir" tagged ORG is still a surname
    name_parts, other_parts = set(), set()
    for key, c in votes.items():
        parts = key.split()
        if len(parts) > 1:
            (name_parts if c.most_common(1)[0][0] == "PERSON" else other_parts).update(parts)
    name_parts -= other_parts      # "Velmora" in "Port Velmora" is not a surname
    single: list[tuple[str, int, str]] = []
    for a in articles:
        for i, m in enumerate(a.mentions):
            key = name_key(m.head)
            if not key:
                continue
            label = _coarse(label_of.get(key, m.label))
            if len(key.split()) == 1 and (label == "PERSON" or (key in name_parts and not m.text.isupper())):
                single.append((a.id, i, key))
                continue
            groups[(label, key)].append((a.id, i))
            surface[(label, key)][m.head] += 1
        for full, acr in _defined_acronyms(a):
            acronym_links[name_key(acr)] = name_key(full)

    # 3. acronyms: defined in text, or equal to the initials of exactly one organisation
    org_initials: dict[str, list[str]] = defaultdict(list)
    for label, key in groups:
        if label == "ORG" and len(key.split()) > 1:
            org_initials[acronym(key).lower()].append(key)
    target: dict[tuple[str, str], tuple[str, str]] = {}
    for label, key in list(groups):
        if label != "ORG" or len(key.split()) != 1:
            continue
        full = acronym_links.get(key)
        if full is None and len(org_initials.get(key, [])) == 1:
            full = org_initials[key][0]
        if full and ("ORG", full) in groups and full != key:
            target[(label, key)] = ("ORG", full)

    # 4. one-word person mentions
    full_persons = [k for (label, k) in groups if label == "PERSON"]
    by_last, by_first = defaultdict(set), defaultdict(set)
    for k in full_persons:
        parts = k.split()
        by_last[parts[-1]].add(k)
        by_first[parts[0]].add(k)
    by_id = {a.id: a for a in articles}
    article_persons: dict[str, set[str]] = defaultdict(set)
    for (label, key), ms in groups.items():
        if label == "PERSON":
            for art, _ in ms:
                article_persons[art].add(key)
    for art, i, key in single:
        local = {k for k in article_persons[art] if k.split()[-1] == key or k.split()[0] == key}
        cands = local or (by_last.get(key, set()) | by_first.get(key, set()))
        if len(cands) == 1:
            groups[("PERSON", next(iter(cands)))].append((art, i))
        else:
            groups[("PERSON", key)].append((art, i))
        m = by_id[art].mentions[i]
        surface[("PERSON", next(iter(cands)) if len(cands) == 1 else key)][m.head] += 1

    # build entities
    mention_of = by_id
    merged: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    forms: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for gk, ms in groups.items():
        root = target.get(gk, gk)
        merged[root].extend(ms)
        forms[root].update(surface[gk])
    entities, by_mention, used_ids = [], {}, set()
    for (label, key), ms in sorted(merged.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        names = forms[(label, key)]
        name = _canonical(names, label)
        eid = "e-" + _slug(name)
        while eid in used_ids:
            eid += "-x"
        used_ids.add(eid)
        roles = _roles(ms, mention_of, dates)
        aliases = sorted({n for n in names if n != name})
        entities.append(Entity(eid, name, label, aliases, roles, len(ms)))
        for art, i in ms:
            by_mention[(art, i)] = eid
    return Resolution(entities, by_mention)


def _coarse(label: str) -> str:
    return {"FAC": "LOC", "NORP": "ORG"}.get(label, label) if label != "GPE" else "GPE"


def _canonical(names: Counter, label: str) -> str:
    """The fullest common form: most words first, then most frequent."""
    def score(item):
        n, count = item
        words = n.split()
        return (len(words) if label == "PERSON" else 0, count, -len(n))
    return max(names.items(), key=score)[0]


_ACRONYM_DEF = re.compile(r"((?:[A-Z][\w'’.-]*\s+(?:(?:of|and|the|for|&)\s+)?){1,7})\(([A-Z][A-Za-z()]{1,9}[A-Z)]?)\)")


def _defined_acronyms(a: Article):
    """("Dockworkers Union", "DWU") pairs written as "Full Name (ACR)"."""
    for m in _ACRONYM_DEF.finditer(a.text):
        full, acr = m[1].strip(), m[2]
        if sum(c.isupper() for c in acr) >= 2:
            yield full, acr


def _roles(ms, articles: dict[str, Article], dates) -> list[dict]:
    seen: dict[str, str | None] = {}
    for art, i in ms:
        m = articles[art].mentions[i]
        if not m.role:
            continue
        role = normalise_role(m.role)
        if not role:
            continue
        d = dates.get(art)
        if role not in seen or (d and (seen[role] is None or d < seen[role])):
            seen[role] = d
    return [{"role": r, "start": d, "end": None} for r, d in sorted(seen.items())]


def normalise_role(text: str) -> str | None:
    """"Brevik CM" -> "Brevik Chief Minister"; drops leading articles, keeps the role's own words."""
    words = [w for w in re.sub(r"[(),]", " ", text).split() if w.lower() not in ("the", "a", "an", "his", "her", "their")]
    words = lexicon.expand_title(words)
    if not words or not any(w.lower() in lexicon.ROLE_HEADS for w in words):
        return None
    return " ".join(w if w.isupper() or w[0].isupper() else w for w in words)
