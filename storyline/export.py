"""Exports of a built store: JSON (the contract in shared/contract), CSV (events) and Markdown.

Article text is hostile until shown otherwise, so each format guards its own output: CSV cells are
quoted against formula injection, Markdown text is escaped, and `write` replaces a file atomically.
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

from .api import Storyline


def to_dict(s: Storyline) -> dict:
    articles = [{
        "id": a["id"], "source": a["source"], "url": a["url"], "title": a["title"],
        "published": a["published"], "published_source": a["published_source"],
        "published_evidence": a["published_evidence"],
        "duplicate_of": a["duplicate_of"], "reuses": a["reuses"], "story": a["story"],
    } for a in s.articles()]
    disputed = s.disputed()          # an event's date or figures disputed: positions in conflicts[]
    return {
        "articles": articles,
        "stories": [dataclasses.asdict(st) for st in s.stories()],
        "entities": [dataclasses.asdict(e) for e in s.entities()],
        "events": [{**dataclasses.asdict(e), "conflicts": disputed.get(e.id, [])} for e in s.events()],
        "conflicts": [dataclasses.asdict(c) for c in s.conflicts()],
        "quotes": [dataclasses.asdict(q) for q in s.quotes()],
    }


def to_json(s: Storyline) -> str:
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


def to_csv(s: Storyline) -> str:
    """One row per event, participants and places by name; every cell guarded by `csv_cell`."""
    names = {e.id: e.name for e in s.entities()}
    buf = io.StringIO()
    w = csv.writer(buf)
    _csv_row(w, ["id", "date", "date_end", "type", "status", "participants", "place", "story", "salience",
                "sources", "summary"])
    for e in s.events():
        _csv_row(w, [e.id, e.date or "", e.date_end or "", e.type, e.status,
                    "; ".join(names.get(p, p) for p in e.participants), names.get(e.place, e.place or ""),
                    e.story or "", e.salience, len(e.sources), e.summary])
    return buf.getvalue()


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


def to_markdown(s: Storyline) -> str:
    md = escape_markdown
    names = {e.id: md(e.name) for e in s.entities()}
    out = ["# Storyline", ""]
    for st in s.stories():
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


FORMATS = {"json": to_json, "csv": to_csv, "markdown": to_markdown, "md": to_markdown}


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
