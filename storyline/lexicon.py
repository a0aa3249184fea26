"""Generic English word lists used by several stages. Only common nouns and function words: no names.

These are data, not logic; another language adds its own module with the same names.
"""
from __future__ import annotations

# Title abbreviations and their expansions ("CM" -> "Chief Minister").
TITLE_ABBREVIATIONS = {
    "CM": "Chief Minister", "PM": "Prime Minister", "DCM": "Deputy Chief Minister", "FM": "Finance Minister",
    "HM": "Home Minister", "MP": "Member of Parliament", "MLA": "Member of Legislative Assembly",
    "CEO": "Chief Executive Officer", "CFO": "Chief Financial Officer", "COO": "Chief Operating Officer",
    "CTO": "Chief Technology Officer", "MD": "Managing Director", "DG": "Director General",
    "Gov.": "Governor", "Gov": "Governor", "Sen.": "Senator", "Sen": "Senator", "Rep.": "Representative",
    "Pres.": "President", "Supt": "Superintendent", "Insp": "Inspector", "Lt": "Lieutenant",
    "Gen.": "General", "Col.": "Colonel", "Capt.": "Captain",
}

# Honorifics and titles that may precede a name inside an entity span.
TITLE_WORDS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "shri", "smt", "sri",
    "president", "governor", "senator", "minister", "chancellor", "premier", "mayor", "judge", "justice",
    "king", "queen", "prince", "princess", "pope", "chairman", "chairwoman", "chair", "secretary",
    "general", "colonel", "captain", "commissioner", "director", "inspector", "sheriff", "rev", "reverend",
    "chief", "deputy", "leader", "speaker", "ambassador", "coach", "manager", "officer", "spokesperson",
    "spokesman", "spokeswoman", "representative", "congressman", "congresswoman", "councillor", "councilor",
    "ceo", "cfo", "coo", "cto", "founder", "cofounder", "co-founder", "chairperson", "head", "boss",
    "supremo", "counterpart", "secretary-general", "envoy", "attorney", "prosecutor", "vice", "former",
    "ex", "acting", "interim", "late", "national", "senior", "party", "union", "state", "opposition",
} | {k.lower().rstrip(".") for k in TITLE_ABBREVIATIONS}

# Lower-case particles inside a person's name ("Ursula von der Leyen", "Ana de Souza"): the name goes on
# after them.
NAME_PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "del", "della", "du", "la", "le", "bin", "ibn",
                  "al", "el", "dos", "das", "ter", "zu", "af"}

# Honorifics written before a person's name ("Mr. X", "Dr X"): part of how the person is addressed.
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "shri", "smt", "sri"}

# Nouns that head a role phrase ("Brevik Chief Minister", "the Treasury Secretary").
ROLE_HEADS = {
    "minister", "president", "chief", "governor", "secretary", "chairman", "chairwoman", "chairperson",
    "chair", "leader", "head", "director", "ceo", "cfo", "coo", "cto", "mayor", "premier", "chancellor",
    "spokesperson", "spokesman", "spokeswoman", "speaker", "commissioner", "supremo", "founder", "officer",
    "ambassador", "senator", "judge", "coach", "manager", "captain", "treasurer", "counterpart",
    "general", "boss", "executive", "prosecutor", "attorney", "envoy", "administrator", "superintendent",
    "cm", "pm", "mp", "mla", "md", "dg", "fm", "vice-president", "secretary-general", "representative",
    "convenor", "convener", "chairperson", "governor",
}

