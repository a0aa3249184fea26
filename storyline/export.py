"""Exports of a built store: JSON (the contract in storyline/schema), CSV (one file per table), Markdown,
GraphML (the actor network), TimelineJS JSON and a self-contained HTML report of a story.

Article text is hostile until shown otherwise, so each format guards its own output: CSV cells are
quoted against formula injection, Markdown and HTML text is escaped, GraphML drops the characters XML
cannot hold, and `write` replaces a file atomically.
"""
from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
import os
import re
import stat
import tempfile
from importlib import resources

from .api import Storyline
from .model import Story

SCHEMA_FILE = "export.schema.json"     # in storyline/schema/: the JSON export's contract


def schema() -> dict:
    """The JSON export's schema, shipped with the package (a superset of ../shared/contract's)."""
    return json.loads(resources.files("storyline").joinpath("schema", SCHEMA_FILE).read_text(encoding="utf-8"))


def pick_story(s: Storyline, story: str | None) -> Story:
    """The story `story` names, or, when none is named, the one with the most articles (ties by id).
    ValueError for an unknown id or a store without stories."""
    stories = s.stories()
    if not stories:
        raise ValueError(f"{s.db} holds no stories; build some articles into it first")
    if story is None:
        return min(stories, key=lambda st: (-len(st.articles), st.id))
    for st in stories:
        if st.id == story:
            return st
    known = ", ".join(st.id for st in stories[:10]) + (", ..." if len(stories) > 10 else "")
    raise ValueError(f"no story {story!r} in {s.db} (stories: {known}; `storyline stories` lists them)")


def to_dict(s: Storyline) -> dict:
    names = {e.id: e.name for e in s.entities()}
    articles = [{
        "id": a["id"], "source": a["source"], "url": a["url"], "title": a["title"],
        "published": a["published"], "published_source": a["published_source"],
        "published_evidence": a["published_evidence"],
        "duplicate_of": a["duplicate_of"], "reuses": a["reuses"], "story": a["story"],
    } for a in s.articles()]
    disputed = s.disputed()          # an event's date or figures disputed: positions in conflicts[]
    events = []
    for e in s.events():
        row = dataclasses.asdict(e)
        row["participant_names"] = [names.get(p, p) for p in e.participants]   # beside the ids, in order
        row["place_name"] = names.get(e.place, e.place) if e.place else None
        row["conflicts"] = disputed.get(e.id, [])
        events.append(row)
    quotes = [dict(dataclasses.asdict(q), speaker_name=names.get(q.speaker, q.speaker)) for q in s.quotes()]
    return {
        "articles": articles,
        "stories": [dataclasses.asdict(st) for st in s.stories()],
        "entities": [dataclasses.asdict(e) for e in s.entities()],
        "events": events,
        "conflicts": [dataclasses.asdict(c) for c in s.conflicts()],
        "quotes": quotes,
    }


def to_json(s: Storyline, story: str | None = None) -> str:
    return json.dumps(to_dict(s), ensure_ascii=False, indent=1)


# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV Injection"); tab and
# carriage return count because some spreadsheets strip them and then see the formula behind them.
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# OWASP's fix: a leading single quote makes the spreadsheet show the cell as text. A plain number such as
# `-0.5` is quoted too (no export field holds one today); OWASP accepts that cost over guessing.
CSV_TEXT_MARK = "'"


def csv_cell(value) -> str:
    """`value` as a CSV cell a spreadsheet shows rather than runs."""
    text = "" if value is None else str(value)
    return CSV_TEXT_MARK + text if text.startswith(CSV_FORMULA_STARTS) else text


def _csv_row(writer, cells) -> None:
    writer.writerow([csv_cell(c) for c in cells])


def _table(header: list[str], rows) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    _csv_row(w, header)
    for row in rows:
        _csv_row(w, row)
    return buf.getvalue()


def to_csv(s: Storyline, story: str | None = None) -> str:
    """One row per event, participants and places by name; every cell guarded by `csv_cell`."""
    return _events_table(s.events(), {e.id: e.name for e in s.entities()})


def _events_table(events, names: dict[str, str]) -> str:
    return _table(
        ["id", "date", "date_end", "type", "status", "participants", "place", "story", "salience", "sources",
         "summary", "date_source"],
        ([e.id, e.date or "", e.date_end or "", e.type, e.status, "; ".join(names.get(p, p) for p in e.participants),
          names.get(e.place, e.place or ""), e.story or "", e.salience, len(e.sources), e.summary,
          e.date_source or ""] for e in events))


