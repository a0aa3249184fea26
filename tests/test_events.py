"""Event extraction rules on single articles written for the tests (fictional names)."""
import pytest

from storyline import nlp
from storyline.model import Article
from storyline.runner import analyse

pytestmark = pytest.mark.stage("events")     # see tests/mutate.py


def analysed(text, published="2025-05-16", source="header"):
    art = Article(id="t", source="t", content_hash="t", raw_text=text, text=text, published=published,
                  published_source=source)
    return analyse(art, nlp.load()(text))


def events_of(text, published="2025-05-16"):
    art = analysed(text, published)
    names = lambda idxs: [art.mentions[i].text for i in idxs]   # noqa: E731
    return [(e.type, e.status, e.date, names(e.agents), names(e.counterparts), e.main) for e in art.events]


def test_agreed_to_buy_is_one_done_deal_dated_by_its_report():
    got = events_of("Norvik Bank has agreed to buy rival Harbour Trust for 3 billion crowns.")
    assert got == [("acquire", "occurred", "2025-05-16", ["Norvik Bank"], ["Harbour Trust"], True)]


def test_decision_verb_hands_its_time_to_the_event():
    got = events_of("Norvik Bank agreed on Wednesday to buy Harbour Trust.")
    assert [(t, s, d) for t, s, d, *_ in got] == [("acquire", "occurred", "2025-05-14")]


def test_dateline_names_take_no_part():
    got = events_of("VELMORA (Coastwire) — Governor Ilse Marrow met union leader Rafael Brand on Monday.")
    assert got and all("VELMORA" not in a + c for _, _, _, a, c, _ in got)
    assert got[0][3] == ["Ilse Marrow"] and got[0][4] == ["Rafael Brand"]


def test_it_stands_for_the_last_organisation():
    got = events_of("Norvik Bank said on Monday that it would close its branches. It closed the branches on Thursday.")
    closes = [g for g in got if g[0] == "collapse"]
    assert closes and all(g[3] == ["Norvik Bank"] for g in closes)


def test_event_in_a_side_clause_is_not_the_main_one():
    got = events_of("The talks collapsed after Governor Ilse Marrow met union leader Rafael Brand on Monday.")
    meet = [g for g in got if g[0] == "meet" and g[3] == ["Ilse Marrow"]]
    assert meet and meet[0][5] is False


def test_saying_is_the_attribution_of_the_happening_it_reports():
    got = events_of("Regulators at the Harbour Authority said on Sunday they shut Norvik Bank.")
    close = [g for g in got if g[0] == "collapse"]
    said = [g for g in got if g[0] == "statement"]
    assert close and close[0][2] == "2025-05-11" and close[0][4] == ["Norvik Bank"] and close[0][5] is True
    assert said and said[0][5] is False


def test_saying_without_a_reported_happening_stays_the_news():
    got = events_of("Governor Ilse Marrow said on Sunday that the port was safe.")
    assert [(t, d, m) for t, _, d, _, _, m in got] == [("statement", "2025-05-11", True)]


def test_a_happening_told_as_a_condition_a_question_or_a_denial_is_not_said_to_have_happened():
    def status(text, typ):
        return [g[1] for g in events_of(text) if g[0] == typ]

    assert status("If Norvik Bank collapses, Harbour Trust could buy its branches.", "collapse") == ["uncertain"]
    assert status("Norvik Bank said that if Harbour Trust collapsed it would buy the branches.", "collapse") == \
        ["uncertain"]
    assert status("Whether Norvik Bank buys Harbour Trust is unclear.", "acquire") == ["uncertain"]
    assert status("Did Norvik Bank buy Harbour Trust on Monday?", "acquire") == ["uncertain"]
    assert status("Why did Norvik Bank buy Harbour Trust on Monday?", "acquire") == ["occurred"]   # why, not whether
    assert status("Norvik Bank denied firing Ilse Marrow.", "dismiss") == ["uncertain"]
    assert status("Norvik Bank rejected claims that it had fired Ilse Marrow.", "dismiss") == ["uncertain"]
    # what someone is urged or called on to do is asked for, not done
    assert status("Mayor Rafael Brand urged Governor Ilse Marrow to resign on Monday.", "resign") == ["uncertain"]
    assert status("Mayor Rafael Brand agreed to resign on Monday.", "resign") == ["occurred"]
    # ...but what is told plainly, or beside a rejection, happened
    assert status("Norvik Bank bought Harbour Trust on Monday.", "acquire") == ["occurred"]
    assert status("Norvik Bank rejected the offer and bought Harbour Trust on Monday.", "acquire") == ["occurred"]