# Nouns naming what a person does, which describe a person written beside their name ("chief scientist
# X", "X, a former army commander") but are not titles: they never make a role mention of their own
# (the ROLE_HEADS above do) nor change how a name's span is read.
OCCUPATION_HEADS = {
    "scientist", "researcher", "engineer", "economist", "analyst", "professor", "lecturer", "academic",
    "member", "observer", "commander", "lieutenant", "colonel", "admiral", "marshal", "sergeant", "soldier",
    "deputy", "aide", "adviser", "advisor", "assistant", "lawyer", "barrister", "solicitor", "official",
    "diplomat", "lawmaker", "legislator", "politician", "activist", "campaigner", "journalist", "reporter",
    "editor", "correspondent", "businessman", "businesswoman", "tycoon", "entrepreneur", "investor",
    "banker", "financier", "player", "midfielder", "striker", "defender", "goalkeeper", "forward",
    "referee", "athlete", "composer", "author", "writer", "actor", "actress", "singer", "doctor", "surgeon",
    "nurse", "pilot", "owner", "cofounder", "co-founder", "partner", "employee", "staffer", "veteran",
}
# Kin, which describe a person beside their name ("his son X", "X's widow, Y") the same way.
KIN_HEADS = {"son", "daughter", "mother", "father", "wife", "husband", "widow", "widower", "brother", "sister",
             "nephew", "niece", "cousin", "uncle", "aunt", "grandson", "granddaughter", "stepson", "stepdaughter"}
PERSON_ROLE_HEADS = ROLE_HEADS | OCCUPATION_HEADS | KIN_HEADS

# Final words of a company's name: "X Bank" may be shortened to "X" (see entities).
COMPANY_WORDS = {"bank", "bancorp", "bancshares", "group", "inc", "corp", "corporation", "company", "co",
                 "holdings", "ltd", "limited", "llc", "plc", "ag", "sa", "nv", "gmbh", "financial"}

# Legal forms written after a company's name ("Acme Bank, N.A.", "Acme S.A."): not part of what it is called.
LEGAL_FORMS = {"na", "sa", "nv", "ag", "se", "bv", "spa", "gmbh", "plc", "llc", "llp", "lp", "ltd", "inc",
               "pte", "pty", "oyj", "asa"}
# Kinds of company written before or after the name ("PJSC Acme", "Acme PMC"): no part of what it is called.
COMPANY_TYPE_MARKERS = {"pmc", "pjsc", "ojsc", "cjsc", "jsc", "oao", "zao", "ooo"}

# Nouns naming an organisation by its tie to another ("the parent of X", "X's owner"): resolved like
# roles, to the organisation the corpus describes that way.
RELATION_HEADS = {"parent", "owner", "subsidiary", "affiliate", "successor", "unit", "arm"}
CHILD_TIES = {"subsidiary", "unit", "arm"}      # ...that make the other one the parent
# ...and the person's roles that are no tie of organisations ("owner" is both): written beside a name
# the model took for a body, one of these makes it a person (see nlp.mentions)
PERSON_ONLY_ROLE_HEADS = PERSON_ROLE_HEADS - RELATION_HEADS

# Final words that mark an organisation, legislature, agency, place or vehicle rather than a person.
INSTITUTION_WORDS = {
    "party", "congress", "parliament", "assembly", "sabha", "senate", "council", "committee", "commission",
    "ministry", "department", "agency", "authority", "bureau", "office", "court", "tribunal", "bank",
    "corporation", "corp", "inc", "ltd", "llc", "plc", "group", "company", "co", "holdings", "capital",
    "association", "federation", "union", "league", "club", "university", "college", "school", "institute",
    "foundation", "trust", "fund", "board", "police", "army", "navy", "force", "forces", "mission",
    "front", "alliance", "coalition", "movement", "organisation", "organization", "society", "network",
    "times", "news", "post", "express", "herald", "tribune", "journal", "daily", "television", "tv",
    "radio", "airlines", "airways", "railway", "railways", "ship", "yatra", "express", "station", "airport",
    "hospital", "centre", "center", "secretariat", "house", "palace", "hall", "stadium", "government",
    "administration", "cabinet", "reserve", "exchange", "treasury", "municipality", "corporation",
} | COMPANY_WORDS

# Prepositions that show a name is used as a place ("in X", "at X").
PLACE_PREPOSITIONS = {"in", "at", "across", "near", "around", "throughout", "outside", "inside"}

