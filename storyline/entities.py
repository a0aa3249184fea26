"""Entities: resolve mentions across all articles into canonical entities with aliases and roles.

Rules, in the order they apply (a missed merge is preferred to a wrong one):
1. Each surface form gets the label most of its mentions carry in the corpus; a name given a bracketed
   acronym, or a "person" usually written "the X", is an organisation (the small model's usual errors).
2. Names are grouped by a normalised key (case, initials "H.D."/"HD", possessives, "Corp."/"Corporation",
   a trailing legal form "N.A."/"S.A.", a handle "@IlseMarrow"); a one-word all-capitals form stays
   apart from the same word in ordinary case ("ACME" vs "Acme"). A corpus place before a name is no part
   of it ("Brevik's Acme Bank", "Brevik Ilse Marrow" when "Ilse Marrow" is known).
3. Acronyms: defined in the text as "Full Name (FN)" with matching letters, or equal to the initials of
   one organisation (or of one named far more often than any other with those initials).
4. Person name variants: a shorter form inside exactly one longer name ("A B" in "A X B"), a rarer
   spelling differing in one word by a letter or two, a first name and its long form ("Alex"/"Alexander").
5. Organisation short forms: the start of a name whose rest is generic ("Acme" for "Acme Bank"), and
   spacing variants ("NorthBank"/"North Bank").
6. A one-word person mention joins the full name in the same article that ends (surname) or starts
   (first name) with it; failing that, the corpus's one such name (or the dominant one), a close
   spelling of a surname, or an organisation it starts. Otherwise it stays on its own.
7. Roles come from title words before a name ("Brevik Chief Minister X") and appositions; each is
   dated by the article that states it.
8. Role mentions without a name ("the Brevik CM", "his Caldera counterpart") resolve to the role's
   holder at the article's date; so do ties between organisations ("the parent of Acme Bank" is the
   organisation described elsewhere as "Acme Group, parent of Acme Bank", or whose unit Acme Bank is).
9. Organisations tied that way form a corporate family: separate entities, one side when events are
   compared (see corporate_families).
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from . import lexicon, stable
from .model import Article, Entity

_STOP = {"of", "and", "the", "for", "&", "de", "la", "du"}


@dataclass
class Resolution:
    entities: list[Entity]
    by_mention: dict[tuple[str, int], str]      # (article id, mention index) -> entity id
    # organisations tied by ownership ("Acme Bank, the unit of Acme Group") -> one of the family: kept
    # apart as entities, but one side when events are compared (see events.merge)
    kin: dict[str, str] = field(default_factory=dict)


# Generic company-name abbreviations: "Corp" and "Corporation" name the same firm; "Inc" adds nothing.
_NAME_WORD_FORMS = {"corp": "corporation", "co": "company", "cos": "companies", "inc": "", "ltd": "",
                    "llc": "", "plc": "", "intl": "international", "natl": "national", "dept": "department",
                    "govt": "government", "assn": "association", "bros": "brothers", "&": "and"}


# Letters that Unicode does not decompose into a base letter and a mark ("ı" is no "i" + accent).
_PLAIN_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss",
                                "æ": "ae", "œ": "oe"})
# an apostrophe inside a name ("D'Angelo", "O’Neill") is part of the word; "'s" is a possessive
_INNER_APOSTROPHE = re.compile(r"(?<=\w)'(?!s\b)(?=\w)")


def plain_letters(text: str) -> str:
    """Accents dropped ("Tomé" -> "Tome", "Şahin" -> "Sahin"), and UTF-8 read as Windows-1252 undone
    word by word ("SavaÅŸ" -> "Savaş"): one name, spelt with or without its marks."""
    if text.isascii():
        return text                      # (nothing to drop or undo: most names, and the quick way)
    words = []
    for w in text.split(" "):
        try:
            fixed = w.encode("cp1252").decode("utf-8")
        except UnicodeError:
            fixed = w
        words.append(fixed)
    decomposed = unicodedata.normalize("NFKD", " ".join(words))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_PLAIN_LETTERS)


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Case-, accent-, punctuation- and initials-insensitive key: "H.D. Marr" == "HD Marr", "X Corp." ==
    "X Corporation", "Tomé" == "Tome", "D'Angelo" == "D’Angelo" == "DAngelo"."""
    name = _INNER_APOSTROPHE.sub("", plain_letters(name).replace("’", "'").replace("'s ", " "))
    words = re.sub(r"[^\w\s&]", " ", name).split()
    out, initials = [], ""
    for w in words:
        if len(w) == 1 and w.isalpha():
            initials += w.lower()
            continue
        if initials:
            out.append(initials)
            initials = ""
        w = _NAME_WORD_FORMS.get(w.lower(), w.lower()) if len(out) else w.lower()
        if w:
            out.append(w)
    if initials:
        out.append(initials)
    if out and out[0] == "the":
        out = out[1:]
    return " ".join(out)


def mention_key(m, text: str) -> str:
    """The grouping key of a mention. A one-word all-capitals mention ("ACME") is kept apart from the
    same word in ordinary case ("Acme") unless it opens the text (a dateline is written in capitals)."""
    head = m.head
    if head.startswith("@") and len(head) > 3:        # a handle: "@IlseMarrow" is "Ilse Marrow"
        head = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", head[1:].replace("_", " "))
    key = name_key(head)
    if m.label != "PERSON":     # "Acme Bank N.A." is "Acme Bank", "PJSC Acme" is "Acme"
        words = key.split()
        while len(words) > 1 and (words[-1] in lexicon.LEGAL_FORMS or words[-1] in lexicon.COMPANY_TYPE_MARKERS):
            words.pop()
        while len(words) > 1 and words[0] in lexicon.COMPANY_TYPE_MARKERS:
            words.pop(0)
        key = " ".join(words)
    if " " not in m.head and len(m.head) > 1 and m.head.isupper() and text[:m.start].strip():
        return key + " ^"
    return key


def acronym(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name) if w.lower() not in _STOP).upper()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48] or "x"