def test_a_length_inside_the_object_measures_the_thing_not_the_act():
    # "seven days of mourning" is what was declared: the declaring is the news of its report's day
    got = events_of("Velmora President Rafael Brand declared seven days of national mourning.")
    assert [(g[0], g[2]) for g in got] == [("announce", "2025-05-16")]
    # ...but a length the act took says it is no happening of the day
    assert [g[2] for g in events_of("The Velmora Central Bank has hiked rates over the past year.")] == [None]


def test_a_reported_happening_keeps_its_own_time():
    got = events_of("Norvik Bank said on Sunday that it bought Harbour Trust in March.")
    buy = [g for g in got if g[0] == "acquire"]
    assert buy and buy[0][2] == "2025-03"


def test_filing_for_bankruptcy_is_a_collapse():
    got = events_of("Norvik Holdings filed for bankruptcy protection on Friday.")
    assert [(t, d) for t, _, d, *_ in got] == [("collapse", "2025-05-16")]


def test_the_bank_stands_for_the_bank_named_before():
    got = events_of("Norvik Bank lost half its deposits on Thursday. Regulators closed the bank on Friday.")
    close = [g for g in got if g[0] == "collapse"]
    assert close and close[0][4] == ["Norvik Bank"]


def test_a_generic_noun_stands_for_the_last_organisation_subject():
    got = events_of("Harbour Trust reported a loss on Monday. Rivals bought the lender on Friday.")
    buy = [g for g in got if g[0] == "acquire"]
    assert buy and buy[0][4] == ["Harbour Trust"]


def test_a_qualified_noun_is_not_a_stand_in():
    # "a regional bank" is some other bank, not the one named before
    got = events_of("Norvik Bank failed on Monday. Rivals bought a regional bank on Friday.")
    assert not [g for g in got if g[0] == "acquire"]
    # control: "the bank" does stand in for it, so the purchase of Norvik Bank is an event
    got = events_of("Norvik Bank failed on Monday. Rivals bought the bank on Friday.")
    assert [(g[2], g[4]) for g in got if g[0] == "acquire"] == [("2025-05-16", ["Norvik Bank"])]


def test_a_participle_shares_the_time_of_its_clause():
    got = events_of("Governor Peter Hollis tried to calm the port on Monday morning, saying in remarks that wages would rise.")
    said = [g for g in got if g[0] == "statement"]
    assert said and said[0][2] == "2025-05-12"


def test_something_that_lasted_is_not_dated_by_the_report():
    got = events_of("The Harbour Authority has raised fees steadily over the past year.")
    assert got and all(d is None for _, _, d, *_ in got)
    # control: the same raise told without a stretch of time is dated by the report
    got = events_of("The Harbour Authority has raised fees.")
    assert [(t, d) for t, _, d, *_ in got] == [("other", "2025-05-16")]


def test_a_saying_with_nothing_said_is_dropped():
    assert not [g for g in events_of("Regulators at the Harbour Authority said on Monday") if g[0] == "statement"]
    # control: with something said, the saying is the news
    got = events_of("Regulators at the Harbour Authority said on Monday that the port was safe.")
    assert [(g[2], g[3]) for g in got if g[0] == "statement"] == [("2025-05-12", ["Harbour Authority"])]


