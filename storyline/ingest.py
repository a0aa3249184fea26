"""Ingest: read files and folders into RawDocument records, reporting every input that is skipped.

Readers never raise for bad input: each yields RawDocument or Skip records, so one broken file or row
cannot stop a run. Supported: .txt (optional " date YYYY-MM-DD" header), .jsonl/.ndjson, .csv,
.html/.htm (trafilatura), .warc/.warc.gz (warcio).
"""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import logging
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .model import RawDocument, Skip
from .time.lang.en import MONTHS
from .time.pubdate import byline_date

log = logging.getLogger(__name__)

HEADER_DATE = re.compile(r"^\s?date\s+(\S+)\s")
# Formats people save articles in that storyline does not read, with what to do instead.
CONVERT_HINTS = {
    ".docx": "a Word document: save it as .txt or .html first",
    ".doc": "a Word document: save it as .txt or .html first",
    ".odt": "an OpenDocument text: save it as .txt or .html first",
    ".rtf": "rich text: save it as .txt first",
    ".pdf": "a PDF: extract its text first (e.g. `pdftotext FILE.pdf`) and build the .txt",
}
TEXT_EXTENSIONS = {".txt", ".text"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
RECORD_EXTENSIONS = {".jsonl", ".ndjson", ".csv"}
WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass
class IngestOptions:
    max_bytes: int = 5_000_000           # one article; larger single-article files are skipped
    # one WARC file, decompressed: a few KB of gzip can expand to gigabytes (a "gzip bomb"), so reading
    # stops here with a Skip for the rest of the file; real archives of news pages stay well below
    max_archive_bytes: int = 200_000_000
    min_chars: int = 40                  # shorter texts carry no story
    fields: dict[str, list[str]] = field(default_factory=lambda: {
        "id": ["id", "doc_id", "article_id"],
        "url": ["url", "link"],
        "title": ["title", "headline"],
        "date": ["date", "published", "published_at", "pubdate", "publish_date"],
        "text": ["text", "body", "content", "article"],
    })


Record = RawDocument | Skip

FIELD_KEYS = ("id", "url", "title", "date", "text")


class InputError(ValueError):
    """Inputs that cannot be read as asked (a path that does not exist, a web address, a bad field
    mapping): raised before anything is read or stored."""


def with_fields(options: IngestOptions, mapping: dict[str, str | list[str]]) -> IngestOptions:
    """`options` with the record fields `mapping` names tried first: {"text": "body", "date": "pub_date"}
    reads a CSV column or JSON key `body` as the text and `pub_date` as the date (the usual names stay
    as fallbacks). InputError for a key storyline does not read."""
    import copy

    opts = copy.deepcopy(options)
    for key, names in mapping.items():
        if key not in FIELD_KEYS:
            raise InputError(f"unknown field {key!r}: storyline reads {', '.join(FIELD_KEYS)}")
        names = [names] if isinstance(names, str) else list(names)
        names = [n.strip().lower() for n in names]
        if not names or not all(names):
            raise InputError(f"field {key!r} needs a column name (--field {key}=NAME)")
        opts.fields[key] = list(dict.fromkeys(names + opts.fields.get(key, [])))
    for key in FIELD_KEYS:
        opts.fields.setdefault(key, [])
    return opts


def parse_field_spec(spec: str) -> tuple[str, str]:
    """"text=body" -> ("text", "body"); InputError for anything else."""
    key, sep, name = spec.partition("=")
    if not sep or not key.strip() or not name.strip():
        raise InputError(f"{spec!r} is not a field mapping: give FIELD=NAME, e.g. text=body or date=pub_date")
    return key.strip().lower(), name.strip()


URL_LIKE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)", re.I)


def check_paths(paths) -> None:
    """InputError for a web address (storyline makes no network access) or a path that does not exist,
    before anything is opened or stored."""
    for p in paths:
        name = os.fsdecode(os.fspath(p)) if not isinstance(p, str) else p
        if URL_LIKE.match(name) and not os.path.exists(name):
            raise InputError(f"{name}: storyline reads files; fetch the page first (e.g. save it as .html)")
        if not os.path.lexists(name):
            raise InputError(f"no such file or folder: {source_name(name)}")


