"""Stage functions on their own, with inputs written for these tests."""
from collections import Counter

import pytest

from storyline import dedup, nlp, stories
from storyline.entities import acronym, name_key, normalise_role
from storyline.time import pubdate


def test_pubdate_between_past_and_coming_references():
    refs = [("2025-06-02", "June 2", "past"), ("2025-06-20", "June 20", "future"), ("2025-05", "May", "past")]
    date, evidence = pubdate.infer(refs)
    assert "2025-06-02" <= date <= "2025-06-20" and "June 2" in evidence and "June 20" in evidence


def test_pubdate_year_from_default_and_month_bound():
    date, _ = pubdate.infer([("XXXX-03-10", "March 10", "past"), ("XXXX-04", "April", "future")], 2024)
    assert "2024-03-10" <= date <= "2024-04-30"
    assert pubdate.infer([("XXXX-03-10", "March 10", "past")]) is None   # no year anywhere


def test_pubdate_contradictory_cues_give_nothing():
    assert pubdate.infer([("2025-06-20", "a", "past"), ("2025-06-02", "b", "future")]) is None
    # control: the same two days told the other way round bound a date between them
    date, _ = pubdate.infer([("2025-06-02", "b", "past"), ("2025-06-20", "a", "future")])
    assert "2025-06-02" <= date <= "2025-06-20"


def test_dateline():
    assert pubdate.dateline("OSLO, March 3 (Wirewire) - The fjord froze.", 2024) == "2024-03-03"
    assert pubdate.dateline("OSLO, March 3, 2021 (Wirewire) - The fjord froze.", None) == "2021-03-03"
    assert pubdate.dateline("The fjord froze on March 3.", 2024) is None


def test_near_duplicates_and_reuse():
    base = ("The river burst its banks on Tuesday night, flooding hundreds of homes in the lower town "
            "and forcing the council to open three emergency shelters. Firefighters used boats to reach "
            "families trapped on upper floors, and the army sent two lorries of drinking water. The mayor "
            "said the clean-up would take weeks and asked residents to boil tap water until further notice. ")
    a = base + "Volunteers worked through the night to fill sandbags along the quay."
    b = base + "Volunteers worked through the night filling sandbags along the quay."
    c = "A new bakery opened on the high street, selling bread made from local grain and rye flour daily."
    sigs = {i: dedup.signature(t) for i, t in (("a", a), ("b", b), ("c", c))}
    assert dedup.near_duplicates(sigs, ["a", "b", "c"]) == {"b": "a"}
    reuse = dedup.sentence_reuse({"a": [base.strip()], "b": [base.strip(), "Other."], "c": [c]})
    assert reuse == {("a", "b"): 1}


def test_name_keys_and_acronyms():
    assert name_key("H.D. Kumar") == name_key("HD Kumar") == "hd kumar"
    assert acronym("Federal Office of Rail Safety") == "FORS"
    assert normalise_role("the Brevik CM") == "Brevik Chief Minister"
    assert normalise_role("the harbour") is None


@pytest.mark.stage("stories")
def test_stories_group_by_shared_entities():
    arts = {"1": Counter({"e1": 2, "e2": 1}), "2": Counter({"e1": 1, "e2": 2}), "3": Counter({"e9": 3})}
    got = stories.group(arts, ["1", "2", "3"], {})
    assert got["1"] == got["2"] != got["3"]


def test_a_line_break_ends_a_sentence():
    from storyline import nlp

    doc = nlp.load()("Port reopens after strike\n\nDock workers returned to work on Monday.")
    assert [s.text for s in nlp.sentences(doc)] == ["Port reopens after strike",
                                                     "Dock workers returned to work on Monday."]


def test_a_single_line_break_inside_a_sentence_does_not_end_it():
    from storyline import nlp

    doc = nlp.load()("Regulators told Norvik Bank,\nsavers would get their money back.")
    assert len(nlp.sentences(doc)) == 1


def test_dateline_opening_a_later_line_takes_no_part():
    from storyline import nlp

    text = "Harbour review published\nPhoto caption line here.\nLONDON (Coastwire) — Norvik Bank failed, the Authority said."
    doc = nlp.load()(text)
    ms = {m.text: m.dateline for m in nlp.mentions(doc, nlp.sentences(doc))}
    assert [d for m, d in ms.items() if m.startswith("LONDON")] == [True] and ms.get("Norvik Bank") is False


def test_role_phrases_need_a_qualifier_and_no_name():
    from storyline import nlp

    def roles(text):
        doc = nlp.load()(text)
        return [m.text for m in nlp.mentions(doc, nlp.sentences(doc)) if m.label == "ROLE"]

    assert roles("Peter Hollis met his Caldera counterpart on Monday.") == ["Caldera counterpart"]
    assert roles("The president spoke.") == [] and roles("The Chief Minister spoke.") == []
    assert roles("Caldera Chief Minister Peter Hollis spoke.") == []     # the role of a named person


