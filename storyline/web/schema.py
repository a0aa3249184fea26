"""The shapes of the API's answers, for the OpenAPI document (and the property tests that hold the
answers to it). The routes build plain dicts of these shapes; nothing here is computed."""
from __future__ import annotations

from pydantic import BaseModel


class Error(BaseModel):
    detail: str


class Ref(BaseModel):
    """An entity as events name it."""
    id: str
    name: str
    type: str | None


class EventItem(BaseModel):
    id: str
    type: str
    status: str
    date: str | None
    date_end: str | None
    participants: list[Ref]
    place: Ref | None
    summary: str
    salience: float
    story: str | None
    source_count: int
    articles: list[str]


class SourceOut(BaseModel):
    """A sentence of an article that tells something, with its offsets in the article's cleaned text."""
    article: str
    title: str | None
    published: str | None
    sentence: str
    start: int
    end: int


class EventDetail(EventItem):
    sources: list[SourceOut]


class Page(BaseModel):
    limit: int
    offset: int
    next_offset: int | None      # null: this is the last page


class EventPage(Page):
    items: list[EventItem]


class Timeline(EventPage):
    story: str


class StoryItem(BaseModel):
    id: str
    label: str
    summary: str
    start: str | None
    end: str | None
    article_count: int


class StoryPage(Page):
    items: list[StoryItem]


class ArticleItem(BaseModel):
    id: str
    source: str
    url: str | None
    title: str | None
    published: str | None
    published_source: str | None
    published_evidence: str | None
    story: str | None
    duplicate_of: str | None
    analysed: bool
    status: str | None
    status_reason: str | None


class StoryDetail(StoryItem):
    articles: list[ArticleItem]
    event_count: int


class ArticlePage(Page):
    items: list[ArticleItem]


class Reuse(BaseModel):
    article: str
    shared_sentences: int


class Citation(BaseModel):
    """A span of the article an event cites."""
    event: str
    start: int
    end: int
    type: str
    status: str
    date: str | None


class ArticleDetail(ArticleItem):
    text: str
    duplicates: list[str]
    reuses: list[Reuse]
    citations: list[Citation]


class Role(BaseModel):
    role: str
    start: str | None = None
    end: str | None = None


class EntityItem(BaseModel):
    id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[Role]
    mentions: int


class EntityPage(Page):
    items: list[EntityItem]


class QuoteItem(BaseModel):
    speaker: str
    speaker_name: str | None
    text: str
    date: str | None
    article: str
    start: int
    end: int
    event: str


class QuotePage(Page):
    items: list[QuoteItem]


class EntityDetail(EntityItem):
    events: EventPage
    quotes: list[QuoteItem]
    stories: list[str]


class SideOut(BaseModel):
    value: str                  # as the sources write it
    sources: list[SourceOut]


class ConflictItem(BaseModel):
    id: int
    kind: str
    description: str
    score: float                # how much it matters (higher first)
    story: str | None
    sides: list[SideOut]
    sources: list[SourceOut]    # every side's sentences


class ConflictPage(Page):
    items: list[ConflictItem]


class Node(BaseModel):
    id: str
    name: str
    type: str | None
    prominence: int          # the story's events it takes part in


class Edge(BaseModel):
    source: str
    target: str
    weight: int              # events the two take part in together


class Network(BaseModel):
    story: str
    nodes: list[Node]
    edges: list[Edge]


class Stats(BaseModel):
    articles: int
    analysed: int
    quarantined: int
    duplicates: int
    events: int
    events_by_type: dict[str, int]
    events_by_status: dict[str, int]
    entities: int
    entities_by_type: dict[str, int]
    stories: int
    conflicts: int
    first_date: str | None
    last_date: str | None


class SearchResult(BaseModel):
    entities: list[EntityItem]
    events: list[EventItem]