# Words that, inside a candidate name, show it is not a person's name.
NOT_NAME_WORDS = INSTITUTION_WORDS | {"elections", "election", "polls", "poll", "day", "week"}

# Third-person pronouns that may stand for a person in a later sentence.
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
# ...and the one that may stand for an organisation ("the bank said it would close").
THING_PRONOUNS = {"it"}
# Common nouns that, with "the", stand for an organisation named before ("the firm said").
# Documents that speak for their authors ("a review by X found", "X's report said").
DOCUMENT_NOUNS = {"report", "review", "study", "letter", "statement", "filing", "analysis", "audit", "survey",
                  "memo", "note", "release", "document", "post-mortem", "assessment", "findings", "paper"}

ORG_NOUNS = {"company", "firm", "lender", "bank", "group", "business", "insurer", "carrier", "airline",
             "manufacturer", "maker", "retailer", "startup", "institution", "conglomerate", "party",
             "club", "team", "union", "agency", "regulator", "ministry", "department", "government",
             "board", "council", "committee", "court", "outfit", "operator", "utility", "exchange"}

# Nouns that say what kind of body an organisation is, written beside its name ("chipmaker X",
# "X, a private military company", "Y's biggest backer, X"): its role. Bodies that are parts of
# another (board, court, ministry) are not among them: "the board X" is no description of X.
ORG_KIND_HEADS = (ORG_NOUNS - {"board", "council", "committee", "court", "ministry", "department", "government",
                               "institution", "exchange"}) | {
    "backer", "investor", "creator", "developer", "chipmaker", "carmaker", "automaker", "drugmaker",
    "giant", "watchdog", "contractor", "producer", "supplier", "broadcaster", "publisher", "network",
    "militia", "federation", "association", "organisation", "organization", "charity", "nonprofit"}

# What one takes over that is a post, not a business ("took over command of", "took over the reins")
POST_NOUNS = {"command", "leadership", "helm", "reins", "post", "role", "job", "presidency", "chairmanship",
              "position", "duties", "office", "captaincy", "premiership"}

# Types that put someone into or out of a post: the body whose post it is takes part.
PERSONNEL_TYPES = {"appoint", "dismiss", "resign", "nominate", "elect", "join", "leave"}

# Parts of an organisation that act for it: "the company's board fired X" is the company's act.
ORG_PARTS = {"board", "management", "leadership", "executive", "executives", "directors", "shareholders",
             "investors", "staff", "employees", "workers", "spokesperson", "spokesman", "spokeswoman",
             "lawyers", "prosecutors", "officials", "chief", "head", "committee", "council"}


def is_title_word(word: str) -> bool:
    return word.lower().rstrip(".") in TITLE_WORDS or word in TITLE_ABBREVIATIONS


def is_institution_word(word: str) -> bool:
    return word.lower().rstrip(".") in INSTITUTION_WORDS


def expand_title(words: list[str]) -> list[str]:
    """Expand title abbreviations word by word ("Brevik CM" -> "Brevik Chief Minister")."""
    out = []
    for w in words:
        out.extend(TITLE_ABBREVIATIONS.get(w, w).split())
    return out


# Verbs that put someone out of a post, when what they act on is a person (see NEEDS_PARTICIPANT_PATIENT)
DISMISS_VERBS = {"fire", "oust", "sack", "dismiss", "depose", "remove", "axe", "relieve", "unseat"}

