"""The ASGI application: a read-only JSON API under /api/v1 over `storyline.api.Storyline`, and the
web UI (static files) at `/`.

Every request reads one consistent snapshot of the store, opened read-only. Each worker thread keeps
its own Storyline (SQLite connections belong to the thread that made them) and holds no snapshot
between requests, so a build that finishes is seen by the next request. Answers carry an ETag made
from the store's version token and the URL; a client that sends it back (If-None-Match) gets 304.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Literal

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from .. import lexicon
from ..api import Storyline
from ..store import StoreError
from . import schema

STATIC = Path(__file__).parent / "static"
API = "/api/v1"
DB_ENV = "STORYLINE_SERVE_DB"
STATUSES = ("occurred", "planned", "cancelled", "uncertain")     # EventMention.status
# A date filter as the store keeps dates: a year, a month or a day (compared as text, by prefix)
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
# Pages: big enough for a story's timeline in one or two requests, small enough to stay fast on a
# 2,000-article store (the UI asks for the next page when it needs it)
DEFAULT_LIMIT, MAX_LIMIT = 100, 1000
TIMELINE_LIMIT, MAX_TIMELINE_LIMIT = 500, 2000
NETWORK_NODES = 60            # the most prominent participants drawn; the rest would be noise
SEARCH_LIMIT = 20
# Answers kept per process: the pages a newsroom reads at once (a few hundred, under ~100 KB each)
CACHED_ANSWERS = 512
# The UI's policy: our own scripts and styles only, no inline script, nothing framed or fetched elsewhere
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
NOT_MODIFIED = {304: {"description": "not modified since the ETag sent in If-None-Match"}}
ERRORS = {**NOT_MODIFIED, 404: {"model": schema.Error, "description": "no such id"},
          503: {"model": schema.Error, "description": "the store cannot be read"}}

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="items to skip")]
DateFrom = Annotated[str | None, Query(pattern=DATE, description="on or after: YYYY, YYYY-MM or YYYY-MM-DD")]
DateTo = Annotated[str | None, Query(pattern=DATE, description="on or before (a prefix): YYYY, YYYY-MM or YYYY-MM-DD")]
Types = Annotated[list[str] | None, Query(description="event types (any of them)")]
Statuses = Annotated[list[Literal[STATUSES]] | None, Query(description="event statuses (any of them)")]


class _Readers:
    """One Storyline per worker thread, opened on first use, holding no snapshot between requests."""

    def __init__(self, db: str):
        self.db = db
        self.local = threading.local()

    def get(self) -> Storyline:
        s = getattr(self.local, "storyline", None)
        if s is None:
            s = self.local.storyline = Storyline(self.db, hold=False)
        return s


class _Answers:
    """The last answers given, by store version and URL: while the store is unchanged (the same version
    token) an answer is the same bytes, so it is kept rather than read and encoded again."""

    def __init__(self, size: int):
        self.size, self.lock, self.items = size, threading.Lock(), OrderedDict()

    def get(self, key) -> bytes | None:
        with self.lock:
            body = self.items.get(key)
            if body is not None:
                self.items.move_to_end(key)
            return body

    def put(self, key, body: bytes) -> bytes:
        with self.lock:
            self.items[key] = body
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return body


def _etag(version: str, request: Request) -> str:
    key = f"{_VERSION}\n{version}\n{request.url.path}?{request.url.query}"
    return 'W/"' + hashlib.sha256(key.encode()).hexdigest()[:24] + '"'


def _matches(if_none_match: str | None, tag: str) -> bool:
    if not if_none_match:
        return False
    sent = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return "*" in sent or tag.removeprefix("W/") in sent


try:
    _VERSION = importlib.metadata.version("storyline")
except importlib.metadata.PackageNotFoundError:
    _VERSION = "dev"


def create_app(db: str) -> FastAPI:
    """The application over the store `db` (an SQLite file or a postgresql:// URL). The store is opened
    once here, so a missing or unreadable one fails now (FileNotFoundError or StoreError), not per request."""
    first = Storyline(db, hold=False)
    try:
        problems = first.store.check(full=False)       # SQLite's quick check: milliseconds on 2,000 articles
    finally:
        first.close()
    if problems:
        raise StoreError(f"{db} is damaged: {problems[0]} (`storyline check --db {db}` lists all)")
    readers = _Readers(db)
    app = FastAPI(title="storyline", version=_VERSION, docs_url=f"{API}/docs", redoc_url=None,
                  description="Read a built storyline store: stories, timelines, events with their "
                              "sources, entities, articles, quotes, conflicts and actor networks.")
    app.add_middleware(_SecurityHeaders)

    cache = _Answers(CACHED_ANSWERS)

    async def answer(request: Request, build: Callable[[Storyline], dict]) -> Response:
        def work():
            s = readers.get()
            with s.reading():
                version = s.version()
                tag = _etag(version, request)
                if _matches(request.headers.get("if-none-match"), tag):
                    return None, tag
                key = (version, request.url.path, request.url.query)
                body = cache.get(key)
                if body is None:
                    body = cache.put(key, json.dumps(build(s), ensure_ascii=False, allow_nan=False,
                                                     separators=(",", ":")).encode())
                return body, tag

        body, tag = await run_in_threadpool(work)
        headers = {"ETag": tag, "Cache-Control": "no-cache"}
        if body is None:
            return Response(status_code=304, headers=headers)
        return Response(body, media_type="application/json", headers=headers)

    @app.exception_handler(StoreError)
    @app.exception_handler(sqlite3.DatabaseError)
    async def store_failed(request: Request, exc: Exception):
        return JSONResponse({"detail": f"the store cannot be read: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"},
                            status_code=503)

    # -- stories ---------------------------------------------------------------------------------
    @app.get(f"{API}/stories", response_model=schema.StoryPage, responses=ERRORS, tags=["stories"])
    async def stories(request: Request, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0):
        """Stories in number order: label, span, summary and article count."""
        return await answer(request, lambda s: _paged([_story(st) for st in s.stories()[offset:offset + limit + 1]],
                                                      limit, offset))

    @app.get(f"{API}/stories/{{story_id}}", response_model=schema.StoryDetail, responses=ERRORS, tags=["stories"])
    async def story(request: Request, story_id: str):
        """One story with its articles (no text) and its number of events."""
        def build(s: Storyline):
            st = _find_story(s, story_id)
            n = len(s.store.events(story=story_id))
            return {**_story(st), "articles": [_article(a) for a in s.articles_by_id(st.articles)],
                    "event_count": n}
        return await answer(request, build)

    @app.get(f"{API}/stories/{{story_id}}/timeline", response_model=schema.Timeline, responses=ERRORS,
             tags=["stories"])
    async def timeline(request: Request, story_id: str, date_from: DateFrom = None, date_to: DateTo = None,
                       type: Types = None, status: Statuses = None,
                       entity: Annotated[str | None, Query(description="entity id taking part (or the place)")] = None,
                       min_sources: Annotated[int, Query(ge=1, le=10_000)] = 1,
                       statements: Annotated[bool, Query(description="include statements")] = False,
                       limit: Annotated[int, Query(ge=1, le=MAX_TIMELINE_LIMIT)] = TIMELINE_LIMIT,
                       offset: Offset = 0):
        """A story's dated events in date order (then salience): the happenings, statements on request."""
        def build(s: Storyline):
            _find_story(s, story_id)
            evs = s.timeline(story=story_id, min_sources=min_sources, include_speech=statements,
                             date_from=date_from, date_to=date_to, type=type, status=status,
                             entity_ids=[entity] if entity else None, limit=limit + 1, offset=offset)
            return {"story": story_id, **_event_page(s, evs, limit, offset)}
        return await answer(request, build)

    @app.get(f"{API}/stories/{{story_id}}/network", response_model=schema.Network, responses=ERRORS,
             tags=["stories"])
    async def network(request: Request, story_id: str,
                      nodes: Annotated[int, Query(ge=1, le=500, description="most prominent entities kept")] = NETWORK_NODES,
                      statements: Annotated[bool, Query(description="count statements too")] = True):
        """Who deals with whom in a story: entities taking part in its events (prominence: how many),
        edges weighted by the events two of them share."""
        def build(s: Storyline):
            _find_story(s, story_id)
            excluded = () if statements else sorted(lexicon.SPEECH_TYPES)
            return _network(s, story_id, s.store.events(story=story_id, exclude_types=excluded), nodes)
        return await answer(request, build)

    # -- events ----------------------------------------------------------------------------------
    @app.get(f"{API}/events", response_model=schema.EventPage, responses=ERRORS, tags=["events"])
    async def events(request: Request, story: str | None = None,
                     entity: Annotated[str | None, Query(description="entity id taking part (or the place)")] = None,
                     type: Types = None, status: Statuses = None, date_from: DateFrom = None,
                     date_to: DateTo = None,
                     q: Annotated[str | None, Query(max_length=200, description="words in the summary")] = None,
                     limit: Limit = DEFAULT_LIMIT, offset: Offset = 0):
        """Events of every status matching every filter given, by date then salience; paged."""
        def build(s: Storyline):
            evs = s.store.events(story=story, entities=[entity] if entity else None, type=type, status=status,
                                 date_from=date_from, date_to=date_to, text=q, limit=limit + 1, offset=offset,
                                 order="timeline")
            return _event_page(s, evs, limit, offset)
        return await answer(request, build)

    @app.get(f"{API}/events/{{event_id}}", response_model=schema.EventDetail, responses=ERRORS, tags=["events"])
    async def event(request: Request, event_id: str):
        """One event with every source sentence, its article (title, date) and offsets in the article."""
        def build(s: Storyline):
            ev = s.event(event_id)
            if ev is None:
                raise HTTPException(404, f"no event {event_id}")
            return {**_events(s, [ev])[0], "sources": _sources(s, ev.sources)}
        return await answer(request, build)

    # -- entities --------------------------------------------------------------------------------
    @app.get(f"{API}/entities", response_model=schema.EntityPage, responses=ERRORS, tags=["entities"])
    async def entities(request: Request,
                       type: Annotated[str | None, Query(max_length=20, description="PERSON, ORG, GPE, LOC, ...")] = None,
                       q: Annotated[str | None, Query(max_length=200, description="name or alias (exact, else containing)")] = None,
                       limit: Limit = DEFAULT_LIMIT, offset: Offset = 0):
        """Entities, most mentioned first."""
        def build(s: Storyline):
            found = s.entities(type=type, name=q if q and q.strip() else None, limit=limit + 1, offset=offset)
            return _paged([_entity(e) for e in found], limit, offset)
        return await answer(request, build)

    @app.get(f"{API}/entities/{{entity_id}}", response_model=schema.EntityDetail, responses=ERRORS,
             tags=["entities"])
    async def entity(request: Request, entity_id: str, events_limit: Limit = DEFAULT_LIMIT,
                     events_offset: Offset = 0):
        """One entity: aliases, roles over time, the events it takes part in (paged), its quotes and stories."""
        def build(s: Storyline):
            e = s.entity(entity_id)
            if e is None:
                raise HTTPException(404, f"no entity {entity_id}")
            evs = s.store.events(entities=[entity_id], order="timeline", limit=events_limit + 1,
                                 offset=events_offset)
            stories = sorted({x.story for x in s.store.events(entities=[entity_id]) if x.story})
            return {**_entity(e), "events": _event_page(s, evs, events_limit, events_offset),
                    "quotes": _quotes(s, s.quotes(speaker_id=entity_id)), "stories": stories}
        return await answer(request, build)

    # -- articles --------------------------------------------------------------------------------
    @app.get(f"{API}/articles", response_model=schema.ArticlePage, responses=ERRORS, tags=["articles"])
    async def articles(request: Request, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0):
        """Articles by id with their date, how it was found, story and duplicate (no text)."""
        def build(s: Storyline):
            rows = s.store.article_rows(limit=limit + 1, offset=offset)
            return _paged([_article(r) for r in rows], limit, offset)
        return await answer(request, build)

    @app.get(f"{API}/articles/{{article_id}}", response_model=schema.ArticleDetail, responses=ERRORS,
             tags=["articles"])
    async def article(request: Request, article_id: str):
        """One article: cleaned text, metadata, its duplicates, the articles it shares sentences with,
        and the spans events cite (offsets into the text)."""
        def build(s: Storyline):
            rows = s.articles_by_id([article_id], text=True)
            if not rows:
                raise HTTPException(404, f"no article {article_id}")
            reuses = sorted(({"article": b if a == article_id else a, "shared_sentences": n}
                             for (a, b), n in s.store.reuses().items() if article_id in (a, b)),
                            key=lambda x: (-x["shared_sentences"], x["article"]))
            return {**_article(rows[0]), "text": rows[0]["text"], "duplicates": s.duplicates_of(article_id),
                    "reuses": reuses, "citations": s.citations(article_id)}
        return await answer(request, build)

    # -- quotes, conflicts, stats, search --------------------------------------------------------
    @app.get(f"{API}/quotes", response_model=schema.QuotePage, responses=ERRORS, tags=["quotes"])
    async def quotes(request: Request, speaker: Annotated[str | None, Query(description="entity id")] = None,
                     story: str | None = None, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0):
        """Quoted words with speaker, date, article and offsets, by date."""
        def build(s: Storyline):
            found = s.quotes(speaker_id=speaker, story=story)
            return _paged(_quotes(s, found[offset:offset + limit + 1]), limit, offset)
        return await answer(request, build)

    @app.get(f"{API}/conflicts", response_model=schema.ConflictPage, responses=ERRORS, tags=["conflicts"])
    async def conflicts(request: Request, story: str | None = None, limit: Limit = DEFAULT_LIMIT,
                        offset: Offset = 0):
        """Where sources disagree, each side's sentences with their articles."""
        def build(s: Storyline):
            found = list(enumerate(s.conflicts(), 1))
            if story:
                members = set(_find_story(s, story).articles)
                found = [(i, c) for i, c in found if any(x.article in members for x in c.sources)]
            items = [{"id": i, "kind": c.kind, "description": c.description, "score": c.score, "story": c.story,
                      "sides": [{"value": side.value, "sources": _sources(s, side.sources)} for side in c.sides],
                      "sources": _sources(s, c.sources)}
                     for i, c in found[offset:offset + limit + 1]]
            return _paged(items, limit, offset)
        return await answer(request, build)

    @app.get(f"{API}/stats", response_model=schema.Stats, responses=ERRORS, tags=["corpus"])
    async def stats(request: Request):
        """Counts over the corpus."""
        return await answer(request, lambda s: s.stats())

    @app.get(f"{API}/search", response_model=schema.SearchResult, responses=ERRORS, tags=["corpus"])
    async def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
                     limit: Annotated[int, Query(ge=1, le=100)] = SEARCH_LIMIT):
        """Entities whose name or alias matches, and events whose summary holds the words."""
        def build(s: Storyline):
            text = q.strip()
            if not text:
                return {"entities": [], "events": []}
            return {"entities": [_entity(e) for e in s.entities(name=text, limit=limit)],
                    "events": _events(s, s.store.events(text=text, limit=limit, order="timeline"))}
        return await answer(request, build)

    # -- the UI ----------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    async def index():
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def app_from_env() -> FastAPI:
    """The application over the store named by STORYLINE_SERVE_DB: the factory uvicorn's worker
    processes call (`storyline serve --workers N`)."""
    return create_app(os.environ[DB_ENV])


