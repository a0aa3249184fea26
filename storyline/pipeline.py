"""The build, in order: ingest → clean → store → article stages (a Runner) → corpus stages, with one
explicit second pass that dates again the articles that state no date and re-analyses those whose
date moved. The stages themselves are in `stages.py`; this module only orders them and stores what
they give.

Every result is a function of the stored articles alone: corpus stages read the articles sorted by id
and each article's own analysis (redone with a corpus date where the corpus gave one), so the same
inputs give the same store whatever the order, the batches or the number of builds.
"""
from __future__ import annotations

import dataclasses
import logging
import time as _time
from dataclasses import dataclass, field

from .clean import id_from_source, to_article
from .config import Config
from .ingest import content_hash, read_paths
from .model import Article, Skip
from .runner import DaskRunner, Failure, LocalRunner, runner_for
from .stages import DATING_STAGES, REGISTRY, Corpus
from .store import CorpusResults, Store, StoreError, open_store
from .time import redate

log = logging.getLogger(__name__)

INGEST_BATCH = 200      # articles written per transaction while reading inputs


@dataclass
class Report:
    read: int = 0
    added: int = 0
    replaced: int = 0
    already_stored: int = 0
    removed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    quarantined: list[tuple[str, str]] = field(default_factory=list)
    analysed: int = 0
    redated: int = 0
    duplicates: int = 0
    reused_pairs: int = 0
    events: int = 0
    entities: int = 0
    stories: int = 0
    seconds: float = 0.0
    corpus_key: str | None = None     # what the corpus results were computed from (see corpus_key)
    refreshed: bool = False

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items()}


def _bar(total: int, desc: str, enabled: bool):
    if not enabled or not total:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="art" if desc != "corpus" else "stage", leave=False)


# -- ingest ---------------------------------------------------------------------------------------

def ingest(store: Store, run_id: int, paths, cfg: Config, report: Report, progress: bool = False) -> None:
    """Read inputs into the store. A text already stored is not stored again; a source stored with
    another text (an updated page) is replaced, keeping its id."""
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
        prior = store.article_by_source(rec.source)
        if prior:
            store.remove([prior[0]], run_id, "replaced", f"new text from {rec.source}")
            taken.discard(prior[0])
            report.replaced += 1
        wanted = rec.doc_id or id_from_source(rec.source)
        art = to_article(rec, taken)
        if art.id != wanted:
            msg = f"id {wanted!r} is taken by another article; stored as {art.id!r}"
            report.warnings.append((rec.source, msg))
            store.log_input(run_id, rec.source, "warning", msg)
        batch.append(art)
        pending_hashes.add(h)
        if len(batch) >= INGEST_BATCH:
            report.added += store.add_articles(batch)
            batch = []
    report.added += store.add_articles(batch)
    report.added -= report.replaced


# -- per-article analysis -------------------------------------------------------------------------

def analyse(store: Store, runner, articles, cfg: Config, report: Report, progress: bool,
            redated: bool = False, total: int | None = None, keep: bool = False) -> tuple[int, dict[str, Article]]:
    """Analyse `articles` (a list, or an iterable of `total`) with the runner (None: one suited to
    their number); store results batch by batch; quarantine failures. Returns how many were analysed
    and, with `keep`, the analysed articles by id (a runner in other processes hands back new
    objects). Without `keep` an analysed article is let go once stored: the first pass of a large
    build never holds more than a batch or two."""
    total = len(articles) if total is None else total
    runner = runner or runner_for(cfg, total)
    bar = _bar(total, "re-dating" if redated else "analysing", progress)
    done: list[Article] = []
    analysed: dict[str, Article] = {}
    count = 0
    for out in runner.analyse(articles):
        if isinstance(out, Failure):
            store.quarantine(out.article.id, out.reason)
            report.quarantined.append((out.article.id, out.reason))
            log.warning("quarantined %s: %s", out.article.id, out.reason)
        else:
            done.append(out)
            count += 1
            if keep:
                analysed[out.id] = out
        if len(done) >= cfg.batch_size:
            store.save_analysis(done, redated=redated)
            done = []
        if bar:
            bar.update(1)
    store.save_analysis(done, redated=redated)
    if bar:
        bar.close()
    return count, analysed


def analyse_pending(store: Store, runner, cfg: Config, report: Report, progress: bool) -> None:
    """Analyse the stored articles not analysed yet, read from the store as the runner takes them."""
    total = store.count_articles(pending=True)
    if total:
        report.analysed += analyse(store, runner, store.pending_articles(), cfg, report, progress, total=total)[0]


# -- corpus ---------------------------------------------------------------------------------------

def run_corpus_stages(corpus: Corpus, cfg: Config, names, done: set[str], progress: bool = False) -> None:
    todo = [n for n in names if n not in done]
    bar = _bar(len(todo), "corpus", progress)
    for name in todo:
        if bar:
            bar.set_description(f"corpus: {name}")
        REGISTRY[name].func(corpus, cfg.settings(name))
        done.add(name)
        if bar:
            bar.update(1)
    if bar:
        bar.close()


def own_articles(store: Store, runner, cfg: Config, report: Report, progress: bool) -> list[Article]:
    """Every analysed article with its own analysis; a record that cannot be read is analysed again."""
    arts = list(store.analysed_articles())
    if store.damaged:
        log.warning("analysis of %d articles could not be read; analysing them again", len(store.damaged))
        report.warnings += [(aid, "stored analysis could not be read; analysed again") for aid in store.damaged]
        store.reset_analysis(store.damaged)
        analyse_pending(store, runner, cfg, report, progress)
        arts = list(store.analysed_articles())
    return arts


