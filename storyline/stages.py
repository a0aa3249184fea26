"""The registered pipeline stages: what each one reads, what it writes, and its settings.

Two kinds, as in spaCy's `Language.factory` and stanza's processors:
- article stages run on one article and its spaCy parse (`func(article, doc, settings)`), in any
  process, in any order of articles; their results are stored with the article;
- corpus stages run on all analysed articles together (`func(corpus, settings)`), filling a `Corpus`.

`Config` names the stages to run and overrides their settings; `check` refuses a list of stages in
which one reads what no earlier stage writes, before any work starts. `pipeline.py` only orders them.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from . import claims as claim_rules
from . import conflicts as conflict_rules
from . import dedup, entities, nlp, quotes, stories
from .config import ConfigError
from .events import extract as event_extract
from .events import merge as event_merge
from .model import Article, TimeMention
from .store.base import CorpusResults
from .time import is_day, pubdate, redate, tense, timex


@dataclass(frozen=True)
class Stage:
    name: str
    kind: str                     # "article" | "corpus"
    func: Callable
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    settings: type | None
    doc: str


REGISTRY: dict[str, Stage] = {}


def setting(default, why: str):
    """A stage setting: its default and the reason for it (shown in docs/stages.md)."""
    return field(default=default, metadata={"why": why})


def stage(name: str, kind: str, requires=(), provides=(), settings: type | None = None):
    """Register `func` as the stage `name`. Built-ins register exactly as an extension would."""
    def register(func):
        if name in REGISTRY:
            raise ValueError(f"stage {name!r} is already registered")
        REGISTRY[name] = Stage(name, kind, func, tuple(requires), tuple(provides), settings,
                               " ".join((func.__doc__ or "").split("\n\n")[0].split()))
        return func
    return register


def check(names: list[str], kind: str, available: tuple[str, ...] = ()) -> None:
    have = set(available)
    for name in names:
        st = REGISTRY.get(name)
        if st is None:
            raise ConfigError(f"unknown stage {name!r}; known: {', '.join(sorted(REGISTRY))}")
        if st.kind != kind:
            raise ConfigError(f"stage {name!r} is a {st.kind} stage, listed among the {kind} stages")
        missing = [r for r in st.requires if r not in have]
        if missing:
            raise ConfigError(f"stage {name!r} needs {', '.join(missing)}, which no earlier stage provides")
        have.update(st.provides)


# -- article stages -------------------------------------------------------------------------------

@stage("sentences", "article", requires=("doc",), provides=("sentences",))
def sentences(article: Article, doc, settings) -> None:
    """Sentences with their offsets in the cleaned text."""
    article.sentences = nlp.sentences(doc)


@stage("mentions", "article", requires=("doc", "sentences"), provides=("mentions",))
def mentions(article: Article, doc, settings) -> None:
    """Named-entity mentions, the small model's systematic errors repaired."""
    article.mentions = nlp.mentions(doc, article.sentences)


@dataclass
class TimesSettings:
    lang: str = setting("en", "language data of the time engine (storyline/time/lang/)")


@stage("times", "article", requires=("doc", "sentences"), provides=("times", "published", "date_refs"),
       settings=TimesSettings)
def times(article: Article, doc, settings: TimesSettings) -> None:
    """Temporal expressions resolved against the publication date; an undated article is dated by its
    dateline or its own references first."""
    sent_of = nlp.sentence_index(article.sentences)
    found = timex.tag(article.text, _date(article.published), lang=settings.lang)
    if not article.published:
        dated = infer_published(article, doc, found)
        if dated:
            article.published, article.published_source, article.published_evidence = dated
            found = timex.tag(article.text, _date(article.published), lang=settings.lang)
    article.times = [TimeMention(sent_of(t.start), t.start, t.end, t.text, t.type, t.value) for t in found]


@stage("events", "article", requires=("doc", "mentions", "times"), provides=("events",))
def events(article: Article, doc, settings) -> None:
    """Events told by each sentence: trigger, type, status, participants, place and time."""
    sent_of = nlp.sentence_index(article.sentences)
    article.events = event_extract.extract(doc, article.mentions, article.times, article.published, sent_of)
    for ev in article.events:
        s = article.sentences[ev.sent]
        ev.start, ev.end = s.start, s.end


@dataclass
class NewsDaySettings:
    lead_sentences: int = setting(3, "the headline and the first two sentences tell the news of the day")
    lag_days: int = setting(2, "an inferred date is an estimate: the lead's day may sit this far before it")


