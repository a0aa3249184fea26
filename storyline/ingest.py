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
from .time.pubdate import byline_date

log = logging.getLogger(__name__)

HEADER_DATE = re.compile(r"^\s?date\s+(\S+)\s")
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
    """A YYYY-MM-DD string from an ISO-like date or datetime; None when malformed."""
    if not value or not isinstance(value, str):
        return None
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


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
        text = decode(data, src)
        if isinstance(text, Skip):
            yield text
            return
        doc = html_document(text, src) if suffix in HTML_EXTENSIONS else text_document(text, src)
        if isinstance(doc, RawDocument) and isinstance(text, Decoded):
            doc.warnings.append(text.warning)
        yield _checked(doc, opts)
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


def decode(data: bytes, source: str) -> str | Skip:
    """UTF-8 text, or a Skip for binary or undecodable content.

    A file with a handful of stray Latin-1 bytes (common in old news dumps) is decoded as cp1252 and
    kept, with a warning logged; anything with NUL bytes or mostly non-text bytes is binary.
    """
    if b"\x00" in data[:8192]:
        return Skip(source, "binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    bad = len(data.decode("utf-8", errors="replace").encode("utf-8")) - len(data)
    if bad > max(8, len(data) // 200):
        return Skip(source, "invalid UTF-8 (not text in a known encoding)")
    log.warning("%s: invalid UTF-8 bytes, decoded as cp1252", source)
    return Decoded(data.decode("cp1252", errors="replace"), "invalid UTF-8 bytes; decoded as cp1252")


def _checked(doc: RawDocument | Skip, opts: IngestOptions) -> Record:
    if isinstance(doc, Skip):
        return doc
    if len(doc.text.strip()) < opts.min_chars:
        return Skip(doc.source, f"no article text (fewer than {opts.min_chars} characters)")
    control = sum(1 for c in doc.text[:20000] if ord(c) < 32 and c not in "\n\r\t")
    if control > len(doc.text[:20000]) // 100:
        return Skip(doc.source, "binary or corrupt content (control characters)")
    return doc


def text_document(text: str, source: str) -> RawDocument | Skip:
    """A plain-text article: an optional " date YYYY-MM-DD" header, then the text."""
    published = None
    m = HEADER_DATE.match(text)
    if m:
        published = parse_date(m[1])
        if published is None:
            log.warning("%s: malformed header date %r ignored", source, m[1])
        text = text[m.end():]
    source_kind = "header" if published else None
    if published is None:
        published = byline_date(text)
        source_kind = "metadata" if published else None
    return RawDocument(source=source, text=text, published=published, published_source=source_kind)


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
    return RawDocument(source=source, text=text, title=get("title"), url=url or get("url"),
                       published=published, published_source="metadata" if published else None)


def _field(row: dict, names: list[str]):
    for n in names:
        if n in row and row[n] not in (None, ""):
            return storable(row[n]) if isinstance(row[n], str) else row[n]
    return None


def record_document(row: dict, source: str, opts: IngestOptions) -> Record:
    text = _field(row, opts.fields["text"])
    if not isinstance(text, str) or not text.strip():
        return Skip(source, "record has no text field")
    doc = text_document(text, source)
    date_value = _field(row, opts.fields["date"])
    published = parse_date(date_value if isinstance(date_value, str) else None)
    if published:
        doc.published, doc.published_source = published, "metadata"
    elif date_value:
        log.warning("%s: malformed date %r ignored", source, date_value)
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
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        yield Skip(base, f"CSV has no readable header: {exc}")
        return
    header = [h.strip().lower() for h in header]
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
    html = decode(body, src)
    if isinstance(html, Skip):
        return html
    doc = html_document(html, src, url=record.rec_headers.get_header("WARC-Target-URI"))
    if isinstance(doc, RawDocument):
        doc.doc_id = None
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
