"""Tense of the clause that governs a span: is a dated reference told as past or as coming?"""
from __future__ import annotations

_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_PLAN_WORDS = {"likely", "set", "expected", "scheduled", "due", "slated", "poised", "going", "planned",
               "proposed", "upcoming", "next", "forthcoming", "coming"}


def governing_verb(tok):
    t = tok
    for _ in range(10):
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "aux":
            return t
        if t.head == t:         # (== : spaCy makes a new Token object at each access)
            return None
        t = t.head
    return None


def tense_of_span(span) -> str | None:
    """"past", "future" or None for the clause governing a spaCy span."""
    verb = governing_verb(span.root)
    if verb is None:
        # a noun phrase: "the next meeting on July 17", "last month's talks"
        if any(t.lower_ in _PLAN_WORDS for t in span.root.head.children):
            return "future"
        return None
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in aux}
    if words & _FUTURE_AUX:
        return "future"
    if "to" in words:
        # "to be held on ...", "is set to meet on ..." — an infinitive tells of something to come,
        # unless it hangs on a past report ("was supposed to")
        return "future"
    head_words = {verb.head.lower_} | {c.lower_ for c in verb.head.children}
    if verb.dep_ in ("xcomp", "acl") and head_words & _PLAN_WORDS:
        return "future"
    if any(c.lower_ in _PLAN_WORDS for c in verb.children if c.dep_ in ("acomp", "amod", "advmod")):
        return "future"
    if verb.tag_ in ("VBD",) or words & {"had", "was", "were", "did", "has", "have"}:
        return "past"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl"):
        return "past"   # "the meeting held in Patna on June 23"
    return None
