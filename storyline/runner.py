"""Runners: where the per-article stages run. `analyse(articles)` yields each article analysed, or a
`Failure` saying why it could not be; the build stores the first and quarantines the second.

The local runner parses in batches in this process (the spaCy model loaded once); the process runner
spreads the batches over several processes, the Dask runner over a dask.distributed cluster. All
yield the same records in the same order.
"""
from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from . import nlp
from .config import Config
from .model import Article

log = logging.getLogger(__name__)

# Texts are parsed in pieces of at most this many characters: spaCy refuses texts over its max_length
# (1,000,000) and its memory grows with the length of one text; cut at paragraph breaks, the pieces'
# parses are joined back into one document with the same text and offsets.
PIECE_CHARS = 100_000
REASON_CHARS = 200        # a failure's reason is shown in reports: keep it one line


@dataclass
class Failure:
    article: Article
    reason: str


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """Consecutive pieces of `text` (joined, they give it back), each at most `size` characters, cut
    after a paragraph break, else after a sentence end, else at a space, else anywhere."""
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            at = window.rfind(sep, size // 2)
            if at > 0:
                cut = at + len(sep)
                break
        cut = cut if cut > 0 else size
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


def parse(model, texts: list[str], batch_size: int) -> list:
    """spaCy docs for `texts`; a long text is parsed piece by piece and joined. spaCy is given at most
    `batch_size` texts and about PIECE_CHARS characters at a time, a long text's pieces one by one:
    its working memory grows with the text it parses at once, and a batch of long articles would
    otherwise need as much as one article of their total length. (A parse does not depend on the
    batch it is in, so the grouping changes no result.)"""
    from spacy.tokens import Doc

    docs: list = [None] * len(texts)
    short = [i for i, t in enumerate(texts) if len(t) <= PIECE_CHARS]
    for group in _groups(short, texts, batch_size):
        for i, doc in zip(group, model.pipe([texts[i] for i in group], batch_size=len(group))):
            docs[i] = doc
    for i in (i for i in range(len(texts)) if docs[i] is None):
        parts = [model(piece) for piece in pieces(texts[i], PIECE_CHARS)]
        docs[i] = Doc.from_docs(parts, ensure_whitespace=False)
        del parts
    for doc, text in zip(docs, texts):
        doc.user_data[nlp.TEXT_KEY] = text      # what Doc.text would join from every token (see nlp.doc_text)
    return docs


def _groups(indices: list[int], texts: list[str], most: int) -> Iterator[list[int]]:
    """`indices` in order, in runs of at most `most` texts and (unless one text alone is longer)
    PIECE_CHARS characters."""
    group, chars = [], 0
    for i in indices:
        if group and (len(group) >= most or chars + len(texts[i]) > PIECE_CHARS):
            yield group
            group, chars = [], 0
        group.append(i)
        chars += len(texts[i])
    if group:
        yield group


def article_stages(cfg: Config) -> list[tuple]:
    """(function, settings) of each configured article stage, in order."""
    from .stages import REGISTRY

    return [(REGISTRY[name].func, cfg.settings(name)) for name in cfg.article_stages]


def analyse(article: Article, doc, cfg: Config | None = None) -> Article:
    """Run the configured article stages on one article and its parse."""
    for func, settings in article_stages(cfg or Config()):
        func(article, doc, settings)
    return article


class LocalRunner:
    """Per-article stages in this process, `cfg.batch_size` articles parsed together."""

    def __init__(self, cfg: Config):
        self.cfg = cfg

    def analyse(self, articles: Iterable[Article]) -> Iterator[Article | Failure]:
        cfg = self.cfg
        model = nlp.load(cfg.model)
        stages = article_stages(cfg)
        it = iter(articles)
        while batch := list(islice(it, cfg.batch_size)):
            try:
                docs = parse(model, [a.text for a in batch], cfg.batch_size)
            except Exception:          # one bad text must not sink its batch: parse them one by one
                docs = [_parse_one(model, a) for a in batch]
            for a, doc in zip(batch, docs):
                if isinstance(doc, Failure):
                    yield doc
                    continue
                try:
                    for func, settings in stages:
                        func(a, doc, settings)
                except Exception as exc:
                    log.exception("analysis failed on %s", a.id)
                    yield Failure(a, _reason(exc))
                    continue
                yield a


def _parse_one(model, a: Article):
    try:
        return parse(model, [a.text], 1)[0]
    except Exception as exc:
        log.exception("parse failed on %s", a.id)
        return Failure(a, _reason(exc))


def _reason(exc: Exception) -> str:
    text = f"{type(exc).__name__}: {exc}".replace("\n", " ")
    return text if len(text) <= REASON_CHARS else text[:REASON_CHARS - 1] + "…"


# -- several processes ----------------------------------------------------------------------------

# A worker is worth its start (a fresh interpreter loading spaCy and the model, about 3 s) only when
# each has several batches to do.
MIN_BATCHES_PER_WORKER = 4


def usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:          # not on Linux
        return max(1, os.cpu_count() or 1)


def workers_for(cfg: Config, n_articles: int) -> int:
    """How many processes to analyse `n_articles` with: `cfg.workers` when set, else the usable cores
    when each gets enough batches to pay for its start."""
    if cfg.workers:
        return cfg.workers
    batches = -(-n_articles // max(1, cfg.batch_size))
    return max(1, min(usable_cores(), batches // MIN_BATCHES_PER_WORKER))


_worker: LocalRunner | None = None


def _start_worker(cfg: Config) -> None:
    global _worker
    _worker = LocalRunner(cfg)


def _analyse_batch(batch: list[Article]) -> list:
    return list(_worker.analyse(batch))


class ProcessRunner:
    """Article stages in `workers` processes, each with its own model, a batch at a time. Results come
    back in input order and are the same as the local runner's: an article's analysis depends on its
    text and date only. The parent (the only writer of the store) keeps at most `workers * 2` batches
    in flight, so memory stays flat however many articles there are."""

    def __init__(self, cfg: Config, workers: int):
        self.cfg, self.workers = cfg, workers

    def analyse(self, articles: Iterable[Article]) -> Iterator[Article | Failure]:
        import concurrent.futures as cf
        import multiprocessing

        # fork where there is fork: the workers start with the parent's loaded model (copy-on-write, no
        # second load) and need no `if __name__ == "__main__"` guard in the caller's script
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        if ctx.get_start_method() == "fork":
            nlp.load(self.cfg.model)
        it = iter(articles)
        with cf.ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_start_worker,
                                    initargs=(self.cfg,)) as pool:
            queue = []
            while True:
                while len(queue) < 2 * self.workers and (batch := list(islice(it, self.cfg.batch_size))):
                    queue.append(pool.submit(_analyse_batch, batch))
                if not queue:
                    return
                yield from queue.pop(0).result()


# -- a Dask cluster --------------------------------------------------------------------------------

# Batches in flight per worker: one being analysed, one waiting in the worker's queue so it never idles
# on the round trip, no more, so a long corpus never piles up in the client's or the workers' memory.
DASK_IN_FLIGHT_PER_WORKER = 2
DASK_CONNECT_S = 30          # how long to wait for a scheduler before giving up with an error


class DaskError(RuntimeError):
    """The Dask cluster cannot be used: dask missing, scheduler unreachable, a worker without storyline."""


_dask_runner: tuple[str, LocalRunner] | None = None
# a worker started with several threads would run batches side by side on one spaCy pipeline, which
# is not made for it: one batch at a time per process (start workers with --nthreads 1)
_dask_lock = threading.Lock()


def _dask_batch(cfg: Config, batch: list[Article]) -> list:
    """A Dask task: one batch analysed in the worker process. The runner (and so the model) is made
    once per worker process and kept for every batch of the same configuration."""
    global _dask_runner
    with _dask_lock:
        key = repr(cfg)
        if _dask_runner is None or _dask_runner[0] != key:
            _dask_runner = (key, LocalRunner(cfg))
        return list(_dask_runner[1].analyse(batch))


def _check_worker(model: str) -> str:
    """Run on every worker before any batch: storyline and the model import and load there."""
    try:
        from storyline import nlp as worker_nlp

        worker_nlp.load(model)
        return ""
    except Exception as exc:       # reported with the worker's address; the build does not start
        return f"{type(exc).__name__}: {exc}".replace("\n", " ")[:REASON_CHARS]


def require_dask():
    try:
        import distributed
    except ImportError:
        raise DaskError("--dask-scheduler needs dask.distributed: pip install 'storyline[dask]'") from None
    return distributed


class DaskRunner:
    """Article stages on a dask.distributed cluster: batches of articles go out as tasks, analysed
    articles (or Failures) come back, in input order, at most `DASK_IN_FLIGHT_PER_WORKER` batches per
    worker in flight. Each worker process loads the model once (the first batch it gets). The client
    (this process) stays the only writer of the store and runs the corpus stages.

    `cfg.dask_scheduler` is a scheduler address (tcp://HOST:8786) or "local": a LocalCluster of
    `cfg.workers` (default: the usable cores) single-threaded worker processes, started on first use
    and stopped by `close()`. One runner serves every pass of a build."""

    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.client = self.cluster = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def start(self):
        if self.client is not None:
            return self.client
        distributed = require_dask()
        # dask logs every connection at INFO on its own handler: a build shows its warnings, and dask's
        # INFO only with the build's -v
        logging.getLogger("distributed").setLevel(max(logging.WARNING, logging.getLogger().getEffectiveLevel()))
        address = self.cfg.dask_scheduler
        try:
            if address == "local":
                # the workers' own logs and dashboard are of no use to a build: its report says it all
                self.cluster = distributed.LocalCluster(
                    n_workers=self.cfg.workers or usable_cores(), threads_per_worker=1, processes=True,
                    dashboard_address=None, silence_logs=logging.ERROR)
                self.client = distributed.Client(self.cluster)
            else:
                self.client = distributed.Client(address, timeout=DASK_CONNECT_S)
        except (OSError, TimeoutError, ValueError) as exc:
            self.close()
            raise DaskError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        self._check_workers()
        return self.client

    def _check_workers(self) -> None:
        if not self.client.scheduler_info().get("workers"):
            try:
                self.client.wait_for_workers(1, timeout=DASK_CONNECT_S)
            except TimeoutError:
                self.close()
                raise DaskError(f"the Dask scheduler at {self.cfg.dask_scheduler} has no workers") from None
        try:
            problems = self.client.run(_check_worker, self.cfg.model)
        except Exception as exc:          # the worker could not even unpickle the check: no storyline there
            problems = {"a worker": f"{type(exc).__name__}: {exc}"}
        bad = sorted((w, p) for w, p in problems.items() if p)
        if bad:
            self.close()
            raise DaskError(f"Dask worker {bad[0][0]} cannot analyse (storyline and the model package "
                            f"{self.cfg.model} must be installed on every worker): {bad[0][1]}")
        try:       # a task through the scheduler, which unpickles it: storyline must be importable there too
            self.client.submit(_check_worker, self.cfg.model, pure=False).result(timeout=DASK_CONNECT_S * 4)
        except Exception as exc:
            self.close()
            raise DaskError(f"the Dask scheduler at {self.cfg.dask_scheduler} cannot run storyline's tasks "
                            f"(storyline must be installed beside the scheduler too): "
                            f"{_reason(exc)}") from None

    def workers(self) -> int:
        return max(1, len(self.start().scheduler_info().get("workers", {})))

    def analyse(self, articles: Iterable[Article]) -> Iterator[Article | Failure]:
        client = self.start()
        limit = DASK_IN_FLIGHT_PER_WORKER * self.workers()
        it = iter(articles)
        queue: list[tuple[list[Article], object]] = []
        while True:
            while len(queue) < limit and (batch := list(islice(it, self.cfg.batch_size))):
                # pure=False: the same batch sent twice (a retry) is analysed again, never served stale
                queue.append((batch, client.submit(_dask_batch, self.cfg, batch, pure=False)))
            if not queue:
                return
            batch, future = queue.pop(0)
            yield from self._result(batch, future)

    def _result(self, batch: list[Article], future) -> list:
        distributed = require_dask()
        try:
            return future.result()
        except distributed.KilledWorker as exc:
            # the batch took down every worker that tried it (a text that exhausts memory): quarantine
            # it, as the local runner does a text that fails, and go on with the rest
            log.error("batch of %d articles killed its workers: %s", len(batch), exc)
            return [Failure(a, _reason(exc)) for a in batch]
        finally:
            future.release()

    def close(self) -> None:
        for part in (self.client, self.cluster):
            if part is not None:
                try:
                    part.close()
                except Exception:        # closing a half-started cluster: nothing left to save
                    log.debug("closing %s failed", part, exc_info=True)
        self.client = self.cluster = None


def runner_for(cfg: Config, n_articles: int):
    if cfg.dask_scheduler:
        return DaskRunner(cfg)
    n = workers_for(cfg, n_articles)
    return ProcessRunner(cfg, n) if n > 1 else LocalRunner(cfg)