def refresh(store: Store, cfg: Config, runner=None, report: Report | None = None,
            progress: bool = False) -> CorpusResults:
    """Recompute every corpus result from the stored per-article analysis, in one transaction."""
    report = report or Report()
    own = own_articles(store, runner, cfg, report, progress)
    # the second dating pass: an article that states no date is dated from its story's dated articles
    first = Corpus(own)
    done: set[str] = set()
    dating = [n for n in cfg.corpus_stages if n in DATING_STAGES]
    run_corpus_stages(first, cfg, dating, done, progress)
    targets = redate.corpus_dates(first.articles, first.results.article_story, cfg.settings("redate"))
    stored = store.redated_articles()
    effective, todo = [], []
    for a in first.articles:
        if a.id not in targets:
            effective.append(a)
            continue
        date, source, evidence = targets[a.id]
        again = stored.get(a.id)
        if again is None or (again.published, again.published_source) != (date, source):
            again = dataclasses.replace(a, published=date, published_source=source, published_evidence=evidence,
                                        sentences=[], mentions=[], times=[], events=[], signature=[])
            todo.append(again)
        again.published_evidence = evidence
        effective.append(again)
    if todo:
        count, redone = analyse(store, runner, todo, cfg, report, progress, redated=True, keep=True)
        report.redated += count
        failed = {aid for aid, _ in report.quarantined}
        effective = [redone.get(a.id, a) for a in effective if a.id not in failed]
    corpus = Corpus(effective) if targets else first
    if targets:
        done = set()
    run_corpus_stages(corpus, cfg, cfg.corpus_stages, done, progress)
    corpus.results.article_dates = {a.id: (a.published, a.published_source, a.published_evidence)
                                    for a in corpus.articles}
    store.replace_corpus(corpus.results)
    return corpus.results


# Raised when the corpus results gain a field (4: events' roles and date_source, schema 4), so that the first
# build after an upgrade refreshes them even when its inputs are the same.
CORPUS_FORMAT = 4


def corpus_key(store: Store, cfg: Config) -> str:
    """A digest of everything the corpus results depend on: the analysed articles (id and text) and
    the stages and settings that run. Equal keys, equal results: a build that changes neither (the
    same inputs again) has nothing to refresh."""
    import hashlib
    import json

    stages = {"article": cfg.article_stages, "corpus": cfg.corpus_stages, "settings": cfg.stages,
              "model": cfg.model, "format": CORPUS_FORMAT}
    data = json.dumps([store.corpus_members(), stages], sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


# -- commands -------------------------------------------------------------------------------------

def build(paths, db: str = "storyline.db", config: Config | None = None, progress: bool = False) -> Report:
    """Ingest `paths` into the store at `db`, analyse what is new, refresh the corpus results."""
    cfg = config or Config()
    cfg.validate()
    return _with_store(db, [str(p) for p in paths], progress, cfg,
                       lambda store, run_id, report: ingest(store, run_id, paths, cfg, report, progress))


def remove(ids, db: str = "storyline.db", config: Config | None = None, progress: bool = False) -> Report:
    """Delete articles by id; what only they told goes with them at the refresh."""
    cfg = config or Config()

    def step(store, run_id, report):
        report.removed = len(store.remove(list(ids), run_id))

    return _with_store(db, [f"remove {i}" for i in ids], progress, cfg, step)


def _with_store(db: str, paths: list[str], progress: bool, cfg: Config, step) -> Report:
    started = _time.perf_counter()
    report = Report()
    store = open_store(db)
    try:
        with store.build_lock(on_wait=lambda: log.warning("%s: waiting for another build to finish", db)):
            problems = store.check(full=False)
            if problems:
                raise StoreError(f"{db} is damaged, nothing written: {problems[0]} "
                                 f"(`storyline check --db {db}` lists all)")
            # one runner for every pass of the build; None: one suited to each pass's size. A cluster
            # that cannot be used stops the build before it writes anything.
            runner = (DaskRunner(cfg) if cfg.dask_scheduler else
                      LocalRunner(cfg) if cfg.workers == 1 else None)
            try:
                if isinstance(runner, DaskRunner):
                    runner.start()
                _run(store, runner, paths, cfg, step, report, progress, started)
            finally:
                if isinstance(runner, DaskRunner):
                    runner.close()
    finally:
        store.close()
    return report


def _run(store: Store, runner, paths: list[str], cfg: Config, step, report: Report, progress: bool,
         started: float) -> None:
    run_id = store.start_run(paths)
    status = "failed"
    try:
        step(store, run_id, report)
        analyse_pending(store, runner, cfg, report, progress)
        report.corpus_key = corpus_key(store, cfg)
        if report.corpus_key != store.last_corpus_key():
            results = refresh(store, cfg, runner, report, progress)
            report.corpus_key, report.refreshed = corpus_key(store, cfg), True
        else:
            results = store.load_corpus()      # nothing it depends on changed
        report.duplicates, report.reused_pairs = len(results.duplicate_of), len(results.reuses)
        report.events, report.entities = len(results.events), len(results.entities)
        report.stories = len(results.stories)
        status = "done"
    finally:
        report.seconds = round(_time.perf_counter() - started, 2)
        store.finish_run(run_id, {k: v for k, v in report.as_dict().items() if not isinstance(v, list)}, status)