def csv_tables(s: Storyline) -> dict[str, str]:
    """The store as one CSV text per table, by file name: events, participants (with their role in each
    event; an event's place is a row with role "place"), sources, entities, aliases, articles, stories."""
    entities = s.entities()
    names = {e.id: e.name for e in entities}
    events = s.events()
    participants, sources = [], []
    for e in events:
        for i, p in enumerate(e.participants):
            participants.append([e.id, i, p, names.get(p, p), e.roles[i] if i < len(e.roles) else ""])
        if e.place:
            participants.append([e.id, len(e.participants), e.place, names.get(e.place, e.place), "place"])
        sources += [[e.id, i, src.article, src.start, src.end, src.sentence] for i, src in enumerate(e.sources)]
    return {
        "events.csv": _events_table(events, names),
        "participants.csv": _table(["event", "position", "entity", "name", "role"], participants),
        "sources.csv": _table(["event", "position", "article", "start", "end", "sentence"], sources),
        "entities.csv": _table(
            ["id", "name", "type", "mentions", "roles"],
            ([e.id, e.name, e.type, e.mentions, "; ".join(_role_text(r) for r in e.roles)] for e in entities)),
        "aliases.csv": _table(["entity", "alias"], ([e.id, a] for e in entities for a in e.aliases)),
        "articles.csv": _table(
            ["id", "source", "url", "title", "published", "published_source", "published_evidence", "story",
             "duplicate_of"],
            ([a["id"], a["source"], a["url"] or "", a["title"] or "", a["published"] or "",
              a["published_source"] or "", a["published_evidence"] or "", a["story"] or "",
              a["duplicate_of"] or ""] for a in s.articles())),
        "stories.csv": _table(["id", "label", "start", "end", "articles", "summary"],
                              ([st.id, st.label, st.start or "", st.end or "", len(st.articles), st.summary]
                               for st in s.stories())),
    }


def _role_text(role: dict) -> str:
    span = " ".join(x for x in (f"from {role['start']}" if role.get("start") else "",
                                f"until {role['end']}" if role.get("end") else "") if x)
    return role["role"] + (f" ({span})" if span else "")


def escape_html(text: str) -> str:
    """Text for HTML: `&`, `<`, `>` and both quotes as entities, so it is safe in elements and attributes.
    Shared by the Markdown export and any HTML export."""
    return html.escape(text, quote=True)


# Markdown punctuation that can open a link, an image, emphasis, code, a heading or a strikethrough;
# each is backslash-escaped in article text so it reads literally (the backslash itself too, so a
# backslash in the text cannot undo the escape that follows it).
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]()#~])")
# At the start of a line "- " and "+ " open a bullet list and "12. " a numbered one.
BULLET_START = re.compile(r"^([-+])")
NUMBERED_START = re.compile(r"^(\d+)\.")
LINE_BREAKS = re.compile(r"[\r\n]+")


def escape_markdown(text: str | None) -> str:
    """Article text (summaries, labels, names) for Markdown: raw HTML as entities, Markdown syntax
    backslash-escaped, line breaks as spaces so the text cannot open a block of its own. Renders as the text."""
    text = LINE_BREAKS.sub(" ", text or "")
    text = MARKDOWN_PUNCTUATION.sub(r"\\\1", text)
    text = BULLET_START.sub(r"\\\1", text)
    text = NUMBERED_START.sub(r"\1\\.", text)
    # quote=False: outside a tag quotes are harmless, so benign text keeps them as typed
    return html.escape(text, quote=False)


def to_markdown(s: Storyline, story: str | None = None) -> str:
    md = escape_markdown
    names = {e.id: md(e.name) for e in s.entities()}
    out = ["# Storyline", ""]
    for st in [pick_story(s, story)] if story else s.stories():
        evs = s.timeline(story=st.id)
        if not evs:
            continue
        out += [f"## {md(st.label)}", "", f"{len(st.articles)} articles, {st.start or '?'} to {st.end or '?'}.", ""]
        if st.summary:
            out += [md(st.summary), ""]
        for e in evs:
            who = ", ".join(names.get(p, md(p)) for p in e.participants)
            where = f" in {names.get(e.place, md(e.place))}" if e.place else ""
            status = "" if e.status == "occurred" else f" ({e.status})"
            cites = ", ".join(md(a) for a in sorted({src.article for src in e.sources}))
            out.append(f"- **{e.date}** {e.type}{status}: {who}{where}. {md(e.summary)} [{cites}]")
        out.append("")
    return "\n".join(out)


# -- the actor network as GraphML --------------------------------------------------------------------

# XML 1.0 cannot hold these characters at all, escaped or not: dropped from names and labels
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


def _xml_text(text: str | None) -> str:
    return XML_INVALID.sub("", text or "")


