"""The build: ingest → clean → (store) → nlp → time → entities/events per article → corpus refresh.

Per-article work is committed batch by batch, so a killed build resumes where it stopped; the corpus
stages (dedup, entity resolution, event merging, stories) are recomputed from the stored per-article
results and replaced in one transaction.
"""
from __future__ import annotations

import datetime as dt
import logging
import math
import re
import time as _time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import dedup, entities, nlp, stories
from .clean import clean
from .config import Config
from .events import extract as event_extract
from .events import merge as event_merge
from .ingest import content_hash, read_paths
from .model import Article, Conflict, RawDocument, Skip, Story, TimeMention
from .store import CorpusResults, Store, open_store
from .time import pubdate, tense, timex

log = logging.getLogger(__name__)


@dataclass
class Report:
    read: int = 0
    added: int = 0
    already_stored: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    analysed: int = 0
    duplicates: int = 0
    reused_pairs: int = 0
    events: int = 0
    entities: int = 0
    stories: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items()}


def _progress(iterable, total: int, desc: str, enabled: bool):
    if not enabled:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="art", leave=False)


# -- per-article stages ---------------------------------------------------------------------------

def to_article(doc: RawDocument, taken_ids: set[str]) -> Article:
    """Clean a raw document and give it a stable, unique id."""
    text, offsets = clean(doc.text)
    h = content_hash(doc.text)
    base = doc.doc_id or _id_from_source(doc.source)
    aid = base if base not in taken_ids else f"{base}-{h[:8]}"
    taken_ids.add(aid)
    title = doc.title or guess_title(text)
    return Article(id=aid, source=doc.source, content_hash=h, raw_text=doc.text, text=text, offset_map=offsets,
                   title=title, url=doc.url, published=doc.published, published_source=doc.published_source)


