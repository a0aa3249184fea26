"""End to end: build a store, read it back through the API and the exports."""
import json

import pytest

import storyline
from storyline.export import to_csv, to_dict, to_markdown

from .conftest import needs_shared


@pytest.fixture
def built(tmp_path, small_corpus):
    db = str(tmp_path / "s.db")
    report = storyline.build([small_corpus], db=db)
    return db, report


@pytest.mark.stage("merge")
def test_meeting_told_twice_is_one_event(built):
    db, report = built
    assert report.added == 2 and report.analysed == 2
    with storyline.open(db) as s:
        meets = [e for e in s.events() if e.type == "meet" and e.date == "2025-03-03"]
        assert len(meets) == 1
        ev = meets[0]
        names = {x.id: x.name for x in s.entities()}
        assert {"Ada Kestrel", "Tomas Brandt"} <= {names[p] for p in ev.participants}
        assert {src.article for src in ev.sources} == {"a", "b"}
        assert names.get(ev.place) == "Port Velmora"
        for src in ev.sources:      # offsets point at the sentence in the cleaned text
            art = next(a for a in s.articles() if a["id"] == src.article)
            assert art["text"][src.start:src.end] == src.sentence


def test_articles_reuse_and_furniture(built):
    db, _ = built
    with storyline.open(db) as s:
        arts = {a["id"]: a for a in s.articles()}
    assert arts["a"]["reuses"] == [{"article": "b", "shared_sentences": 1}]
    assert arts["b"]["reuses"] == [{"article": "a", "shared_sentences": 1}]
    assert arts["a"]["duplicate_of"] is None and arts["b"]["duplicate_of"] is None
    assert "ALSO READ" not in arts["b"]["text"]
    assert arts["a"]["published"] == "2025-03-04" and arts["a"]["published_source"] == "header"


@pytest.mark.stage("entities")
def test_entities_merge_surname_and_title(built):
    db, _ = built
    with storyline.open(db) as s:
        kestrel = s.find_entity("Kestrel")
        assert len(kestrel) == 1 and kestrel[0].name == "Ada Kestrel"
        brandt = s.find_entity("Tomas Brandt")[0]
        assert any("Governor" in r["role"] for r in brandt.roles)


def test_rebuild_adds_nothing_and_new_article_is_incremental(tmp_path, built, small_corpus):
    db, _ = built
    again = storyline.build([small_corpus], db=db)
    assert (again.added, again.already_stored, again.analysed) == (0, 2, 0)
    (small_corpus / "c.txt").write_text(" date 2025-03-06 Governor Tomas Brandt met union leader Ada Kestrel "
                                        "again on Wednesday in Port Velmora to sign the wage deal.", encoding="utf-8")
    more = storyline.build([small_corpus], db=db)
    assert (more.added, more.analysed) == (1, 1)


def test_exports(built, tmp_path):
    db, _ = built
    with storyline.open(db) as s:
        data = to_dict(s)
        assert {"articles", "stories", "entities", "events", "conflicts"} <= set(data)
        assert json.loads(json.dumps(data)) == data
        assert to_csv(s).splitlines()[0].startswith("id,date,date_end,type")
        assert "Ada Kestrel" in to_markdown(s)


def test_export_matches_packaged_schema(built):
    """The schema shipped in the package (no skip: it is ours); the shared contract's too when present."""
    import jsonschema

    from storyline.export import schema

    db, _ = built
    with storyline.open(db) as s:
        data = to_dict(s)
    jsonschema.validate(data, schema())
    assert data["events"] and all(len(e["roles"]) == len(e["participants"]) for e in data["events"])


def test_export_matches_shared_contract_schema(built):
    import jsonschema

    shared = json.loads(needs_shared("contract", "export.schema.json").read_text())
    db, _ = built
    with storyline.open(db) as s:
        jsonschema.validate(to_dict(s), shared)


def test_seeds(tmp_path):
    """The shared seed articles: the two spring meetings, the undated letter, the agency near-copies."""
    seeds = needs_shared("seeds")
    db = str(tmp_path / "seeds.db")
    storyline.build([seeds], db=db)
    with storyline.open(db) as s:
        data = to_dict(s)
    ents = {e["id"]: {e["name"].lower(), *(a.lower() for a in e["aliases"])} for e in data["entities"]}

    def names(ev):
        return set().union(*(ents.get(p, set()) for p in ev["participants"]))

    def one_event(day, people, place):
        evs = [e for e in data["events"] if e["date"] == day and people <= names(e)]
        assert len(evs) == 1, (day, [(e["type"], names(e)) for e in evs])
        ev = evs[0]
        assert len({src["article"] for src in ev["sources"]}) >= 2
        return ev

    one_event("2023-04-12", {"nitish kumar", "mallikarjun kharge", "rahul gandhi"}, "delhi")
    one_event("2023-04-24", {"nitish kumar", "mamata banerjee"}, "kolkata")
    arts = {a["id"][:3]: a for a in data["articles"]}
    assert arts["003"]["published_source"] == "inferred"
    assert "2023-06-23" <= arts["003"]["published"] <= "2023-07-17"
    assert {r["article"][:3] for r in arts["000"]["reuses"]} == {"001"}
    assert {r["article"][:3] for r in arts["001"]["reuses"]} == {"000"}
    assert all(a["duplicate_of"] is None for a in data["articles"])