# Event ontology (CAMEO-like): trigger lemma -> event type. Verbs and their nominalisations.
EVENT_VERBS = {
    "meet": "meet", "huddle": "meet", "confer": "meet", "visit": "meet", "host": "meet", "receive": "meet",
    "call": "call", "dial": "call", "phone": "call", "telephone": "call", "ring": "call",
    "invite": "invite",
    "say": "statement", "tell": "statement", "state": "statement", "claim": "statement", "tweet": "statement",
    "assert": "statement", "warn": "statement", "urge": "statement", "allege": "statement", "accuse": "statement",
    "criticise": "statement", "criticize": "statement", "slam": "statement", "vow": "statement",
    "announce": "announce", "declare": "announce", "unveil": "announce", "disclose": "announce",
    "agree": "agree", "ally": "agree", "sign": "agree", "endorse": "agree", "support": "agree", "back": "agree",
    "join": "join", "quit": "leave", "leave": "leave", "exit": "leave", "dump": "leave", "withdraw": "leave",
    "campaign": "campaign", "rally": "campaign", "elect": "elect", "vote": "elect", "win": "win",
    "appoint": "appoint", "name": "appoint", "swear": "appoint", "install": "appoint",
    "nominate": "nominate", "resign": "resign",
    # personnel: put out of a post by someone else (a resignation is the holder's own act)
    **{v: "dismiss" for v in DISMISS_VERBS},
    "launch": "launch", "arrive": "arrive", "land": "arrive", "reach": "arrive",
    "crash": "accident", "collide": "accident", "derail": "accident", "sink": "accident",
    "attack": "attack", "bomb": "attack", "shoot": "attack", "kill": "attack", "raid": "attack",
    "arrest": "arrest", "detain": "arrest",
    # legal action: each step its own type (a suit filed is not a conviction)
    "sue": "sue", "charge": "charge", "indict": "charge", "prosecute": "charge", "convict": "convict",
    "sentence": "convict", "acquit": "acquit", "ban": "ban", "bar": "ban",
    "reinstate": "appoint", "rehire": "appoint",
    "investigate": "investigate", "probe": "investigate",
    "report": "report", "find": "report", "reveal": "report",
    "protest": "protest", "march": "protest", "demonstrate": "protest", "strike": "protest",
    "suspend": "suspend", "halt": "suspend", "pause": "suspend", "freeze": "suspend",
    "recover": "recover", "rebound": "recover",
    "approve": "agree", "ratify": "agree", "resume": "resume",
    "acquire": "acquire", "buy": "acquire", "merge": "acquire", "purchase": "acquire",
    "fail": "collapse", "collapse": "collapse", "seize": "collapse", "close": "collapse", "shut": "collapse",
    # ("bail" alone is a court's release on bail: only "bail out" rescues, see PHRASAL_EVENTS)
    "rescue": "rescue", "guarantee": "rescue", "backstop": "rescue",
    "testify": "statement", "sell": "acquire", "hike": "other", "raise": "other", "cut": "other",
    "plunge": "other", "plummet": "other", "tumble": "other", "slump": "other", "soar": "other",
    "shutter": "collapse", "release": "announce", "issue": "announce", "publish": "announce",
    "propose": "announce", "review": "investigate", "grill": "statement", "question": "statement",
    "fault": "statement", "blame": "statement",
    # reactions: words about a happening, not the happening
    "condemn": "statement", "denounce": "statement", "deplore": "statement", "decry": "statement",
    "praise": "statement", "hail": "statement", "applaud": "statement", "deny": "statement",
    "apologise": "statement", "apologize": "statement", "regret": "statement", "lament": "statement",
}
# Verbs whose object is a happening they speak of, not one their subject takes part in: in "X condemned
# the attack" X is no attacker (against "X held talks", where X does talk).
REACTION_VERBS = {"condemn", "denounce", "deplore", "decry", "praise", "hail", "applaud", "deny", "regret",
                  "lament", "criticise", "criticize", "slam", "blame", "welcome", "mourn", "reject", "oppose",
                  "question", "investigate", "probe", "review", "report", "predict", "fear", "expect",
                  "apologise", "apologize", "discuss", "mark", "commemorate", "protest"}
