"""Inputs in the forms people have them: written header dates, "Key: value" headers, CSVs with other
column names or delimiters, pages in legacy charsets, page titles, near-empty pages and formats that
are not read. All articles are fictional."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import storyline
from storyline.cli import main
from storyline.ingest import (IngestOptions, InputError, check_paths, declared_charset, decode, page_title,
                              parse_date, parse_field_spec, read_paths, sniff_delimiter, text_document,
                              with_fields)
from storyline.model import RawDocument, Skip

from .conftest import write

BODY = ("Ferry crews in Port Halden walked out on Thursday after talks on rosters collapsed, the crew union "
        "said. The harbour board said it would meet union officials next week to discuss the dispute.")


def _read(path, **opts):
    recs = list(read_paths([path], IngestOptions(**opts)))
    return [r for r in recs if isinstance(r, RawDocument)], [r for r in recs if isinstance(r, Skip)]


# -- dates as people write them ----------------------------------------------------------------------

@pytest.mark.parametrize("written, day", [
    ("2025-05-14", "2025-05-14"),
    ("2025-05-14T09:30:00Z", "2025-05-14"),
    ("2025/05/14", "2025-05-14"),
    ("March 7th, 2024", "2024-03-07"),
    ("Mar. 7 2024", "2024-03-07"),
    ("Sept. 3, 2024", "2024-09-03"),
    ("Thursday, 7 March 2024", "2024-03-07"),
    ("7 March 2024", "2024-03-07"),
    ("7th of March 2024", "2024-03-07"),
    ("Thu, 07 Mar 2024 10:00:00 GMT", "2024-03-07"),
    ("May 5, 2025, 5:30 PM", "2025-05-05"),
    ("03/11/2024", "2024-03-11"),          # month/day: the US order
    ("25/11/2024", "2024-11-25"),          # a first number over 12 can only be the day
    ("11.03.2024", "2024-03-11"),          # dots: day.month
])
def test_written_dates_are_read(written, day):
    assert parse_date(written) == day


@pytest.mark.parametrize("not_a_date", ["someday soon", "31/02/2024", "13/13/2024", "Marchy 3, 2024",
                                        "March 2024", "2024", "", None, "7 March"])
def test_things_that_are_not_a_day_are_not_read(not_a_date):
    assert parse_date(not_a_date) is None


def test_header_block_gives_title_and_date_and_leaves_the_text():
    doc = text_document(f"Title: Ferry crews walk out\nDate: March 7th, 2024\nAuthor: A. Writer\n\n{BODY}", "x.txt")
    assert (doc.title, doc.published, doc.published_source) == ("Ferry crews walk out", "2024-03-07", "header")
    assert doc.text == BODY and not doc.warnings


def test_labelled_date_under_a_headline_dates_the_article():
    doc = text_document(f"Ferry crews walk out\nDate: 03/11/2024\n\n{BODY}", "x.txt")
    assert (doc.published, doc.published_source) == ("2024-03-11", "metadata")
    assert text_document(f"Ferry crews walk out\n\n{BODY}", "y.txt").published is None      # control


def test_an_unreadable_header_date_is_a_warning_in_the_report(tmp_path):
    write(tmp_path / "in" / "a.txt", f"Date: the other day\n\n{BODY}")
    write(tmp_path / "in" / "b.txt", f" date 2025-99-99 {BODY}")
    write(tmp_path / "in" / "c.txt", f"Date: 7 March 2024\n\n{BODY.replace('Thursday', 'Friday')}")   # control
    report = storyline.build([tmp_path / "in"], db=str(tmp_path / "s.db"))
    warned = {src.rsplit("/", 1)[-1]: w for src, w in report.warnings}
    assert "not understood" in warned["a.txt"] and "not understood" in warned["b.txt"]
    assert "c.txt" not in warned
    with storyline.open(str(tmp_path / "s.db")) as s:
        dates = {a["id"]: a["published_source"] for a in s.articles()}
    assert dates["c"] == "header" and dates["a"] != "header"


def test_csv_date_column_in_a_written_form(tmp_path):
    write(tmp_path / "a.csv", f'id,date,text\nr1,"March 7th, 2024","{BODY}"\nr2,someday,"{BODY.replace("Thursday", "Monday")}"\n')
    docs, _ = _read(tmp_path / "a.csv")
    by = {d.doc_id: d for d in docs}
    assert by["r1"].published == "2024-03-07" and by["r2"].published is None
    assert by["r2"].warnings and not by["r1"].warnings


# -- CSV and JSONL field names -------------------------------------------------------------------------

def test_semicolon_and_tab_csvs_are_read(tmp_path):
    write(tmp_path / "semi.csv", f'id;date;text\ns1;2025-05-14;"{BODY}"\n')
    write(tmp_path / "tab.csv", f'id\tdate\ttext\nt1\t2025-05-14\t"{BODY.replace("Thursday", "Friday")}"\n')
    docs, skips = _read(tmp_path)
    assert sorted(d.doc_id for d in docs) == ["s1", "t1"] and not skips
    assert all(d.published == "2025-05-14" for d in docs)


def test_delimiter_is_read_off_the_header():
    assert sniff_delimiter("a;b;c\n1,5;2,5;x, y\n") == ";"
    assert sniff_delimiter('id,text\n1,"one; two; three"\n') == ","
    assert sniff_delimiter("text\nno delimiter at all\n") == ","


def test_field_mapping_reads_other_column_names(tmp_path):
    write(tmp_path / "sheet.csv", f'Ref;Headline;Pub_Date;Story Body\nk1;Crews walk out;03/11/2024;"{BODY}"\n')
    _, skips = _read(tmp_path / "sheet.csv")
    assert len(skips) == 1 and "no text column" in skips[0].reason and "--field" in skips[0].reason   # unmapped
    opts = with_fields(IngestOptions(), {"text": "story body", "date": "Pub_Date", "title": "headline", "id": "ref"})
    docs = [r for r in read_paths([tmp_path / "sheet.csv"], opts) if isinstance(r, RawDocument)]
    assert [(d.doc_id, d.title, d.published) for d in docs] == [("k1", "Crews walk out", "2024-03-11")]


def test_field_mapping_for_jsonl_and_the_python_api(tmp_path):
    write(tmp_path / "in" / "a.jsonl", json.dumps({"key": "j1", "body_text": BODY, "when": "7 March 2024"}) + "\n")
    plain = storyline.build([tmp_path / "in"], db=str(tmp_path / "a.db"))
    assert plain.added == 0 and "no text field" in plain.skipped[0][1]
    mapped = storyline.build([tmp_path / "in"], db=str(tmp_path / "b.db"),
                             fields={"text": "body_text", "date": "when", "id": "key"})
    assert mapped.added == 1
    with storyline.open(str(tmp_path / "b.db")) as s:
        [a] = s.articles()
    assert (a["id"], a["published"]) == ("j1", "2024-03-07")


@pytest.mark.parametrize("spec", ["text", "=body", "text=", "text body"])
def test_bad_field_specs_are_refused(spec):
    with pytest.raises(InputError):
        parse_field_spec(spec)
    assert parse_field_spec("text=body") == ("text", "body")       # control


def test_unknown_field_is_refused():
    with pytest.raises(InputError, match="unknown field 'colour'"):
        with_fields(IngestOptions(), {"colour": "red"})
    assert with_fields(IngestOptions(), {"text": "Body"}).fields["text"][0] == "body"


def test_cli_field_option(tmp_path):
    write(tmp_path / "sheet.csv", f'ref,copy\nk2,"{BODY}"\n')
    db = str(tmp_path / "s.db")
    bad = CliRunner().invoke(main, ["build", str(tmp_path / "sheet.csv"), "--db", db, "--field", "copy"])
    assert bad.exit_code == 2 and "FIELD=NAME" in bad.stderr
    unmapped = CliRunner().invoke(main, ["build", str(tmp_path / "sheet.csv"), "--db", db, "--no-progress"])
    assert unmapped.exit_code == 1 and "nothing could be read" in unmapped.stderr
    ok = CliRunner().invoke(main, ["build", str(tmp_path / "sheet.csv"), "--db", db, "--no-progress",
                                   "--field", "text=copy", "--field", "id=ref"])
    assert ok.exit_code == 0, ok.output
    with storyline.open(db) as s:
        assert [a["id"] for a in s.articles()] == ["k2"]


# -- paths that are not files --------------------------------------------------------------------------

def test_web_address_and_missing_path_are_refused_before_the_store_is_made(tmp_path):
    db = tmp_path / "s.db"
    for arg, says in (("https://news.example/story", "fetch the page first"),
                      (str(tmp_path / "no-such-path"), "no such file or folder")):
        r = CliRunner().invoke(main, ["build", arg, "--db", str(db)])
        assert r.exit_code == 1 and says in r.stderr
        assert not db.exists()
        with pytest.raises(InputError, match=says):
            storyline.build([arg], db=str(db))
        assert not db.exists()
    check_paths([tmp_path])                                                  # control: a folder is fine


def test_a_store_is_untouched_by_a_build_of_a_missing_path(tmp_path, small_corpus):
    db = str(tmp_path / "s.db")
    storyline.build([small_corpus], db=db)
    before = (tmp_path / "s.db").read_bytes()
    r = CliRunner().invoke(main, ["build", str(small_corpus), str(tmp_path / "typo"), "--db", db])
    assert r.exit_code == 1 and "typo" in r.stderr
    assert (tmp_path / "s.db").read_bytes() == before


def test_word_and_pdf_files_are_skipped_with_a_hint(tmp_path):
    write(tmp_path / "a.docx", b"PK\x03\x04 not really a document")
    write(tmp_path / "b.pdf", b"%PDF-1.4 not really a pdf")
    write(tmp_path / "c.txt", BODY)                                          # control
    docs, skips = _read(tmp_path)
    reasons = {s.source.rsplit("/", 1)[-1]: s.reason for s in skips}
    assert "save it as .txt" in reasons["a.docx"] and "pdftotext" in reasons["b.pdf"]
    assert [d.source.rsplit("/", 1)[-1] for d in docs] == ["c.txt"]


def test_empty_folder_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    r = CliRunner().invoke(main, ["build", str(tmp_path / "empty"), "--db", str(tmp_path / "s.db"), "--no-progress"])
    assert r.exit_code == 1 and "nothing to read" in r.stderr


# -- charsets --------------------------------------------------------------------------------------------

def _page(body: str, head: str = "", title: str = "Harbour news") -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return (f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head><body><article>"
            f"<h1>{title}</h1>{paras}</article></body></html>")


CZECH = ("Přístavní dělníci v Haldenu vstoupili ve čtvrtek do stávky, uvedl odborový svaz.\n"
         "Vedení přístavu řeklo, že se s odboráři sejde příští týden a bude jednat o mzdách.\n"
         "Stávka zastavila nakládku lodí a kamiony čekají před branou už od rána.")
CHINESE = ("哈尔登港的码头工人星期四开始罢工，工会表示谈判已经破裂。\n港务局表示下周将与工会代表会面，讨论工资问题。\n"
           "罢工使货船装卸全部停止，卡车从早上起就在港口大门外排队等候。")


def test_a_declared_windows_1250_page_is_read(tmp_path):
    write(tmp_path / "cz.html", _page(CZECH, '<meta charset="windows-1250">', "Stávka v přístavu").encode("cp1250"))
    docs, skips = _read(tmp_path)
    assert not skips and "Přístavní dělníci" in docs[0].text and "\ufffd" not in docs[0].text


def test_a_declared_gb2312_page_is_read(tmp_path):
    head = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    write(tmp_path / "zh.html", _page(CHINESE, head, "码头工人罢工").encode("gb2312"))
    docs, skips = _read(tmp_path)
    assert not skips and "码头工人星期四开始罢工" in docs[0].text


def test_undeclared_legacy_page_is_still_refused():
    data = _page(CZECH).encode("cp1250") * 3
    assert declared_charset(data) is None
    assert isinstance(decode(data, "x"), Skip) or "Přístavní" not in decode(data, "x")


def test_one_bad_byte_costs_one_character(tmp_path):
    text = ("Le café du port a rouvert jeudi, a déclaré la coopérative des pêcheurs du quai nord. " * 400)
    data = _page(text).encode("utf-8")
    cut = data.index(b" ", len(data) // 2)                      # between two words
    data = data[:cut] + b"\xff" + data[cut:]                     # one stray byte in a 40 KB page
    write(tmp_path / "p.html", data)
    docs, _ = _read(tmp_path)
    assert docs[0].text.count("\ufffd") <= 1
    assert "café" in docs[0].text and "Ã©" not in docs[0].text     # no mojibake elsewhere
    assert docs[0].warnings and "replaced" in docs[0].warnings[0]


def test_valid_utf8_wins_over_a_wrong_declaration():
    data = _page(CZECH, '<meta charset="iso-8859-1">').encode("utf-8")
    assert "Přístavní" in decode(data, "x", declared_charset(data))


# -- titles and near-empty pages -----------------------------------------------------------------------

def test_og_title_is_the_title_and_a_cms_name_is_not():
    head = ('<meta name="generator" content="Escenic 5.6"><meta property="og:title" '
            'content="Ferry crews walk out in Port Halden">')
    assert page_title(_page(BODY, head, "escenic")) == "Ferry crews walk out in Port Halden"
    assert page_title(_page(BODY, '<meta name="generator" content="escenic">', "escenic").replace(
        "<h1>escenic</h1>", "<h1>Ferry crews walk out</h1>")) == "Ferry crews walk out"


def test_site_name_is_cut_from_the_title():
    head = '<meta property="og:site_name" content="Halden Courier">'
    assert page_title(_page(BODY, head, "Ferry crews walk out | Halden Courier")) == "Ferry crews walk out"
    assert page_title(_page(BODY, "", "Ferry crews walk out | Halden Courier")) == \
        "Ferry crews walk out | Halden Courier"                  # no site name known: left whole


def test_titles_reach_the_store(tmp_path):
    head = '<meta property="og:title" content="Ferry crews walk out in Port Halden">'
    write(tmp_path / "in" / "p.html", _page(BODY * 3, head, "escenic"))
    storyline.build([tmp_path / "in"], db=str(tmp_path / "s.db"))
    with storyline.open(str(tmp_path / "s.db")) as s:
        assert [a["title"] for a in s.articles()] == ["Ferry crews walk out in Port Halden"]


def test_near_empty_page_is_kept_with_a_warning(tmp_path):
    write(tmp_path / "in" / "thin.html", _page("Subscribe to read the full story about the ferry crews today."))
    full = "\n".join([BODY, "The strike halted the morning sailings to the outer islands, and queues of lorries "
                      "formed at the terminal gates before dawn.", "Passengers were offered refunds or places on "
                      "a relief boat chartered by the harbour board from a neighbouring port."])
    write(tmp_path / "in" / "full.html", _page(full, title="Ferry crews walk out"))   # control
    report = storyline.build([tmp_path / "in"], db=str(tmp_path / "s.db"))
    warned = {src.rsplit("/", 1)[-1]: w for src, w in report.warnings}
    assert report.added == 2
    assert "near-empty" in warned["thin.html"] and "full.html" not in warned


def test_field_mapping_in_a_config_file(tmp_path):
    from storyline.config import Config, ConfigError

    write(tmp_path / "c.toml", '[ingest]\nfields = {text = "copy", date = ["when", "day"]}\n')
    cfg = Config.from_toml(tmp_path / "c.toml")
    assert cfg.ingest.fields["text"][0] == "copy" and "text" in cfg.ingest.fields["text"]
    assert cfg.ingest.fields["date"][:2] == ["when", "day"] and cfg.ingest.fields["id"]
    write(tmp_path / "bad.toml", '[ingest]\nfields = {colour = "red"}\n')
    with pytest.raises(ConfigError, match="unknown field 'colour'"):
        Config.from_toml(tmp_path / "bad.toml")


def test_a_web_archive_response_charset_is_honoured(tmp_path):
    from .test_poison_inputs import _warc_record

    body = _page(CZECH, "", "Stávka v přístavu").encode("cp1250")            # no meta: the header says it
    write(tmp_path / "a.warc", _warc_record("http://news.example/cz", body, "text/html; charset=windows-1250")
          + _warc_record("http://news.example/zh", _page(CHINESE).encode("gb2312"), "text/html; charset=GB2312"))
    docs, skips = _read(tmp_path / "a.warc")
    assert not skips
    assert "Přístavní dělníci" in docs[0].text and "码头工人" in docs[1].text
    assert docs[0].title == "Stávka v přístavu"
