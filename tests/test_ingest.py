import json

from storyline.ingest import IngestOptions, read_paths
from storyline.model import RawDocument, Skip

from .conftest import write


def _read(*paths, **opts):
    recs = list(read_paths(list(paths), IngestOptions(**opts)))
    return [r for r in recs if isinstance(r, RawDocument)], [r for r in recs if isinstance(r, Skip)]


def test_txt_header_date_and_undated(tmp_path):
    write(tmp_path / "a.txt", " date 2025-06-01 Dockers walked out at dawn as the wage dispute deepened in the port.")
    write(tmp_path / "b.txt", "Dockers walked out at dawn as the wage dispute deepened, the union said on Friday.")
    docs, skips = _read(tmp_path)
    assert not skips
    a, b = sorted(docs, key=lambda d: d.source)
    assert (a.published, a.published_source) == ("2025-06-01", "header")
    assert a.text.startswith("Dockers")
    assert b.published is None and b.published_source is None


def test_malformed_header_date_is_ignored_not_fatal(tmp_path):
    write(tmp_path / "a.txt", " date 2025-13-45 Dockers walked out at dawn as the wage dispute deepened in the port.")
    # control: the same header with a real date dates the article
    write(tmp_path / "b.txt", " date 2025-12-15 Dockers walked out at dawn as the wage dispute deepened in the port.")
    docs, skips = _read(tmp_path)
    a, b = sorted(docs, key=lambda d: d.source)
    assert a.published is None and a.text.startswith("Dockers")
    assert (b.published, b.published_source) == ("2025-12-15", "header") and b.text.startswith("Dockers")


def test_jsonl_fields_and_bad_lines(tmp_path):
    good = {"id": "x1", "url": "http://example.org/1", "title": "T", "published": "2025-02-03T10:00:00Z",
            "text": "The ferry company announced new routes to the northern islands on Monday."}
    write(tmp_path / "a.jsonl", json.dumps(good) + "\n{not json\n" + json.dumps({"id": "x2"}) + "\n[1,2]\n")
    docs, skips = _read(tmp_path)
    assert [d.doc_id for d in docs] == ["x1"]
    assert docs[0].published == "2025-02-03" and docs[0].published_source == "metadata"
    reasons = " ".join(s.reason for s in skips)
    assert "malformed JSON" in reasons and "no text" in reasons and "not an object" in reasons
    assert all("#line" in s.source for s in skips)


def test_csv_rows_and_configurable_fields(tmp_path):
    write(tmp_path / "a.csv", 'doc,when,body\n1,2025-01-02,"The mayor cut the ribbon on the new bridge on Thursday."\n2,oops\n')
    opts = IngestOptions()
    opts.fields["id"] = ["doc"]
    opts.fields["date"] = ["when"]
    opts.fields["text"] = ["body"]
    recs = list(read_paths([tmp_path], opts))
    docs = [r for r in recs if isinstance(r, RawDocument)]
    skips = [r for r in recs if isinstance(r, Skip)]
    assert [(d.doc_id, d.published) for d in docs] == [("1", "2025-01-02")]
    assert len(skips) == 1 and "malformed CSV row" in skips[0].reason and skips[0].source.endswith("#row3")


def test_html_main_text_without_scripts(tmp_path):
    body = "<p>" + "The harbour board approved the dredging plan after a long debate on Tuesday evening. " * 4 + "</p>"
    html = ("<html><head><title>Board approves dredging</title>"
            "<meta property='article:published_time' content='2025-04-02'>"
            "<script>var SECRET_SCRIPT_MARKER = 1;</script></head>"
            f"<body><nav>Home | World</nav><article><h1>Board approves dredging</h1>{body}</article>"
            "<script>document.write('SECRET_SCRIPT_MARKER')</script></body></html>")
    write(tmp_path / "a.html", html)
    docs, skips = _read(tmp_path)
    assert not skips
    assert "dredging plan" in docs[0].text and "SECRET_SCRIPT_MARKER" not in docs[0].text
    assert docs[0].published == "2025-04-02"


def test_unknown_extension_empty_and_binary(tmp_path):
    write(tmp_path / "a.xyz", "whatever text is here, it is not a supported type at all")
    write(tmp_path / "b.txt", "")
    write(tmp_path / "c.txt", b"\x00\x01\x02binary\x00" * 100)
    write(tmp_path / "d.txt", "The ferry sailed on time, the harbour master said.")      # control: a good one
    docs, skips = _read(tmp_path)
    assert [d.source.rsplit("/", 1)[-1] for d in docs] == ["d.txt"]
    reasons = {s.source.rsplit("/", 1)[-1]: s.reason for s in skips}
    assert "unsupported" in reasons["a.xyz"] and "empty" in reasons["b.txt"] and "binary" in reasons["c.txt"]


def test_stray_latin1_byte_is_kept_with_warning(tmp_path):
    write(tmp_path / "a.txt", "The club paid \xa35m for the striker, its chairman said on Monday.".encode("latin-1"))
    docs, skips = _read(tmp_path)
    assert "£5m" in docs[0].text and docs[0].warnings


def test_mostly_invalid_utf8_is_skipped(tmp_path):
    write(tmp_path / "a.txt", bytes(range(128, 256)) * 50)
    write(tmp_path / "b.txt", "The ferry sailed on time, the harbour master said.".encode())   # control
    docs, skips = _read(tmp_path)
    assert [d.source.rsplit("/", 1)[-1] for d in docs] == ["b.txt"]
    assert len(skips) == 1 and "UTF-8" in skips[0].reason


def test_too_large_is_skipped_without_reading(tmp_path):
    write(tmp_path / "big.txt", "word " * 300_000)
    write(tmp_path / "small.txt", "The ferry sailed on time, the harbour master said.")       # control
    docs, skips = _read(tmp_path, max_bytes=1_000_000)
    assert [d.source.rsplit("/", 1)[-1] for d in docs] == ["small.txt"]
    assert len(skips) == 1 and "too large" in skips[0].reason


def test_missing_path(tmp_path):
    docs, skips = _read(tmp_path / "nope")
    assert "does not exist" in skips[0].reason


def test_date_line_near_the_top_dates_the_article(tmp_path):
    write(tmp_path / "a.txt", "PORT NEWS\n\nDockers walk out\n\nJun 3, 2025, 5:30 PM\nDockers walked out at dawn as the wage "
                              "dispute deepened in the port on Tuesday.\nUpdated: 4 June 2025 09:10 GMT")
    write(tmp_path / "b.txt", "Dockers walked out at dawn on June 3, 2025, as the wage dispute deepened in the port.")
    docs, _ = _read(tmp_path)
    a, b = sorted(docs, key=lambda d: d.source)
    assert (a.published, a.published_source) == ("2025-06-03", "metadata")
    assert b.published is None          # a date inside a sentence is a reference, not the page's date