@pytest.mark.stage("merge")
def test_a_bank_and_its_holding_company_tell_one_statement(tmp_path):
    """Same-day words of a bank and of its parent (tied by "the unit of") are one statement event."""
    evs = _events_of_corpus(tmp_path, [
        " date 2025-02-06 Norvik Bank, the lending unit of Norvik Holdings, said on Wednesday "
        "that it would raise 2 billion crowns to cover bond losses.\n",
        " date 2025-02-06 Norvik Holdings said on Wednesday that it would raise 2 billion "
        "crowns after heavy losses on bonds.\n"])
    said = [e for e in evs if e.date == "2025-02-05"]
    assert len(said) == 1 and len(said[0].sources) == 2, [(e.type, e.participants, len(e.sources)) for e in said]


def _events_of_corpus(tmp_path, texts):
    d = tmp_path / "corpus"
    d.mkdir()
    for n, text in enumerate(texts):
        (d / f"{n}.txt").write_text(text)
    db = str(tmp_path / "s.db")
    storyline.build([d], db=db)
    with storyline.open(db) as s:
        return s.events()


@pytest.mark.stage("merge")
def test_a_deal_told_with_its_attribution_is_one_event(tmp_path):
    evs = _events_of_corpus(tmp_path, [
        " date 2025-02-10 Norvik Bank has agreed to buy the failed Harbour Trust for 3 billion crowns, the Coast Deposit Fund said late Sunday.\n",
        " date 2025-02-10 Velmora Holdings unit Norvik Bank has agreed to buy most of the failed Harbour Trust for 3 billion crowns, "
        "the Coast Deposit Fund said on Sunday.\n"])
    day = [e for e in evs if e.date == "2025-02-09"]
    assert [e.type for e in day] == ["acquire"] and len(day[0].sources) == 2


@pytest.mark.stage("merge")
def test_an_announcement_and_words_of_one_speaker_on_one_day_are_one_event(tmp_path):
    evs = _events_of_corpus(tmp_path, [
        " date 2025-02-10 The Coast Deposit Fund announced on Monday a new fee on large banks.\n",
        " date 2025-02-10 The Coast Deposit Fund said on Monday that 40 banks would pay the fee.\n"])
    day = [e for e in evs if e.date == "2025-02-10"]
    assert len(day) == 1 and len(day[0].sources) == 2


_STRIKE_LEAD = (" date 2025-03-20 Dockworkers in Velmora walked out on Wednesday over pay.\n\n"
                "The strike closed two terminals, union officials said.\n\n")
_APPOINTED = " date 2025-03-04 The Velmora Port Authority appointed Mara Quill as its chief executive on Monday.\n"


@pytest.mark.stage("merge")
def test_a_recap_in_a_later_body_joins_the_earlier_event_and_keeps_its_date(tmp_path):
    evs = _events_of_corpus(tmp_path, [
        _APPOINTED, _STRIKE_LEAD + "The Velmora Port Authority appointed Mara Quill as its chief executive.\n"])
    named = [e for e in evs if e.type == "appoint"]
    assert [(e.date, len(e.sources)) for e in named] == [("2025-03-03", 2)], [(e.date, e.sources) for e in named]


@pytest.mark.stage("merge")
def test_a_later_act_with_someone_else_is_no_recap(tmp_path):
    evs = _events_of_corpus(tmp_path, [
        _APPOINTED, _STRIKE_LEAD + "The Velmora Port Authority appointed Jon Tarrow as its harbour master.\n"])
    named = sorted((e.date, len(e.sources)) for e in evs if e.type == "appoint")
    assert named == [("2025-03-03", 1), ("2025-03-20", 1)]


@pytest.mark.stage("merge")
def test_the_lead_of_an_article_days_later_is_news_of_its_day_not_a_recap(tmp_path):
    # three days on (later than a report a day or two late, not yet a recap): its own day
    evs = _events_of_corpus(tmp_path, [
        _APPOINTED, " date 2025-03-06 The Velmora Port Authority appointed Mara Quill as its chief executive.\n"])
    assert sorted(e.date for e in evs if e.type == "appoint") == ["2025-03-03", "2025-03-06"]


