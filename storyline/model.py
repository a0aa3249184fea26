"""The data model: plain dataclasses passed between pipeline stages and stored by the store.

Per-article stages (ingest → clean → nlp → time → local entities/events) take and return these
records one article at a time, so they can later run in parallel (e.g. as a Dask bag). Corpus-level
stages (dedup, entity resolution, event merging, stories, timeline) take lists of them.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawDocument:
    """One input as read from disk, before cleaning."""

    source: str                      # path (plus "#row" / "#record" for multi-record files) or URL
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None     # YYYY-MM-DD when the input states it
    published_source: str | None = None  # "header" | "metadata" | "dateline"
    doc_id: str | None = None        # id given by the input (jsonl/csv), else derived from the source
    warnings: list[str] = field(default_factory=list)   # kept, but worth reporting (e.g. bad encoding)


@dataclass
class Skip:
    """An input that was not stored, and why."""

    source: str
    reason: str


@dataclass
class Sentence:
    idx: int
    start: int      # offsets into the cleaned text
    end: int
    text: str


@dataclass
class Mention:
    """A named-entity mention as found in one sentence of one article."""

    sent: int
    start: int
    end: int
    text: str
    label: str      # PERSON, ORG, GPE, LOC, NORP, FAC, ROLE
    head: str = ""  # normalised surface form used for resolution
    role: str | None = None  # a role phrase attached to it ("Chief Minister of Brevik")
    dateline: bool = False   # in the dateline that opens the text: places the report, acts in nothing


@dataclass
class TimeMention:
    sent: int
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class EventMention:
    """An event as told by one sentence of one article."""

    sent: int
    trigger: str            # lemma of the trigger
    type: str
    status: str             # occurred | planned | cancelled | uncertain
    agents: list[int] = field(default_factory=list)         # indexes into Article.mentions
    counterparts: list[int] = field(default_factory=list)
    place: int | None = None
    date: str | None = None
    date_end: str | None = None
    date_source: str | None = None   # "timex" | "published"
    start: int = 0                   # sentence offsets in cleaned text
    end: int = 0
    main: bool = False               # told by the main clause of its sentence (not "after X met Y")
    # who a statement is about (named in what was said): participants of the event, but not who acted
    # or was acted upon, so they neither merge tellings nor add to salience
    about: list[int] = field(default_factory=list)


@dataclass
class Claim:
    """One checkable statement of one article."""

    sent: int
    start: int                  # offsets of the value's words in the cleaned text
    end: int
    kind: str                   # number | year | place | revision
    key: str                    # what it is about: a measure ("dead", "magnitude", "age") or the named thing
    text: str                   # the value as written ("at least 1,730")
    value: float | None = None
    low: float | None = None    # the range the approximate marker allows
    high: float | None = None
    approx: str = ""            # "", "lower", "upper", "around"
    unit: str = ""
    day: str | None = None      # the day the value holds for
    dated: bool = False         # ...told in its sentence (else the article's date)
    about: list[str] = field(default_factory=list)   # lemmas saying what it is about (its syntactic neighbourhood)
    old: str | None = None      # a revision's earlier value
    holder: str = ""            # the noun a span of time is told of ("a three-year ban": ban)


@dataclass
class Article:
    id: str
    source: str
    content_hash: str
    raw_text: str
    text: str                        # cleaned text
    offset_map: list[tuple[int, int]] = field(default_factory=list)  # (clean_offset, raw_offset) segment starts
    title: str | None = None
    url: str | None = None
    published: str | None = None
    published_source: str | None = None
    published_evidence: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    signature: list[int] = field(default_factory=list)   # MinHash of word shingles (dedup)
    date_refs: list[tuple[str, str, str | None]] = field(default_factory=list)  # undated: (value, text, tense)
    claims: list[Claim] = field(default_factory=list)    # checkable statements (see claims.py)


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[dict] = field(default_factory=list)   # {"role", "start", "end"}
    mentions: int = 0


@dataclass
class Source:
    article: str
    sentence: str
    start: int
    end: int


@dataclass
class Quote:
    """Words a speaker said, as one article quotes them."""

    speaker: str                # entity id
    text: str
    date: str | None
    article: str
    start: int                  # offsets of the quoted words in the article's cleaned text
    end: int
    event: str                  # the statement event it belongs to


@dataclass
class Event:
    id: str
    type: str
    status: str
    date: str | None
    date_end: str | None
    participants: list[str]
    place: str | None
    summary: str
    salience: float
    sources: list[Source]
    story: str | None = None
    roles: list[str] = field(default_factory=list)   # beside `participants`: "agent" | "counterpart"
    date_source: str | None = None   # "timex" (a source states it) | "published" (its report's day) | None


@dataclass
class Story:
    id: str
    label: str
    articles: list[str]
    summary: str = ""
    start: str | None = None
    end: str | None = None


@dataclass
class Side:
    """One side of a conflict: a value as written and the sentences that give it."""

    value: str
    sources: list[Source]


CONFLICT_KINDS = ("number", "date", "place", "attribution", "name", "revision")


@dataclass
class Conflict:
    kind: str                    # number | date | place | attribution | name | revision
    description: str
    sources: list[Source]        # every side's sentences
    sides: list[Side] = field(default_factory=list)
    score: float = 0.0           # how much it matters: salience, gap, support of each side
    story: str | None = None
