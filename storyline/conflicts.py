"""Conflicts between sources: where the reports disagree."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .model import Conflict
from .time import is_day

DATE_GAP_DAYS = (1, 3)   # one happening told a day or three apart; further apart it is likely another one


def date_conflicts(events) -> list[Conflict]:
    """The same participants doing the same kind of thing on days 1-3 apart, told by different sources:
    likely one happening reported with different dates."""
    dated = [e for e in events if is_day(e.date) and len(e.participants) >= 2 and e.status == "occurred"]
    # only events of one type and one set of participants can conflict: compare inside those groups
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, e in enumerate(dated):
        groups[(e.type, frozenset(e.participants))].append(i)
    pairs = sorted((i, j) for members in groups.values() for n, i in enumerate(members) for j in members[n + 1:])
    out = []
    for i, j in pairs:
        a, b = dated[i], dated[j]
        gap = abs((dt.date.fromisoformat(a.date) - dt.date.fromisoformat(b.date)).days)
        if DATE_GAP_DAYS[0] <= gap <= DATE_GAP_DAYS[1] and \
                {s.article for s in a.sources}.isdisjoint({s.article for s in b.sources}):
            out.append(Conflict("date", f"{a.type} of the same participants dated {a.date} ({a.id}) "
                                        f"and {b.date} ({b.id}) by different sources",
                                a.sources[:2] + b.sources[:2]))
    return out
