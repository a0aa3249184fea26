"""SQLite backend: one file, a versioned schema, WAL journaling so a killed build loses nothing committed.

Per-article analysis is stored as JSON beside the article: `analysis` is the article's own (made
with the date it states, or the one its text gives), `redated` the same analysis redone with the date
the corpus gave it. Corpus results live in their own tables, with link tables (event_participants,
event_sources, entity_aliases) that plain SQL can join, replaced in one transaction per refresh.
Builds on one file take turns (a lock file beside it); readers see one committed state.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from ..model import Article, Entity, Event, Story
from . import codec
from .base import CorpusResults, StoreError
from .shared import SharedReads, filter_values

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
    # 2: an article's stated date stays as ingested (dates found later live in its analysis and in
    # article_corpus); the analysis redone with a corpus date; quarantine; a log of edits; link tables.
    """
    ALTER TABLE articles ADD COLUMN redated TEXT;
    ALTER TABLE articles ADD COLUMN status TEXT;
    ALTER TABLE articles ADD COLUMN status_reason TEXT;
    UPDATE articles SET published=NULL, published_source=NULL, published_evidence=NULL, analysis=NULL
        WHERE published_source IS NULL OR published_source NOT IN ('header', 'metadata');
    CREATE INDEX articles_source ON articles(source);
    CREATE TABLE changes (id INTEGER PRIMARY KEY, run_id INTEGER, at TEXT, action TEXT, article_id TEXT,
                          source TEXT, detail TEXT);
    CREATE TABLE event_participants (event_id TEXT, entity_id TEXT, position INTEGER,
                                     PRIMARY KEY (event_id, entity_id));
    CREATE INDEX event_participants_entity ON event_participants(entity_id);
    CREATE TABLE event_sources (event_id TEXT, position INTEGER, article_id TEXT, start INTEGER, "end" INTEGER,
                                PRIMARY KEY (event_id, position));
    CREATE INDEX event_sources_article ON event_sources(article_id);
    CREATE TABLE entity_aliases (entity_id TEXT, alias TEXT, PRIMARY KEY (entity_id, alias));
    CREATE INDEX events_story ON events(story, date);
    """,
    # 3: conflicts keep their sides, rank and story; articles are analysed again for their claims
    """
    ALTER TABLE conflicts ADD COLUMN sides TEXT;
    ALTER TABLE conflicts ADD COLUMN score REAL;
    ALTER TABLE conflicts ADD COLUMN story TEXT;
    UPDATE articles SET analysis=NULL, redated=NULL;
    """,
    # 4: who acts and who is acted with in each event, and where its date comes from (filled by the
    # next refresh: pipeline.CORPUS_FORMAT changes the corpus key)
    """
    ALTER TABLE events ADD COLUMN roles TEXT;
    ALTER TABLE events ADD COLUMN date_source TEXT;
    ALTER TABLE event_participants ADD COLUMN role TEXT;
    """,
]

_CORPUS_TABLES = tuple(codec.CORPUS_COLUMNS)   # emptied and refilled by every refresh
LOCK_WAIT_SECONDS = 3600      # a build waits this long for the one before it to finish
BUSY_TIMEOUT_MS = 30_000      # a write waits this long for a reader's or writer's transaction


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class SQLiteStore(SharedReads):
    MARK = "?"        # the driver's placeholder, for the reads in shared.py

    def __init__(self, path: str = "storyline.db", readonly: bool = False):
        self.path = str(path)
        self.readonly = readonly
        self._lock_fh = None
        self.damaged: list[str] = []          # articles whose stored analysis could not be read
        try:
            self.db = self._connect()
            if readonly:
                self._check_version()
            else:
                self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a readable storyline store ({exc}); "
                             f"`storyline check --db {self.path}` says more") from exc

    def _connect(self) -> sqlite3.Connection:
        if self.readonly:
            if not os.path.exists(self.path):
                raise StoreError(f"no storyline store at {self.path}")
            uri = Path(self.path).resolve().as_uri() + "?mode=ro"
            try:
                db = sqlite3.connect(uri, uri=True, isolation_level=None)
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                # a WAL store in a folder we cannot write: no -shm can be made, so read the file as it is
                # (no writer can be working there either) -- unless a killed build left commits in its
                # WAL, which reading the file alone would silently miss
                wal = self.path + "-wal"
                if os.path.exists(wal) and os.path.getsize(wal) > 0:
                    raise StoreError(f"{self.path}: a build left changes in {wal} that only a writable "
                                     f"folder can apply; copy the store with its -wal file somewhere writable") from None
                db = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
        else:
            db = sqlite3.connect(self.path, isolation_level=None)  # explicit transactions below
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        db.row_factory = sqlite3.Row
        db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        return db

    # -- schema ---------------------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _check_version(self) -> None:
        version = self.schema_version
        if version > len(MIGRATIONS):
            raise StoreError(f"{self.path}: schema version {version} is newer than this storyline "
                             f"(knows {len(MIGRATIONS)}); upgrade storyline")
        if version < len(MIGRATIONS):
            raise StoreError(f"{self.path}: made by an older storyline (schema {version}); "
                             f"a build upgrades it")

    def migrate(self) -> None:
        if self.schema_version > len(MIGRATIONS):
            self._check_version()
        for i in range(len(MIGRATIONS)):
            with self.transaction():
                # read the version inside the write transaction: another process may just have migrated
                if self.schema_version > i:
                    continue
                for stmt in _statements(MIGRATIONS[i]):
                    self.db.execute(stmt)
                self.db.execute(f"PRAGMA user_version={i + 1}")

    def transaction(self):
        return _Transaction(self.db)

    @contextlib.contextmanager
    def reading(self):
        """One read transaction: everything read inside sees the same committed state."""
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            self.db.execute("COMMIT")

    @contextlib.contextmanager
    def build_lock(self, on_wait=None):
        """Builds on one store take turns: the lock is a file beside the store, released when the
        process ends however it ends."""
        fh = open(self.path + ".lock", "a+")
        try:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait:
                    on_wait()
                deadline = time.monotonic() + LOCK_WAIT_SECONDS
                while True:
                    try:
                        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() > deadline:
                            raise StoreError(f"{self.path}: another build has held the store for "
                                             f"{LOCK_WAIT_SECONDS} s") from None
                        time.sleep(0.05)
            yield
        finally:
            fh.close()

    def check(self, full: bool = True) -> list[str]:
        """What is wrong with this store: SQLite's integrity check, then (`full`) the store's own:
        every stored analysis readable, every cited article stored."""
        pragma = "integrity_check" if full else "quick_check"
        problems = [r[0] for r in self.db.execute(f"PRAGMA {pragma}") if r[0] != "ok"]
        if problems or not full:
            return problems
        for row in self.db.execute("SELECT id, analysis, redated FROM articles ORDER BY id"):
            for col in ("analysis", "redated"):
                if row[col] is not None:
                    try:
                        codec.analysis(json.loads(row[col]))
                    except (ValueError, KeyError, TypeError) as exc:
                        problems.append(f"article {row['id']}: stored {col} cannot be read ({type(exc).__name__})")
        ids = {r[0] for r in self.db.execute("SELECT id FROM articles")}
        dangling = {r[0] for r in self.db.execute("SELECT DISTINCT article_id FROM event_sources")} - ids
        if dangling:
            problems.append(f"{len(dangling)} articles cited by events are not stored (e.g. {sorted(dangling)[0]})")
        return problems

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

    def last_corpus_key(self) -> str | None:
        """The corpus key the last finished run refreshed the corpus for (see pipeline.corpus_key)."""
        for row in self.db.execute("SELECT counts FROM runs WHERE status='done' ORDER BY id DESC LIMIT 1"):
            return json.loads(row[0] or "{}").get("corpus_key")
        return None

    def corpus_members(self) -> list[tuple[str, str]]:
        """(id, content hash) of every article the corpus stages read, by id."""
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT id, content_hash FROM articles WHERE analysis IS NOT NULL AND status IS NULL ORDER BY id")]

    def changes(self) -> list[dict]:
        return [dict(r) for r in self.db.execute("SELECT run_id, at, action, article_id, source, detail "
                                                 "FROM changes ORDER BY id")]

    # -- articles --------------------------------------------------------------------------------
    def has_hash(self, content_hash: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE content_hash=?", (content_hash,)).fetchone() is not None

    def article_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM articles")}

    def article_by_source(self, source: str) -> tuple[str, str] | None:
        """(id, content hash) of the article stored from `source`, if any."""
        row = self.db.execute("SELECT id, content_hash FROM articles WHERE source=? ORDER BY id LIMIT 1",
                              (source,)).fetchone()
        return (row[0], row[1]) if row else None

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

    def remove(self, ids: Iterable[str], run_id: int | None = None, action: str = "removed",
               detail: str = "") -> list[str]:
        """Delete articles (their facts go at the next refresh); returns the ids that were stored."""
        gone = []
        with self.transaction():
            for aid in ids:
                row = self.db.execute("SELECT source FROM articles WHERE id=?", (aid,)).fetchone()
                if row is None:
                    continue
                self.db.execute("DELETE FROM articles WHERE id=?", (aid,))
                self.db.execute("INSERT INTO changes (run_id, at, action, article_id, source, detail)"
                                " VALUES (?,?,?,?,?,?)", (run_id, _now(), action, aid, row[0], detail))
                gone.append(aid)
        return gone

    def count_articles(self, pending: bool = False) -> int:
        q = "SELECT count(*) FROM articles" + (" WHERE analysis IS NULL AND status IS NULL" if pending else "")
        return self.db.execute(q).fetchone()[0]

    def save_analysis(self, articles: Iterable[Article], redated: bool = False) -> None:
        col = "redated" if redated else "analysis"
        with self.transaction():
            for a in articles:
                self.db.execute(f"UPDATE articles SET {col}=?, title=? WHERE id=?",
                                (json.dumps(codec.analysis_record(a), separators=(",", ":")), a.title, a.id))

    def reset_analysis(self, ids: Iterable[str]) -> None:
        with self.transaction():
            self.db.executemany("UPDATE articles SET analysis=NULL, redated=NULL WHERE id=?", [(i,) for i in ids])

    def quarantine(self, article_id: str, reason: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE articles SET status='quarantined', status_reason=? WHERE id=?",
                            (reason, article_id))

    def quarantined(self) -> list[dict]:
        return [dict(r) for r in self.db.execute(
            "SELECT id, source, status_reason AS reason FROM articles WHERE status='quarantined' ORDER BY id")]

    # -- corpus results --------------------------------------------------------------------------
    def replace_corpus(self, r: CorpusResults) -> None:
        with self.transaction():
            for table in _CORPUS_TABLES:
                self.db.execute(f"DELETE FROM {table}")
            for table, rows in codec.corpus_rows(r).items():
                self.db.executemany(codec.insert_sql(table, "?"), rows)

    # -- the read side ---------------------------------------------------------------------------
    def entities(self, type: str | None = None, name: str | None = None, ids: Iterable[str] | None = None,
                 limit: int | None = None, offset: int = 0) -> list[Entity]:
        """Entities, best supported first; `name` matches the name or an alias (case-insensitive,
        exact matches first, else containing it)."""
        where, args = [], []
        if type:
            where.append("type = ?")
            args.append(type.upper())
        if ids is not None:
            ids = list(ids)
            where.append(f"id IN ({','.join('?' * len(ids))})")
            args += ids
        if name:
            n = name.strip().lower()
            exact = [r[0] for r in self.db.execute("SELECT DISTINCT entity_id FROM entity_aliases WHERE lower(alias) = ?", (n,))]
            if not exact:
                exact = [r[0] for r in self.db.execute("SELECT id FROM entities WHERE instr(lower(name), ?) > 0", (n,))]
            where.append(f"id IN ({','.join('?' * len(exact))})")
            args += exact
        q = "SELECT * FROM entities" + (" WHERE " + " AND ".join(where) if where else "")
        q += " ORDER BY mentions DESC, id" + _page(limit, offset)
        return [codec.entity(r) for r in self.db.execute(q, args)]

    def events(self, story: str | None = None, entities: Iterable[str] | None = None, type: str | None = None,
               status: str | None = None, date_from: str | None = None, date_to: str | None = None,
               text: str | None = None, exclude_types: Iterable[str] = (), dated: bool = False,
               min_sources: int = 1, limit: int | None = None, offset: int = 0,
               order: str = "date") -> list[Event]:
        """Events matching every filter given; `entities`: ids taking part or the place."""
        where, args = [], []
        for col, val in (("story", story), ("type", type), ("status", status)):
            vals = filter_values(val)
            if vals:
                where.append(f"{col} IN ({','.join('?' * len(vals))})")
                args += vals
        if entities is not None:
            ids = list(entities)
            marks = ",".join("?" * len(ids))
            where.append(f"(id IN (SELECT event_id FROM event_participants WHERE entity_id IN ({marks}))"
                         f" OR place IN ({marks}))")
            args += ids + ids
        if date_from:
            where.append("date >= ?")
            args.append(date_from)
        if date_to:
            where.append("substr(date, 1, ?) <= ?")
            args += [len(date_to), date_to]
        if text:
            where.append("instr(lower(summary), ?) > 0")
            args.append(text.lower())
        excluded = list(exclude_types)
        if excluded:
            where.append(f"type NOT IN ({','.join('?' * len(excluded))})")
            args += excluded
        if dated:
            where.append("date IS NOT NULL")
        if min_sources > 1:
            where.append("(SELECT count(*) FROM event_sources s WHERE s.event_id = events.id) >= ?")
            args.append(min_sources)
        sort = " ORDER BY date, salience DESC, id" if order == "timeline" else " ORDER BY id"
        q = "SELECT * FROM events" + (" WHERE " + " AND ".join(where) if where else "") + sort
        if limit is not None or offset:     # a page: sort the ids alone, then read the page's rows
            q = f"SELECT * FROM events WHERE id IN ({q.replace('*', 'id', 1)}{_page(limit, offset)}){sort}"
        return [codec.event(r) for r in self.db.execute(q, args)]

    def stories(self) -> list[Story]:
        return [codec.story(r) for r in self.db.execute("SELECT * FROM stories ORDER BY CAST(substr(id, 2) AS INTEGER), id")]

    def article_rows(self, quarantined: bool = False, limit: int | None = None, offset: int = 0) -> list[dict]:
        """Articles with their corpus-level fields (story, duplicate, the date the build settled on)."""
        rows = self.db.execute(
            "SELECT a.id, a.source, a.url, a.title, a.text,"
            " coalesce(c.published, a.published) AS published,"
            " CASE WHEN c.article_id IS NOT NULL THEN c.published_source ELSE a.published_source END AS published_source,"
            " CASE WHEN c.article_id IS NOT NULL THEN c.published_evidence ELSE a.published_evidence END AS published_evidence,"
            " c.story, c.duplicate_of, a.analysis IS NOT NULL AS analysed, a.status, a.status_reason"
            " FROM articles a LEFT JOIN article_corpus c ON c.article_id = a.id"
            + (" WHERE a.status = 'quarantined'" if quarantined else "")
            + " ORDER BY a.id" + _page(limit, offset))
        return [dict(r) for r in rows]

    def close(self) -> None:
        self.db.close()


def _page(limit: int | None, offset: int) -> str:
    if limit is None and not offset:
        return ""
    return f" LIMIT {int(limit) if limit is not None else -1} OFFSET {int(offset)}"


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
