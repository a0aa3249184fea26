"""The Python API: `storyline.build(paths, db=...)` and `storyline.open(db)`. The CLI is a thin layer on it."""
from __future__ import annotations

import os

from .config import Config
from .model import Entity, Event
from .pipeline import Report
from .pipeline import build as _build
from .store import open_store


def build(paths, db: str = "storyline.db", config: Config | None = None, progress: bool = False) -> Report:
    """Read articles from files/folders into the store `db` and analyse them. Returns the run's report."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return _build(list(paths), db=db, config=config, progress=progress)


class Storyline:
    """A built store, read through the results of the last refresh."""

    def __init__(self, db: str = "storyline.db"):
        if not os.path.exists(db):
            raise FileNotFoundError(f"no storyline store at {db}; run `storyline build PATH --db {db}` first")
        self.db = db
        self.store = open_store(db)
        self._corpus = None

    @property
    def corpus(self):
        if self._corpus is None:
            self._corpus = self.store.load_corpus()
        return self._corpus

    def articles(self) -> list[dict]:
        rows = self.store.article_rows()
        reuses: dict[str, list[dict]] = {}
        for (a, b), n in self.corpus.reuses.items():
            reuses.setdefault(a, []).append({"article": b, "shared_sentences": n})
            reuses.setdefault(b, []).append({"article": a, "shared_sentences": n})
        for r in rows:
            r["reuses"] = sorted(reuses.get(r["id"], []), key=lambda x: (-x["shared_sentences"], x["article"]))
            r["analysed"] = bool(r["analysed"])
        return rows

    def entities(self, type: str | None = None) -> list[Entity]:
        return [e for e in self.corpus.entities if type is None or e.type == type.upper()]

    def find_entity(self, name: str) -> list[Entity]:
        """Entities whose name or an alias matches `name` (case-insensitive), best supported first."""
        n = name.lower().strip()
        exact = [e for e in self.corpus.entities if n == e.name.lower() or n in (a.lower() for a in e.aliases)]
        return exact or [e for e in self.corpus.entities if n in e.name.lower()]

    def events(self, entity: str | None = None, story: str | None = None) -> list[Event]:
        evs = self.corpus.events
        if entity:
            ids = {e.id for e in self.find_entity(entity)}
            evs = [e for e in evs if ids & set(e.participants) or e.place in ids]
        if story:
            evs = [e for e in evs if e.story == story]
        return evs

    def timeline(self, story: str | None = None, min_sources: int = 1, include_speech: bool = False) -> list[Event]:
        """Dated events in date order: the happenings (statements left out unless asked for)."""
        from . import lexicon

        evs = [e for e in self.events(story=story) if e.date and len(e.sources) >= min_sources
               and (include_speech or e.type not in lexicon.SPEECH_TYPES)]
        return sorted(evs, key=lambda e: (e.date, -e.salience))

    def quotes(self, speaker: str | None = None) -> list:
        """Quotes with their speaker (an entity id), date, article and offsets; optionally one speaker's."""
        from .quotes import quotes

        found = quotes(self.corpus.events)
        if speaker:
            ids = {e.id for e in self.find_entity(speaker)}
            found = [q for q in found if q.speaker in ids]
        return found

    def stories(self):
        return self.corpus.stories

    def conflicts(self):
        return self.corpus.conflicts

    def skipped(self) -> list[dict]:
        return [r for r in self.store.input_log() if r["action"] != "unchanged"]

    def close(self):
        self.store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open(db: str = "storyline.db") -> Storyline:  # noqa: A001 - mirrors sqlite_utils.Database / builtins.open
    return Storyline(db)
