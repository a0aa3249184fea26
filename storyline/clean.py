"""Clean: strip social embeds and page furniture from article text, keeping an offset map.

The patterns describe the *shapes* of web-news furniture (embedded posts, "read also" teasers, follow
prompts, image credits, agency tails), not phrases of any one site. Removal works on spans of the
raw text, so every character kept in the cleaned text can be traced back to its raw offset.
"""
from __future__ import annotations

import bisect
import re

from .time.lang.en import MONTH_WORD as _MONTH

# An embedded social post ends with "— Display Name (@handle) Month D, YYYY": drop the whole paragraph.
_EMBED_TAIL = re.compile(
    r"[—–-]{1,2}\s*[^\n()]{1,120}\(@\w{1,30}\)\s*" + _MONTH + r"\s+\d{1,2},\s+\d{4}[ \t]*$", re.M)
# A paragraph that is a media teaser: "#WATCH | ...", "VIDEO | ...", "PHOTOS | ..." followed by an embed link.
_MEDIA_LINE = re.compile(r"^[ \t]*(?:#?[A-Z]{3,12})[ \t]*\|[^\n]*?(?:pic\.twitter\.com|https?://)\S*[^\n]*$", re.M)
# Whole lines that are navigation or promotion, not reporting.
_FURNITURE_LINE = re.compile(
    r"^[ \t]*(?:"
    r"(?:also\s+read|read\s+also|read\s+more|must\s+read|also\s+watch|watch\s+video|related(?:\s+stories|\s+news)?|recommended|trending)\b\s*[|:>\-–—][^\n]*"
    r"|advertisement|advertisements|sponsored(?:\s+content)?|story\s+continues\s+below(?:\s+this\s+ad)?"
    r"|(?:click|tap)\s+here\b[^\n]*|subscribe\s+(?:to|now)\b[^\n]*|sign\s+up\s+for\b[^\n]*|download\s+the\b[^\n]*\bapp\b[^\n]*"
    r"|share\s+(?:this|on)\b[^\n]{0,60}|(?:first\s+)?published\s*(?:on|:)[^\n]{0,60}|(?:updated|last\s+updated)\s*(?:on|:)[^\n]{0,60}"
    r")[ \t]*$", re.I | re.M)
# Whole lines that are bylines, copyright notices or "developing story" tags.
_META_LINE = re.compile(
    r"^[ \t]*(?:"
    r"(?i:by)\s+[A-Z][^\n.!?]{0,80}"                              # "By A. Writer and B. Writer, Agency"
    r"|(?i:[^\n]{0,120}(?:©|\(c\)\s*\d{4}|all\s+rights\s+reserved)[^\n]{0,160})"
    r"|(?i:[—–-]*\s*this\s+(?:is\s+a\s+)?(?:developing|breaking)\s+(?:story|news)\b[^\n]{0,80})"
    r"|(?i:this\s+(?:story|article)\s+(?:has\s+been|was|will\s+be)\s+updated\b[^\n]{0,80})"
    r"|(?i:(?:photo\s+|image\s+)?credits?\s*:[^\n]{0,60})"
    r")[ \t]*$", re.M)
# A caption or credit line: a short line with no sentence ending, away from the headline (first line).
_SHORT_LINE = re.compile(r"^[ \t]*(?P<body>[^\n]{1,140}?)[ \t]*$", re.M)
_SENTENCE_END = re.compile(r"[.!?:;\"”’'…)\]]$")
_HAS_DAY_AND_MONTH = re.compile(r"\b" + _MONTH + r"\s+\d{1,2}\b|\b\d{1,2}\s+" + _MONTH, re.I)
_MAX_CAPTION_WORDS = 14

