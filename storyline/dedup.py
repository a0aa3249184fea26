"""Dedup: near-duplicate articles (MinHash over word shingles) and sentence reuse between articles.

A near-duplicate is the same story re-published (an agency copy lightly edited); reuse is weaker:
two different articles that share some sentences word for word (after case and punctuation).
"""
from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SCHEME = "affine32"              # stored signatures must be re-read with the scheme that made them
SHINGLE = 5
DUPLICATE_JACCARD = 0.8          # estimated Jaccard of 5-word shingles for a near-copy
MIN_REUSE_WORDS = 8              # shorter shared sentences are formulae ("He said.")
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def signature(text: str) -> list[int]:
    """MinHash signature of an article's word shingles, stored per article so refreshes are cheap."""
    w = words(text)
    shingles = {" ".join(w[i:i + SHINGLE]) for i in range(max(1, len(w) - SHINGLE + 1))}
    mh = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return mh.hashvalues.tolist()


def near_duplicates(signatures: dict[str, list[int]], order: list[str],
                    threshold: float = DUPLICATE_JACCARD) -> dict[str, str]:
    """article id -> id of the earlier article it is a near-copy of. `order` ranks articles, earliest first."""
    rank = {a: i for i, a in enumerate(order)}
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes = {}
    for aid in sorted(signatures, key=lambda a: rank.get(a, len(rank))):
        mh = MinHash(num_perm=NUM_PERM, hashvalues=np.array(signatures[aid], dtype=np.uint64),
                     scheme=SCHEME)
        hashes[aid] = mh
        lsh.insert(aid, mh)
    out = {}
    for aid, mh in hashes.items():
        earlier = [b for b in lsh.query(mh) if b != aid and rank.get(b, 0) < rank.get(aid, 0)
                   and mh.jaccard(hashes[b]) >= threshold]
        if earlier:
            first = min(earlier, key=lambda b: rank[b])
            out[aid] = out.get(first, first)
    return out


def sentence_key(sentence: str) -> str | None:
    w = words(sentence)
    return " ".join(w) if len(w) >= MIN_REUSE_WORDS else None


def sentence_reuse(article_sentences: dict[str, list[str]], max_share: float = 0.05) -> dict[tuple[str, str], int]:
    """(a, b) with a < b -> number of sentences the two articles share.

    A sentence found in very many articles (more than max_share of the corpus, at least 5) is site
    boilerplate, not reuse, and is ignored.
    """
    limit = max(5, int(max_share * len(article_sentences)))
    pairs: dict[tuple[str, str], int] = defaultdict(int)
    for ids in reused_sentence_keys(article_sentences).values():
        if len(ids) <= limit:
            ids = sorted(ids)
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    pairs[(a, b)] += 1
    return dict(pairs)


def reused_sentence_keys(article_sentences: dict[str, list[str]]) -> dict[str, set[str]]:
    """sentence key -> articles holding it, for sentences found in more than one article."""
    holders: dict[str, set[str]] = defaultdict(set)
    for aid, sents in article_sentences.items():
        for s in sents:
            k = sentence_key(s)
            if k:
                holders[k].add(aid)
    return {k: v for k, v in holders.items() if len(v) > 1}


COPY_SHARE = 0.5        # share of the shorter article's sentences two copies of one story have in common
COPY_MIN_SENTENCES = 3


def copies(reuses: dict[tuple[str, str], int], sentence_counts: dict[str, int], order: list[str]) -> dict[str, str]:
    """article -> the earliest article it copies, for pairs that share most of the shorter one's
    sentences (an agency story run by several sites, each trimming or adding a little). Such copies
    are one telling: they must not count as independent support."""
    rank = {a: i for i, a in enumerate(order)}
    parent: dict[str, str] = {}

    def find(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for (a, b), shared in reuses.items():
        shorter = min(sentence_counts.get(a, 0), sentence_counts.get(b, 0))
        if shared >= COPY_MIN_SENTENCES and shared >= COPY_SHARE * shorter:
            ra, rb = find(a), find(b)
            if ra != rb:
                first, second = sorted((ra, rb), key=lambda x: rank.get(x, len(rank)))
                parent[second] = first
    return {a: find(a) for a in parent}
