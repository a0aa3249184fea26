"""SQLite backend: one file, a versioned schema, WAL journaling so a killed build loses nothing committed.

Per-article analysis is stored as JSON beside the article (written once, read by corpus stages);
corpus-level results live in their own tables and are replaced in one transaction per refresh.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator

from ..model import (Article, Conflict, Entity, Event, EventMention, Mention, Sentence, Source, Story,
                     TimeMention)
from .base import CorpusResults

# Each entry migrates the schema from version i to i+1. Append only; never edit a released step.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE runs (id INTEGER PRIMARY KEY, started TEXT, finished TEXT, paths TEXT,
                       counts TEXT, status TEXT);
    CREATE TABLE input_log (id INTEGER PRIMARY KEY, run_id INTEGER, source TEXT, action TEXT, reason TEXT);
    CREATE TABLE articles (
        id TEXT PRIMARY KEY, source TEXT NOT NULL, url TEXT, title TEXT,
        content_hash TEXT NOT NULL UNIQUE, raw_text TEXT NOT NULL, text TEXT NOT NULL, offset_map TEXT,
        published TEXT, published_source TEXT, published_evidence TEXT,
        analysis TEXT, added_at TEXT);
    CREATE INDEX articles_pending ON articles(id) WHERE analysis IS NULL;
    CREATE TABLE article_corpus (article_id TEXT PRIMARY KEY, story TEXT, duplicate_of TEXT,
                                 published TEXT, published_source TEXT, published_evidence TEXT);
    CREATE TABLE reuses (a TEXT, b TEXT, shared INTEGER, PRIMARY KEY (a, b));
    CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT, type TEXT, aliases TEXT, roles TEXT, mentions INTEGER);
    CREATE TABLE events (id TEXT PRIMARY KEY, story TEXT, type TEXT, status TEXT, date TEXT, date_end TEXT,
                         participants TEXT, place TEXT, summary TEXT, salience REAL, sources TEXT);
    CREATE TABLE stories (id TEXT PRIMARY KEY, label TEXT, articles TEXT, summary TEXT, start TEXT, "end" TEXT);
    CREATE TABLE conflicts (id INTEGER PRIMARY KEY, kind TEXT, description TEXT, sources TEXT);
    """,
]