@pytest.mark.stage("merge")
def test_the_lead_of_an_article_weeks_later_recalls_the_event(tmp_path):
    # seventeen days on, an undated lead telling the same appointment recalls it: one event, its day kept
    evs = _events_of_corpus(tmp_path, [
        _APPOINTED, " date 2025-03-20 The Velmora Port Authority appointed Mara Quill as its chief executive.\n"])
    assert [(e.date, len(e.sources)) for e in evs if e.type == "appoint"] == [("2025-03-03", 2)]


@pytest.mark.stage("merge")
def test_another_reading_of_a_sentence_ranks_below_events_told_on_their_own():
    from storyline.events.merge import RETELLING_WEIGHT, _demote_retellings
    from storyline.model import Event, Source

    def ev(typ, salience, *sources):
        return Event(id=typ, type=typ, status="occurred", date="2025-03-03", date_end=None, participants=[],
                     place=None, summary=typ, salience=salience, sources=[Source(a, "s", st, st + 1) for a, st in sources])

    def mains(e):
        return {(s.article, s.start) for s in e.sources}

    closing = ev("drop_charges", 3.0, ("a", 0), ("b", 40))
    announcing = ev("announce", 2.0, ("b", 40))           # its strongest telling is the closing's sentence
    own = ev("meet", 1.0, ("c", 0), ("b", 40))            # told in a sentence of its own first
    _demote_retellings([(announcing, mains(announcing)), (own, mains(own)), (closing, mains(closing))])
    assert (closing.salience, own.salience) == (3.0, 1.0)
    assert announcing.salience == 2.0 * RETELLING_WEIGHT


@pytest.mark.stage("merge")
def test_an_event_named_in_passing_takes_nothing_from_the_sentence_s_own_news():
    from storyline.events.merge import _demote_retellings
    from storyline.model import Event, Source

    def ev(typ, salience, *sources):
        return Event(id=typ, type=typ, status="occurred", date="2025-03-03", date_end=None, participants=[],
                     place=None, summary=typ, salience=salience, sources=[Source(a, "s", st, st + 1) for a, st in sources])

    ouster = ev("dismiss", 5.0, ("a", 0), ("b", 40))      # "b" names it only in passing ("after the ouster")
    said = ev("statement", 1.5, ("b", 40))
    _demote_retellings([(ouster, {("a", 0)}), (said, {("b", 40)})])
    assert said.salience == 1.5


@pytest.mark.stage("merge")
def test_who_a_statement_is_about_are_its_last_participants_and_add_no_salience(tmp_path):
    evs = _events_of_corpus(tmp_path, [
        " date 2025-03-04 Governor Ilse Marrow said on Monday that union leader Rafael Brand and the Velmora "
        "Dock Union deserved more time.\n",
        " date 2025-03-11 Governor Ilse Marrow said on Monday that the talks would go on.\n"])
    said = {e.date: e for e in evs if e.type == "statement"}
    about, plain = said["2025-03-03"], said["2025-03-10"]
    assert about.participants == ["e-ilse-marrow", "e-rafael-brand", "e-velmora-dock-union"], about.participants
    assert plain.participants == ["e-ilse-marrow"]
    assert about.salience == plain.salience


def _appointed(day_name: str, published: str) -> str:
    return f" date {published} The Velmora Port Authority appointed Mara Quill as its chief executive on {day_name}.\n"


@pytest.mark.stage("merge")
def test_a_few_sources_a_day_off_the_rest_tell_the_same_happening(tmp_path):
    evs = _events_of_corpus(tmp_path, [
        _appointed("Friday", "2025-03-08"),
        " date 2025-03-08 Dock unions welcomed the news.\n\nThe Velmora Port Authority appointed Mara Quill "
        "as chief executive on Friday, officials said.\n",
        " date 2025-03-09 The Velmora Port Authority appointed Mara Quill on Friday to lead the port through "
        "the strike.\n",
        _appointed("Saturday", "2025-03-09")])
    named = [(e.date, len(e.sources)) for e in evs if e.type == "appoint"]
    assert named == [("2025-03-07", 4)], named


@pytest.mark.stage("merge")
def test_one_source_against_one_keeps_two_days(tmp_path):
    evs = _events_of_corpus(tmp_path, [_appointed("Friday", "2025-03-08"), _appointed("Saturday", "2025-03-09")])
    assert sorted(e.date for e in evs if e.type == "appoint") == ["2025-03-07", "2025-03-08"]