def _person_roles(text):
    doc = nlp.load()(text)
    return {m.text: (m.label, m.role) for m in nlp.mentions(doc, nlp.sentences(doc)) if m.label != "ROLE"}


def test_what_kind_of_body_an_organisation_is_is_its_role():
    from storyline.entities import normalise_role

    got = _person_roles("Norvik Bank, the port's biggest backer, said it would pay.")["Norvik Bank"]
    assert got == ("ORG", "the port's biggest backer") and normalise_role(got[1]) == "port biggest backer"
    assert _person_roles("Velmora Guard, a private military company, crossed the border.")["Velmora Guard"] == \
        ("ORG", "a private military company")
    assert _person_roles("The mercenary group Velmora Guard crossed the border.")["Velmora Guard"] == \
        ("ORG", "mercenary group")
    # a part of a body, or a word that is no kind of body, says nothing of what it is
    assert _person_roles("The board of Norvik Bank met on Monday.")["Norvik Bank"][1] is None
    assert _person_roles("On Monday Norvik Bank said it would pay.")["Norvik Bank"][1] is None
    assert normalise_role("the board") is None
    # ...nor does another name set beside it
    assert _person_roles("Velmora Guard, Harbour Rescue Group, crossed the border.")["Velmora Guard"][1] is None


def test_occupations_and_kin_written_beside_a_name_are_its_roles():
    assert _person_roles("The ferry carried harbour pilot Tomas Wendt and two others.")["Tomas Wendt"] == \
        ("PERSON", "harbour pilot")
    assert _person_roles("His daughter Maria will run the mill.")["Maria"][1] == "daughter"
    # a hyphenated title is read whole, not from its last half
    assert _person_roles("Caldera Vice-Chancellor Peter Hollis opened the hall.")["Peter Hollis"][1] == \
        "Caldera Vice-Chancellor"
    # ...but "ex-" stays out, as "former" does
    assert _person_roles("The mill hired ex-director Peter Hollis.")["Peter Hollis"][1] == "director"
    # an apposition ends where a clause of its own begins
    assert _person_roles("Tomas Wendt, a former navy commander born in 1961, sailed at dawn.")["Tomas Wendt"][1] \
        == "a former navy commander"


def test_a_name_cut_after_its_particle_goes_on_to_the_word_it_leads():
    from .conftest import tagged_doc

    def tagged(text, parts):
        """The mentions of `text` with each (words, label) of `parts` tagged so, as the model may cut a name."""
        doc = tagged_doc(text, parts)
        return [(m.text, m.label) for m in nlp.mentions(doc, nlp.sentences(doc)) if m.label != "ROLE"]

    assert tagged("Greta van der Holm said the toll was grim.", [("Greta van der", "PERSON"), ("Holm", "GPE")]) \
        == [("Greta van der Holm", "PERSON")]
    # a particle that ends no name: "X of the board" is not extended, and a lower-case word is not taken
    assert tagged("Greta Holm said the toll was grim.", [("Greta Holm", "PERSON")]) == [("Greta Holm", "PERSON")]
    assert tagged("Greta de said nothing.", [("Greta de", "PERSON")]) == [("Greta de", "PERSON")]


def test_a_role_the_name_is_the_apposition_of_keeps_its_of_phrase():
    assert _person_roles("The chair of the Brevik Port Board, Halvard Quist, said no.")["Halvard Quist"][1] == \
        "The chair of the Brevik Port Board"


def test_a_name_the_model_misreads_is_a_person_when_written_with_a_persons_role():
    from spacy.tokens import Span

    def as_org(text, name):
        """The mentions of `text` with `name` tagged ORG, as the small model sometimes tags a person."""
        doc = nlp.load()(text)
        start = next(t.i for t in doc if text[t.idx:].startswith(name))
        end = next(t.i for t in doc if t.idx + len(t) == text.index(name) + len(name)) + 1
        doc.ents = [Span(doc, start, end, label="ORG")]
        return {m.text: (m.label, m.role) for m in nlp.mentions(doc, nlp.sentences(doc)) if m.label != "ROLE"}

    assert as_org("The signatories include chief scientist Varno Kestrovic.", "Varno Kestrovic") == \
        {"Varno Kestrovic": ("PERSON", "chief scientist")}
    assert as_org("Her lawyer, Dunja Mirkovac, declined to comment.", "Dunja Mirkovac") == \
        {"Dunja Mirkovac": ("PERSON", "Her lawyer")}
    # a body keeps its label: its words are an institution's, or its tie is a relation of organisations
    assert as_org("The signatories include chief scientist Norvik Holdings.", "Norvik Holdings") == \
        {"Norvik Holdings": ("ORG", None)}
    assert as_org("The port's owner, Varno Kestrovic, said it would sell.", "Varno Kestrovic")["Varno Kestrovic"][0] \
        == "ORG"
    # no role beside it: nothing changes
    assert as_org("Talks with Varno Kestrovic ended on Monday.", "Varno Kestrovic") == \
        {"Varno Kestrovic": ("ORG", None)}