# Subjects that make "struck", "hit" or "rocked" a natural disaster rather than a strike or an attack.
HAZARD_NOUNS = {"earthquake", "quake", "tremor", "aftershock", "storm", "hurricane", "cyclone", "typhoon",
                "flood", "flooding", "tornado", "wildfire", "tsunami", "landslide", "avalanche", "eruption"}
HAZARD_VERBS = {"strike", "hit", "rock", "jolt", "shake", "ravage", "batter", "devastate", "destroy", "kill"}
EVENT_NOUNS = {
    "meeting": "meet", "talks": "meet", "talk": "meet", "meet": "meet", "summit": "meet", "visit": "meet",
    "huddle": "meet", "conclave": "meet", "conference": "meet", "convention": "meet",
    "call": "call", "invitation": "invite", "announcement": "announce", "resignation": "resign",
    "election": "elect", "vote": "elect", "collapse": "collapse", "failure": "collapse", "closure": "collapse",
    "rescue": "rescue", "bailout": "rescue", "acquisition": "acquire", "merger": "acquire", "takeover": "acquire",
    "protest": "protest", "strike": "protest", "arrest": "arrest", "investigation": "investigate",
    "probe": "investigate", "crash": "accident", "attack": "attack", "alliance": "agree", "deal": "agree",
    "statement": "statement", "remarks": "statement", "testimony": "statement", "speech": "statement",
    "bankruptcy": "collapse", "report": "report", "review": "report", "purchase": "acquire",
    "lawsuit": "sue", "indictment": "charge", "conviction": "convict", "verdict": "convict", "acquittal": "acquit",
    "appointment": "appoint", "reinstatement": "appoint", "suspension": "suspend",
    "ouster": "dismiss", "dismissal": "dismiss", "sacking": "dismiss", "firing": "dismiss", "removal": "dismiss",
    "ballot": "elect", "referendum": "elect", "walkout": "protest", "approval": "agree",
}
# Verbs that are events only with a patient ("regulators closed the bank", "the bank was shut").
NEEDS_PATIENT = {"close", "shut", "back", "support", "name", "reach", "charge", "find", "report", "win",
                 "leave", "land", "install", "receive", "host", "raise", "cut", "sell", "release", "issue",
                 "publish", "propose", "review", "question", "bar", "sentence", "ban"}
# Verbs that are events only when what they act on is a participant (a person or organisation):
# "charged X" but not "charged a fee", "banned X" but not "banned imports".
NEEDS_PARTICIPANT_PATIENT = {"charge", "indict", "prosecute", "convict", "sentence", "acquit", "ban", "bar",
                             "reinstate", "rehire"} | DISMISS_VERBS   # "fired X", not "fired missiles"