def test_failing_to_act_is_not_a_failure():
    assert not [g for g in events_of("The Harbour Authority failed to act on the warnings about Norvik Bank.")
                if g[0] == "collapse"]
    # control: a bank that failed did collapse
    got = events_of("Norvik Bank failed on Monday.")
    assert [(g[2], g[3]) for g in got if g[0] == "collapse"] == [("2025-05-12", ["Norvik Bank"])]


def test_a_third_party_claim_stays_its_speakers_news():
    # the regulator's finding is the news; the failure it reports took place by the time of the saying
    got = events_of("Norvik Bank failed because of poor management, the Harbour Authority said on Friday.",
                    published="2025-05-19")
    fail = [g for g in got if g[0] == "collapse"]
    said = [g for g in got if g[0] == "statement"]
    assert said and said[0][2] == "2025-05-16" and said[0][5] is True
    assert fail and fail[0][2] == "2025-05-16"


def test_passive_doer_acts_and_subject_is_acted_upon():
    got = events_of("Norvik Bank was bought by Harbour Trust on Monday.")
    assert [(t, a, c) for t, _, _, a, c, _ in got] == [("acquire", ["Harbour Trust"], ["Norvik Bank"])]


def test_joint_doers_under_by_are_all_agents():
    got = events_of("A joint statement was released on Sunday by the Harbour Authority and the Velmora Port Authority.")
    assert got and got[0][0] == "announce" and got[0][2] == "2025-05-11" and len(got[0][3]) == 2


def test_what_is_under_way_is_dated_by_the_report():
    got = events_of("The Harbour Authority is raising its port fees by a quarter.")
    assert got and got[0][0] == "other" and got[0][2] == "2025-05-16"


def test_last_week_is_not_a_plan():
    got = events_of("The parent of Norvik Bank, seized last week by the Harbour Authority, is filing for "
                    "bankruptcy protection.", published="2025-05-16")
    seize = [g for g in got if g[3] == ["Harbour Authority"]]
    assert seize and seize[0][1] == "occurred"


def test_a_time_that_belongs_to_another_happening_does_not_block_the_report_date():
    got = events_of("The parent of Norvik Bank, seized last week by the Harbour Authority, is filing for "
                    "bankruptcy protection.", published="2025-05-16")
    filing = [g for g in got if g[0] == "collapse" and g[5]]
    assert filing and filing[0][2] == "2025-05-16"


def test_a_vague_past_is_not_the_news_of_the_day():
    got = events_of("Governor Peter Hollis recently met the Velmora Port Authority.")
    assert got and all(d is None for _, _, d, *_ in got)


def test_a_reported_deal_takes_the_time_of_its_report():
    got = events_of("Norvik Bank has agreed to buy a large part of the failed Harbour Trust, "
                    "the Coast Deposit Fund said late Sunday.")
    buy = [g for g in got if g[0] == "acquire"]
    assert buy and buy[0][:3] == ("acquire", "occurred", "2025-05-11")


def test_a_happening_placed_after_another_is_not_dated_by_the_report():
    got = events_of("Shares of Norvik Bank fell on Thursday after the company announced a plan to sell bonds.")
    announce = [g for g in got if g[0] == "announce"]
    assert announce and announce[0][2] is None


def test_a_that_clause_hung_on_a_letter_is_still_what_was_said():
    got = events_of("Norvik Bank said in a letter from chief executive Ilse Marrow on Wednesday that it "
                    "has sold all of its bonds.")
    sold = [g for g in got if g[0] == "acquire"]
    assert sold and sold[0][2] == "2025-05-14"


def test_a_time_qualifying_a_plain_noun_does_not_time_the_verb():
    got = events_of("Norvik Bank is raising its key rate despite the recent turmoil in banks, it said on Wednesday.")
    raise_ = [g for g in got if g[3] and g[0] != "statement"]
    assert raise_ and raise_[0][2] == "2025-05-14", got