def story_events(s: Storyline, story: str | None) -> list:
    """Every event of the story (all of the store's when `story` is None), statements included."""
    return s.events(story=pick_story(s, story).id) if story else s.events()


def to_graphml(s: Storyline, story: str | None = None) -> str:
    """The actor network (storyline.network) as GraphML: nodes with name, type, prominence (events taken
    part in) and mentions; undirected edges weighted by the events both ends share."""
    import networkx as nx

    from .network import actor_network

    nodes, edges = actor_network(story_events(s, story), s.entities())
    g = nx.Graph(story=_xml_text(story or ""))
    for n in nodes:
        g.add_node(_xml_text(n.id), name=_xml_text(n.name), type=n.type, prominence=n.prominence,
                   mentions=n.mentions)
    for e in edges:
        g.add_edge(_xml_text(e.source), _xml_text(e.target), weight=e.weight, events=" ".join(e.events))
    return XML_DECLARATION + "\n".join(nx.generate_graphml(g, prettyprint=True)) + "\n"


# -- TimelineJS ---------------------------------------------------------------------------------------

def _timeline_date(value: str) -> dict:
    """A fuzzy date ("2025", "2025-05", "2025-05-14") as TimelineJS's {year, month, day}."""
    parts = [int(x) for x in value.split("-")]
    return dict(zip(("year", "month", "day"), parts))


def to_timelinejs(s: Storyline, story: str | None = None) -> str:
    """A story's dated happenings as TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html).
    TimelineJS shows headline and text as HTML, so every piece of article text in them is escaped."""
    st = pick_story(s, story)
    names = {e.id: e.name for e in s.entities()}
    esc = escape_html
    events = []
    for e in s.timeline(story=st.id):
        who = ", ".join(names.get(p, p) for p in e.participants)
        status = "" if e.status == "occurred" else f" ({e.status})"
        cites = ", ".join(sorted({src.article for src in e.sources}))
        ev = {"unique_id": e.id, "start_date": _timeline_date(e.date),
              "text": {"headline": esc(f"{e.type}{status}: {who}"),
                       "text": f"<p>{esc(e.summary)}</p><p>Sources: {esc(cites)}</p>"},
              "group": e.type}
        if e.date_end:
            ev["end_date"] = _timeline_date(e.date_end)
        events.append(ev)
    doc = {"title": {"text": {"headline": esc(st.label),
                              "text": f"<p>{esc(st.summary)}</p>"}},
           "events": events}
    return json.dumps(doc, ensure_ascii=False, indent=1)


# -- the static HTML report ---------------------------------------------------------------------------