def _id_from_source(source: str) -> str:
    path, _, part = source.partition("#")
    stem = Path(path).name
    for suffix in (".warc.gz", ".warc", ".jsonl", ".ndjson", ".csv", ".txt", ".html", ".htm"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return f"{stem}-{part}" if part else stem


def guess_title(text: str) -> str | None:
    """A first paragraph that reads as a headline: short, no final full stop."""
    first = text.split("\n", 1)[0].strip()
    if "\n" in text and 10 <= len(first) <= 160 and not first.endswith((".", "\"", "”")):
        return first
    return None


def analyse(article: Article, doc, lang: str = "en") -> Article:
    """All per-article analysis on a parsed spaCy doc; fills sentences, mentions, times, events."""
    article.sentences = nlp.sentences(doc)
    sent_of = nlp.sentence_index(article.sentences)
    article.mentions = nlp.mentions(doc, article.sentences)
    found = timex.tag(article.text, _date(article.published), lang=lang)
    if not article.published:
        date_evidence = infer_published(article, doc, found)
        if date_evidence:
            article.published, article.published_source, article.published_evidence = date_evidence
            found = timex.tag(article.text, _date(article.published), lang=lang)
    article.times = [TimeMention(sent_of(t.start), t.start, t.end, t.text, t.type, t.value) for t in found]
    article.events = event_extract.extract(doc, article.mentions, article.times, article.published, sent_of)
    for ev in article.events:
        s = article.sentences[ev.sent]
        ev.start, ev.end = s.start, s.end
    day = news_day(article)
    if day:
        for ev in (e for e in article.events if e.date_source == "published"):
            ev.date = day
    article.signature = dedup.signature(article.text)
    return article


LEAD_EVENT_SENTENCES = 3
NEWS_DAY_LAG = 2


def news_day(article: Article) -> str | None:
    """The day an article with an inferred date reports as its news: the day its lead dates its main
    happening ("X said on Friday ..."), when that falls a day or two before the inferred date. An
    inferred date is an estimate; the lead's own day is the better anchor for what it tells without a
    date of its own."""
    if article.published_source != "inferred" or not article.published:
        return None
    days = [ev.date for ev in article.events if ev.sent < LEAD_EVENT_SENTENCES and ev.main
            and ev.date_source == "timex" and ev.status == "occurred" and ev.date and len(ev.date) == 10]
    pub = _date(article.published)
    near = [d for d in days if pub and 0 < (pub - dt.date.fromisoformat(d)).days <= NEWS_DAY_LAG]
    return max(near) if near else None


def infer_published(article: Article, doc, found, default_year: int | None = None) -> tuple[str, str, str] | None:
    """(date, source, evidence) for an undated article: its dateline, else its dated references.

    The references are kept on the article, so the corpus stage can retry with the year of the
    article's story when the text itself names no year.
    """
    refs = []
    for t in found:
        if t.type != "DATE":
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        refs.append((t.value, t.text, tense.tense_of_span(span) if span is not None else None))
    article.date_refs = refs
    return date_from_refs(article.text, refs, default_year)


def date_from_refs(text: str, refs, default_year: int | None) -> tuple[str, str, str] | None:
    year = pubdate.year_hint([v for v, _, _ in refs]) or default_year
    line = pubdate.dateline(text, year)
    if line:
        return line, "dateline", "dateline at the start of the text"
    got = pubdate.infer(refs, default_year)
    return (got[0], "inferred", got[1]) if got else None


def date_from_corpus(store: Store, results: CorpusResults) -> int:
    """Date again, with the help of their story, the articles whose date was only inferred."""
    arts = list(store.analysed_articles())
    n = 0
    for aid, (date, source, evidence) in corpus_dates(arts, results.article_story).items():
        store.set_published(aid, date, source, evidence)
        n += 1
    return n


_FIRM_SOURCES = ("header", "metadata")
_WORD = re.compile(r"[A-Za-z][a-z]{3,}")
_TIGHT_BOUNDS_DAYS = 45


def corpus_dates(arts: list[Article], article_story: dict[str, str]) -> dict[str, tuple[str, str, str]]:
    """New (date, source, evidence) for articles with no stated date, from the corpus's dated articles.

    An article's own references bound its date (told as past: on or after; told as coming: before).
    When the bounds are tight the midpoint stands. Otherwise the most similar article that has a
    stated date gives the estimate (articles are collected around the moments they report),
    kept inside the article's own bounds, with the story's year for dates written without one.
    Articles dated by their own words then serve as peers for a second round.
    """

    firm = {a.id: a.published for a in arts if a.published and a.published_source in _FIRM_SOURCES}
    firm_by_story: dict[str | None, list[str]] = {}
    for aid in firm:
        firm_by_story.setdefault(article_story.get(aid), []).append(aid)
    vectors: dict[str, dict[str, float]] = {}

    def vec() -> dict[str, dict[str, float]]:
        # articles are compared by their distinctive words (tf-idf): inside one story the actors are
        # shared, what tells two moments apart is what happened. Built only when an article needs it.
        if not vectors:
            bags = {a.id: Counter(w.lower() for w in _WORD.findall(a.text)) for a in arts}
            df = Counter(k for bag in bags.values() for k in bag)
            idf = {k: math.log((1 + len(arts)) / (1 + c)) for k, c in df.items()}
            vectors.update({aid: {k: (1 + math.log(c)) * idf[k] for k, c in bag.items() if idf[k] > 0}
                            for aid, bag in bags.items()})
        return vectors

    def estimate(a: Article, peer_dates: dict[str, str], story_year: str):
        """(date, source, evidence, from its own text) for one article."""
        line = pubdate.dateline(a.text, int(story_year))
        if line and a.published_source in (None, "dateline", "inferred"):
            nearest = _nearest_peer(a.id, list(peer_dates), vec())
            best = _closest_year(line, peer_dates[nearest]) if nearest else line
            return best, "dateline", (f"dateline at the start of the text; year from the story "
                                      f"(nearest dated article {nearest})"), True
        lower, upper = pubdate.bounds(a.date_refs, int(story_year))
        if lower and upper and lower <= upper and (upper - lower).days <= _TIGHT_BOUNDS_DAYS:
            got = pubdate.infer(a.date_refs, int(story_year))
            return (got[0], "inferred", got[1] + f" (year {story_year} from the story)", True) if got else None
        nearest = _nearest_peer(a.id, list(peer_dates), vec())
        if nearest is None:
            return None
        guess = dt.date.fromisoformat(peer_dates[nearest])
        why = f"like {nearest}, the most similar dated article ({peer_dates[nearest]})"
        # references that state their year bound the estimate; a bare "May 11" or "December" is
        # read in the year that puts it nearest the estimate (told as past, December may be last year's)
        lower, upper = _near_bounds(a.date_refs, guess)
        own = False
        if lower and guess < lower:
            guess, why, own = lower, why + f", but not before {lower} (told as past)", True
        if upper and guess >= upper and (not lower or upper > lower) and upper > dt.date.min:  # a day before it exists
            guess, why, own = upper - dt.timedelta(days=1), why + f", but before {upper} (told as coming)", True
        return guess.isoformat(), "inferred", why, own

    todo = []
    for a in arts:
        if a.id in firm or (a.published_source == "dateline" and pubdate.dateline(a.text, None)):
            continue            # a stated date, or a dateline that states its year
        story_peers = firm_by_story.get(article_story.get(a.id), [])
        if story_peers:
            todo.append((a, Counter(firm[p][:4] for p in story_peers).most_common(1)[0][0]))
    # the most similar dated article may sit in a neighbouring story of the corpus (stories are cut
    # finer than the moments they share); similarity of words already favours its own story
    found = {a.id: estimate(a, firm, year) for a, year in todo}
    # a second round: articles dated by their own words (a dateline, tight bounds, a bound that
    # moved the estimate) serve as peers for those that had only a peer to go by
    sure = {aid: f[0] for aid, f in found.items() if f and f[3]}
    if sure:
        peers = {**firm, **sure}
        for a, year in todo:
            if found[a.id] is None or not found[a.id][3]:
                found[a.id] = estimate(a, {k: v for k, v in peers.items() if k != a.id}, year)
    by_id = {a.id: a for a in arts}
    return {aid: f[:3] for aid, f in found.items() if f and f[0] != by_id[aid].published}


def _near_bounds(refs, guess: dt.date) -> tuple[dt.date | None, dt.date | None]:
    lower, upper = pubdate.bounds([r for r in refs if r[0][:1].isdigit()])
    for ref in (r for r in refs if r[0].startswith("XXXX")):
        options = [pubdate.bounds([ref], y) for y in (guess.year - 1, guess.year, guess.year + 1)]
        lo = [b[0] for b in options if b[0]]
        up = [b[1] for b in options if b[1]]
        if lo:
            near = min(lo, key=lambda d: abs((d - guess).days))
            lower = max(lower, near) if lower else near
        if up:
            near = min(up, key=lambda d: abs((d - guess).days))
            upper = min(upper, near) if upper else near
    return lower, upper


def _nearest_peer(aid: str, peers: list[str], vec: dict[str, dict[str, float]]) -> str | None:
    scored = [(stories.cosine(vec[aid], vec[p]), p) for p in peers]
    scored = [sp for sp in scored if sp[0] > 0]
    return max(scored)[1] if scored else None


def _closest_year(day: str, anchor: str) -> str:
    """The same month and day in whichever of the anchor's year and its neighbours is nearest to it."""

    a = dt.date.fromisoformat(anchor)
    best = day
    for y in (a.year - 1, a.year, a.year + 1):
        try:
            cand = dt.date(y, int(day[5:7]), int(day[8:10]))
        except ValueError:
            continue
        if abs((cand - a).days) < abs((dt.date.fromisoformat(best) - a).days):
            best = cand.isoformat()
    return best


def _date(value: str | None):
    if value and re.match(r"^\d{4}-\d\d-\d\d$", value):
        return dt.date.fromisoformat(value)
    return None


# -- the build ------------------------------------------------------------------------------------

def ingest(store: Store, run_id: int, paths, cfg: Config, report: Report, progress: bool = False) -> None:
    taken = store.article_ids()
    batch: list[Article] = []
    pending_hashes: set[str] = set()
    records = read_paths(paths, cfg.ingest)
    if progress:
        from tqdm import tqdm

        records = tqdm(records, desc="reading", unit="input", leave=False)
    for rec in records:
        report.read += 1
        if isinstance(rec, Skip):
            report.skipped.append((rec.source, rec.reason))
            store.log_input(run_id, rec.source, "skipped", rec.reason)
            continue
        for w in rec.warnings:
            report.warnings.append((rec.source, w))
            store.log_input(run_id, rec.source, "warning", w)
        h = content_hash(rec.text)
        if h in pending_hashes or store.has_hash(h):
            report.already_stored += 1
            store.log_input(run_id, rec.source, "unchanged", "same text already stored")
            continue
        batch.append(to_article(rec, taken))
        pending_hashes.add(h)
        if len(batch) >= 200:
            report.added += store.add_articles(batch)
            batch = []
    report.added += store.add_articles(batch)


def analyse_pending(store: Store, cfg: Config, report: Report, progress: bool) -> None:
    total = store.count_articles(pending=True)
    if not total:
        return
    model = nlp.load(cfg.model)
    pending = store.pending_articles()
    bar = _progress(range(total), total, "analysing", progress)
    it = iter(bar)
    while True:
        batch = [a for _, a in zip(range(cfg.batch_size), pending)]
        if not batch:
            break
        done = [analyse(a, d, cfg.lang) for a, d in zip(batch, model.pipe([a.text for a in batch]))]
        store.save_analysis(done)
        report.analysed += len(done)
        for _ in done:
            next(it, None)
    if hasattr(bar, "close"):
        bar.close()


def refresh(store: Store) -> CorpusResults:
    """Recompute every corpus-level result from the stored per-article analysis."""
    arts = list(store.analysed_articles())
    published = {a.id: a.published for a in arts}
    order = [a.id for a in sorted(arts, key=lambda a: (a.published or "9999", a.id))]
    results = CorpusResults()
    results.duplicate_of = dedup.near_duplicates({a.id: a.signature for a in arts if a.signature}, order)
    sentences = {a.id: [s.text for s in a.sentences] for a in arts}
    results.reuses = dedup.sentence_reuse(sentences)
    res = entities.resolve(arts, published)
    results.entities = res.entities
    art_entities = {a.id: Counter(res.by_mention[(a.id, i)] for i in range(len(a.mentions))
                                  if (a.id, i) in res.by_mention) for a in arts}
    results.article_story = stories.group(art_entities, order, results.duplicate_of)
    # near-duplicates and heavy sentence reuse are one telling: count once as support
    independent = dedup.copies(results.reuses, {a.id: len(a.sentences) for a in arts}, order)
    independent.update(results.duplicate_of)
    events = event_merge.merge(arts, res.by_mention, published, independent, res.kin)
    for ev in events:
        votes = Counter(results.article_story.get(s.article) for s in ev.sources)
        ev.story = votes.most_common(1)[0][0] if votes else None
    events.sort(key=lambda e: (e.date or "9999", -e.salience, e.summary))
    for i, ev in enumerate(events, 1):
        ev.id = f"ev{i:05d}"
    results.events = events
    names = {e.id: e for e in res.entities}
    results.stories = build_stories(results.article_story, art_entities, names, events, published)
    results.conflicts = date_conflicts(events)
    store.replace_corpus(results)
    return results


def build_stories(article_story, art_entities, names, events, published) -> list[Story]:
    members: dict[str, list[str]] = {}
    for aid, sid in article_story.items():
        members.setdefault(sid, []).append(aid)
    out = []
    for sid, arts in sorted(members.items(), key=lambda kv: int(kv[0][1:])):
        counts = Counter()
        for a in arts:
            counts.update(art_entities.get(a, Counter()))
        top = [names[e].name for e, _ in counts.most_common(12) if e in names and names[e].type in ("PERSON", "ORG")][:3]
        label = " / ".join(top) or f"story {sid}"
        evs = sorted((e for e in events if e.story == sid and e.status == "occurred"), key=lambda e: -e.salience)[:3]
        summary = " ".join(e.summary for e in sorted(evs, key=lambda e: e.date or "9999"))
        dates = sorted(d for d in (published.get(a) for a in arts) if d)
        out.append(Story(sid, label, sorted(arts), summary, dates[0] if dates else None,
                         dates[-1] if dates else None))
    return out


def date_conflicts(events) -> list[Conflict]:
    """The same participants doing the same kind of thing on days 1-3 apart, told by different sources:
    likely one happening reported with different dates."""

    out = []
    dated = [e for e in events if e.date and len(e.date) == 10 and len(e.participants) >= 2 and e.status == "occurred"]
    for i, a in enumerate(dated):
        for b in dated[i + 1:]:
            if a.type != b.type or set(a.participants) != set(b.participants):
                continue
            gap = abs((dt.date.fromisoformat(a.date) - dt.date.fromisoformat(b.date)).days)
            if 1 <= gap <= 3 and {s.article for s in a.sources}.isdisjoint({s.article for s in b.sources}):
                out.append(Conflict("date", f"{a.type} of the same participants dated {a.date} ({a.id}) "
                                            f"and {b.date} ({b.id}) by different sources",
                                    a.sources[:2] + b.sources[:2]))
    return out


def build(paths, db: str = "storyline.db", config: Config | None = None, progress: bool = False) -> Report:
    """Ingest `paths` into the store at `db`, analyse what is new, refresh the corpus results."""
    cfg = config or Config()
    started = _time.perf_counter()
    report = Report()
    store = open_store(db)
    run_id = store.start_run([str(p) for p in paths])
    status = "failed"
    try:
        ingest(store, run_id, paths, cfg, report, progress)
        analyse_pending(store, cfg, report, progress)
        results = refresh(store)
        if date_from_corpus(store, results):      # newly dated articles are analysed again with their date
            analyse_pending(store, cfg, Report(), progress)
            results = refresh(store)
        report.duplicates = len(results.duplicate_of)
        report.reused_pairs = len(results.reuses)
        report.events, report.entities, report.stories = len(results.events), len(results.entities), len(results.stories)
        status = "done"
    finally:
        report.seconds = round(_time.perf_counter() - started, 2)
        store.finish_run(run_id, {k: v for k, v in report.as_dict().items() if not isinstance(v, list)}, status)
        store.close()
    return report