@stage("news_day", "article", requires=("events",), provides=("events",), settings=NewsDaySettings)
def news_day_stage(article: Article, doc, settings: NewsDaySettings) -> None:
    """For an article whose date was only inferred, the day its lead gives its main happening stands in
    for the publication day of what it tells without a date of its own."""
    day = news_day(article, settings)
    if day:
        for ev in (e for e in article.events if e.date_source == "published"):
            ev.date = day


@stage("claims", "article", requires=("doc", "sentences", "mentions", "times"), provides=("claims",))
def claims(article: Article, doc, settings) -> None:
    """Checkable statements: figures with what they count, their bounds and the day they hold for;
    years of named events; places put inside others; explicit corrections (see claims.py)."""
    article.claims = claim_rules.extract(article, doc)


@stage("signature", "article", provides=("signature",))
def signature(article: Article, doc, settings) -> None:
    """MinHash of word shingles, for near-duplicates."""
    article.signature = dedup.signature(article.text)


def news_day(article: Article, settings: NewsDaySettings | None = None) -> str | None:
    """The day an article with an inferred date reports as its news: the day its lead dates its main
    happening ("X said on Friday ..."), when that falls a day or two before the inferred date."""
    s = settings or NewsDaySettings()
    if article.published_source != "inferred" or not article.published:
        return None
    days = [ev.date for ev in article.events if ev.sent < s.lead_sentences and ev.main
            and ev.date_source == "timex" and ev.status == "occurred" and is_day(ev.date)]
    pub = _date(article.published)
    near = [d for d in days if pub and 0 < (pub - dt.date.fromisoformat(d)).days <= s.lag_days]
    return max(near) if near else None


def infer_published(article: Article, doc, found, default_year: int | None = None) -> tuple[str, str, str] | None:
    """(date, source, evidence) for an undated article: its dateline, else its dated references.
    The references stay on the article for the corpus's second dating pass."""
    refs = []
    for t in found:
        if t.type != "DATE":
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        refs.append((t.value, t.text, tense.tense_of_span(span) if span is not None else None))
    article.date_refs = refs
    year = pubdate.year_hint([v for v, _, _ in refs]) or default_year
    line = pubdate.dateline(article.text, year)
    if line:
        return line, "dateline", "dateline at the start of the text"
    got = pubdate.infer(refs, default_year)
    return (got[0], "inferred", got[1]) if got else None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if is_day(value) else None
    except ValueError:
        return None


# -- corpus stages --------------------------------------------------------------------------------

@dataclass
class Corpus:
    """What the corpus stages read and fill. Articles come sorted by id, whatever order they were
    stored in, so results never depend on history."""

    articles: list[Article]
    results: CorpusResults = field(default_factory=CorpusResults)
    resolution: entities.Resolution | None = None
    art_entities: dict[str, Counter] = field(default_factory=dict)
    independent: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self.articles = sorted(self.articles, key=lambda a: a.id)
        self.published = {a.id: a.published for a in self.articles}
        # publication order: what came first is the original a copy repeats, and the order stories grow in
        self.order = [a.id for a in sorted(self.articles, key=lambda a: (a.published or "9999", a.id))]


@dataclass
class DedupSettings:
    duplicate_jaccard: float = setting(dedup.DUPLICATE_JACCARD, "estimated Jaccard of 5-word shingles for a near-copy")
    reuse_max_share: float = setting(0.05, "a sentence in more than this share of articles is boilerplate, not reuse")


@stage("dedup", "corpus", provides=("duplicates", "reuse", "independent"), settings=DedupSettings)
def dedup_stage(c: Corpus, settings: DedupSettings) -> None:
    """Near-duplicate articles and sentence reuse; copies count once as support."""
    r = c.results
    r.duplicate_of = dedup.near_duplicates({a.id: a.signature for a in c.articles if a.signature}, c.order,
                                           settings.duplicate_jaccard)
    r.reuses = dedup.sentence_reuse({a.id: [s.text for s in a.sentences] for a in c.articles},
                                    settings.reuse_max_share)
    c.independent = dedup.copies(r.reuses, {a.id: len(a.sentences) for a in c.articles}, c.order)
    c.independent.update(r.duplicate_of)


@stage("entities", "corpus", provides=("entities",))
def entities_stage(c: Corpus, settings) -> None:
    """Mentions resolved to canonical entities with aliases, roles and corporate families."""
    res = entities.resolve(c.articles, c.published)
    c.resolution, c.results.entities = res, res.entities
    c.art_entities = {a.id: Counter(res.by_mention[(a.id, i)] for i in range(len(a.mentions))
                                    if (a.id, i) in res.by_mention) for a in c.articles}


