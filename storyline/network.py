"""The actor network of a story (or of the whole store): who deals with whom, read off the events.

Nodes are the entities that take part in events; two of them are joined by an edge weighted by the
number of events they share. An event's place is where it happened, and someone a statement is only
about (role "about") did not deal with its speaker, so neither makes edges. Pure functions over model records: the GraphML export and any other reader share them.
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
        people = sorted({p for p, role in zip(ev.participants, _roles(ev)) if p in by_id and role != "about"})
        prominence.update(people)
        for a, b in combinations(people, 2):
            shared.setdefault((a, b), []).append(ev.id)
    nodes = [Node(p, by_id[p].name, by_id[p].type, n, by_id[p].mentions) for p, n in prominence.items()]
    nodes.sort(key=lambda n: (-n.prominence, n.id))
    edges = [Edge(a, b, len(evs), evs) for (a, b), evs in shared.items()]
    edges.sort(key=lambda e: (-e.weight, e.source, e.target))
    return nodes, edges


def _roles(ev: Event) -> list[str]:
    """The event's roles beside its participants (a store made before roles were kept has none)."""
    return ev.roles if len(ev.roles) == len(ev.participants) else ["agent"] * len(ev.participants)