def test_heavy_sentence_reuse_makes_copies_of_the_earliest():
    from storyline.dedup import copies

    reuses = {("a", "b"): 4, ("b", "c"): 5, ("a", "d"): 1}
    counts = {"a": 6, "b": 8, "c": 9, "d": 6}
    assert copies(reuses, counts, ["a", "b", "c", "d"]) == {"b": "a", "c": "a"}


def test_dateline_with_a_slashed_agency():
    from storyline import nlp

    assert nlp.dateline_length("Port Velmora/Coastwire: The ferry sailed.") == len("Port Velmora/Coastwire: ")
    assert nlp.dateline_length("The talks/negotiations: none were held.") == 0


def test_undated_article_takes_its_date_from_a_peer_dated_by_its_own_words():
    from storyline.model import Article
    from storyline.time.redate import corpus_dates

    def art(aid, text, published=None, source=None, refs=()):
        return Article(id=aid, source=aid, content_hash=aid, raw_text=text, text=text, published=published,
                       published_source=source, date_refs=list(refs))

    arts = [art("a", "Dockers announced a strike vote for the harbour crane union ballot.", "2025-05-03", "header"),
            # dated by its own words only: the ballot of 16 May is told as past
            art("b", "Crane union members voted in the harbour ballot; the strike ballot result was close.",
                "2025-05-03", "inferred", [("XXXX-05-16", "May 16", "past")]),
            # no reference of its own: nearest to "b" in wording
            art("c", "Crane union members voted; the strike ballot result was close, union members said.",
                "2025-05-03", "inferred")]
    got = corpus_dates(arts, {"a": "s", "b": "s", "c": "s"})
    assert got["b"][0] == "2025-05-16" and got["c"][0] == "2025-05-16"


def test_relation_phrases_name_the_tied_organisation():
    from storyline import nlp

    doc = nlp.load()("The parent of Norvik Bank is filing for bankruptcy.")
    assert [m.text for m in nlp.mentions(doc, nlp.sentences(doc)) if m.label == "ROLE"] == ["parent of Norvik Bank"]
    doc = nlp.load()("Norvik Holdings, parent of Norvik Bank, filed for bankruptcy.")
    ms = nlp.mentions(doc, nlp.sentences(doc))
    assert [m.role for m in ms if m.text == "Norvik Holdings"] == ["parent of Norvik Bank"]
    assert not [m for m in ms if m.label == "ROLE"]     # an apposition describes the named one


def test_a_legal_form_after_a_comma_is_no_name_of_its_own():
    text = "Norvik Bank, N.A. has acquired the assets of Harbour Trust from the Coast Deposit Fund."
    doc = nlp.load()(text)
    names = [m.text for m in nlp.mentions(doc, nlp.sentences(doc))]
    assert "N.A." not in names and "Norvik Bank" in names


def test_ties_between_organisations_written_around_a_name():
    def tie_of(text, name):
        doc = nlp.load()(text)
        return next(m.role for m in nlp.mentions(doc, nlp.sentences(doc)) if m.text == name)
    assert tie_of("Norvik Holdings unit Norvik Bank will buy the branches.", "Norvik Bank") == "unit of Norvik Holdings"
    assert tie_of("Norvik Holdings said that its subsidiary Norvik Bank has bought the branches.",
                  "Norvik Bank") == "subsidiary of Norvik Holdings"
    assert tie_of("Norvik Bank became a subsidiary of Norvik Holdings in December.", "Norvik Bank") == \
        "subsidiary of Norvik Holdings"
    assert tie_of("Norvik Bank is one of the subsidiaries of Norvik Holdings.", "Norvik Bank") == \
        "subsidiary of Norvik Holdings"
    assert tie_of("Norvik Bank bought the branches of Harbour Trust.", "Norvik Bank") is None


def test_a_name_cut_inside_a_bracket_is_what_the_bracket_holds():
    doc = nlp.load()("The Coast Deposit Fund (CDF) Board issued the proposal during its May 11 meeting.")
    names = [m.text for m in nlp.mentions(doc, nlp.sentences(doc))]
    assert not any(")" in n for n in names)
    assert {"Coast Deposit Fund", "CDF"} <= set(names)       # control: the names themselves are found


def test_an_honorific_inside_a_person_span_starts_the_name():
    doc = nlp.load()("We welcomed the Governor of Brevik Shri Ilse Marrow ji at the port today.")
    names = [m.text for m in nlp.mentions(doc, nlp.sentences(doc)) if m.label == "PERSON"]
    assert names and all(not n.startswith(("Brevik", "Shri")) for n in names), names
    assert "Ilse Marrow" in names, names