def source_name(path: str | os.PathLike | bytes) -> str:
    """A path as a source string that can be printed and stored: bytes of a file name that are not
    UTF-8 (which Python keeps as lone surrogates, "bad\\udcff.txt") are shown escaped ("bad\\xff.txt")."""
    name = os.fspath(path)
    return name.decode("utf-8", "backslashreplace") if isinstance(name, bytes) else printable(name)


def printable(text: str) -> str:
    """`text` with the undecodable bytes of file names in it (lone surrogates) shown as "\\xff"."""
    try:
        raw = os.fsencode(text)
    except UnicodeEncodeError:      # a surrogate no file system made (e.g. from a JSON escape)
        raw = text.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(value: str) -> str:
    """`value` without lone surrogates (JSON may escape one, "\\ud800"; UTF-8 cannot encode them)."""
    return _LONE_SURROGATE.sub("\ufffd", value)


def content_hash(text: str) -> str:
    """Whitespace-insensitive hash: the same article text ingested twice is stored once."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def parse_date(value) -> str | None:
    """A YYYY-MM-DD string from a date as people write it in a header or a date column; None when it
    is not one. Read: ISO ("2025-05-14", "2025-05-14T09:30Z", "2025/05/14"), month names ("March 7th,
    2024", "Mar. 7 2024", "Thursday, 7 March 2024", "7th of March 2024", "Thu, 07 Mar 2024 10:00 GMT")
    and numbers: "03/11/2024" is month/day (the US order, as spreadsheets export it) unless the first
    number is over 12 ("25/11/2024" is day/month); "11.03.2024" with dots is day.month (the European
    order that writes dots)."""
    if not value or not isinstance(value, str):
        return None
    text = value.strip()
    m = ISO_DATE.match(text)
    if m:
        return _day(m["y"], m["m"], m["d"])
    m = NUMERIC_DATE.match(text)
    if m:
        first, second, year = int(m["a"]), int(m["b"]), m["y"]
        if m["sep"] == "." or first > 12:
            return _day(year, second, first)
        return _day(year, first, second)
    m = MONTH_FIRST.match(text) or DAY_FIRST.match(text)
    if m:
        return _day(m["y"], _month(m["mon"]), m["d"])
    return None


_MONTH_NAMES = [name for name in MONTHS if len(name) > 4 or name == "may"]


def _month(word: str) -> int | None:
    """A month's number from its name or an abbreviation of it ("Mar", "Sept."); None for other words."""
    w = word.lower().rstrip(".")
    if w in MONTHS:
        return MONTHS[w]
    full = [MONTHS[n] for n in _MONTH_NAMES if len(w) >= 3 and n.startswith(w)]
    return full[0] if full else None


def _day(year, month, day) -> str | None:
    if month is None:
        return None
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME_TAIL = r"(?:(?:\s*,|\s+at|\s*\||\s+-)?\s*\d{1,2}[:.]\d\d(?::\d\d)?(?:\s*[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?|\s*[+-]\d{2}:?\d{2})?)?\s*$"
_ORDINAL = r"(?:st|nd|rd|th)?"
ISO_DATE = re.compile(r"^(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?:$|[T\s])")
NUMERIC_DATE = re.compile(r"^(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})" + _TIME_TAIL, re.I)
MONTH_FIRST = re.compile(r"^" + _WEEKDAY + r"(?P<mon>[a-z]{3,9}\.?)\s+(?P<d>\d{1,2})" + _ORDINAL + r",?\s+(?P<y>\d{4})"
                         + _TIME_TAIL, re.I)
DAY_FIRST = re.compile(r"^" + _WEEKDAY + r"(?P<d>\d{1,2})" + _ORDINAL + r"(?:\s+of)?\s+(?P<mon>[a-z]{3,9}\.?),?\s+(?P<y>\d{4})"
                       + _TIME_TAIL, re.I)


def iter_paths(paths: list[str | os.PathLike]) -> Iterator[Path | Skip]:
    """Files under the given paths (recursive, sorted), or Skip records for what cannot be listed."""
    for p in map(Path, paths):
        if not p.exists():
            yield Skip(source_name(p), "path does not exist")
        elif p.is_dir():
            errors: list[OSError] = []
            for root, dirs, files in os.walk(p, onerror=errors.append):
                dirs.sort()
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
            for err in errors:
                yield Skip(source_name(err.filename or p), f"cannot read folder: {err.strerror}")
        else:
            yield p


def read_paths(paths, options: IngestOptions | None = None) -> Iterator[Record]:
    opts = options or IngestOptions()
    for item in iter_paths(paths):
        if isinstance(item, Skip):
            yield _short(item)
            continue
        try:
            for rec in read_file(item, opts):
                yield _short(rec) if isinstance(rec, Skip) else rec
        except Exception as exc:  # a reader bug must not end the run: report it as a skip
            log.exception("reader failed on %s", source_name(item))
            yield _short(Skip(source_name(item), f"unreadable: {type(exc).__name__}: {exc}"))


MAX_REASON_CHARS = 200   # a reason is one line of a report; an exception message can run to megabytes


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _short(skip: Skip) -> Skip:
    """The skip with a printable one-line reason of at most MAX_REASON_CHARS characters."""
    reason = printable(skip.reason[:MAX_REASON_CHARS * 2])
    reason = _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", reason)
    if len(reason) > MAX_REASON_CHARS:
        reason = reason[:MAX_REASON_CHARS - 1] + "…"
    skip.reason = reason
    return skip


def read_file(path: Path, opts: IngestOptions) -> Iterator[Record]:
    name = path.name.lower()
    suffix = path.suffix.lower()
    src = source_name(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield Skip(src, f"cannot stat: {exc.strerror}")
        return
    if size == 0:
        yield Skip(src, "empty file")
        return
    if name.endswith(WARC_SUFFIXES):
        yield from read_warc(path, opts)
    elif suffix in RECORD_EXTENSIONS:
        yield from (read_jsonl if suffix != ".csv" else read_csv)(path, opts)
    elif suffix in TEXT_EXTENSIONS or suffix in HTML_EXTENSIONS:
        if size > opts.max_bytes:
            yield Skip(src, f"too large for one article ({size / 1e6:.1f} MB > {opts.max_bytes / 1e6:.1f} MB)")
            return
        data = _read_bytes(path)
        if isinstance(data, Skip):
            yield data
            return
        is_html = suffix in HTML_EXTENSIONS
        text = decode(data, src, declared_charset(data) if is_html else None)
        if isinstance(text, Skip):
            yield text
            return
        doc = html_document(text, src) if is_html else text_document(text, src)
        if isinstance(doc, RawDocument) and isinstance(text, Decoded):
            doc.warnings.append(text.warning)
        yield _checked(doc, opts)
    elif suffix in CONVERT_HINTS:
        yield Skip(src, f"not read: {CONVERT_HINTS[suffix]}")
    else:
        yield Skip(src, f"unsupported file type '{suffix or name}'")


def _read_bytes(path: Path) -> bytes | Skip:
    try:
        return path.read_bytes()
    except OSError as exc:
        return Skip(source_name(path), f"cannot read: {exc.strerror}")


class Decoded(str):
    """Text decoded with a fallback; `warning` says how, for the run's report."""

    def __new__(cls, text: str, warning: str):
        obj = super().__new__(cls, text)
        obj.warning = warning
        return obj


# What a share of bad bytes still counts as text with a few stray bytes, rather than another encoding.
STRAY_BYTES = (8, 200)      # at most max(8, 1 in 200 bytes)


def decode(data: bytes, source: str, declared: str | None = None) -> str | Skip:
    """Text from bytes, or a Skip for binary or undecodable content.

    A declared charset (an HTML page's meta charset or http-equiv, a response's Content-Type) is
    honoured; bytes it cannot decode are replaced one by one, so one bad byte costs one character.
    Undeclared bytes are read as UTF-8: a few stray bytes in otherwise valid UTF-8 are replaced where
    they stand; text with no UTF-8 sequences at all and a few high bytes (an old Latin-1 dump) is read
    as cp1252; anything with NUL bytes or mostly non-text bytes is binary. Each fallback is a warning.
    """
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Skip(source, "binary file (contains NUL bytes)")
    codec = _codec(declared)
    if codec and codec != "utf-8" and not _valid_utf8_beyond_ascii(data):
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd") - data.decode(codec, errors="ignore").count("\ufffd")
        if bad:
            log.warning("%s: %d bytes not valid %s, replaced", source, bad, declared)
            return Decoded(text, f"{bad} bytes not valid in the declared charset {declared}; replaced")
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if bad > max(STRAY_BYTES[0], len(data) // STRAY_BYTES[1]):
        return Skip(source, "invalid UTF-8 (not text in a known encoding; an HTML page may declare its charset)")
    if any(ord(c) > 0x7F and c != "\ufffd" for c in replaced):
        # real UTF-8 around the bad bytes: keep it, lose only those bytes
        log.warning("%s: %d invalid UTF-8 bytes replaced", source, bad)
        return Decoded(replaced.lstrip("\ufeff"), f"{bad} invalid UTF-8 bytes replaced")
    log.warning("%s: invalid UTF-8 bytes, decoded as cp1252", source)
    return Decoded(data.decode("cp1252", errors="replace"), "invalid UTF-8 bytes; decoded as cp1252")


def _valid_utf8_beyond_ascii(data: bytes) -> bool:
    """Bytes that are valid UTF-8 with non-ASCII characters in them: UTF-8, whatever a page declares
    (a CMS that copies an old template's charset is common; such sequences are rare by accident)."""
    try:
        return not data.isascii() and bool(data.decode("utf-8"))
    except UnicodeDecodeError:
        return False


# Labels pages declare, read the way browsers read them (the WHATWG Encoding Standard): Latin-1 and
# ASCII mean windows-1252, GB2312 and GBK mean their superset GB18030, and so on.
CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                   "ascii": "cp1252", "iso8859-1": "cp1252", "gb2312": "gb18030", "gbk": "gb18030",
                   "x-gbk": "gb18030", "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "shift_jis": "cp932",
                   "sjis": "cp932", "windows-31j": "cp932", "iso-8859-9": "cp1254", "tis-620": "cp874",
                   "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8"}


def _codec(label: str | None) -> str | None:
    """Python's codec for a declared charset label, or None when there is none or it is unknown."""
    import codecs

    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    name = CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(name).name if codecs.lookup(name).name != "utf-8-sig" else "utf-8"
    except LookupError:
        return None


META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]{2,40})""", re.I)
CONTENT_TYPE_CHARSET = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_:.+-]{2,40})", re.I)
CHARSET_SNIFF_BYTES = 4096      # browsers look for the meta charset in the first 1024 bytes; pages put it late


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset a page declares: a byte-order mark, else the response's Content-Type, else the
    page's own <meta charset> or http-equiv Content-Type (in its first bytes)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if content_type:
        m = CONTENT_TYPE_CHARSET.search(content_type)
        if m and _codec(m[1]):
            return m[1]
    m = META_CHARSET.search(data[:CHARSET_SNIFF_BYTES])
    if m and _codec(m[1].decode("ascii")):
        return m[1].decode("ascii")
    return None


def _checked(doc: RawDocument | Skip, opts: IngestOptions) -> Record:
    if isinstance(doc, Skip):
        return doc
    if len(doc.text.strip()) < opts.min_chars:
        return Skip(doc.source, f"no article text (fewer than {opts.min_chars} characters)")
    control = sum(1 for c in doc.text[:20000] if ord(c) < 32 and c not in "\n\r\t")
    if control > len(doc.text[:20000]) // 100:
        return Skip(doc.source, "binary or corrupt content (control characters)")
    return doc


# A header block at the very top of a text file, one "Key: value" line each, as saved by note tools,
# email and export scripts ("Title: ...", "Date: March 7th, 2024"); it ends at the first other line.
HEADER_LINE = re.compile(r"^[ \t]*(?P<key>title|headline|date|published|url|link|source|author|by)[ \t]*:[ \t]*"
                         r"(?P<value>[^\n]*?)[ \t]*(?:\n|$)", re.I | re.M)
# A labelled date line near the top, under a headline ("Date: 14 May 2025"): the page's date, as a
# line holding only a date is (time.pubdate.byline_date).
LABELLED_DATE = re.compile(r"^[ \t]*(?:date|published|posted)[ \t]*:[ \t]*(?P<value>[^\n]{6,60}?)[ \t]*$", re.I | re.M)
LABELLED_DATE_LINES = 12
HEADER_FIELDS = {"title": "title", "headline": "title", "date": "date", "published": "date", "url": "url",
                 "link": "url"}        # source, author and by are read past (not stored)


def text_document(text: str, source: str) -> RawDocument | Skip:
    """A plain-text article: an optional " date YYYY-MM-DD" prefix or a "Key: value" header block
    (Title, Date, URL, ...), then the text. A header date that cannot be read is reported, not dropped
    silently."""
    published, warnings, found = None, [], {}
    m = HEADER_DATE.match(text)
    if m:
        published = parse_date(m[1])
        if published is None:
            warnings.append(f"header date {m[1]!r} not understood; ignored")
        text = text[m.end():]
    else:
        text, found = _header_block(text)
        if "date" in found:
            published = parse_date(found["date"])
            if published is None:
                warnings.append(f"header date {found['date']!r} not understood; ignored")
    for w in warnings:
        log.warning("%s: %s", source, w)
    source_kind = "header" if published else None
    if published is None:
        published = byline_date(text) or _labelled_date(text)
        source_kind = "metadata" if published else None
    return RawDocument(source=source, text=text, published=published, published_source=source_kind,
                       title=found.get("title") or None, url=found.get("url") or None, warnings=warnings)


def _labelled_date(text: str) -> str | None:
    head = "\n".join(text.splitlines()[:LABELLED_DATE_LINES])
    for m in LABELLED_DATE.finditer(head):
        day = parse_date(m["value"])
        if day:
            return day
    return None


def _header_block(text: str) -> tuple[str, dict[str, str]]:
    """(text after the header block, its fields): only when its first line is a header line."""
    found, pos = {}, 0
    while True:
        m = HEADER_LINE.match(text, pos)
        if not m:
            break
        key = HEADER_FIELDS.get(m["key"].lower())
        if key:
            found.setdefault(key, m["value"])
        pos = m.end()
    if not pos:
        return text, {}
    return text[pos:].lstrip("\n"), found


# A page with less main text than this is kept, but it is probably not an article (a paywall, a
# consent wall, a listing or a video page): the build report says so.
NEAR_EMPTY_CHARS = 300


def html_document(html: str, source: str, url: str | None = None) -> RawDocument | Skip:
    """Main text and metadata of an HTML page. Scripts, styles and navigation never reach the text."""
    import trafilatura  # imported here: slow to import and only needed for HTML

    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                             include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura can fail on hostile markup
        return Skip(source, f"HTML could not be parsed: {type(exc).__name__}")
    if result is None:
        return Skip(source, "no article text found in HTML")
    get = result.get if isinstance(result, dict) else lambda k: getattr(result, k, None)
    text = get("text") or ""
    if not text.strip():
        return Skip(source, "no article text found in HTML")
    published = parse_date(get("date"))
    doc = RawDocument(source=source, text=text, title=page_title(html) or get("title"), url=url or get("url"),
                      published=published, published_source="metadata" if published else None)
    chars = len(text.strip())
    if chars < NEAR_EMPTY_CHARS:
        doc.warnings.append(f"near-empty page: only {chars} characters of text (a paywall, consent page or listing?)")
    return doc


TITLE_SEPARATORS = re.compile(r"\s+[|–—:·•-]\s+")
TITLE_CHARS = 200


def page_title(html: str) -> str | None:
    """The page's headline: og:title, else twitter:title, else <title>, else its first <h1>, with the
    site's name cut from either end. A candidate that is only the site's or the CMS's name (the
    generator or application name, og:site_name) is no title."""
    try:
        import lxml.html

        root = lxml.html.document_fromstring(html[:500_000])
    except Exception:    # lxml refuses some hostile or empty markup: trafilatura's title stands
        return None

    def meta(*keys) -> list[str]:
        found = []
        for el in root.iter("meta"):
            key = (el.get("property") or el.get("name") or "").strip().lower()
            if key in keys and (el.get("content") or "").strip():
                found.append(" ".join(el.get("content").split()))
        return found

    site_names = {n.lower() for n in meta("og:site_name", "application-name", "generator", "twitter:site")}
    site_names |= {n.split()[0].lower() for n in meta("generator") if n.split()}       # "Escenic 5.6" -> escenic
    titles = [el.text_content() for el in root.iter("title")][:1]
    heads = [el.text_content() for el in root.iter("h1")][:1]
    for candidate in meta("og:title") + meta("twitter:title") + titles + heads:
        title = _strip_site(" ".join(candidate.split()), site_names)
        if title and title.lower().lstrip("@") not in site_names and len(title) >= 4:
            return title[:TITLE_CHARS]
    return None


def _strip_site(title: str, site_names: set[str]) -> str:
    """"Dockers walk out | Harbour Gazette" -> "Dockers walk out" when Harbour Gazette names the site."""
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    seps = TITLE_SEPARATORS.findall(title)
    if parts[-1].lower() in site_names:
        return title[: len(title) - len(parts[-1]) - len(seps[-1])]
    if parts[0].lower() in site_names:
        return title[len(parts[0]) + len(seps[0]):]
    return title


def _field(row: dict, names: list[str]):
    for n in names:
        if n in row and row[n] not in (None, ""):
            return storable(row[n]) if isinstance(row[n], str) else row[n]
    return None


def record_document(row: dict, source: str, opts: IngestOptions) -> Record:
    text = _field(row, opts.fields["text"])
    if not isinstance(text, str) or not text.strip():
        return Skip(source, f"record has no text field (looked for {', '.join(opts.fields['text'])}; "
                            f"map another with --field text=NAME)")
    doc = text_document(text, source)
    date_value = _field(row, opts.fields["date"])
    published = parse_date(date_value if isinstance(date_value, str) else None)
    if published:
        doc.published, doc.published_source = published, "metadata"
    elif date_value:
        log.warning("%s: malformed date %r ignored", source, date_value)
        doc.warnings.append(f"date {str(date_value)[:40]!r} not understood; ignored")
    for attr in ("title", "url"):
        value = _field(row, opts.fields[attr])
        setattr(doc, attr, str(value) if value is not None else None)
    doc_id = _field(row, opts.fields["id"])
    doc.doc_id = str(doc_id) if doc_id is not None else None
    return _checked(doc, opts)


def read_jsonl(path: Path, opts: IngestOptions) -> Iterator[Record]:
    base = source_name(path)
    with open(path, "rb") as fh:
        for n, line in enumerate(fh, 1):
            src = f"{base}#line{n}"
            if not line.strip():
                continue
            if len(line) > opts.max_bytes:
                yield Skip(src, "record too large")
                continue
            try:
                row = json.loads(line.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield Skip(src, f"malformed JSON line: {exc}")
                continue
            if not isinstance(row, dict):
                yield Skip(src, "JSON line is not an object")
                continue
            yield record_document(row, src, opts)


CSV_DELIMITERS = ",;\t|"     # comma; semicolon (spreadsheets where the comma is the decimal mark); tab; pipe


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV: the candidate its header line holds most often (a header names columns,
    so it rarely holds quoted commas), a comma when none."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    counts = {d: header.count(d) for d in CSV_DELIMITERS}
    best = max(CSV_DELIMITERS, key=lambda d: counts[d])     # ties: the earlier, so the comma
    return best if counts[best] else ","


def read_csv(path: Path, opts: IngestOptions) -> Iterator[Record]:
    base = source_name(path)
    data = _read_bytes(path)
    if isinstance(data, Skip):
        yield data
        return
    text = decode(data, base)
    if isinstance(text, Skip):
        yield text
        return
    csv.field_size_limit(opts.max_bytes)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        yield Skip(base, f"CSV has no readable header: {exc}")
        return
    header = [h.strip().lower().lstrip("\ufeff") for h in header]
    if not set(header) & set(opts.fields["text"]):
        yield Skip(base, f"CSV has no text column (looked for {', '.join(opts.fields['text'])}; it has "
                         f"{', '.join(header[:12])}); map one with --field text=COLUMN")
        return
    n = 1
    while True:
        n += 1
        src = f"{base}#row{n}"
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Skip(src, f"malformed CSV row: {exc}")
            continue
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            yield Skip(src, f"malformed CSV row: {len(cells)} fields, header has {len(header)}")
            continue
        yield record_document(dict(zip(header, cells)), src, opts)


def read_warc(path: Path, opts: IngestOptions) -> Iterator[Record]:
    """HTML responses of a WARC archive, one article each.

    At most `opts.max_archive_bytes` are decompressed per file and `opts.max_bytes` read per record; a
    record that fails is skipped alone, and only an archive that cannot be read on is skipped for the rest."""
    from warcio.exceptions import ArchiveLoadFailed

    base = source_name(path)
    n = 0
    try:
        with _open_archive(path, opts.max_archive_bytes) as fh:
            for record in _archive_records(fh):
                if record.rec_type == "response":
                    n += 1
                    yield _warc_response(record, f"{base}#{n}", opts)
    except _ArchiveCapReached:
        yield Skip(base, f"rest of archive skipped after {n} records: more than "
                         f"{opts.max_archive_bytes / 1e6:.0f} MB decompressed (max_archive_bytes)")
    except _ArchiveTruncated:
        yield Skip(base, f"archive ends mid-way (truncated) after {n} records")
    except (ArchiveLoadFailed, OSError, ValueError, EOFError, zlib.error) as exc:
        yield Skip(base, f"unreadable WARC after {n} records: {type(exc).__name__}: {exc}")


def _warc_response(record, src: str, opts: IngestOptions) -> Record:
    """One response record as an article, or a Skip saying why not; never raises for its content."""
    ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
    if "html" not in ctype.lower():
        return Skip(src, f"not an HTML response ({ctype or 'no content type'})")
    try:
        body = record.content_stream().read(opts.max_bytes + 1)
    except _ArchiveStop:
        raise
    except Exception as exc:   # a broken chunked or compressed body: this record only
        return Skip(src, f"unreadable response body: {type(exc).__name__}: {exc}")
    if len(body) > opts.max_bytes:
        return Skip(src, "response too large")
    html = decode(body, src, declared_charset(body, ctype))
    if isinstance(html, Skip):
        return html
    doc = html_document(html, src, url=record.rec_headers.get_header("WARC-Target-URI"))
    if isinstance(doc, RawDocument):
        doc.doc_id = None
        if isinstance(html, Decoded):
            doc.warnings.append(html.warning)
    return _checked(doc, opts)


GZIP_MAGIC = b"\x1f\x8b"
MAX_HEADER_LINE = 16_384   # bytes: WARC and HTTP header lines are short (servers cap them near 8 KB);
                           # unbounded, warcio would join a line of garbage block by block (quadratic time)


class _ArchiveStop(Exception):
    """The archive cannot be read on: the rest of the file is skipped."""


class _ArchiveCapReached(_ArchiveStop):
    """More than max_archive_bytes were decompressed from one archive."""


class _ArchiveTruncated(_ArchiveStop):
    """The compressed data ends mid-way (warcio would take the EOFError for the archive's end)."""


class _CappedReader(io.RawIOBase):
    """A binary stream that raises _ArchiveCapReached once more than `cap` bytes were read from it."""

    def __init__(self, raw, cap: int):
        super().__init__()
        self.raw, self.cap, self.count = raw, cap, 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        room = self.cap - self.count + 1          # one byte more than allowed tells the cap was passed
        try:
            data = self.raw.read1(room if n is None or n < 0 else min(n, room))   # what is there: a cut file keeps its start
        except EOFError as exc:
            raise _ArchiveTruncated(str(exc)) from exc
        self.count += len(data)
        if self.count > self.cap:
            raise _ArchiveCapReached()
        return data

    def tell(self) -> int:
        return self.count

    def close(self) -> None:
        self.raw.close()
        super().close()


def _open_archive(path: Path, cap: int) -> _CappedReader:
    """The archive's bytes, decompressed here (gzip, by its magic bytes, whatever the name) and capped."""
    with open(path, "rb") as probe:
        gzipped = probe.read(2) == GZIP_MAGIC
    raw = gzip.open(path, "rb") if gzipped else open(path, "rb")
    return _CappedReader(raw, cap)


def _archive_records(fh):
    """warcio's records of an already decompressed stream, header lines bounded to MAX_HEADER_LINE."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import DecompressingBufferedReader

    class LineBoundedReader(DecompressingBufferedReader):
        def readline(self, length=None):
            return super().readline(min(length or MAX_HEADER_LINE, MAX_HEADER_LINE))

    records = ArchiveIterator(fh)
    records.reader = LineBoundedReader(fh, decomp_type=None)   # the stream is decompressed already
    return records