def _bare(key: str) -> str:
    return key.removesuffix(" ^")


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, or `limit + 1` once it exceeds `limit` (rapidfuzz: the name rules ask it
    hundreds of thousands of times on a large corpus)."""
    return Levenshtein.distance(a, b, score_cutoff=limit)


def similar_spelling(a: str, b: str) -> bool:
    """Two spellings of one name word ("Marrow"/"Marow", "Katrin"/"Kathrin"): same first letter, one
    edit in five letters or more, two in seven or more. Short words never match: "Jon" is not "Jan"."""
    if a == b or a[:1] != b[:1] or min(len(a), len(b)) < 5:
        return False
    allowed = 2 if min(len(a), len(b)) >= 7 else 1
    return edit_distance(a, b, allowed) <= allowed


class _Union:
    def __init__(self):
        self.parent: dict = {}

    def find(self, x):
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while x != root:                      # path compression: later finds are one step
            self.parent[x], x = root, self.parent[x]
        return root

    def join(self, small, big) -> None:
        a, b = self.find(small), self.find(big)
        if a != b:
            self.parent[a] = b


# the capitalised word right before a mention, which a split name may have lost ("Norva" of "Norva Tech")
_WORD_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][A-Za-z]+) $")


def _rejoin_split_names(articles: list[Article], keys: dict, votes: dict) -> dict[tuple[str, int], str]:
    """"Norva Tech" where the corpus also writes "NorvaTech": the model split the name and tagged only
    its end ("Tech"). A mention whose capitalised word before it, written together with it, is the key of a
    name the corpus tags takes that key; its vote goes (it was cast for the fragment). Returns the
    rejoined mentions' written forms ("Norva Tech")."""
    out = {}
    for a in articles:
        for i, m in enumerate(a.mentions):
            k = keys.get((a.id, i))
            if not k or " " in m.head:
                continue
            found = _WORD_BEFORE.search(a.text[max(0, m.start - 20):m.start])
            whole = name_key(found[1] + m.head) if found else None
            if whole and whole != k and whole in votes and sum(votes[whole].values()) > 0:
                votes[k][m.label] -= 1
                keys[(a.id, i)] = whole
                out[(a.id, i)] = f"{found[1]} {m.head}"
    for k in [k for k, c in votes.items() if sum(c.values()) <= 0]:
        del votes[k]
    return out