@dataclass
class StoriesSettings:
    join_similarity: float = setting(stories.JOIN_SIMILARITY, "below it an article opens a new story")
    profile_size: int = setting(stories.PROFILE_SIZE, "entities kept in a story's profile")
    merge_similarity: float = setting(stories.MERGE_SIMILARITY, "two stories whose profiles are this alike are one")


@stage("stories", "corpus", requires=("entities", "duplicates"), provides=("stories",), settings=StoriesSettings)
def stories_stage(c: Corpus, settings: StoriesSettings) -> None:
    """Articles grouped by story, in publication order."""
    c.results.article_story = stories.group(c.art_entities, c.order, c.results.duplicate_of,
                                            settings.join_similarity, settings.profile_size,
                                            settings.merge_similarity)


@stage("merge", "corpus", requires=("entities", "independent", "stories"), provides=("events",))
def merge_stage(c: Corpus, settings) -> None:
    """Event mentions merged across articles into events, ranked by salience, each in its story."""
    res = c.resolution
    evs = event_merge.merge(c.articles, res.by_mention, c.published, c.independent, res.kin)
    for ev in evs:
        votes = Counter(c.results.article_story.get(s.article) for s in ev.sources)
        ev.story = votes.most_common(1)[0][0] if votes else None
    evs.sort(key=lambda e: (e.date or "9999", -e.salience, e.summary, [s.article for s in e.sources]))
    for i, ev in enumerate(evs, 1):
        ev.id = f"ev{i:05d}"
    c.results.events = evs


@stage("summaries", "corpus", requires=("stories", "events"), provides=("story_summaries",))
def summaries_stage(c: Corpus, settings) -> None:
    """Each story's label, span and summary."""
    names = {e.id: e for e in c.results.entities}
    c.results.stories = stories.describe(c.results.article_story, c.art_entities, names, c.results.events,
                                         c.published)


@stage("redate", "corpus", requires=("stories",), provides=("article_dates",), settings=redate.RedateSettings)
def redate_stage(c: Corpus, settings) -> None:
    """The second dating pass (run by the pipeline between its two corpus passes): articles that state
    no date, dated from their story's dated articles; see time/redate.py."""
    raise RuntimeError("the redate pass is run by pipeline.refresh, not as a listed stage")


@dataclass
class ConflictsSettings:
    max_conflicts: int = setting(0, "keep only this many of the highest ranked (0: all)")


@stage("conflicts", "corpus", requires=("events", "entities", "independent", "stories"), provides=("conflicts",),
       settings=ConflictsSettings)
def conflicts_stage(c: Corpus, settings: ConflictsSettings | None) -> None:
    """Where sources disagree: claims about the same thing at the same time that cannot both be true,
    across articles, each with the sentences of every side, ranked by how much they matter."""
    names = {e.id: e.name for e in c.results.entities}
    found = conflict_rules.find(c.articles, c.results.events, quotes.quotes(c.results.events), names,
                                c.independent, (settings.max_conflicts if settings else 0) or None)
    for cf in found:
        votes = Counter(c.results.article_story.get(s.article) for s in cf.sources)
        cf.story = min((s for s, n in votes.items() if s and n == max(votes.values())), default=None)
    c.results.conflicts = found


# what the second dating pass needs: each undated article's story
DATING_STAGES = ("dedup", "entities", "stories")


def markdown() -> str:
    """docs/stages.md: every registered stage, what it reads and writes, and its settings (a test
    keeps the file equal to this)."""
    import dataclasses

    out = ["# Pipeline stages", "", "Generated from the stage registry (`storyline/stages.py`); "
           "`tests/test_config.py` fails when this file and the registry disagree.", ""]
    for kind in ("article", "corpus"):
        out += [f"## {kind.capitalize()} stages", ""]
        for st in (s for s in REGISTRY.values() if s.kind == kind):
            out += [f"### `{st.name}`", "", st.doc, "",
                    f"- reads: {', '.join(st.requires) or '-'}", f"- writes: {', '.join(st.provides) or '-'}"]
            if st.settings:
                out += ["", "| setting | default | why |", "|---|---|---|"]
                out += [f"| `{f.name}` | `{f.default!r}` | {f.metadata.get('why', '')} |"
                        for f in dataclasses.fields(st.settings)]
            out.append("")
    return "\n".join(out)
