"""The actor network of a story (or of the whole store): who deals with whom, read off the events.

Nodes are the entities that take part in events; two of them are joined by an edge weighted by the
number of events they share. An event's place is where it happened, not someone who acted, so it
makes no edges. Pure functions over model records: the GraphML export and any other reader share them.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from .model import Entity, Event


@dataclass
class Node:
    id: str
    name: str
    type: str
    prominence: int          # events it takes part in: what a reader sizes the node by
    mentions: int = 0        # mentions across the articles (the entity's own count)


@dataclass
class Edge:
    source: str              # the smaller id of the pair, so an edge has one spelling
    target: str
    weight: int              # events both take part in
    events: list[str] = field(default_factory=list)   # their ids, sorted


def actor_network(events: list[Event], entities: list[Entity]) -> tuple[list[Node], list[Edge]]:
    """Nodes (by prominence, then id) and edges (by weight, then ids) of the entities in `events`."""
    by_id = {e.id: e for e in entities}
    prominence: Counter = Counter()
    shared: dict[tuple[str, str], list[str]] = {}
    for ev in sorted(events, key=lambda e: e.id):
        people = sorted({p for p in ev.participants if p in by_id})
        prominence.update(people)
        for a, b in combinations(people, 2):
            shared.setdefault((a, b), []).append(ev.id)
    nodes = [Node(p, by_id[p].name, by_id[p].type, n, by_id[p].mentions) for p, n in prominence.items()]
    nodes.sort(key=lambda n: (-n.prominence, n.id))
    edges = [Edge(a, b, len(evs), evs) for (a, b), evs in shared.items()]
    edges.sort(key=lambda e: (-e.weight, e.source, e.target))
    return nodes, edges