# No script runs in the report even if some text escaped its escaping: the page allows inline styles
# and nothing else (no scripts, no fetches, no frames), so it is the same opened from disk or served.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'"
REPORT_CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:62rem;margin:0 auto;padding:1rem 1.5rem;color:#1b1b1b}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.5rem;border-bottom:2px solid #ddd}
nav a{margin-right:1rem}.meta{color:#555;font-size:.9rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #eee}
.ev{padding:.5rem 0;border-bottom:1px solid #eee}.date{font-weight:600;white-space:nowrap}
.status{font-size:.8rem;padding:0 .4rem;border-radius:.6rem;background:#eee}
.status-planned{background:#dbeafe}.status-cancelled{background:#fee2e2}.status-uncertain{background:#fef3c7}
.src{font-size:.9rem;margin:.2rem 0 0 1rem}.text{white-space:pre-wrap;background:#fafafa;padding:.8rem;border:1px solid #eee}
mark{background:#fff3a3}mark:target{background:#ffd54a;outline:2px solid #e0a800}
"""


def _link(url: str | None) -> str:
    """A link for web addresses only: any other scheme (javascript:, data:) is shown as text."""
    if not url:
        return ""
    if re.match(r"https?://", url, re.I):
        return f'<a href="{escape_html(url)}" rel="noreferrer">{escape_html(url)}</a>'
    return escape_html(url)


def _marked_text(text: str, spans: list[tuple[int, int]], anchor: str) -> str:
    """The article's text, escaped, with each cited sentence in a <mark> that a source links to."""
    out, pos = [], 0
    for start, end in sorted(set(spans)):
        if start < pos or end > len(text) or start >= end:
            continue        # overlapping or out of range: the sentence shows unmarked
        out += [escape_html(text[pos:start]), f'<mark id="{anchor}-{start}">', escape_html(text[start:end]), "</mark>"]
        pos = end
    out.append(escape_html(text[pos:]))
    return "".join(out)


def to_html(s: Storyline, story: str | None = None) -> str:
    """A story as one HTML page that needs nothing else: its timeline (every source linked to its
    sentence, marked in the article), the actor network as tables, where its sources disagree (each
    side's sentences linked alike), its quotes and its articles."""
    from .network import actor_network

    esc = escape_html
    st = pick_story(s, story)
    entities = s.entities()
    names = {e.id: e.name for e in entities}
    members = set(st.articles)
    articles = sorted((a for a in s.articles() if a["id"] in members),
                      key=lambda a: (a["published"] or "9999", a["id"]))
    anchor = {a["id"]: f"a{i}" for i, a in enumerate(articles, 1)}
    timeline = s.timeline(story=st.id)
    cited: dict[str, list[tuple[int, int]]] = {}

    def source_links(e) -> str:
        items = []
        for src in e.sources:
            cited.setdefault(src.article, []).append((src.start, src.end))
            ref = anchor.get(src.article)
            label = esc(src.article)
            head = f'<a href="#{ref}-{src.start}">{label}</a>' if ref else label
            items.append(f"<li>{head}: {esc(src.sentence)}</li>")
        return f'<ul class="src">{"".join(items)}</ul>'

    def who(e) -> str:
        roles = e.roles if len(e.roles) == len(e.participants) else [""] * len(e.participants)

        def named(role):
            return [esc(names.get(p, p)) for p, r in zip(e.participants, roles) if r == role]

        agents, others, about = named("agent") + named(""), named("counterpart"), named("about")
        text = ", ".join(agents) if agents else ", ".join(others)
        if agents and others:
            text += f" with {', '.join(others)}"
        return text + (f" about {', '.join(about)}" if about else "")

    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f'<meta http-equiv="Content-Security-Policy" content="{REPORT_CSP}">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{esc(st.label)}</title><style>{REPORT_CSS}</style></head><body>",
           f"<header><h1>{esc(st.label)}</h1>",
           f'<p class="meta">{len(st.articles)} articles, {esc(st.start or "?")} to {esc(st.end or "?")}; '
           f"story {esc(st.id)}</p>",
           f"<p>{esc(st.summary)}</p>" if st.summary else "",
           '<nav><a href="#timeline">Timeline</a><a href="#actors">Actors</a><a href="#conflicts">Conflicts</a>'
           '<a href="#quotes">Quotes</a><a href="#articles">Articles</a></nav></header>',
           '<main><h2 id="timeline">Timeline</h2>']
    for e in timeline:
        date = esc(e.date) + (f" to {esc(e.date_end)}" if e.date_end else "")
        where = f" in {esc(names.get(e.place, e.place))}" if e.place else ""
        out.append(f'<div class="ev" id="{esc(e.id)}"><span class="date">{date}</span> '
                   f'<b>{esc(e.type)}</b> <span class="status status-{esc(e.status)}">{esc(e.status)}</span> '
                   f"{who(e)}{where}<div>{esc(e.summary)}</div>{source_links(e)}</div>")
    if not timeline:
        out.append("<p>No dated happenings.</p>")
    nodes, edges = actor_network(s.events(story=st.id), entities)
    out.append('<h2 id="actors">Actors</h2><table><thead><tr><th>name</th><th>type</th>'
               "<th>events</th><th>mentions</th></tr></thead><tbody>")
    out += [f"<tr><td>{esc(n.name)}</td><td>{esc(n.type)}</td><td>{n.prominence}</td><td>{n.mentions}</td></tr>"
            for n in nodes]
    out.append("</tbody></table><h3>Who deals with whom</h3><table><thead><tr><th>between</th>"
               "<th>shared events</th></tr></thead><tbody>")
    out += [f"<tr><td>{esc(names.get(e.source, e.source))} and {esc(names.get(e.target, e.target))}</td>"
            f"<td>{e.weight}</td></tr>" for e in edges]
    out.append('</tbody></table><h2 id="conflicts">Where sources disagree</h2>')
    conflicts = s.conflicts(story=st.id)
    for c in conflicts:
        out.append(f'<div class="ev"><b>{esc(c.kind)}</b> {esc(c.description)}<ul>')
        for side in c.sides:
            out.append(f"<li>{esc(side.value)}{source_links(side)}</li>")
        out.append("</ul></div>")
    if not conflicts:
        out.append("<p>No conflicts found.</p>")
    out.append('<h2 id="quotes">Quotes</h2>')
    story_events = {e.id for e in s.events(story=st.id)}
    quotes = [q for q in s.quotes() if q.event in story_events]
    for q in quotes:
        cited.setdefault(q.article, [])
        ref = anchor.get(q.article)
        where = f'<a href="#{ref}">{esc(q.article)}</a>' if ref else esc(q.article)
        out.append(f"<blockquote>\u201c{esc(q.text)}\u201d <span class=\"meta\">{esc(names.get(q.speaker, q.speaker))}, "
                   f"{esc(q.date or '?')}, {where}</span></blockquote>")
    if not quotes:
        out.append("<p>No quotes.</p>")
    out.append('<h2 id="articles">Articles</h2>')
    for a in articles:
        ref = anchor[a["id"]]
        dup = f"; near-copy of {esc(a['duplicate_of'])}" if a["duplicate_of"] else ""
        out += [f'<article id="{ref}"><h3>{esc(a["title"] or a["id"])}</h3>',
                f'<p class="meta">{esc(a["id"])}: {esc(a["published"] or "undated")}'
                f' ({esc(a["published_source"] or "no date")}){dup}<br>{esc(a["source"])} {_link(a["url"])}</p>',
                f'<div class="text">{_marked_text(a["text"] or "", cited.get(a["id"], []), ref)}</div></article>']
    out.append('</main><footer class="meta"><p>Made by storyline from the store\'s stored analysis.</p>'
               "</footer></body></html>")
    return "\n".join(x for x in out if x) + "\n"


FORMATS = {"json": to_json, "csv": to_csv, "markdown": to_markdown, "md": to_markdown,
           "graphml": to_graphml, "timelinejs": to_timelinejs, "html": to_html}
STORY_FORMATS = ("markdown", "md", "graphml", "timelinejs", "html")   # take --story
FOLDER_FORMATS = {"csv": "tables", "html": "index.html"}            # -o DIR: what is written there
HTML_REPORT_FILE = "index.html"


def export_folder(s: Storyline, fmt: str, folder: str | os.PathLike, db: str, story: str | None = None) -> list[str]:
    """Write a folder export: `csv` one file per table, `html` the report as index.html. The folder is
    made when missing; each file is written atomically. Returns the paths written, sorted."""
    folder = os.fspath(folder)
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise ValueError(f"{folder} is a file; a {fmt} export is a folder (or give a .{'csv' if fmt == 'csv' else 'html'} file)")
    parent = os.path.dirname(os.path.abspath(folder))
    if not os.path.isdir(parent):
        raise ValueError(f"cannot write {folder}: no such folder {parent}")
    files = csv_tables(s) if fmt == "csv" else {HTML_REPORT_FILE: to_html(s, story)}
    os.makedirs(folder, exist_ok=True)
    paths = [os.path.join(folder, name) for name in sorted(files)]
    for path in paths:
        check_output(path, db)
    for path in paths:
        write(path, files[os.path.basename(path)])
    return paths


# The files of an SQLite store besides the store itself: the WAL and its shared-memory index, and the
# rollback journal. Writing an export over any of them would corrupt the store.
STORE_SIDECARS = ("-wal", "-shm", "-journal")


def check_output(output: str | os.PathLike, db: str | os.PathLike) -> None:
    """ValueError for an export path that is the store `db` (by any path, or one of its sidecars) or
    lies in a folder that does not exist."""
    output, db = os.fspath(output), os.fspath(db)
    for path in [db] + [db + suffix for suffix in STORE_SIDECARS]:
        if same_file(output, path):
            raise ValueError(f"{output} is the store {path}; choose another output file")
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        raise ValueError(f"cannot write {output}: no such folder {folder}")


def same_file(a: str, b: str) -> bool:
    """One file by any path: the same resolved path (symlinks, `./`), or the same inode (hard links)."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist, so they are not one file
        return False


# A new export gets the permissions `open(path, "w")` would give it (read-write for all, less the umask);
# mkstemp's private 0600 would surprise whoever shares the folder.
NEW_FILE_MODE = 0o666
TEMP_SUFFIX = ".tmp"


def write(path: str | os.PathLike, text: str) -> None:
    """Write `text` to `path` atomically: a temporary file in the same folder, then `os.replace`, so a
    failed write (a full disk, say) removes the temporary file and leaves any previous export intact.
    A symlink is written through; a device or pipe (`/dev/null`, a FIFO) is written in place."""
    target = os.path.realpath(path)
    if os.path.exists(target) and not stat.S_ISREG(os.stat(target).st_mode):
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(text)
        return
    folder, name = os.path.split(target)
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, _mode_for(target))
        os.replace(temp, target)
    except BaseException:
        _remove_quietly(temp)
        raise


def _mode_for(target: str) -> int:
    """The target's own permissions when it exists, else those of a newly created file."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return NEW_FILE_MODE & ~umask


def _remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