class _SecurityHeaders:
    """Headers on every answer: no MIME sniffing, no referrer, and the UI's content policy."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def sending(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [
                    (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                    (b"content-security-policy", CSP.encode()), (b"x-frame-options", b"DENY")]
            await send(message)

        return await self.app(scope, receive, sending)


# -- building the answers ---------------------------------------------------------------------------

def _paged(items: list, limit: int, offset: int) -> dict:
    """A page from the items read from `offset`, up to `limit + 1` (one more tells that more follow)."""
    return {"items": items[:limit], "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(items) > limit else None}


def _find_story(s: Storyline, story_id: str):
    st = s.story(story_id)
    if st is None:
        raise HTTPException(404, f"no story {story_id}")
    return st


def _story(st) -> dict:
    return {"id": st.id, "label": st.label, "summary": st.summary, "start": st.start, "end": st.end,
            "article_count": len(st.articles)}


ARTICLE_FIELDS = ("id", "source", "url", "title", "published", "published_source", "published_evidence",
                  "story", "duplicate_of", "status", "status_reason")


def _article(row: dict) -> dict:
    return {**{k: row[k] for k in ARTICLE_FIELDS}, "analysed": bool(row["analysed"])}


def _entity(e) -> dict:
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": e.aliases,
            "roles": [{"role": r.get("role", ""), "start": r.get("start"), "end": r.get("end")} for r in e.roles],
            "mentions": e.mentions}


def _refs(s: Storyline, ids) -> dict[str, dict]:
    ids = sorted({i for i in ids if i})
    found = {e.id: {"id": e.id, "name": e.name, "type": e.type} for e in s.store.entities(ids=ids)} if ids else {}
    return {i: found.get(i, {"id": i, "name": i, "type": None}) for i in ids}


def _events(s: Storyline, evs) -> list[dict]:
    refs = _refs(s, [p for e in evs for p in e.participants] + [e.place for e in evs])
    return [{"id": e.id, "type": e.type, "status": e.status, "date": e.date, "date_end": e.date_end,
             "participants": [refs[p] for p in e.participants], "place": refs[e.place] if e.place else None,
             "summary": e.summary, "salience": e.salience, "story": e.story, "source_count": len(e.sources),
             "articles": sorted({x.article for x in e.sources})} for e in evs]


def _event_page(s: Storyline, evs, limit: int, offset: int) -> dict:
    """A page of events read with `limit + 1`."""
    return {**_paged(evs, limit, offset), "items": _events(s, evs[:limit])}


def _sources(s: Storyline, sources) -> list[dict]:
    meta = {a["id"]: a for a in s.articles_by_id({x.article for x in sources})}
    return [{"article": x.article, "title": meta.get(x.article, {}).get("title"),
             "published": meta.get(x.article, {}).get("published"), "sentence": x.sentence,
             "start": x.start, "end": x.end} for x in sources]


def _quotes(s: Storyline, found) -> list[dict]:
    refs = _refs(s, [q.speaker for q in found])
    return [{"speaker": q.speaker, "speaker_name": refs[q.speaker]["name"] if q.speaker in refs else None,
             "text": q.text, "date": q.date, "article": q.article, "start": q.start, "end": q.end,
             "event": q.event} for q in found]


def _network(s: Storyline, story_id: str, evs, keep: int) -> dict:
    """The story's actor network (storyline.network: places and those a statement is only about make
    no edges), cut to the `keep` most prominent entities and the edges among them."""
    from ..network import actor_network

    evs = list(evs)
    ids = sorted({p for e in evs for p in e.participants})
    nodes, edges = actor_network(evs, s.store.entities(ids=ids))
    kept = nodes[:keep]
    keep_set = {n.id for n in kept}
    return {"story": story_id,
            "nodes": [{"id": n.id, "name": n.name, "type": n.type, "prominence": n.prominence} for n in kept],
            "edges": [{"source": e.source, "target": e.target, "weight": e.weight} for e in edges
                      if e.source in keep_set and e.target in keep_set]}