def resolve(articles: list[Article], dates: dict[str, str | None]) -> Resolution:
    # 1. corpus label vote per surface key
    votes: dict[str, Counter] = defaultdict(Counter)
    keys: dict[tuple[str, int], str] = {}
    with_article = Counter()          # mentions written "the X"
    as_place = Counter()              # mentions written "in X", "at X": used as a place
    for a in articles:
        for i, m in enumerate(a.mentions):
            if m.label == "ROLE":
                continue        # resolved to the role's holder once persons are known (see _resolve_roles)
            k = keys[(a.id, i)] = mention_key(m, a.text)
            votes[k][m.label] += 1
            before = a.text[max(0, m.start - 12):m.start].lower().split()
            with_article[k] += bool(before) and before[-1] == "the"
            as_place[k] += bool(before) and before[-1] in lexicon.PLACE_PREPOSITIONS
    rejoined = _rejoin_split_names(articles, keys, votes)
    label_of = {k: c.most_common(1)[0][0] for k, c in votes.items()}
    # The small model calls parties and agencies persons or places. A name given an acronym in
    # brackets ("Full Name (FN)") is an organisation; so is a "person" usually written "the X".
    acronym_defs = {a.id: list(_defined_acronyms(a, loose=True)) for a in articles}   # (one pass of the text)
    defined = {name_key(full) for a in articles for full, _, spelled in acronym_defs[a.id] if spelled}
    for k, label in label_of.items():
        n = sum(votes[k].values())
        if label in ("PERSON", "GPE", "LOC", "FAC") and len(k.split()) > 1 and k in defined:
            label_of[k] = "ORG"
        elif label == "PERSON" and n >= 2 and with_article[k] / n >= 0.3:
            label_of[k] = "ORG"

    groups: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)  # (label, key) -> mentions
    surface: dict[tuple[str, str], Counter] = defaultdict(Counter)
    acronym_links: dict[str, str] = {}   # acronym key -> full-name key
    # the words of multi-word person names: a lone "Dragomir" tagged ORG is still a surname, unless the
    # word is used more often inside other kinds of names ("Velmora" in "Port Velmora")
    in_person, in_other = Counter(), Counter()
    for key, c in votes.items():
        parts = key.split()
        if len(parts) > 1:
            (in_person if c.most_common(1)[0][0] == "PERSON" else in_other).update(
                {p: sum(c.values()) for p in parts})
    name_parts = {p for p, n in in_person.items() if n > 2 * in_other.get(p, 0)}
    # (a word of other persons' names: "Caldera Ilse" alone does not make "Ilse" a known name)
    shown = _strip_place_prefixes(articles, keys, label_of,
                                     lambda w, key: w in name_parts and in_person[w] > sum(votes[key].values()),
                                     lambda key: sum(votes[key].values()))
    shown.update(rejoined)
    single: list[tuple[str, int, str]] = []
    for a in articles:
        for i, m in enumerate(a.mentions):
            key = keys.get((a.id, i))
            if not key:
                continue
            label = _coarse(label_of.get(key, m.label))
            # a lone name word the model tagged as an organisation is still a name; so is one it tagged
            # as a place, if full names carry it more than once and it is seldom written as a place
            # ("in X", "at X"); a place is a place
            if len(key.split()) == 1 and (label == "PERSON" or (key in name_parts and not m.text.isupper() and (
                    label == "ORG" or (label == "GPE" and in_person[key] >= 2
                                       and as_place[key] < PLACE_USE_LIMIT * sum(votes[key].values()))))):
                single.append((a.id, i, key))
                continue
            groups[(label, key)].append((a.id, i))
            surface[(label, key)][shown.get((a.id, i), m.head)] += 1
        # a name whose letters spell its acronym wins over one that does not; either joins only an
        # organisation (see _link_acronyms)
        for full, acr, spelled in acronym_defs[a.id]:
            put = acronym_links.__setitem__ if spelled else acronym_links.setdefault
            put(name_key(acr) + " ^", name_key(full))
            put(name_key(acr), name_key(full))

    union = _Union()
    size = {gk: len(ms) for gk, ms in groups.items()}
    _link_acronyms(groups, acronym_links, union)
    _link_acronyms_written_as_words(groups, size, union)
    _link_name_variants(groups, size, union)
    _link_org_short_forms(groups, size, union)
    _link_bodies_without_owner(groups, union)
    place_share = {k: as_place[k] / sum(c.values()) for k, c in votes.items()}
    _link_companies_named_like_places(groups, union, place_share)
    articles_of = {gk: {art for art, _ in ms} for gk, ms in groups.items()}
    _link_clipped_names(groups, union, articles_of)
    _link_unique_longer_names(groups, union, articles_of)

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

    last_by_initial: dict[str, list] = defaultdict(list)
    for last, ks in by_last.items():
        last_by_initial[last[:1]].append((last, ks))
    org_by_first: dict[str, list[str]] = defaultdict(list)
    for (label, k) in groups:
        if label == "ORG" and " " in k:
            org_by_first[k.split()[0]].append(k)

    def owners(keyset: set[str]) -> set:
        return {union.find(("PERSON", k)) for k in keyset}

    sizes = _RootSizes(groups, union)
    misspelt: dict[str, set[str]] = {}
    for art, i, key in single:
        local = owners({k for k in article_persons[art] if k.split()[-1] == key or k.split()[0] == key})
        cands = local or owners(by_last.get(key, set()) | by_first.get(key, set()))
        if not cands:   # a misspelt surname: "Marow" for "Marrow"
            if key not in misspelt:     # the same word recurs: compare it with every surname once
                misspelt[key] = {k for last, ks in last_by_initial.get(key[:1], ()) if similar_spelling(key, last)
                                 for k in ks}
            cands = owners(misspelt[key])
        if not cands:   # no person at all: the first word of an organisation's name ("Acme" for "Acme Party")
            cands = {union.find(("ORG", k)) for k in org_by_first.get(key, ())
                     if all(lexicon.is_institution_word(w) for w in k.split()[1:])}
        target = _dominant(cands, sizes) or ("PERSON", key)
        sizes.add(target, groups)
        groups[target].append((art, i))
        surface[target][shown.get((art, i), by_id[art].mentions[i].head)] += 1

    # build entities
    mention_of = by_id
    merged: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    forms: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for gk, ms in groups.items():
        root = union.find(gk)
        merged[root].extend(ms)
        forms[root].update(surface[gk])
    entities, by_mention, used_ids = [], {}, set()
    for (label, key), ms in sorted(merged.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        names = forms[(label, key)]
        if not names:
            continue
        name = _canonical(names, label)
        eid = "e-" + _slug(name)
        while eid in used_ids:
            eid += "-x"
        used_ids.add(eid)
        roles = _roles(ms, mention_of, dates)
        titled = {t for t in map(_titled_form, [by_id[art] for art, _ in ms], [by_id[art].mentions[i] for art, i in ms])
                  if t} if label == "PERSON" else set()
        aliases = sorted({n for n in names if n != name} | titled)
        entities.append(Entity(eid, name, label, aliases, roles, len(ms)))
        for art, i in ms:
            by_mention[(art, i)] = eid
    _resolve_roles(articles, entities, by_mention, dates)
    return Resolution(entities, by_mention, corporate_families(entities))


# the capitalised words written just before a name: "Mr. Marrow", "Deputy Mayor Ilse Marrow"
_WORDS_BEFORE = re.compile(r"(?<![\w.])((?:[A-Z][a-z]{1,14}\.?\s+){1,3})$")
# words of written-out title abbreviations ("Prime", "Finance"): they open a title ("Prime Minister")
_TITLE_OPENERS = {w.lower() for full in lexicon.TITLE_ABBREVIATIONS.values() for w in full.split()}


def _titled_form(article: Article, m) -> str | None:
    """A person's name with the honorific or title written before it ("Mr. Marrow", "Deputy Mayor Ilse
    Marrow"): a form the person is called by, shown as an alias but never chosen as the name."""
    found = _WORDS_BEFORE.search(article.text[max(0, m.start - 40):m.start])
    words = found[1].split() if found else []
    if not words or not (words[-1].lower().rstrip(".") in lexicon.HONORIFICS or words[-1].lower() in lexicon.ROLE_HEADS):
        return None
    k = len(words) - 1
    while k > 0 and (lexicon.is_title_word(words[k - 1]) or words[k - 1].lower() in _TITLE_OPENERS):
        k -= 1
    return " ".join([*words[k:], m.head])


_POSSESSIVE = re.compile(r"^(.+?)['’]s\s+(\S.*)$")


def _strip_place_prefixes(articles: list[Article], keys: dict, label_of: dict, known_name_word, count) -> dict:
    """"Brevik's Norvik Bank" is Norvik Bank, "Brevik Ilse Marrow" is Ilse Marrow: a place in the possessive before an organisation's name
    says where it is (the place must be a place in the corpus: "Macy's Inc" keeps its name). A place
    glued before a person must be named on its own at least as often as the glued form: a first name
    once misread as a place ("Ilse" tagged a place once, "Ilse Marrow" often) is no place. Re-keys
    such mentions; returns the surface to show for them."""
    shown = {}
    qualified = _qualified_orgs(articles, keys, label_of)
    for a in articles:
        for i, m in enumerate(a.mentions):
            found = _POSSESSIVE.match(m.head) if (a.id, i) in keys and m.label == "ORG" else None
            if found and label_of.get(name_key(found[1])) in ("GPE", "LOC") and len(found[2].split()) >= 2:
                keys[(a.id, i)] = name_key(found[2])
                shown[(a.id, i)] = found[2]
            elif (a.id, i) in qualified:
                keys[(a.id, i)] = qualified[(a.id, i)]      # the written form stays one of its aliases
                continue
            # "Brevik Ilse Marrow": a place glued before a person's name the corpus knows without it
            words = keys.get((a.id, i), "").split()
            if m.label == "PERSON" and len(words) >= 2:
                for k in range(1, len(words)):
                    rest = " ".join(words[k:])
                    place = " ".join(words[:k])
                    if label_of.get(place) in ("GPE", "LOC") and count(place) >= count(" ".join(words)) and \
                            (label_of.get(rest) == "PERSON" or known_name_word(rest, " ".join(words))):
                        keys[(a.id, i)] = rest
                        shown[(a.id, i)] = " ".join(m.head.split()[k:]) or m.head
                        break
    return shown


QUALIFIER_LABELS = ("GPE", "LOC", "NORP")     # a place, or its people's adjective


def _qualified_orgs(articles: list[Article], keys: dict, label_of: dict) -> dict:
    """"Velmoran Coast Guard" and "Coast Guard" are one body when the story qualifies that name with
    one place only: an organisation's name led by a place or its people's adjective, whose rest (two
    words or more) the corpus also names as an organisation on its own. With two qualifiers in play
    ("Velmoran Coast Guard", "Brevik Coast Guard") each keeps its own. Returns the new key by mention."""
    found: dict[tuple[str, int], str] = {}
    qualifiers: dict[str, set[str]] = defaultdict(set)
    for a in articles:
        for i, m in enumerate(a.mentions):
            words = keys.get((a.id, i), "").split()
            if m.label != "ORG" or len(words) < 3:
                continue
            rest = " ".join(words[1:])
            if label_of.get(words[0]) in QUALIFIER_LABELS and label_of.get(rest) == "ORG":
                found[(a.id, i)] = rest
                qualifiers[rest].add(words[0])
    return {mi: rest for mi, rest in found.items() if len(qualifiers[rest]) == 1}


def _tie(role: str) -> tuple[str, str] | None:
    """("unit", "Acme Group") for "bank unit of Acme Group"; ("parent", "Acme Bank") for "Acme Bank parent"."""
    words = role.split()
    heads = [i for i, w in enumerate(words) if w.lower() in lexicon.RELATION_HEADS]
    if not heads:
        return None
    k = heads[0]
    other = words[k + 2:] if k + 1 < len(words) and words[k + 1].lower() == "of" else words[:k]
    return (words[k].lower(), " ".join(other)) if other else None


def _org_ids(entities: list[Entity]) -> dict[str, set[str]]:
    """Name key -> organisations known by that name or alias."""
    by_key: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        if e.type == "ORG":
            for n in [e.name, *e.aliases]:
                by_key[name_key(n)].add(e.id)
    return by_key


def _owner_and_body(key: str) -> tuple[str, str] | None:
    """("norva", "disciplinary committee") for "norva disciplinary committee": the first word of a name
    that ends in a word of institutions, and the rest; whether the first word is an owner the corpus
    knows is the caller's to ask."""
    words = key.split()
    if len(words) < 2 or not lexicon.is_institution_word(words[-1]):
        return None
    return words[0], " ".join(words[1:])


def corporate_families(entities: list[Entity]) -> dict[str, str]:
    """9. Organisations tied by ownership: an organisation whose role names a tie to another ("bank unit
    of Acme Group", "Acme Bank parent") is of that one's family, when the other is a known
    organisation. Returns entity id -> the family's best-known member, for members of families only."""
    by_key = _org_ids(entities)
    union = _Union()
    for e in entities:
        if e.type != "ORG":
            continue
        for tie in filter(None, (_tie(r["role"]) for r in e.roles)):
            ids = by_key.get(name_key(tie[1]), set()) - {e.id}
            if len(ids) == 1:
                union.join(e.id, next(iter(ids)))
    # a body named by its owner's name and words of institutions ("Norva Disciplinary Committee",
    # "Norva board") is of its owner's family
    for e in entities:
        owned = _owner_and_body(name_key(e.name)) if e.type == "ORG" else None
        ids = by_key.get(owned[0], set()) - {e.id} if owned else set()
        if len(ids) == 1:
            union.join(e.id, next(iter(ids)))
    mentions = {e.id: e.mentions for e in entities}
    families: dict[str, list[str]] = defaultdict(list)
    for e in entities:
        families[union.find(e.id)].append(e.id)
    kin = {}
    for members in families.values():
        if len(members) > 1:
            top = max(members, key=lambda m: (mentions[m], m))
            kin.update({m: top for m in members})
    return kin


def role_key(role: str) -> str:
    """A role's comparable form: "the Brevik CM", "chief minister of Brevik" -> "brevik chief minister"."""
    words = normalise_role(role)
    if not words:
        return ""
    words = words.lower().split()
    if "of" in words:
        k = words.index("of")
        words = [w for w in words[k + 1:] if w != "the"] + words[:k]
    return " ".join(words)


def _resolve_roles(articles: list[Article], entities: list[Entity], by_mention: dict, dates) -> None:
    """8. A role mention ("the Brevik CM", "his Caldera counterpart") stands for the person the corpus
    shows holding that role at the article's date: the latest to take it up among its regular holders
    (a role changes hands); a counterpart is the holder of a role with the same qualifier. Roles with
    no known holder stay unresolved rather than becoming entities of their own."""
    kind = {e.id: e.type for e in entities}
    holders: dict[str, dict[str, list]] = defaultdict(dict)     # role key -> entity -> [count, first date]
    org_ids = _org_ids(entities)
    forms = {e.id: [e.name, *e.aliases] for e in entities}
    for a in articles:
        for i, m in enumerate(a.mentions):
            eid = by_mention.get((a.id, i))
            if m.label == "ROLE" or not m.role or eid is None or kind.get(eid) not in ("PERSON", "ORG"):
                continue
            keys = [role_key(m.role)]
            tie = _tie(m.role) if kind[eid] == "ORG" else None
            if tie and tie[0] in lexicon.CHILD_TIES and len(org_ids.get(name_key(tie[1]), ())) == 1:
                # "Acme Bank, a unit of Acme Group": Acme Group is "Acme Bank's parent", under any of its names
                child, eid = eid, next(iter(org_ids[name_key(tie[1])]))
                keys = [role_key(f"{form} parent") for form in forms[child]]
            for key in filter(None, keys):
                rec = holders[key].setdefault(eid, [0, None, None])
                rec[0] += 1
                d = dates.get(a.id)
                if d and (rec[1] is None or d < rec[1]):
                    rec[1] = d
                if d and (rec[2] is None or d > rec[2]):
                    rec[2] = d
    by_id = {e.id: e for e in entities}
    for a in articles:
        for i, m in enumerate(a.mentions):
            if m.label != "ROLE":
                continue
            words = role_key(m.role or m.text).split()
            if not words:
                continue
            if words[-1] == "counterpart":
                qual = words[:-1]
                # the counterpart holds the title of the person the sentence is about ("X met her
                # Caldera counterpart": X's title, with Caldera), else any title with that qualifier
                titles = {_title(k) for j, o in enumerate(a.mentions) if o.sent == m.sent and o.label == "PERSON"
                          for k, recs in holders.items() if by_mention.get((a.id, j)) in recs}
                cands: dict[str, list] = {}
                for key, recs in holders.items():
                    kw = key.split()
                    if titles and _title(key) not in titles:
                        continue
                    if qual and kw[:len(qual)] == qual and len(kw) > len(qual) and "former" not in kw:
                        for eid, (n, first, last) in recs.items():
                            old = cands.setdefault(eid, [0, first, last])
                            old[0] += n
                            old[1] = min(filter(None, (old[1], first)), default=None)
                            old[2] = max(filter(None, (old[2], last)), default=None)
            else:
                cands = holders.get(" ".join(words), {})
            eid = _holder(cands, dates.get(a.id))
            if eid:
                by_mention[(a.id, i)] = eid
                name = normalise_role(m.text) or m.text
                if name not in by_id[eid].aliases and name != by_id[eid].name:
                    by_id[eid].aliases.append(name)


def _title(key: str) -> str:
    """The title words ending a role key: "brevik chief minister" -> "chief minister"."""
    words = key.split()
    k = len(words)
    while k > 0 and (words[k - 1] in lexicon.ROLE_HEADS or lexicon.is_title_word(words[k - 1])):
        k -= 1
    return " ".join(words[k:])


def _holder(cands: dict[str, list], date: str | None) -> str | None:
    """The holder at `date`: among those seen in the role by then and named in it regularly (twice,
    or at least a quarter as often as the commonest), the latest to take it up, if the others had
    left it by then; a role several hold at once ("party leader") names no one, unless one holder
    is named in it three times as often as all the others."""
    seen = {e: v for e, v in cands.items() if not (date and v[1] and v[1] > date)}
    if not seen:
        return None
    top = max(v[0] for v in seen.values())
    regular = {e: v for e, v in seen.items() if v[0] >= min(2, top) and v[0] >= 0.25 * top}
    latest = max(regular, key=lambda e: (regular[e][1] or "", regular[e][0]))
    start = regular[latest][1]
    others = [v for e, v in regular.items() if e != latest]
    if all(start and v[2] and v[2] <= start for v in others):
        return latest
    if regular[latest][0] >= 3 * sum(v[0] for v in others):
        return latest
    dominant = max(seen, key=lambda e: seen[e][0])
    rest = sum(v[0] for e, v in seen.items() if e != dominant)
    return dominant if seen[dominant][0] >= 3 * rest else None


class _RootSizes:
    """Mentions per merged group (by its root) and the position of its first member among the groups,
    kept up to date as one-word mentions join: what _dominant ranks by, without a pass over every group
    for every mention."""

    def __init__(self, groups, union: _Union):
        self.union, self.size, self.first = union, {}, {}
        for n, (gk, ms) in enumerate(groups.items()):
            root = union.find(gk)
            self.size[root] = self.size.get(root, 0) + len(ms)
            self.first.setdefault(root, n)

    def add(self, target, groups) -> None:
        """One mention joins `target` (a root, or a new group)."""
        root = self.union.find(target)
        if target not in groups:
            self.first.setdefault(root, len(groups))
        self.size[root] = self.size.get(root, 0) + 1


def _dominant(cands: set, sizes: _RootSizes):
    """The one candidate, or one named at least four times as often as any other (a stray parse like
    "Ilse Marrow Hugo" should not block "Ilse" from joining "Ilse Marrow")."""
    if len(cands) == 1:
        return next(iter(cands))
    if not cands:
        return None
    # by mentions, equals in the order their groups were first seen
    ranked = sorted((r for r in cands if sizes.size.get(r)), key=lambda r: (-sizes.size[r], sizes.first[r]))[:2]
    if len(ranked) == 2 and sizes.size[ranked[0]] >= 4 * max(1, sizes.size[ranked[1]]):
        return ranked[0]
    return None


def _link_acronyms(groups, acronym_links: dict[str, str], union: _Union) -> None:
    """3. An acronym defined in the text ("Full Name (FN)") or equal to the initials of exactly one
    multi-word organisation joins it."""
    org_initials: dict[str, list[str]] = defaultdict(list)
    for label, key in groups:
        if label == "ORG" and len(key.split()) > 1:
            org_initials[acronym(key).lower()].append(key)
    for label, key in list(groups):
        # one word ("FN"), or letters split by punctuation ("F(N)" keyed "f n"); places too, as the
        # small model often calls an acronym a place
        if label == "PERSON" or not all(len(w) <= 3 for w in _bare(key).split()) and len(key.split()) != 1 + key.endswith(" ^"):
            continue
        full = acronym_links.get(key)
        while full and ("ORG", full) not in groups and " " in full:
            full = full.split(" ", 1)[1]          # "the US Central Bank (CB)": try "central bank"
        if full is None or ("ORG", full) not in groups:
            cands = sorted(org_initials.get(_bare(key).replace(" ", ""), []), key=lambda k: -len(groups[("ORG", k)]))
            # the one organisation with those initials, or one named far more often than any other
            if len(cands) == 1 or (len(cands) > 1 and len(groups[("ORG", cands[0])]) >= 4 * len(groups[("ORG", cands[1])])):
                full = cands[0]
        if full and ("ORG", full) in groups and full != key:
            union.join((label, key), ("ORG", full))


# an acronym this long is written as a word by some styles ("Norva" for "NORVA"); a shorter one in ordinary
# case is usually a word of its own ("Us", "It")
ACRONYM_AS_WORD_LETTERS = 4


def _link_acronyms_written_as_words(groups, size: dict, union: _Union) -> None:
    """An organisation's acronym in capitals ("NORVA") and the same letters written as a word ("Norva"),
    both used as organisations, are one body. A place or a person written like a body's acronym stays
    apart (see mention_key)."""
    for label, key in list(groups):
        word = _bare(key)
        if label == "ORG" and key.endswith(" ^") and word.isalpha() and len(word) >= ACRONYM_AS_WORD_LETTERS \
                and ("ORG", word) in groups:
            small, big = sorted((("ORG", key), ("ORG", word)), key=lambda gk: (size[gk], gk))
            union.join(small, big)


def _link_name_variants(groups, size: dict, union: _Union) -> None:
    """Multi-word person names that are one person: a shorter form inside exactly one longer name
    ("A B" in "A X B", "A X" in "A X B"), and a rarer spelling of a name differing in one word by a
    letter or two ("Katrin Y" / "Kathrin Y"), which joins the commoner one."""
    persons = [k for (label, k) in groups if label == "PERSON" and len(k.split()) > 1]
    words = {k: k.split() for k in persons}
    by_first: dict[str, list[str]] = defaultdict(list)
    for k in persons:
        by_first[words[k][0]].append(k)
    for short in persons:
        sw = words[short]
        longer = [k for k in by_first[sw[0]] if len(words[k]) > len(sw)
                  and (sw[-1] == words[k][-1] or sw == words[k][:len(sw)]) and _subsequence(sw, words[k])]
        if _middle_names_only(sw, [words[k] for k in longer]):
            for k in sorted(longer):        # "A B" in "A X B" and "A X. B": one person, however rare the form
                union.join(("PERSON", k), ("PERSON", short))
            continue
        # ...unless the longer name is a rare parse error ("Ilse Marrow Hugo" once, "Ilse Marrow" often)
        if len({union.find(("PERSON", k)) for k in longer}) == 1 and \
                4 * size[("PERSON", longer[0])] > size[("PERSON", short)]:
            union.join(("PERSON", short), ("PERSON", longer[0]))
    _link_name_endings(persons, words, size, union)
    _link_spelling_variants(persons, words, size, union)
    # names that differ in one word share the rest: bucket them by the rest, word by word
    rest: dict[tuple, list[str]] = defaultdict(list)
    for k in persons:
        for i in range(len(words[k])):
            rest[(i, *words[k][:i], *words[k][i + 1:])].append(k)
    for (i, *_), same in rest.items():
        for a in same:
            for b in same:
                if a < b and (similar_spelling(words[a][i], words[b][i]) or _short_form(words[a][i], words[b][i])):
                    rare, common = sorted((a, b), key=lambda k: (size[("PERSON", k)], k))
                    union.join(("PERSON", rare), ("PERSON", common))


# Letters written differently when one name is carried over from another script: "Kasimir" /
# "Casimir", "Velimir" / "Welimir", "Jurij" / "Yuriy".
_TRANSLITERATIONS = (("x", "ks"), ("gh", "g"), ("kh", "h"), ("ph", "f"), ("w", "v"), ("j", "y"), ("ck", "k"),
                     ("c", "k"), ("q", "k"))
_VOWELS = set("aeiouy")
# a given name needs this many consonants for its skeleton to say anything ("Ana" / "Ina" do not)
MIN_SKELETON = 3


def given_name_skeleton(word: str) -> str:
    """The consonants of a given name as most transliterations keep them: "Velimir", "Welimir",
    "Velimyr" -> "vlmr"; "Kasimir", "Casimir" -> "ksmr". An "h" between a consonant and a vowel is the
    Ukrainian and Belarusian "g"."""
    w = word.lower()
    for a, b in _TRANSLITERATIONS:
        w = w.replace(a, b)
    if len(w) > 1 and w[0] == "y" and w[1] in _VOWELS:
        w = w[1:]
    w = re.sub(r"(?<=[^aeiouy])h(?=[aeiouy])", "g", w)
    consonants = [c for c in w if c not in _VOWELS]
    return "".join(c for i, c in enumerate(consonants) if i == 0 or c != consonants[i - 1])


@functools.lru_cache(maxsize=1 << 16)
def same_given_name(a: str, b: str) -> bool:
    """Two spellings of one given name: close spellings, or the same consonants after transliteration.
    A feminine "-a" against another ending is two names ("Maria"/"Mario", "Alexandra"/"Alexander"),
    and so is a name and a longer one it starts ("Daniel"/"Danielle")."""
    if a == b:
        return True
    if (a[-1] == "a") != (b[-1] == "a"):
        return False
    if similar_spelling(a, b):
        return True
    if a.startswith(b) or b.startswith(a):      # "Daniel"/"Danielle": the long form is another name
        return False
    sa = given_name_skeleton(a)
    return len(sa) >= MIN_SKELETON and sa == given_name_skeleton(b)


def _core(ws: list[str]) -> tuple[str, str, str]:
    """(given name, middle initials, surname) of a person name of two words or of two words around
    initials or middle names ("Dmitor S Kalvask" -> ("dmitor", "s", "kalvask"))."""
    return ws[0], "".join(w[0] for w in ws[1:-1]), ws[-1]


def _link_spelling_variants(persons: list[str], words: dict, size: dict, union: _Union) -> None:
    """One person's name spelt another way in its given name, its surname or both ("Evgor Kalvask"
    / "Yevgor T. Kalvask", "Yunis Berek" / "Yunas Berak"). Middle initials must agree when both
    have them; a form without them that matches two forms with different ones is left alone.
    The rarer spelling joins the commoner one."""
    cores = {k: _core(words[k]) for k in persons}
    by_last: dict[str, list[str]] = defaultdict(list)
    for k in persons:
        by_last[cores[k][2][:2]].append(k)
    matches: dict[str, list[str]] = defaultdict(list)
    for same in by_last.values():
        # surnames compared once per pair of surnames, not once per pair of people
        by_surname: dict[str, list[str]] = defaultdict(list)
        for k in same:
            by_surname[cores[k][2]].append(k)
        close = {x: [y for y in by_surname if x == y or similar_spelling(x, y)] for x in by_surname}
        for a in sorted(same):
            (fa, ma, la) = cores[a]
            for b in sorted(b for y in close[la] for b in by_surname[y]):
                (fb, mb, lb) = cores[b]
                if a != b and (fa, la) != (fb, lb) and (not ma or not mb or ma == mb) and same_given_name(fa, fb):
                    matches[a].append(b)
    torn = {a for a in matches if not cores[a][1] and len({cores[b][1] for b in matches[a] if cores[b][1]}) > 1}
    for a in sorted(matches):
        for b in matches[a]:
            if a in torn or b in torn:
                continue
            rare, common = sorted((a, b), key=lambda k: (size[("PERSON", k)], k))
            union.join(("PERSON", rare), ("PERSON", common))


def _link_name_endings(persons: list[str], words: dict, size: dict, union: _Union) -> None:
    """A name without its first given name ("Jana Marrow" for "Ilse Jana Marrow") joins the one longer
    name it ends, unless that one is a rare parse error (a place glued before the name)."""
    by_last: dict[str, list[str]] = defaultdict(list)
    for k in persons:
        by_last[words[k][-1]].append(k)
    for short in persons:
        sw = words[short]
        longer = [k for k in by_last[sw[-1]] if len(words[k]) > len(sw) and words[k][-len(sw):] == sw]
        if len({union.find(("PERSON", k)) for k in longer}) == 1 and \
                4 * size[("PERSON", longer[0])] > size[("PERSON", short)]:
            union.join(("PERSON", short), ("PERSON", longer[0]))


def _middle_names_only(short: list[str], longer: list[list[str]]) -> bool:
    """All longer forms of a first name and surname add only middle names, and the same ones, written
    out or as initials ("Ilse Marrow": "Ilse Jana Marrow", "Ilse J Marrow"); a parse error glues words
    at the ends instead ("Ilse Marrow Hugo"), and "Ilse Jana Marrow" / "Ilse Kira Marrow" are two."""
    if len(short) != 2 or not longer or any(w[-1] != short[-1] for w in longer):
        return False
    middles = [w[1:-1] for w in longer]
    return all(len(m) == len(middles[0]) and all(a[0] == b[0] for a, b in zip(m, middles[0])) for m in middles)


def _short_form(a: str, b: str) -> bool:
    """A first name and its long form ("Alex"/"Alexander"): one starts the other, three letters or more."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 3 and len(long) > len(short) and long.startswith(short)


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def _link_bodies_without_owner(groups, union: _Union) -> None:
    """"the Disciplinary Committee" for "Norva Disciplinary Committee": a body named by a known
    organisation's name and two or more words ending in a word of institutions, written without the
    owner, when only one owner's body has that name."""
    owned: dict[str, list[str]] = defaultdict(list)
    for label, k in groups:
        found = _owner_and_body(k) if label == "ORG" and not k.endswith(" ^") else None
        if found and " " in found[1] and (("ORG", found[0]) in groups or ("ORG", found[0] + " ^") in groups):
            owned[found[1]].append(k)
    for rest, full in sorted(owned.items()):
        if len(full) == 1 and ("ORG", rest) in groups and union.find(("ORG", rest)) == ("ORG", rest):
            union.join(("ORG", rest), ("ORG", full[0]))


def _link_org_short_forms(groups, size: dict, union: _Union) -> None:
    """An organisation named by the start of its name ("Acme" for "Acme Bank", "Acme Holdings" for
    "Acme Holdings Group") when the rest is generic (bank, group, party...); written together or apart
    ("NorthBank" / "North Bank"). With several such longer names, the clearly commonest takes it."""
    orgs = [k for (label, k) in groups if label == "ORG" and not k.endswith(" ^")]
    compact: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for label, k in groups:      # any label but a person's: the small model often calls these places
        if label != "PERSON":
            compact[_bare(k).replace(" ", "")].append((label, k))
    for same in compact.values():
        if len({k for _, k in same}) > 1 and any(label == "ORG" for label, _ in same):
            top = max(same, key=lambda gk: size[gk])
            for gk in same:
                # spacing variants only: "ACME" stays apart from "Acme" here (see mention_key; an
                # organisation's acronym written as a word is joined by _link_acronyms_written_as_words)
                if gk[1].endswith(" ^") == top[1].endswith(" ^") or _bare(gk[1]) != _bare(top[1]):
                    union.join(gk, top)
    # "X Y Federation" for "Royal X Y Federation": the full name without its honorific, when only one
    # name is that one with an honorific before it
    plain: dict[str, list[str]] = defaultdict(list)
    for k in orgs:
        words = k.split()
        if len(words) >= 3 and words[0] in lexicon.HONORIFIC_PREFIXES:
            plain[" ".join(words[1:])].append(k)
    for rest, full in sorted(plain.items()):
        if len(full) == 1 and ("ORG", rest) in groups and union.find(("ORG", rest)) == ("ORG", rest):
            union.join(("ORG", rest), ("ORG", full[0]))
    orgs_by_first: dict[str, list[str]] = defaultdict(list)
    for k in orgs:
        orgs_by_first[k.split()[0]].append(k)
    for short in orgs:
        sw = short.split()
        if union.find(("ORG", short)) != ("ORG", short):
            continue
        longer = _shortest([k for k in orgs_by_first[sw[0]] if k != short and k.startswith(short + " ")
                            and _generic_rest(k.split()[len(sw):])])
        longer.sort(key=lambda k: -size[("ORG", k)])
        if len(longer) == 1 or (len(longer) > 1 and size[("ORG", longer[0])] >= 2 * size[("ORG", longer[1])]):
            union.join(("ORG", short), ("ORG", longer[0]))


def _shortest(keys: list[str]) -> list[str]:
    """The names that do not extend another of the list: of "X Y", "X Y Bank", "X Y & Co", only "X Y"."""
    return [k for k in keys if not any(k.startswith(j + " ") for j in keys)]


def _generic_rest(words: list[str], generic=lexicon.is_institution_word) -> bool:
    """The rest of a longer name adds only generic words ("Bank", "& Co", "Holdings Group")."""
    content = [w for w in words if w not in _STOP]
    return bool(content) and all(generic(w) for w in content)


PLACE_USE_LIMIT = 1 / 3


def _link_companies_named_like_places(groups, union: _Union, place_share: dict) -> None:
    """The small model reads a company's short name as a place ("First Harbour" for "First Harbour
    Bank"). A place-tagged name joins the company named by it plus a company word (bank, group, inc...)
    when it is rarely written as a place ("in X", "at X"): "Bihar" stays apart from "Bihar Government"
    (not a company word), and a valley used as a place stays apart from the bank named after it."""
    orgs_by_first: dict[str, list[str]] = defaultdict(list)
    for label, k in groups:
        if label == "ORG" and not k.endswith(" ^"):
            orgs_by_first[k.split()[0]].append(k)
    for label, short in list(groups):
        if label not in ("GPE", "LOC") or place_share.get(short, 1) >= PLACE_USE_LIMIT:
            continue
        n = len(short.split())
        longer = {union.find(("ORG", k)) for k in orgs_by_first[short.split()[0]]
                  if k.startswith(short + " ") and _generic_rest(k.split()[n:], lambda w: w in lexicon.COMPANY_WORDS)}
        if len(longer) == 1:
            union.join((label, short), next(iter(longer)))


def _org_roots(groups, union: _Union) -> dict:
    """Each organisation root with its total mentions and whether an acronym stands for it."""
    total, acronymed = Counter(), set()
    for gk, ms in groups.items():
        root = union.find(gk)
        if root[0] == "ORG":
            total[root] += len(ms)
            if gk[1].endswith(" ^"):
                acronymed.add(root)
    return {"total": total, "acronymed": acronymed}


def _root_articles(groups, union: _Union, articles_of: dict) -> dict:
    out: dict = defaultdict(set)
    for gk in groups:
        out[union.find(gk)] |= articles_of[gk]
    return out


def _link_clipped_names(groups, union: _Union, articles_of: dict) -> None:
    """A clipped first word names an organisation ("Harb" for "Harbour Authority"): a one-word
    organisation name that starts, but is shorter than, the first word of longer organisation names
    joins the one named far more often (at least three times) among those not already shortened by an
    acronym, if both are used in one article."""
    roots = _org_roots(groups, union)
    firsts: dict[str, set] = defaultdict(set)
    for label, k in groups:
        if label == "ORG" and " " in k and not k.endswith(" ^"):
            firsts[k.split()[0]].add(union.find((label, k)))
    ordered = sorted(firsts)
    root_arts = _root_articles(groups, union, articles_of)
    for label, short in list(groups):
        if label != "ORG" or " " in short or short.endswith(" ^") or len(short) < 3 or \
                union.find((label, short)) != (label, short):
            continue
        cands = set()
        for first in ordered[bisect.bisect_right(ordered, short):]:      # the words that start with it
            if not first.startswith(short):
                break
            cands |= {r for r in firsts[first] if r not in roots["acronymed"] and r != (label, short)}
        ranked = sorted(cands, key=lambda r: -roots["total"][r])
        if ranked and (len(ranked) == 1 or roots["total"][ranked[0]] >= 3 * roots["total"][ranked[1]]) and \
                articles_of[(label, short)] & root_arts[ranked[0]]:
            union.join((label, short), ranked[0])


def _link_unique_longer_names(groups, union: _Union, articles_of: dict) -> None:
    """A one-word organisation name that starts exactly one longer organisation name, whatever the rest
    ("Acme" for "Acme Lowe"), when the writer uses both in one article. Two longer names sharing the
    start ("Acme Lowe", "Acme Steel") leave it alone, and so does an acronym (kept apart by its key).
    Longer short forms are not taken this way: "X Bank" and "X Bank Europe" are parent and unit."""
    root_arts = _root_articles(groups, union, articles_of)
    by_first: dict[str, list[str]] = defaultdict(list)
    for label, k in groups:
        if label == "ORG" and not k.endswith(" ^"):
            by_first[k.split()[0]].append(k)
    for label, short in list(groups):
        if label != "ORG" or short.endswith(" ^") or " " in short:
            continue
        own = union.find((label, short))
        longer = {union.find(("ORG", k)) for k in _shortest([k for k in by_first[short.split()[0]]
                                                             if k.startswith(short + " ")])} - {own}
        if len(longer) == 1:
            target = next(iter(longer))
            if articles_of[(label, short)] & root_arts[target]:
                union.join((label, short), target)


def _coarse(label: str) -> str:
    return {"FAC": "LOC", "NORP": "ORG"}.get(label, label) if label != "GPE" else "GPE"


def _canonical(names: Counter, label: str) -> str:
    """The fullest common form: most words first, then most frequent."""
    def score(item):
        n, count = item
        words = n.split()
        return (len(words) if label == "PERSON" else 0, count, -len(n) if label == "PERSON" else len(n))
    return max(names.items(), key=score)[0]


# words start at a word boundary and are of a name's length: on a long unbroken run of letters (an
# inline data blob) an unbounded word would be retried from every position
_ACRONYM_DEF = re.compile(r"((?:(?<![\w'’.-])[A-Z][\w'’.-]{0,40}\s+(?:(?:of|and|the|for|&)\s+)?){1,7})\(([A-Z][A-Za-z()]{1,9}[A-Z)]?)\)")


def _defined_acronyms(a: Article, loose: bool = False):
    """("Dockworkers Union", "DWU", spelled) written as "Full Name (ACR)". `loose` also gives the names
    whose letters do not spell the acronym, as an acronym of a name in another language does
    ("Harbour Safety Office (KSU)"); the caller must then check that the name is an organisation's."""
    for m in _ACRONYM_DEF.finditer(a.text):
        full, acr = m[1].strip(), m[2]
        if sum(c.isupper() for c in acr) < 2:
            continue
        # the name starts at the word that starts the acronym and holds its letters in order:
        # "party leader Acme Trust (ACT)" defines "Acme Trust"; "Ann Lee (ACT)" defines nothing
        letters = [c.lower() for c in acr if c.isalpha()]
        words = full.split()
        while words and words[0][0].lower() != letters[0]:
            words = words[1:]
        rest = iter(" ".join(words).lower())
        if words and all(c in rest for c in letters):
            yield " ".join(words), acr, True
        elif loose and len(full.split()) > 1:
            yield full, acr, False


def _roles(ms, articles: dict[str, Article], dates) -> list[dict]:
    """Each role once (its abbreviations expanded to compare: "CEO" = "Chief Executive Officer"), shown
    as the sources write it most often, from the first date it is seen."""
    seen: dict[str, str | None] = {}
    written: dict[str, Counter] = defaultdict(Counter)
    for art, i in ms:
        m = articles[art].mentions[i]
        if not m.role:
            continue
        role = normalise_role(m.role)
        if not role:
            continue
        written[role][normalise_role(m.role, expand=False) or role] += 1
        d = dates.get(art)
        if role not in seen or (d and (seen[role] is None or d < seen[role])):
            seen[role] = d
    shown = {r: stable.ranked(written[r])[0] for r in seen}
    return sorted(({"role": shown[r], "start": d, "end": None} for r, d in seen.items()), key=lambda x: x["role"])


def normalise_role(text: str, expand: bool = True) -> str | None:
    """"Brevik CM" -> "Brevik Chief Minister"; drops leading articles, keeps the role's own words.
    A tie to another organisation keeps its noun only: "Acme Bank's parent company" -> "Acme Bank parent",
    "Acme Bank's Brevik-based corporate parent" -> "Acme Bank parent"."""
    owner = re.match(r"^(?:the\s+)?(.+?)['’]s\s+(.*)$", text.strip(), re.I)
    if owner:
        head = next((w for w in owner[2].lower().split() if w in lexicon.RELATION_HEADS), None)
        if head:
            return f"{owner[1]} {head}"
    text = re.sub(r"['’]s\b", "", text)
    words = [w for w in re.sub(r"[(),]", " ", text).split() if w.lower() not in ("the", "a", "an", "his", "her", "their", "its")]
    if expand:
        words = lexicon.expand_title(words)
    tie = [i for i, w in enumerate(words) if w.lower() in lexicon.RELATION_HEADS]
    if tie:
        words = [w for i, w in enumerate(words) if not (i == tie[0] + 1 and w.lower() in lexicon.ORG_NOUNS)]
        return " ".join(words)
    if not words or not any(w.lower() in lexicon.PERSON_ROLE_HEADS or w.lower() in lexicon.ORG_KIND_HEADS
                            for w in lexicon.expand_title(words)):
        return None
    return " ".join(w if w.isupper() or w[0].isupper() else w for w in words)
