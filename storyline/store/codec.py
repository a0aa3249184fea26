"""The one codec every backend shares: how records become rows and rows become records.

Rows are read by column name (`row["id"]`), which both sqlite3.Row and psycopg's dict rows support;
JSON columns hold the same compact text on every backend, so values round-trip exactly alike.
"""
from __future__ import annotations

import dataclasses
import functools
import json

from ..model import (Article, Claim, Conflict, Entity, Event, EventMention, Mention, Sentence, Side, Source,
                     Story, TimeMention)
from .base import CorpusResults

# the corpus tables in the order they are filled, with their columns
CORPUS_COLUMNS = {
    "article_corpus": ("article_id", "story", "duplicate_of", "published", "published_source", "published_evidence"),
    "reuses": ("a", "b", "shared"),
    "entities": ("id", "name", "type", "aliases", "roles", "mentions"),
    "entity_aliases": ("entity_id", "alias"),
    "events": ("id", "story", "type", "status", "date", "date_end", "participants", "place", "summary",
               "salience", "sources", "roles", "date_source"),
    "event_participants": ("event_id", "entity_id", "position", "role"),
    "event_sources": ("event_id", "position", "article_id", "start", '"end"'),
    "stories": ("id", "label", "articles", "summary", "start", '"end"'),
    "conflicts": ("kind", "description", "sources", "sides", "score", "story"),
}


def insert_sql(table: str, mark: str) -> str:
    """INSERT for one corpus table, with the backend's placeholder (`?` or `%s`)."""
    cols = CORPUS_COLUMNS[table]
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join([mark] * len(cols))})"


def corpus_rows(r: CorpusResults) -> dict[str, list[tuple]]:
    """Every corpus table's rows for `r`, keyed as CORPUS_COLUMNS."""
    def sources(ss):
        return json.dumps([_as_dict(s) for s in ss])

    first_position = {}
    for e in r.events:
        for i, p in enumerate(e.participants):
            first_position.setdefault((e.id, p), (i, e.roles[i] if i < len(e.roles) else None))  # named twice: one row
    return {
        "article_corpus": [(aid, r.article_story.get(aid), r.duplicate_of.get(aid), *r.article_dates[aid])
                           for aid in sorted(r.article_dates)],
        "reuses": [(a, b, n) for (a, b), n in sorted(r.reuses.items())],
        "entities": [(e.id, e.name, e.type, json.dumps(e.aliases), json.dumps(e.roles), e.mentions)
                     for e in r.entities],
        "entity_aliases": [(e.id, al) for e in r.entities for al in sorted(set(e.aliases) | {e.name})],
        "events": [(e.id, e.story, e.type, e.status, e.date, e.date_end, json.dumps(e.participants), e.place,
                    e.summary, e.salience, sources(e.sources), json.dumps(e.roles), e.date_source)
                   for e in r.events],
        "event_participants": [(ev, p, i, role) for (ev, p), (i, role) in first_position.items()],
        "event_sources": [(e.id, i, s.article, s.start, s.end) for e in r.events for i, s in enumerate(e.sources)],
        "stories": [(s.id, s.label, json.dumps(s.articles), s.summary, s.start, s.end) for s in r.stories],
        "conflicts": [(c.kind, c.description, sources(c.sources),
                       json.dumps([{"value": sd.value, "sources": [_as_dict(x) for x in sd.sources]}
                                   for sd in c.sides]), c.score, c.story) for c in r.conflicts],
    }


def entity(row) -> Entity:
    return Entity(row["id"], row["name"], row["type"], json.loads(row["aliases"]), json.loads(row["roles"]),
                  row["mentions"])


def story(row) -> Story:
    return Story(row["id"], row["label"], json.loads(row["articles"]), row["summary"], row["start"], row["end"])


def conflict(row) -> Conflict:
    sides = [Side(sd["value"], [Source(**x) for x in sd["sources"]]) for sd in json.loads(row["sides"] or "[]")]
    return Conflict(row["kind"], row["description"], [Source(**s) for s in json.loads(row["sources"])], sides,
                    row["score"] or 0.0, row["story"])


def add_article_corpus(r: CorpusResults, row) -> None:
    """One article_corpus row into `r`."""
    if row["story"]:
        r.article_story[row["article_id"]] = row["story"]
    if row["duplicate_of"]:
        r.duplicate_of[row["article_id"]] = row["duplicate_of"]
    r.article_dates[row["article_id"]] = (row["published"], row["published_source"], row["published_evidence"])


@functools.lru_cache(maxsize=None)
def _names(cls) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _as_dict(obj) -> dict:
    """A flat record's fields by name. `dataclasses.asdict` deep-copies every value, which made the
    codec a tenth of a build; these records hold only plain values and lists of them."""
    return {n: getattr(obj, n) for n in _names(type(obj))}


def _as_tuple(obj) -> tuple:
    return tuple(getattr(obj, n) for n in _names(type(obj)))


def analysis_record(a: Article) -> dict:
    return {
        "sentences": [_as_tuple(s) for s in a.sentences],
        "mentions": [_as_dict(m) for m in a.mentions],
        "times": [_as_tuple(t) for t in a.times],
        "events": [_as_dict(e) for e in a.events],
        "signature": a.signature,
        "date_refs": a.date_refs,
        "claims": [_as_dict(c) for c in a.claims],
        "published": [a.published, a.published_source, a.published_evidence],
    }


def analysis(an: dict) -> dict:
    """The analysis fields of an Article from a stored record (raises on a damaged one)."""
    return {
        "sentences": [Sentence(*s) for s in an["sentences"]],
        "mentions": [Mention(**m) for m in an["mentions"]],
        "times": [TimeMention(*t) for t in an["times"]],
        "events": [EventMention(**e) for e in an["events"]],
        "signature": an.get("signature", []),
        "date_refs": [tuple(r) for r in an.get("date_refs", [])],
        "claims": [Claim(**c) for c in an.get("claims", [])],
    }


def article(row, record: str | None) -> Article:
    """An article from its row and one of its stored analysis records (own or redated), if given."""
    a = Article(id=row["id"], source=row["source"], content_hash=row["content_hash"], raw_text=row["raw_text"],
                text=row["text"], offset_map=[tuple(x) for x in json.loads(row["offset_map"] or "[]")],
                title=row["title"], url=row["url"], published=row["published"],
                published_source=row["published_source"], published_evidence=row["published_evidence"])
    if record:
        an = json.loads(record)
        for k, v in analysis(an).items():
            setattr(a, k, v)
        a.published, a.published_source, a.published_evidence = an["published"]
    return a


def event(row) -> Event:
    return Event(row["id"], row["type"], row["status"], row["date"], row["date_end"], json.loads(row["participants"]),
                 row["place"], row["summary"], row["salience"],
                 [Source(**s) for s in json.loads(row["sources"])], row["story"],
                 json.loads(row["roles"] or "[]"), row["date_source"])
