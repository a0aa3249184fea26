"""The Python API: `storyline.build(paths, db=...)`, `storyline.remove(ids, db=...)` and
`storyline.open(db)`. The CLI is a thin layer on it; reads go through the store's read side."""
from __future__ import annotations

import dataclasses
import os

from . import lexicon
from .config import Config
from .ingest import InputError, check_paths, with_fields  # noqa: F401  (InputError: raised by build)
from .model import CONFLICT_KINDS, Entity, Event, Quote, Story
from .pipeline import Report
from .pipeline import build as _build
from .pipeline import remove as _remove
from .store import StoreError, is_url, open_store


def build(paths, db: str = "storyline.db", config: Config | None = None, progress: bool = False,
          fields: dict[str, str | list[str]] | None = None) -> Report:
    """Read articles from files/folders into the store `db` and analyse them. Returns the run's report.

    `fields` names the CSV columns / JSON keys to read, e.g. {"text": "body", "date": "pub_date"}.
    Raises ingest.InputError, before the store is opened, for a path that does not exist, a web
    address or an unknown field."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    check_paths(paths)
    if fields:
        config = dataclasses.replace(config or Config())
        config.ingest = with_fields(config.ingest, fields)
    return _build(list(paths), db=db, config=config, progress=progress)


def remove(ids, db: str = "storyline.db", config: Config | None = None, progress: bool = False) -> Report:
    """Remove articles by id and refresh what depended on them."""
    if isinstance(ids, str):
        ids = [ids]
    if not is_url(db) and not os.path.exists(db):
        raise StoreError(f"no storyline store at {db}")
    return _remove(list(ids), db=db, config=config, progress=progress)


def in_span(date: str | None, date_from: str | None, date_to: str | None) -> bool:
    """A fuzzy date ("2025", "2025-05", "2025-05-14") against a range, as the store's event filter reads
    it: on or after `date_from`, and not after `date_to` at `date_to`'s own precision. An unknown date
    is in no range."""
    if not (date_from or date_to):
        return True
    if not date:
        return False
    return (not date_from or date >= date_from) and (not date_to or date[:len(date_to)] <= date_to)


class Storyline:
    """A built store, opened read-only. Everything read through one Storyline sees the same
    committed state (one read transaction, held until `close`), even while a build writes."""

    def __init__(self, db: str = "storyline.db", hold: bool = True):
        """`hold=False` holds no snapshot: each `with s.reading():` block sees the latest committed state
        (a long-lived reader such as the web server, which must see later builds)."""
        if not is_url(db) and not os.path.exists(db):      # a server's store is looked for on opening
            raise FileNotFoundError(f"no storyline store at {db}; run `storyline build PATH --db {db}` first")
        self.db = db
        self.store = open_store(db, readonly=True)
        self._snapshot = None
        if hold:
            self._snapshot = self.store.reading()
            self._snapshot.__enter__()

    def reading(self):
        """One consistent read for the block (for a Storyline opened with `hold=False`)."""
        return self.store.reading()

    def articles(self, quarantined: bool = False, limit: int | None = None, offset: int = 0,
                 story: str | None = None, date_from: str | None = None, date_to: str | None = None,
                 date_source: str | None = None) -> list[dict]:
        """Articles by id; optionally one story's, published in a date range, or dated one way
        (`date_source`: header, metadata, dateline or inferred)."""
        if story or date_from or date_to or date_source:
            rows = [r for r in self.store.article_rows(quarantined=quarantined)
                    if (not story or r["story"] == story) and in_span(r["published"], date_from, date_to)
                    and (not date_source or r["published_source"] == date_source)]
            rows = rows[offset:offset + limit if limit is not None else None]
        else:
            rows = self.store.article_rows(quarantined=quarantined, limit=limit, offset=offset)
        reuses: dict[str, list[dict]] = {}
        for (a, b), n in self.store.reuses().items():
            reuses.setdefault(a, []).append({"article": b, "shared_sentences": n})
            reuses.setdefault(b, []).append({"article": a, "shared_sentences": n})
        for r in rows:
            r["reuses"] = sorted(reuses.get(r["id"], []), key=lambda x: (-x["shared_sentences"], x["article"]))
            r["analysed"] = bool(r["analysed"])
        return rows

    def quarantined(self) -> list[dict]:
        """Articles whose analysis failed, with the reason; later builds leave them be."""
        return self.store.quarantined()

    def entities(self, type: str | None = None, name: str | None = None, limit: int | None = None,
                 offset: int = 0, story: str | None = None, date_from: str | None = None,
                 date_to: str | None = None) -> list[Entity]:
        """Entities, best supported first; with `story` or a date range, those taking part in (or the
        place of) an event of that story or range."""
        ids = None
        if story or date_from or date_to:
            evs = self.store.events(story=story, date_from=date_from, date_to=date_to)
            ids = sorted({p for e in evs for p in e.participants} | {e.place for e in evs if e.place})
        return self.store.entities(type=type, name=name, ids=ids, limit=limit, offset=offset)

    def find_entity(self, name: str) -> list[Entity]:
        """Entities whose name or an alias is `name` (case-insensitive), else whose name contains it."""
        return self.store.entities(name=name)

    def events(self, entity: str | None = None, story: str | None = None, type: str | None = None,
               status: str | None = None, date_from: str | None = None, date_to: str | None = None,
               text: str | None = None, limit: int | None = None, offset: int = 0) -> list[Event]:
        ids = [e.id for e in self.find_entity(entity)] if entity else None
        return self.store.events(story=story, entities=ids, type=type, status=status, date_from=date_from,
                                 date_to=date_to, text=text, limit=limit, offset=offset)

    def timeline(self, story: str | None = None, min_sources: int = 1, include_speech: bool = False,
                 date_from: str | None = None, date_to: str | None = None, type=None, status=None,
                 entity_ids=None, limit: int | None = None, offset: int = 0) -> list[Event]:
        """Dated events in date order: the happenings (statements left out unless asked for).
        `type` and `status` take one value or a list of them; `entity_ids`: events these take part in."""
        return self.store.events(story=story, type=type, status=status, date_from=date_from, date_to=date_to,
                                 entities=entity_ids, dated=True,
                                 min_sources=min_sources,
                                 exclude_types=() if include_speech else sorted(lexicon.SPEECH_TYPES),
                                 limit=limit, offset=offset, order="timeline")

    def quotes(self, speaker: str | None = None, speaker_id: str | None = None, story: str | None = None,
               date_from: str | None = None, date_to: str | None = None) -> list[Quote]:
        """Quotes with their speaker (an entity id), date, article and offsets; optionally one speaker's
        (by name or alias, or by entity id), one story's or a date range's."""
        from .quotes import quotes

        ids = [e.id for e in self.find_entity(speaker)] if speaker else None
        if speaker_id is not None:
            ids = [speaker_id]
        evs = self.store.events(type=sorted(lexicon.SPEECH_TYPES), entities=ids, story=story,
                                date_from=date_from, date_to=date_to)
        found = quotes(evs)
        return [q for q in found if (ids is None or q.speaker in ids) and in_span(q.date, date_from, date_to)]

    def entity(self, entity_id: str) -> Entity | None:
        found = self.store.entities(ids=[entity_id])
        return found[0] if found else None

    def story(self, story_id: str) -> Story | None:
        return self.store.story(story_id)

    def event(self, event_id: str) -> Event | None:
        return self.store.event(event_id)

    def articles_by_id(self, ids, text: bool = False) -> list[dict]:
        """The articles among `ids` (by id) with their corpus fields; `text`: with the cleaned text."""
        rows = self.store.articles_by_id(ids, text=text)
        for r in rows:
            r["analysed"] = bool(r["analysed"])
        return rows

    def citations(self, article_id: str) -> list[dict]:
        """The spans of one article that events cite (event id, type, status, date, offsets)."""
        return self.store.citations(article_id)

    def duplicates_of(self, article_id: str) -> list[str]:
        return self.store.duplicates_of(article_id)

    def stats(self, full: bool = False) -> dict:
        """Counts over the corpus (the store's); `full` adds how articles were dated, their first and
        last day, quotes and skipped inputs (as `storyline stats` prints them)."""
        from collections import Counter

        figures = self.store.stats()
        if full:
            arts = self.articles()
            days = sorted(a["published"] for a in arts if a["published"])
            dated = Counter(a["published_source"] or "undated" for a in arts)
            figures.update({
                "dated_by": dict(sorted(dated.items(), key=lambda kv: (-kv[1], kv[0]))),
                "published_first": days[0] if days else None, "published_last": days[-1] if days else None,
                "quotes": len(self.quotes()),
                "inputs_skipped": sum(r["action"] == "skipped" for r in self.store.input_log()),
            })
        return figures

    def version(self) -> str:
        """Changes whenever the store's contents may have (a validator for caches)."""
        return self.store.version()

    def stories(self, date_from: str | None = None, date_to: str | None = None, type: str | None = None):
        """Stories; optionally those whose span meets a date range, or that hold an event of `type`."""
        found = self.store.stories()
        if date_from or date_to:
            found = [st for st in found if st.start and in_span(st.end or st.start, date_from, None)
                     and in_span(st.start, None, date_to)]
        if type:
            having = {e.story for e in self.store.events(type=type)}
            found = [st for st in found if st.id in having]
        return found

    def conflicts(self, story: str | None = None, kind: str | None = None):
        """Where sources disagree, the most important first; `story` and `kind` narrow them."""
        if kind is not None and kind not in CONFLICT_KINDS:
            raise ValueError(f"unknown conflict kind {kind!r}; known: {', '.join(CONFLICT_KINDS)}")
        return [c for c in self.store.conflicts()
                if (story is None or c.story == story) and (kind is None or c.kind == kind)]

    def disputed(self) -> dict[str, list[int]]:
        """Event id -> positions in `conflicts()` of the date and figure conflicts its sentences stand
        on: the events whose day or figures sources disagree on."""
        from .conflicts import disputed

        return disputed(self.store.events(), self.store.conflicts())

    def skipped(self) -> list[dict]:
        return [r for r in self.store.input_log() if r["action"] != "unchanged"]

    def changes(self) -> list[dict]:
        """Articles removed or replaced by later versions, run by run."""
        return self.store.changes()

    def close(self):
        if self._snapshot is not None:
            self._snapshot.__exit__(None, None, None)
            self._snapshot = None
        self.store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open(db: str = "storyline.db") -> Storyline:  # noqa: A001 - mirrors sqlite_utils.Database / builtins.open
    return Storyline(db)
