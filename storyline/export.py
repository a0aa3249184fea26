"""Exports of a built store: JSON (the contract in shared/contract), CSV (events) and Markdown."""
from __future__ import annotations

import csv
import dataclasses
import io
import json

from .api import Storyline


def to_dict(s: Storyline) -> dict:
    articles = [{
        "id": a["id"], "source": a["source"], "url": a["url"], "title": a["title"],
        "published": a["published"], "published_source": a["published_source"],
        "published_evidence": a["published_evidence"],
        "duplicate_of": a["duplicate_of"], "reuses": a["reuses"], "story": a["story"],
    } for a in s.articles()]
    return {
        "articles": articles,
        "stories": [dataclasses.asdict(st) for st in s.stories()],
        "entities": [dataclasses.asdict(e) for e in s.entities()],
        "events": [dataclasses.asdict(e) for e in s.events()],
        "conflicts": [dataclasses.asdict(c) for c in s.conflicts()],
        "quotes": [dataclasses.asdict(q) for q in s.quotes()],
    }


def to_json(s: Storyline) -> str:
    return json.dumps(to_dict(s), ensure_ascii=False, indent=1)


def to_csv(s: Storyline) -> str:
    """One row per event, participants and places by name."""
    names = {e.id: e.name for e in s.entities()}
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "date", "date_end", "type", "status", "participants", "place", "story", "salience",
                "sources", "summary"])
    for e in s.events():
        w.writerow([e.id, e.date or "", e.date_end or "", e.type, e.status,
                    "; ".join(names.get(p, p) for p in e.participants), names.get(e.place, e.place or ""),
                    e.story or "", e.salience, len(e.sources), e.summary])
    return buf.getvalue()


def to_markdown(s: Storyline) -> str:
    names = {e.id: e.name for e in s.entities()}
    out = ["# Storyline", ""]
    for st in s.stories():
        evs = s.timeline(story=st.id)
        if not evs:
            continue
        out += [f"## {st.label}", "", f"{len(st.articles)} articles, {st.start or '?'} to {st.end or '?'}.", ""]
        if st.summary:
            out += [st.summary, ""]
        for e in evs:
            who = ", ".join(names.get(p, p) for p in e.participants)
            where = f" in {names.get(e.place, e.place)}" if e.place else ""
            status = "" if e.status == "occurred" else f" ({e.status})"
            cites = ", ".join(sorted({src.article for src in e.sources}))
            out.append(f"- **{e.date}** {e.type}{status}: {who}{where}. {e.summary} [{cites}]")
        out.append("")
    return "\n".join(out)


FORMATS = {"json": to_json, "csv": to_csv, "markdown": to_markdown, "md": to_markdown}
