"""Orderings that do not depend on hash seeds or on the order things arrived in.

`Counter.most_common` breaks ties by insertion order, and insertion order follows set iteration
(hash-seeded) or the order articles were stored (history). Every choice among equals goes through
these, so the same inputs give the same bytes.
"""
from __future__ import annotations

from collections import Counter


def ranked(counts: Counter, n: int | None = None) -> list:
    """Keys by count, highest first; equal counts by key."""
    out = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return [k for k, _ in (out if n is None else out[:n])]


def ranked_items(counts: Counter, n: int | None = None) -> list[tuple]:
    """(key, count) pairs by count, highest first; equal counts by key."""
    out = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return out if n is None else out[:n]


def top(counts: Counter, default=None):
    """The commonest key (the smallest key among equals), or `default` when empty."""
    return min(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0] if counts else default