def test_a_share_of_something_names_its_owner():
    got = events_of("Norvik Bank is buying all of Harbour Trust's deposits, the Coast Deposit Fund said.")
    assert [g[4] for g in got if g[0] == "acquire"] == [["Harbour Trust"]]
    got = events_of("Norvik Bank will buy most of the loans of Harbour Trust.")
    assert [g[4] for g in got if g[0] == "acquire"] == [["Harbour Trust"]]


def test_a_description_of_a_participant_adds_no_one():
    got = events_of("Norvik Bank, a large Brevik lender, is buying a sizable chunk of Harbour Trust's business.")
    assert [(g[3], g[4]) for g in got if g[0] == "acquire"] == [(["Norvik Bank"], ["Harbour Trust"])]


def test_a_document_speaks_for_its_author():
    got = events_of("A sweeping review conducted by Ilse Marrow said the bank was badly run.")
    assert [g[3] for g in got if g[0] == "statement"] == [["Ilse Marrow"]]
    got = events_of("A report by the Harbour Authority found that Norvik Bank ignored warnings.")
    assert [g[3] for g in got if g[0] == "report"] == [["Harbour Authority"]]


def _events_with(text, published, source):
    return [(e.type, e.date) for e in analysed(text, published, source).events]


def test_an_inferred_date_yields_to_the_day_the_lead_reports():
    text = "Norvik Bank closed its branches on Friday. Harbour Trust bought the buildings."
    assert ("acquire", "2025-05-16") in _events_with(text, "2025-05-17", "inferred")
    assert ("acquire", "2025-05-17") in _events_with(text, "2025-05-17", "header")     # a stated date stands


def _types(text):
    return [g[0] for g in events_of(text)]


def test_a_fee_charged_is_no_legal_charge():
    assert "charge" not in _types("Norvik Bank charged Harbour Trust a fee of two million crowns on Friday.")
    # control: charging a person is
    got = events_of("Prosecutors charged Mayor Rafael Brand with fraud on Friday.")
    assert [(g[0], g[2], g[4]) for g in got] == [("charge", "2025-05-16", ["Rafael Brand"])]


def test_the_object_decides_what_striking_reaching_receiving_and_leaving_did():
    assert set(_types("Norvik Bank has struck a deal with Harbour Trust.")) == {"agree"}
    assert set(_types("Norvik Bank said it has reached an agreement with Harbour Trust.")) == {"statement", "agree"}
    # reaching what is no place is no arrival
    assert _types("Harbour Rovers reached the final for the first time on Monday.") == []
    assert _types("Norvik Bank has reached the grand old age of 100.") == []
    assert _types("A former Norvik Bank director received a four-month jail sentence on Monday.") == ["convict"]
    assert _types("The Velmora Central Bank has left interest rates on hold at 4.75%.") == []
    # controls: a place reached or left, a person received, still is
    assert _types("Mayor Rafael Brand reached Brevik on Monday.") == ["arrive"]
    assert _types("Mayor Rafael Brand left Brevik on Monday.") == ["leave"]
    assert _types("Mayor Rafael Brand received Governor Ilse Marrow on Monday.") == ["meet"]
    # words that dismiss or attack what someone fears or decided are a statement; failing a test or in a
    # bid is no collapse
    assert _types("Mayor Rafael Brand has dismissed fears from Brevik traders about the port.") == ["statement"]
    assert _types("Mayor Rafael Brand has attacked the decision by the Brevik court.") == ["statement"]
    assert "collapse" not in _types("Norvik Bank has failed in its bid to buy Harbour Trust.")
    assert "collapse" not in _types("Norvik Bank failed a stress test on Monday.")
    assert _types("Norvik Bank failed on Monday.") == ["collapse"]
    # bailed is released on bail, bailed out is rescued; supplies shut off are halted
    assert "rescue" not in _types("Mayor Rafael Brand was arrested and bailed on Monday.")
    assert _types("The Velmora government bailed out Norvik Bank on Monday.") == ["rescue"]
    assert _types("Velmora shut off gas supplies to Brevik on Friday.") == ["suspend"]


