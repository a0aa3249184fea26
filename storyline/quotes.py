"""Quotes: who said what, when. Read off the merged statement events, so every speaker is a canonical
entity and every quote keeps its article and character offsets.

A quote is the text between quotation marks in a source sentence of a statement event, four words or
more (shorter quoted bits are usually scare quotes: a "courtesy call"). A statement event's first
participant is its speaker: the extractor puts the subject of the verb of saying first.
"""
from __future__ import annotations

import re

from . import lexicon
from .model import Event, Quote

_QUOTED = re.compile(r"[\"“](?P<q>[^\"“”]{3,}?)[\"”]|‘(?P<q2>[^‘’]{3,}?)’(?!\w)")
MIN_WORDS = 4


def quotes(events: list[Event]) -> list[Quote]:
    out, seen = [], set()
    for ev in events:
        if ev.type not in lexicon.SPEECH_TYPES or not ev.participants:
            continue
        for src in ev.sources:
            for m in _QUOTED.finditer(src.sentence):
                group = "q" if m.group("q") is not None else "q2"
                raw = m.group(group)
                text = raw.strip().rstrip(",;:")       # the comma before "she said" is not said
                if len(text.split()) < MIN_WORDS:
                    continue
                start = src.start + m.start(group) + raw.index(text)
                key = (src.article, start)
                if key in seen:
                    continue
                seen.add(key)
                out.append(Quote(speaker=ev.participants[0], text=text, date=ev.date, article=src.article,
                                 start=start, end=start + len(text), event=ev.id))
    return sorted(out, key=lambda q: (q.date or "9999", q.article, q.start))
