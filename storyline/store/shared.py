"""What every SQL backend reads the same way: queries over the shared schema in SQL both backends
speak, decoded by the shared codec. Backends inherit it and bring `self.db` (a connection whose
`execute` returns rows readable by column name), `self.reading()` and `MARK`, their driver's
placeholder for a parameter."""
from __future__ import annotations

from collections.abc import Iterator

from ..model import Article, Conflict, Event, Story
from . import codec
from .base import CorpusResults


def filter_values(val) -> list[str]:
    """A filter's values: one string, or any of several, sorted (none given: no filter)."""
    return ([val] if val else []) if isinstance(val, str) else sorted(set(val or ()))


# An article's row with the corpus-level fields (story, duplicate, the date the build settled on)
ARTICLE_COLUMNS = (
    "a.id, a.source, a.url, a.title, coalesce(c.published, a.published) AS published,"
    " CASE WHEN c.article_id IS NOT NULL THEN c.published_source ELSE a.published_source END AS published_source,"
    " CASE WHEN c.article_id IS NOT NULL THEN c.published_evidence ELSE a.published_evidence END AS published_evidence,"
    " c.story, c.duplicate_of, CASE WHEN a.analysis IS NOT NULL THEN 1 ELSE 0 END AS analysed,"
    " a.status, a.status_reason")


class SharedReads:
    damaged: list[str]
    MARK: str

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


    # -- reads by id (for the web API) ---------------------------------------------------------
    def event(self, event_id: str) -> Event | None:
        row = self.db.execute(f"SELECT * FROM events WHERE id = {self.MARK}", (event_id,)).fetchone()
        return codec.event(row) if row else None

    def story(self, story_id: str) -> Story | None:
        row = self.db.execute(f"SELECT * FROM stories WHERE id = {self.MARK}", (story_id,)).fetchone()
        return codec.story(row) if row else None

    def articles_by_id(self, ids, text: bool = False) -> list[dict]:
        """The articles among `ids`, by id, as `article_rows` gives them (`text`: with the cleaned text)."""
        ids = sorted(set(ids))
        if not ids:
            return []
        cols = ARTICLE_COLUMNS + (", a.text" if text else "")
        rows = self.db.execute(f"SELECT {cols} FROM articles a LEFT JOIN article_corpus c ON c.article_id = a.id"
                               f" WHERE a.id IN ({', '.join([self.MARK] * len(ids))}) ORDER BY a.id", ids)
        return [dict(r) for r in rows]

    def citations(self, article_id: str) -> list[dict]:
        """The spans of one article that events cite: event, its type, status and date, and the
        sentence's offsets in the cleaned text, in text order."""
        rows = self.db.execute(
            'SELECT s.event_id, s.start, s."end", e.type, e.status, e.date FROM event_sources s'
            f" JOIN events e ON e.id = s.event_id WHERE s.article_id = {self.MARK}"
            " ORDER BY s.start, s.event_id, s.position", (article_id,))
        return [{"event": r["event_id"], "start": r["start"], "end": r["end"], "type": r["type"],
                 "status": r["status"], "date": r["date"]} for r in rows]

    def duplicates_of(self, article_id: str) -> list[str]:
        """The articles stored as near-duplicates of `article_id`, by id."""
        return [r["article_id"] for r in self.db.execute(
            f"SELECT article_id FROM article_corpus WHERE duplicate_of = {self.MARK} ORDER BY article_id",
            (article_id,))]

    def version(self) -> str:
        """A token that changes whenever what the store holds may have: the last run (id, state, end)
        and the number of articles (a running build adds them before its run ends)."""
        run = self.db.execute("SELECT id, status, finished FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        n = self.db.execute("SELECT count(*) AS n FROM articles").fetchone()["n"]
        return "-".join(str(x) for x in ((run["id"], run["status"], run["finished"]) if run else ()) + (n,))

    def stats(self) -> dict:
        """Counts over the corpus: articles (analysed, quarantined, duplicates), events by type and status,
        entities by type, stories, conflicts, and the span of the dated events."""
        def count(q: str) -> int:
            return self.db.execute(q).fetchone()["n"]

        def by(table: str, col: str) -> dict:
            return {r["k"]: r["n"] for r in self.db.execute(
                f"SELECT {col} AS k, count(*) AS n FROM {table} GROUP BY {col} ORDER BY {col}")}

        span = self.db.execute("SELECT min(date) AS lo, max(date) AS hi FROM events").fetchone()
        return {
            "articles": count("SELECT count(*) AS n FROM articles"),
            "analysed": count("SELECT count(*) AS n FROM articles WHERE analysis IS NOT NULL AND status IS NULL"),
            "quarantined": count("SELECT count(*) AS n FROM articles WHERE status = 'quarantined'"),
            "duplicates": count("SELECT count(*) AS n FROM article_corpus WHERE duplicate_of IS NOT NULL"),
            "events": count("SELECT count(*) AS n FROM events"),
            "events_by_type": by("events", "type"),
            "events_by_status": by("events", "status"),
            "entities": count("SELECT count(*) AS n FROM entities"),
            "entities_by_type": by("entities", "type"),
            "stories": count("SELECT count(*) AS n FROM stories"),
            "conflicts": count("SELECT count(*) AS n FROM conflicts"),
            "first_date": span["lo"], "last_date": span["hi"],
        }