# (verb, head noun of its object) -> the type the pair tells, or None when it tells no happening:
# the object decides what "closed", "filed", "won" or "dropped" did.
PATIENT_EVENTS = {
    ("close", "deal"): None, ("close", "page"): None, ("close", "chapter"): None, ("close", "gap"): None,
    ("close", "session"): None, ("close", "loophole"): None, ("close", "transaction"): None,
    ("close", "sale"): None, ("close", "eye"): None, ("close", "door"): None, ("close", "ranks"): None,
    ("close", "case"): "drop_charges", ("close", "investigation"): "drop_charges", ("close", "probe"): "drop_charges",
    ("drop", "case"): "drop_charges", ("drop", "charge"): "drop_charges", ("drop", "lawsuit"): "drop_charges",
    ("drop", "suit"): "drop_charges", ("drop", "investigation"): "drop_charges", ("drop", "probe"): "drop_charges",
    ("close", "border"): "suspend", ("close", "airspace"): "suspend", ("close", "road"): "suspend",
    ("close", "school"): "suspend", ("close", "airport"): "suspend", ("close", "crossing"): "suspend",
    ("file", "lawsuit"): "sue", ("file", "suit"): "sue", ("file", "complaint"): "sue", ("file", "claim"): "sue",
    ("file", "case"): "sue", ("file", "appeal"): "sue", ("file", "petition"): "sue", ("file", "charge"): "charge",
    ("bring", "charge"): "charge", ("press", "charge"): "charge", ("bring", "lawsuit"): "sue",
    ("bring", "case"): "sue", ("lodge", "complaint"): "sue", ("lodge", "appeal"): "sue",
    ("open", "investigation"): "investigate", ("open", "probe"): "investigate", ("open", "case"): "investigate",
    ("open", "inquiry"): "investigate", ("launch", "investigation"): "investigate", ("launch", "probe"): "investigate",
    ("launch", "inquiry"): "investigate", ("launch", "case"): "investigate",
    ("open", "proceeding"): "investigate", ("launch", "proceeding"): "investigate",
    ("start", "proceeding"): "investigate", ("begin", "proceeding"): "investigate",
    ("initiate", "proceeding"): "investigate",
    # dismissing what is said is rejecting it; a court dismissing a case ends it
    ("dismiss", "claim"): "statement", ("dismiss", "allegation"): "statement", ("dismiss", "accusation"): "statement",
    ("dismiss", "report"): "statement", ("dismiss", "suggestion"): "statement", ("dismiss", "criticism"): "statement",
    ("dismiss", "concern"): "statement", ("dismiss", "rumour"): "statement", ("dismiss", "rumor"): "statement",
    ("dismiss", "case"): "drop_charges", ("dismiss", "charge"): "drop_charges", ("dismiss", "lawsuit"): "drop_charges",
    ("dismiss", "suit"): "drop_charges", ("dismiss", "appeal"): "drop_charges",
    ("win", "election"): "elect", ("win", "vote"): "elect", ("win", "seat"): "elect", ("win", "poll"): "elect",
    ("win", "majority"): "elect", ("win", "mandate"): "elect", ("win", "ballot"): "elect", ("win", "race"): "elect",
    ("win", "term"): "elect", ("win", "primary"): "elect", ("win", "runoff"): "elect",
    # a deal struck is an agreement, not a walkout; a sentence or a ban received is the court's or the
    # body's act; rates left on hold went nowhere
    **{("strike", n): "agree" for n in ("deal", "agreement", "accord", "pact", "bargain", "compromise", "truce")},
    **{("reach", n): "agree" for n in ("deal", "agreement", "accord", "settlement", "compromise", "consensus",
                                       "truce", "understanding")},
    ("receive", "sentence"): "convict", ("receive", "ban"): "ban", ("receive", "suspension"): "suspend",
    ("leave", "rate"): None,
    **{("dismiss", n): "statement" for n in ("fear", "idea", "speculation", "talk", "notion", "warning", "doubt",
                                             "complaint", "question", "prospect", "possibility", "threat")},
    # what is attacked in words: a decision, a policy, a plan (troops attack places and people)
    **{("attack", n): "statement" for n in ("decision", "policy", "plan", "proposal", "pledge", "case", "ruling",
                                            "remark", "comment", "record", "standard", "idea", "approach",
                                            "budget", "bill", "law", "claim", "move", "handling", "stance")},
    ("fail", "test"): None, ("fail", "exam"): None, ("fail", "check"): None,
}
# What one reaches that is a place: "reached the capital" is an arrival, "reached the final" or "the age
# of 10" is none (a named place reached is one too).
PLACE_NOUNS = {"capital", "city", "town", "village", "border", "frontier", "coast", "shore", "port", "harbour",
               "harbor", "airport", "camp", "scene", "site", "hospital", "island", "region", "province",
               "area", "outskirts", "destination", "base", "station", "summit", "surface", "orbit", "moon"}
# What one files for that is a collapse ("filed for bankruptcy", "...for Chapter 11 protection"):
# "filed for divorce" or "a complaint filed for assault" is not.
INSOLVENCY_NOUNS = {"bankruptcy", "protection", "chapter", "insolvency", "receivership", "administration",
                    "liquidation", "restructuring"}