def test_closing_a_deal_is_no_collapse():
    assert "collapse" not in _types("Norvik Bank closed the deal with Harbour Trust on Friday.")
    # control: closing a bank is
    assert "collapse" in _types("Norvik Bank lost its deposits on Thursday. Regulators closed the bank on Friday.")


def test_a_complaint_filed_for_a_crime_is_no_bankruptcy():
    got = events_of("The Brevik Prosecutors Office filed a complaint against Mayor Rafael Brand for fraud on Friday.")
    assert [g[0] for g in got] == ["sue"] and got[0][4] == ["Rafael Brand"]
    # control: filing for bankruptcy is a collapse
    assert _types("Norvik Holdings filed for bankruptcy protection on Friday.") == ["collapse"]


def test_a_suit_over_a_collapse_is_a_suit():
    got = events_of("Mayor Rafael Brand sued Norvik Bank over the collapse of Harbour Trust on Friday.")
    assert [(g[0], g[3], g[4]) for g in got] == [("sue", ["Rafael Brand"], ["Norvik Bank"])]


def test_a_dropped_case_names_who_it_was_against():
    got = events_of("Prosecutors dropped the case against Mayor Rafael Brand on Friday.")
    assert [(g[0], g[4]) for g in got] == [("drop_charges", ["Rafael Brand"])]
    # control: dropping something else tells nothing
    assert not events_of("Prosecutors dropped the plan of Mayor Rafael Brand on Friday.")


def test_a_prize_won_is_no_election():
    assert _types("Mayor Rafael Brand won the Brevik Prize on Friday.") == ["win"]
    # control: winning an election is one
    assert "elect" in _types("Mayor Rafael Brand won the election in Brevik on Friday.")


def test_calling_for_something_is_a_demand_not_a_phone_call():
    got = events_of("Mayor Rafael Brand called for Governor Ilse Marrow to resign on Friday.")
    assert "call" not in [g[0] for g in got] and ("statement", ["Rafael Brand"]) in [(g[0], g[3]) for g in got]
    # control: calling someone is a call
    assert "call" in _types("Mayor Rafael Brand called Governor Ilse Marrow.")


def test_condemning_an_attack_makes_no_attacker():
    got = events_of("Mayor Rafael Brand condemned the attack on Tuesday.")
    assert [(g[0], g[3]) for g in got] == [("statement", ["Rafael Brand"])]
    # control: an attack the subject launches is his
    got = events_of("Mayor Rafael Brand launched the attack on Tuesday.")
    assert ("attack", ["Rafael Brand"]) in [(g[0], g[3]) for g in got]


def test_an_earthquake_that_struck_is_a_disaster_not_a_strike():
    got = events_of("A strong earthquake struck Brevik on Tuesday.")
    assert [(g[0], g[2]) for g in got] == [("disaster", "2025-05-13")]
    # control: workers who strike are on strike
    assert "protest" in _types("The Brevik Dockers Union struck on Tuesday.")


def _about(text):
    art = analysed(text)
    return [(e.type, [art.mentions[i].text for i in e.agents], [art.mentions[i].text for i in e.about])
            for e in art.events]


def test_a_statement_is_about_those_named_in_what_was_said():
    got = _about("Governor Ilse Marrow said on Monday that union leader Rafael Brand and the Velmora Dock Union "
                 "deserved more time.")
    assert ("statement", ["Ilse Marrow"], ["Rafael Brand", "Velmora Dock Union"]) in got, got


def test_only_statements_carry_who_they_are_about():
    got = _about("Governor Ilse Marrow met union leader Rafael Brand on Monday.")
    assert got and all(about == [] for _, _, about in got), got


def test_a_statement_with_nothing_said_about_anyone_is_about_no_one():
    got = _about("Governor Ilse Marrow said on Monday that the talks would go on.")
    assert [a for t, _, a in got if t == "statement"] == [[]], got


