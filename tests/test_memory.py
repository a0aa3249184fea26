"""A build's memory stays bounded: spaCy is given a bounded amount of text at a time, and the first
analysis pass lets go of each article once it is stored. (benchmarks/memory_t17.py measures the
peak of a whole build.)"""
from __future__ import annotations

import weakref

import spacy

from storyline import pipeline, runner
from storyline.config import Config
from storyline.store import open_store

from .conftest import write

LIMIT = 400      # a small PIECE_CHARS, so that short texts are tens of characters


class Recording:
    """A blank spaCy pipeline that notes how many characters each call parses at once."""

    def __init__(self):
        self.nlp, self.seen = spacy.blank("en"), []

    def pipe(self, texts, batch_size):
        texts = list(texts)
        self.seen.append((len(texts), sum(map(len, texts))))
        return self.nlp.pipe(texts, batch_size=batch_size)

    def __call__(self, text):
        self.seen.append((1, len(text)))
        return self.nlp(text)


def test_spacy_is_given_a_bounded_amount_of_text_at_a_time(monkeypatch):
    monkeypatch.setattr(runner, "PIECE_CHARS", LIMIT)
    short = "The ferry left the harbour at dawn. "                  # 36 characters
    texts = [short * 3] * 6 + [(short * 3 + "\n\n") * 10] + [short * 2] * 3 + [short * 11]
    model = Recording()
    docs = runner.parse(model, texts, batch_size=4)
    assert [d.text for d in docs] == texts                     # every text parsed whole, in order
    assert len(model.seen) >= 6
    assert all(n <= 4 for n, _ in model.seen)                  # never more texts than the batch size
    assert max(chars for _, chars in model.seen) <= LIMIT      # nor more characters than a piece
    # positive control: the texts in one call would have broken the bound
    assert sum(len(t) for t in texts if len(t) <= LIMIT) > LIMIT


def test_a_text_longer_than_the_bound_alone_goes_alone():
    texts = ["x" * 10, "y" * (runner.PIECE_CHARS - 5), "z" * 10]
    groups = list(runner._groups([0, 1, 2], texts, 32))
    assert groups == [[0], [1], [2]]
    assert list(runner._groups([0, 2], texts, 32)) == [[0, 2]]
    assert list(runner._groups([0, 2], texts, 1)) == [[0], [2]]


class Watching:
    """A runner that analyses nothing, checking as it goes how many articles it was given are alive."""

    def __init__(self):
        self.refs, self.most_alive = [], 0

    def analyse(self, articles):
        for a in articles:        # (refcounting frees an article the moment the build lets go of it)
            self.most_alive = max(self.most_alive, sum(r() is not None for r in self.refs))
            self.refs.append(weakref.ref(a))
            yield a


def test_the_first_pass_does_not_keep_every_analysed_article(tmp_path):
    for i in range(40):
        write(tmp_path / "in" / f"{i:02d}.txt", f" date 2025-04-10 Crossing number {i} left the harbour on time, the ferry company said.\n")
    store = open_store(str(tmp_path / "s.db"))
    cfg, report = Config(batch_size=4), pipeline.Report()
    try:
        pipeline.ingest(store, store.start_run(["in"]), [tmp_path / "in"], cfg, report)
        assert report.added == 40
        watch = Watching()
        pipeline.analyse_pending(store, watch, cfg, report, progress=False)
        assert report.analysed == 40 and store.count_articles(pending=True) == 0
        # at most the batch waiting to be stored, and the one article in hand
        assert 0 < watch.most_alive <= cfg.batch_size + 1
    finally:
        store.close()
