from storyline.clean import clean, furniture_spans, to_raw


def _roundtrip_ok(raw: str, text: str, mapping) -> bool:
    return all(raw[to_raw(mapping, i)] == c for i, c in enumerate(text) if not c.isspace())


def test_embedded_post_paragraph_is_removed_whole():
    raw = ("The ferry resumed service on Tuesday.\n\n"
           "Boats are back! pic.twitter.com/AbCdEf123 — Harbour Desk (@harbourdesk) May 12, 2025\n\n"
           "Passengers welcomed the news.")
    text, mapping = clean(raw)
    assert "pic.twitter.com" not in text and "@harbourdesk" not in text and "Boats are back" not in text
    assert text == "The ferry resumed service on Tuesday.\n\nPassengers welcomed the news."
    assert _roundtrip_ok(raw, text, mapping)


def test_teaser_lines_and_inline_furniture():
    raw = ("Follow us on Image Source : AGENCY Mayor opens bridge\n\n"
           "The mayor opened the bridge (Photo: Jo Lin/Agency) on Friday.\n\n"
           "ALSO READ | Ten things to know about bridges\n\n"
           "Advertisement\n\n"
           "#WATCH | Crowds cheer as bridge opens https://example.org/v/1\n\n"
           "Traffic will flow from Monday. (with inputs from AGENCY)")
    text, mapping = clean(raw)
    assert text.startswith("Mayor opens bridge")
    for junk in ("Follow us", "Image Source", "Photo:", "ALSO READ", "Advertisement", "#WATCH", "inputs from"):
        assert junk not in text
    assert "The mayor opened the bridge on Friday." in text
    assert "Traffic will flow from Monday." in text
    assert _roundtrip_ok(raw, text, mapping)


def test_offsets_map_back_to_raw_positions():
    raw = "Advertisement\nThe strike   ended.\n\n\n\nWorkers returned."
    text, mapping = clean(raw)
    assert text == "The strike ended.\n\nWorkers returned."
    i = text.index("Workers")
    assert raw[to_raw(mapping, i):].startswith("Workers")
    assert raw[to_raw(mapping, text.index("ended")):].startswith("ended")


def test_plain_reporting_is_untouched():
    raw = "The council voted 7-2 to approve the budget, the chairwoman said."
    assert clean(raw)[0] == raw
    assert furniture_spans(raw) == []
    # control: the same report with furniture after it loses the furniture and keeps the report
    with_ad = raw + "\n\nAdvertisement"
    assert furniture_spans(with_ad) == [(len(raw) + 2, len(with_ad))]
    assert clean(with_ad)[0] == raw


def test_captions_credits_bylines_and_notices_are_removed():
    raw = ("Ferry operator folds after fuel shock\n\n"
           "The harbour terminal at dawn\n\n"
           " Mira Lund/Coastwire Images\n\n"
           "By Tomas Berg and Ana Petrov, Coastwire\n\n"
           "VELMORA (Coastwire) — The island ferry operator shut down on Friday (Coastwire Photo/Mira Lund).\n\n"
           "Velmora, May 14\n\n"
           "— This is a developing story and will be updated.\n\n"
           "© 2025 Coastwire Media. All rights reserved.")
    text, mapping = clean(raw)
    assert text.startswith("Ferry operator folds after fuel shock")      # the headline stays
    for junk in ("terminal at dawn", "Mira Lund", "Tomas Berg", "developing story", "rights reserved"):
        assert junk not in text
    assert "The island ferry operator shut down on Friday." in text
    assert "Velmora, May 14" in text                                       # a dateline line stays
    assert _roundtrip_ok(raw, text, mapping)


def test_short_line_ending_like_a_sentence_stays():
    raw = "Ferry back.\n\nThe ferry is back.\n\nIs it safe?\n\nOfficials think so."
    assert clean(raw)[0] == raw
    # control: the same short line without its question mark reads as a caption and goes
    assert clean(raw.replace("Is it safe?", "Is it safe"))[0] == "Ferry back.\n\nThe ferry is back.\n\nOfficials think so."


def test_breadcrumb_before_the_headline_is_removed():
    raw = "Home / Business News / Harbour Trust to buy Norvik Bank\nHarbour Trust agreed to buy Norvik Bank on Monday."
    out, _ = clean(raw)
    assert out.startswith("Harbour Trust to buy Norvik Bank") and "Home" not in out
