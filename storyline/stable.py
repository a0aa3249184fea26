"""Orderings that do not depend on hash seeds.

`Counter.most_common` breaks ties by insertion order. That is deterministic when the counter is filled
from lists in article order (corpus stages read articles sorted by id), but not when it is filled from
sets or frozensets, whose order follows the hash seed: such counters are ranked with these.
"""
from __future__ import annotations

from collections import Counter


def ranked(counts: Counter) -> list:
    """Keys by count, highest first; equal counts by key."""
    return [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))]