# Inline furniture: follow prompts, image credits, agency tails, bare links.
_INLINE = [
    re.compile(r"\bFollow\s+us\s+on(?:\s*(?:,|and)?\s*(?:Google\s+News|Twitter|X|Facebook|Instagram|WhatsApp|Telegram|LinkedIn|YouTube|Threads))*\s*:?", re.I),
    # an agency credit is one capitalised token, or two when the second is all caps / "Images"
    re.compile(r"\b(?:Image|Photo|Picture|Video)\s+(?:Source|Credit)s?\s*:\s*[A-Z][\w.&/-]*(?:\s+(?:Images|Photos|[A-Z]{2,}\b))?"),
    re.compile(r"\((?:Photo|Image|Picture|Pic|File\s+photo|Representative\s+image)(?:\s+credit)?\s*(?::|by)\s*[^)\n]{1,80}\)", re.I),
    # "(AGENCY Photo/Name)", "(Name/Agency Images)"
    re.compile(r"\((?:[A-Z][\w.&]*\s+)?(?:Photos?|Images?|Pictures?)\s*/\s*[^)\n]{1,60}\)"
               r"|\([^()\n]{1,60}/(?:[A-Z][\w.&]*\s+)?(?:Photos?|Images?)\)"),
    re.compile(r"\(\s*with\s+(?:inputs?|agency\s+inputs?|input)\b[^)\n]{0,80}\)", re.I),
    re.compile(r"\(\s*(?:this\s+story|this\s+article|except\s+for\s+the\s+headline)[^)\n]{0,200}\)", re.I),
    # a breadcrumb trail before a headline: "Home / World News / ..."
    re.compile(r"^[ \t]*Home\s*[/›»>|]\s*(?:[^/›»>|\n]{1,30}?\s*[/›»>|]\s*)*", re.M),
    re.compile(r"\b(?:pic\.twitter\.com|t\.co)/\w+", re.I),
    re.compile(r"https?://\S+"),
]
_SPACE_RUN = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\S)[ \t]+(?=[.,;:!?](?:\s|$))")   # left where an inline credit was cut
_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def _paragraph_span(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Spans of raw text to drop, merged and sorted."""
    spans: list[tuple[int, int]] = []
    for m in _EMBED_TAIL.finditer(text):
        spans.append(_paragraph_span(text, m.start()))
    for pat in (_MEDIA_LINE, _FURNITURE_LINE, _META_LINE):
        spans.extend(m.span() for m in pat.finditer(text))
    spans.extend(_caption_lines(text))
    for pat in _INLINE:
        spans.extend(m.span() for m in pat.finditer(text))
    return _merge(spans)


def _caption_lines(text: str) -> list[tuple[int, int]]:
    """Short lines that do not end like a sentence (captions, photo credits, bylines, subheads).

    The first line is the headline and stays; a line that carries a day and month may be a dateline
    ("Velmora, May 14") and stays for the date finder."""
    out, first = [], True
    for m in _SHORT_LINE.finditer(text):
        body = m["body"].strip()
        if not body:
            continue
        if first:
            first = False
            continue
        if (len(body.split()) <= _MAX_CAPTION_WORDS and not _SENTENCE_END.search(body)
                and not _HAS_DAY_AND_MONTH.search(body)):
            out.append(m.span())
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _keep_segments(text: str, drop: list[tuple[int, int]]) -> list[tuple[int, int]]:
    keep, pos = [], 0
    for s, e in drop:
        if s > pos:
            keep.append((pos, s))
        pos = max(pos, e)
    if pos < len(text):
        keep.append((pos, len(text)))
    return keep


def clean(raw: str) -> tuple[str, list[tuple[int, int]]]:
    """Return (cleaned text, offset map). The map lists (clean_offset, raw_offset) at each segment start."""
    drop = furniture_spans(raw)
    # Second pass: collapse whitespace runs left behind, so offsets stay exact.
    keep = _keep_segments(raw, drop)
    pieces, mapping, clean_len = [], [], 0
    for s, e in keep:
        pieces.append(raw[s:e])
        mapping.append((clean_len, s))
        clean_len += e - s
    joined = "".join(pieces)
    text, mapping = _squeeze(joined, mapping)
    return text, mapping


def _squeeze(text: str, mapping: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Collapse blank-line and space runs and trim; re-map offsets through the edit."""
    drops = []
    for pat, repl in ((_BLANK_RUN, "\n\n"), (_SPACE_RUN, " "), (_SPACE_BEFORE_PUNCT, "")):
        for m in pat.finditer(text):
            drops.append((m.start() + len(repl), m.end()))
    lead = len(text) - len(text.lstrip())
    if lead:
        drops.append((0, lead))
    trail = len(text.rstrip())
    if trail < len(text):
        drops.append((trail, len(text)))
    drops = _merge([d for d in drops if d[1] > d[0]])
    if not drops:
        return text, mapping
    keep = _keep_segments(text, drops)
    out, new_map, n = [], [], 0
    for s, e in keep:
        out.append(text[s:e])
        new_map.append((n, to_raw(mapping, s)))
        # segment boundaries of the earlier map that fall inside this kept piece
        i = bisect.bisect_right(mapping, (s, float("inf")))
        while i < len(mapping) and mapping[i][0] < e:
            new_map.append((n + mapping[i][0] - s, mapping[i][1]))
            i += 1
        n += e - s
    return "".join(out), new_map


def to_raw(mapping: list[tuple[int, int]], offset: int) -> int:
    """Map an offset of the cleaned text back to the raw text."""
    if not mapping:
        return offset
    i = bisect.bisect_right(mapping, (offset, float("inf"))) - 1
    if i < 0:
        return offset
    clean_start, raw_start = mapping[i]
    return raw_start + (offset - clean_start)


# -- raw document -> article ------------------------------------------------------------------------

_SOURCE_SUFFIXES = (".warc.gz", ".warc", ".jsonl", ".ndjson", ".csv", ".txt", ".text", ".html", ".htm", ".xhtml")
TITLE_CHARS = (10, 160)    # a first paragraph this long without a final full stop reads as a headline


def to_article(doc, taken_ids: set[str]):
    """Clean a raw document and give it a stable id: the one the input gives, else its file name; an
    id already taken gets the first characters of the text's hash."""
    from .ingest import content_hash
    from .model import Article

    text, offsets = clean(doc.text)
    h = content_hash(doc.text)
    base = doc.doc_id or id_from_source(doc.source)
    aid = base if base not in taken_ids else f"{base}-{h[:8]}"
    taken_ids.add(aid)
    return Article(id=aid, source=doc.source, content_hash=h, raw_text=doc.text, text=text, offset_map=offsets,
                   title=doc.title or guess_title(text), url=doc.url, published=doc.published,
                   published_source=doc.published_source)


def id_from_source(source: str) -> str:
    path, _, part = source.partition("#")
    stem = path.rsplit("/", 1)[-1]
    for suffix in _SOURCE_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return f"{stem}-{part}" if part else stem


def guess_title(text: str) -> str | None:
    """A first paragraph that reads as a headline: short, no final full stop."""
    first = text.split("\n", 1)[0].strip()
    if "\n" in text and TITLE_CHARS[0] <= len(first) <= TITLE_CHARS[1] and not first.endswith((".", "\"", "”")):
        return first
    return None