def test_a_hedged_telling_is_uncertain():
    got = events_of("The Norvik Bank board probably met Mara Quill on Friday.")
    assert [(t, s) for t, s, *_ in got] == [("meet", "uncertain")]
    assert [(t, s) for t, s, *_ in events_of("The Norvik Bank board met Mara Quill on Friday.")] == [("meet", "occurred")]


def test_taking_over_a_post_buys_nothing():
    assert events_of("After the vote on Friday, Jon Brand of Norvik Bank is taking over.") == []
    got = events_of("Norvik Bank took over Harbour Trust on Friday.")
    assert [(t, a, c) for t, _, _, a, c, _ in got] == [("acquire", ["Norvik Bank"], ["Harbour Trust"])]


def test_a_verdict_found_is_a_conviction_or_an_acquittal_of_the_one_it_is_about():
    got = events_of("The Velmora High Court found Mara Quill guilty of fraud on Thursday.")
    assert [(t, c) for t, _, _, _, c, _ in got] == [("convict", ["Mara Quill"])]
    got = events_of("The Velmora High Court found Mara Quill not guilty on Thursday.")
    assert [(t, c) for t, _, _, _, c, _ in got] == [("acquit", ["Mara Quill"])]
    assert events_of("The Velmora High Court found that Norvik Bank had lost 3 billion crowns.") == []


def test_a_happening_in_a_relative_clause_with_no_time_of_its_own_is_undated_background():
    got = events_of("Jon Brand, who met Mara Quill, stayed on the Norvik Bank board.")
    assert [(t, d) for t, _, d, *_ in got if t == "meet"] == [("meet", None)]
    got = events_of("Jon Brand, who met Mara Quill on Monday, stayed on the Norvik Bank board.")
    assert [(t, d) for t, _, d, *_ in got if t == "meet"] == [("meet", "2025-05-12")]
    got = events_of("Norvik Bank said in a letter that it sold Harbour Trust.")      # what was said, dated
    assert [(t, d) for t, _, d, *_ in got] == [("acquire", "2025-05-16")]


def test_an_approval_is_an_agreement_and_work_resumed_a_happening():
    got = events_of("The Norvik Bank board approved the merger with Harbour Trust on Tuesday.")
    assert ("agree", "2025-05-13", ["Norvik Bank"]) in [(t, d, a) for t, _, d, a, _, _ in got], got
    got = events_of("The Velmora Dock Union resumed work at Port Velmora on Monday.")
    assert [(t, d, a) for t, _, d, a, _, _ in got] == [("resume", "2025-05-12", ["Velmora Dock Union"])]
    assert events_of("The Velmora Dock Union kept working at Port Velmora on Monday.") == []


def test_opening_proceedings_against_someone_is_an_investigation():
    got = events_of("The Velmora Sailing League opened disciplinary proceedings against Mara Quill on Friday.")
    assert [(g[0], g[4]) for g in got] == [("investigate", ["Mara Quill"])]
    # controls: opening a meeting is no investigation, nor are proceedings that merely go on
    assert "investigate" not in _types("The Velmora Sailing League opened the meeting with Mara Quill on Friday.")
    assert "investigate" not in _types("The proceedings against Mara Quill continued on Friday.")


def test_putting_someone_out_of_a_post_is_a_dismissal_of_that_person_only():
    got = events_of("The Harbour Trust board fired Mara Quill on Friday.")
    assert [(t, c) for t, _, _, _, c, _ in got] == [("dismiss", ["Mara Quill"])]
    got = events_of("Mara Quill was relieved of her command on Friday.")
    assert [(t, c) for t, _, _, _, c, _ in got] == [("dismiss", ["Mara Quill"])]
    # firing a weapon, removing debris or dismissing a claim puts no one out of a post
    assert "dismiss" not in _types("Soldiers of the Norvik Guard fired two rockets at Brevik on Friday.")
    assert "dismiss" not in _types("Workers from Harbour Trust removed debris from the Brevik road on Friday.")
    assert "dismiss" not in _types("Harbour Trust dismissed the claims of Mara Quill on Friday.")