_CORPUS_TABLES = ("article_corpus", "reuses", "entities", "events", "stories", "conflicts")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class SQLiteStore:
    def __init__(self, path: str = "storyline.db"):
        self.path = str(path)
        self.db = sqlite3.connect(self.path, isolation_level=None)  # explicit transactions below
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA busy_timeout=10000")
        self.migrate()

    # -- schema ---------------------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        version = self.schema_version
        if version > len(MIGRATIONS):
            raise RuntimeError(f"{self.path}: schema version {version} is newer than this storyline "
                               f"(knows {len(MIGRATIONS)}); upgrade storyline")
        for i in range(version, len(MIGRATIONS)):
            with self.transaction():
                for stmt in _statements(MIGRATIONS[i]):
                    self.db.execute(stmt)
                self.db.execute(f"PRAGMA user_version={i + 1}")

    def transaction(self):
        return _Transaction(self.db)

    # -- runs ------------------------------------------------------------------------------------
    def start_run(self, paths: list[str]) -> int:
        cur = self.db.execute("INSERT INTO runs (started, paths, status) VALUES (?, ?, 'running')",
                              (_now(), json.dumps([str(p) for p in paths])))
        return cur.lastrowid

    def finish_run(self, run_id: int, counts: dict, status: str = "done") -> None:
        self.db.execute("UPDATE runs SET finished=?, counts=?, status=? WHERE id=?",
                        (_now(), json.dumps(counts), status, run_id))

    def log_input(self, run_id: int, source: str, action: str, reason: str) -> None:
        self.db.execute("INSERT INTO input_log (run_id, source, action, reason) VALUES (?, ?, ?, ?)",
                        (run_id, source, action, reason))

    def input_log(self, run_id: int | None = None) -> list[dict]:
        q, args = "SELECT run_id, source, action, reason FROM input_log", ()
        if run_id is not None:
            q, args = q + " WHERE run_id=?", (run_id,)
        return [dict(r) for r in self.db.execute(q + " ORDER BY id", args)]

    # -- articles --------------------------------------------------------------------------------
    def has_hash(self, content_hash: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE content_hash=?", (content_hash,)).fetchone() is not None

    def article_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM articles")}

    def add_articles(self, articles: Iterable[Article]) -> int:
        n = 0
        with self.transaction():
            for a in articles:
                cur = self.db.execute(
                    "INSERT OR IGNORE INTO articles (id, source, url, title, content_hash, raw_text, text, offset_map,"
                    " published, published_source, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (a.id, a.source, a.url, a.title, a.content_hash, a.raw_text, a.text,
                     json.dumps(a.offset_map), a.published, a.published_source, _now()))
                n += cur.rowcount
        return n

    def count_articles(self, pending: bool = False) -> int:
        q = "SELECT count(*) FROM articles" + (" WHERE analysis IS NULL" if pending else "")
        return self.db.execute(q).fetchone()[0]

    def pending_articles(self) -> Iterator[Article]:
        for row in self.db.execute("SELECT * FROM articles WHERE analysis IS NULL ORDER BY rowid").fetchall():
            yield _article(row)

    def analysed_articles(self) -> Iterator[Article]:
        for row in self.db.execute("SELECT * FROM articles WHERE analysis IS NOT NULL ORDER BY rowid"):
            yield _article(row)

    def save_analysis(self, articles: Iterable[Article]) -> None:
        with self.transaction():
            for a in articles:
                analysis = {
                    "sentences": [dataclasses.astuple(s) for s in a.sentences],
                    "mentions": [dataclasses.asdict(m) for m in a.mentions],
                    "times": [dataclasses.astuple(t) for t in a.times],
                    "events": [dataclasses.asdict(e) for e in a.events],
                    "signature": a.signature,
                    "date_refs": a.date_refs,
                }
                self.db.execute(
                    "UPDATE articles SET analysis=?, published=?, published_source=?, published_evidence=?, title=?"
                    " WHERE id=?",
                    (json.dumps(analysis, separators=(",", ":")), a.published, a.published_source,
                     a.published_evidence, a.title, a.id))

    def set_published(self, article_id: str, date: str, source: str, evidence: str) -> None:
        """Date an article found by corpus-level inference; its analysis is redone with that date."""
        with self.transaction():
            self.db.execute("UPDATE articles SET published=?, published_source=?, published_evidence=?,"
                            " analysis=NULL WHERE id=? AND (published IS NULL OR published_source IS NULL"
                            " OR published_source IN ('inferred', 'dateline'))",
                            (date, source, evidence, article_id))

    # -- corpus results --------------------------------------------------------------------------
    def replace_corpus(self, r: CorpusResults) -> None:
        with self.transaction():
            for table in _CORPUS_TABLES:
                self.db.execute(f"DELETE FROM {table}")
            ids = [row[0] for row in self.db.execute("SELECT id FROM articles WHERE analysis IS NOT NULL")]
            rows = []
            for i in ids:
                date, evidence = r.inferred_dates.get(i, (None, None))
                rows.append((i, r.article_story.get(i), r.duplicate_of.get(i), date,
                             "inferred" if date else None, evidence))
            self.db.executemany("INSERT INTO article_corpus VALUES (?,?,?,?,?,?)", rows)
            self.db.executemany("INSERT INTO reuses VALUES (?,?,?)", [(a, b, n) for (a, b), n in r.reuses.items()])
            self.db.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?)", [
                (e.id, e.name, e.type, json.dumps(e.aliases), json.dumps(e.roles), e.mentions) for e in r.entities])
            self.db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)", [
                (e.id, e.story, e.type, e.status, e.date, e.date_end, json.dumps(e.participants), e.place,
                 e.summary, e.salience, json.dumps([dataclasses.asdict(s) for s in e.sources])) for e in r.events])
            self.db.executemany("INSERT INTO stories VALUES (?,?,?,?,?,?)", [
                (s.id, s.label, json.dumps(s.articles), s.summary, s.start, s.end) for s in r.stories])
            self.db.executemany("INSERT INTO conflicts (kind, description, sources) VALUES (?,?,?)", [
                (c.kind, c.description, json.dumps([dataclasses.asdict(s) for s in c.sources])) for c in r.conflicts])

    def load_corpus(self) -> CorpusResults:
        r = CorpusResults()
        for row in self.db.execute("SELECT * FROM entities ORDER BY mentions DESC, id"):
            r.entities.append(Entity(row["id"], row["name"], row["type"], json.loads(row["aliases"]),
                                     json.loads(row["roles"]), row["mentions"]))
        for row in self.db.execute("SELECT * FROM events ORDER BY date IS NULL, date, salience DESC"):
            r.events.append(Event(row["id"], row["type"], row["status"], row["date"], row["date_end"],
                                  json.loads(row["participants"]), row["place"], row["summary"], row["salience"],
                                  [Source(**s) for s in json.loads(row["sources"])], row["story"]))
        for row in self.db.execute("SELECT * FROM stories ORDER BY id"):
            r.stories.append(Story(row["id"], row["label"], json.loads(row["articles"]), row["summary"],
                                   row["start"], row["end"]))
        for row in self.db.execute("SELECT * FROM conflicts ORDER BY id"):
            r.conflicts.append(Conflict(row["kind"], row["description"],
                                        [Source(**s) for s in json.loads(row["sources"])]))
        for row in self.db.execute("SELECT * FROM article_corpus"):
            if row["story"]:
                r.article_story[row["article_id"]] = row["story"]
            if row["duplicate_of"]:
                r.duplicate_of[row["article_id"]] = row["duplicate_of"]
            if row["published"]:
                r.inferred_dates[row["article_id"]] = (row["published"], row["published_evidence"])
        for row in self.db.execute("SELECT * FROM reuses"):
            r.reuses[(row["a"], row["b"])] = row["shared"]
        return r

    def article_rows(self) -> list[dict]:
        """Articles with their corpus-level fields (story, duplicate, best publication date)."""
        rows = self.db.execute(
            "SELECT a.id, a.source, a.url, a.title, a.text,"
            " coalesce(a.published, c.published) AS published,"
            " CASE WHEN a.published IS NOT NULL THEN a.published_source ELSE c.published_source END AS published_source,"
            " coalesce(a.published_evidence, c.published_evidence) AS published_evidence,"
            " c.story, c.duplicate_of, a.analysis IS NOT NULL AS analysed"
            " FROM articles a LEFT JOIN article_corpus c ON c.article_id = a.id ORDER BY a.id")
        return [dict(r) for r in rows]

    def close(self) -> None:
        self.db.close()


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on error (the connection is in autocommit mode)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type, *_):
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")
        return False


def _article(row: sqlite3.Row) -> Article:
    a = Article(id=row["id"], source=row["source"], content_hash=row["content_hash"], raw_text=row["raw_text"],
                text=row["text"], offset_map=[tuple(x) for x in json.loads(row["offset_map"] or "[]")],
                title=row["title"], url=row["url"], published=row["published"],
                published_source=row["published_source"], published_evidence=row["published_evidence"])
    if row["analysis"]:
        an = json.loads(row["analysis"])
        a.sentences = [Sentence(*s) for s in an["sentences"]]
        a.mentions = [Mention(**m) for m in an["mentions"]]
        a.times = [TimeMention(*t) for t in an["times"]]
        a.events = [EventMention(**e) for e in an["events"]]
        a.signature = an.get("signature", [])
        a.date_refs = [tuple(r) for r in an.get("date_refs", [])]
    return a
