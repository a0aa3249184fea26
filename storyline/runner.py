"""Runners: where the per-article stages run. `analyse(articles)` yields each article analysed, or a
`Failure` saying why it could not be; the build stores the first and quarantines the second.

The local runner parses in batches in this process (the spaCy model loaded once). Other runners
(several processes, a Dask cluster) only need to yield the same records.
"""
from __future__ import annotations

import logging
import os
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
    """spaCy docs for `texts`; a long text is parsed piece by piece and joined."""
    from spacy.tokens import Doc

    short = [i for i, t in enumerate(texts) if len(t) <= PIECE_CHARS]
    docs: list = [None] * len(texts)
    for i, doc in zip(short, model.pipe([texts[i] for i in short], batch_size=batch_size)):
        docs[i] = doc
    for i in (i for i in range(len(texts)) if docs[i] is None):
        parts = list(model.pipe(pieces(texts[i]), batch_size=batch_size))
        docs[i] = Doc.from_docs(parts, ensure_whitespace=False)
    return docs


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


def runner_for(cfg: Config, n_articles: int):
    n = workers_for(cfg, n_articles)
    return ProcessRunner(cfg, n) if n > 1 else LocalRunner(cfg)