def test_a_part_of_an_organisation_acts_for_it():
    got = events_of("Norvik Robotics is a maker of lathes. The company's board fired Mara Quill on Friday.")
    assert [(t, a, c) for t, _, _, a, c, _ in got if t == "dismiss"] == [("dismiss", ["Norvik Robotics"], ["Mara Quill"])]
    # a part that is not one of its organs ("the company's lathes") stands for no one
    got = events_of("Norvik Robotics is a maker of lathes. The company's lathes impressed Mara Quill on Friday.")
    assert not [g for g in got if "Norvik Robotics" in g[3]]
    # control: the company itself does stand for it
    got = events_of("Norvik Robotics is a maker of lathes. The company fired Mara Quill on Friday.")
    assert [(t, a) for t, _, _, a, _, _ in got if t == "dismiss"] == [("dismiss", ["Norvik Robotics"])]


def test_the_body_whose_post_it_is_takes_part_in_an_appointment():
    got = events_of("Tomas Wendt has been named the interim chief executive of Norvik Robotics on Friday.")
    assert [(t, "Norvik Robotics" in c) for t, _, _, _, c, _ in got] == [("appoint", True)]
    # a meeting with a body's chief is a meeting with that chief, not an appointment at the body
    got = events_of("Mara Quill met the chief executive of Norvik Robotics on Friday.")
    assert [t for t, *_ in got] == ["meet"] and not [g for g in got if "Norvik Robotics" in g[4]]


def test_a_hedge_the_parser_hangs_as_a_modifier_still_hedges():
    got = events_of("More likely, the Harbour Trust board nominated Mara Quill because she is cautious.")
    assert [(t, s) for t, s, *_ in got if t == "nominate"] == [("nominate", "uncertain")]


def test_dismissing_a_claim_is_a_statement_and_a_case_dismissed_is_dropped():
    assert _types("Harbour Trust dismissed the claims of Mara Quill on Friday.") == ["statement"]
    got = events_of("A Brevik judge dismissed the case against Mara Quill on Friday.")
    assert [(t, c) for t, _, _, _, c, _ in got] == [("drop_charges", ["Mara Quill"])]


def test_taking_over_a_post_is_taking_it_up():
    got = events_of("Tomas Wendt took over command of the Norvik Guard on Friday.")
    assert [t for t, *_ in got] == ["appoint"]
    # control: taking over a firm is buying it
    got = events_of("Norvik Bank took over Harbour Trust on Friday.")
    assert [t for t, *_ in got] == ["acquire"]


def test_a_place_owning_an_untagged_body_is_not_who_acts():
    from .conftest import tagged_doc

    def cast(text, parts):
        """Each event's (type, agents, counterparts), with each (words, label) of `parts` tagged by
        hand, as the small model tags "Brevik" but leaves "High Court" untagged."""
        doc = tagged_doc(text, parts)
        art = analyse(Article(id="t", source="t", content_hash="t", raw_text=text, text=text,
                              published="2025-05-16", published_source="header"), doc)
        names = lambda idxs: [art.mentions[i].text for i in idxs]   # noqa: E731
        return [(e.type, names(e.agents), names(e.counterparts)) for e in art.events]

    text = "Brevik's High Court convicted Tomas Wendt of fraud on Friday."
    got = cast(text, [("Brevik", "GPE"), ("Tomas Wendt", "PERSON")])
    assert [g for g in got if g[0] == "convict"] and all("Brevik" not in g[1] for g in got)
    # ...but a place owning a common noun still stands for itself ("Brevik's government"), and a
    # tagged body owned by a place is that body
    got = cast("Brevik's government banned Tomas Wendt from office on Friday.",
               [("Brevik", "GPE"), ("Tomas Wendt", "PERSON")])
    assert any("Brevik" in g[1] for g in got if g[0] == "ban")
    got = cast(text, [("Brevik", "GPE"), ("High Court", "ORG"), ("Tomas Wendt", "PERSON")])
    assert any(g[1] == ["High Court"] for g in got if g[0] == "convict")
