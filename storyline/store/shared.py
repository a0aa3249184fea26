"""What every SQL backend reads the same way: queries without parameters over the shared schema,
decoded by the shared codec. Backends inherit it and bring `self.db` (a connection whose `execute`
returns rows readable by column name) and `self.reading()`."""
from __future__ import annotations

from collections.abc import Iterator

from ..model import Article, Conflict
from . import codec
from .base import CorpusResults


class SharedReads:
    damaged: list[str]

    def pending_articles(self) -> Iterator[Article]:
        for row in self.db.execute("SELECT * FROM articles WHERE analysis IS NULL AND status IS NULL"
                                   " ORDER BY id").fetchall():
            yield codec.article(row, None)

    def analysed_articles(self) -> Iterator[Article]:
        """Articles with their own analysis, by id; a record that cannot be read is noted in `damaged`."""
        self.damaged = []
        for row in self.db.execute("SELECT * FROM articles WHERE analysis IS NOT NULL AND status IS NULL"
                                   " ORDER BY id").fetchall():
            try:
                yield codec.article(row, row["analysis"])
            except (ValueError, KeyError, TypeError):
                self.damaged.append(row["id"])

    def redated_articles(self) -> dict[str, Article]:
        """Articles analysed again with a date the corpus gave them, by id."""
        out = {}
        for row in self.db.execute("SELECT * FROM articles WHERE redated IS NOT NULL AND status IS NULL"):
            try:
                out[row["id"]] = codec.article(row, row["redated"])
            except (ValueError, KeyError, TypeError):
                continue        # redone when needed
        return out

    def conflicts(self) -> list[Conflict]:
        return [codec.conflict(r) for r in self.db.execute("SELECT * FROM conflicts ORDER BY id")]

    def reuses(self) -> dict[tuple[str, str], int]:
        return {(r["a"], r["b"]): r["shared"] for r in self.db.execute("SELECT * FROM reuses ORDER BY a, b")}

    def load_corpus(self) -> CorpusResults:
        """Every corpus result, read in one transaction."""
        r = CorpusResults()
        with self.reading():
            r.entities, r.events, r.stories, r.conflicts = self.entities(), self.events(), self.stories(), self.conflicts()
            r.reuses = self.reuses()
            for row in self.db.execute("SELECT * FROM article_corpus ORDER BY article_id"):
                codec.add_article_corpus(r, row)
        return r