# Verb + particle combinations that change the type ("call on" is a visit, "step down" a resignation).
PHRASAL_EVENTS = {("call", "on"): "meet", ("step", "down"): "resign", ("bail", "out"): "rescue",
                  ("take", "over"): "acquire", ("pull", "out"): "leave", ("break", "away"): "leave",
                  ("sign", "up"): "join", ("call", "off"): "cancel", ("wind", "down"): "collapse",
                  ("shut", "down"): "collapse", ("close", "down"): "collapse", ("file", "for"): "collapse",
                  ("call", "for"): "statement", ("walk", "out"): "protest", ("walk", "off"): "protest",
                  ("shut", "off"): "suspend", ("cut", "off"): "suspend"}      # supplies cut off: a halt
# ("call for": "called for X to resign" is a demand, not a phone call)
# Phrasal events told by a preposition rather than a particle ("call on", "file for").
PREPOSITIONAL_EVENTS = {("call", "on"), ("file", "for"), ("call", "for"), ("walk", "off")}
# Verbs that, before an infinitive, only qualify it: "failed to act" is no failure of a firm.
HELPER_VERBS = {"fail", "manage", "try", "attempt", "seek", "refuse", "continue", "begin", "start", "help"}
# Heads that make a following infinitive a plan: "is likely to meet", "set to", "scheduled to".
PLAN_HEADS = {"likely", "set", "expect", "expected", "schedule", "scheduled", "plan", "due", "going", "poised",
              "slate", "slated", "intend", "propose", "hope", "aim", "seek", "want", "prepare", "decide", "agree"}
# Heads whose past tense makes the following infinitive a done deal: "agreed to buy", "decided to quit".
# Conjunctions that place one happening before or after another ("X fell after Y announced a plan").
SEQUENCE_MARKERS = {"after", "before", "since", "until", "till", "once"}
DECISION_HEADS = {"agree", "decide", "vote"}
# Heads that ask for what their infinitive tells: "urged X to resign" is a demand, not a resignation.
DEMAND_HEADS = {"urge", "call", "ask", "demand", "press", "push", "appeal", "request", "implore", "invite"}
PLAN_MODIFIERS = {"next", "upcoming", "forthcoming", "proposed", "planned", "scheduled", "future", "coming"}
CANCEL_HEADS = {"cancel", "postpone", "defer", "scrap", "abandon", "call", "shelve", "delay"}
# A happening told as a condition ("if X collapses", "unless", "whether X buys") or as what someone
# denies ("X denied firing Y", "X rejected claims that it had fired Y") is not said to have happened.
CONDITION_MARKS = {"if", "unless", "whether"}
DENIAL_VERBS = {"deny", "reject", "refute", "dispute", "rebut"}
# "X probably met Y", "more likely, X named Y": the writer's guess, not a report that it happened
HEDGE_ADVERBS = {"likely", "probably", "possibly", "perhaps", "maybe", "presumably", "supposedly", "allegedly",
                 "reportedly", "apparently"}
# "found X guilty" is a conviction, "found X not guilty" / "innocent" an acquittal (not a finding reported)
VERDICT_WORDS = {"guilty": "convict", "innocent": "acquit"}
UNCERTAIN_MODALS = {"may", "might", "could", "would"}
FUTURE_MODALS = {"will", "shall", "'ll", "wo"}
# Words of state that open an institution's full name and that reports drop ("the Royal X
# Federation" is "the X Federation"): honorifics, not part of what tells the body apart.
HONORIFIC_PREFIXES = {"royal", "imperial"}
# Types that are reported speech rather than happenings; they rank below happenings on a timeline.
SPEECH_TYPES = {"statement"}
# Verbs of saying: "X said that Y met Z" is news about the meeting, not about the saying.
SPEECH_VERBS = {"say", "tell", "state", "claim", "tweet", "assert", "warn", "allege", "add", "announce", "report",
                "declare", "disclose", "note", "write", "confirm", "insist", "stress", "explain"}
