"""Event extraction from one parsed article: trigger, type, participants, place, time and status.

Everything is read off the dependency parse: the subject of a trigger verb is its agent, its object or
"with"/"between" complement its counterpart; a time expression belongs to the trigger that governs it
in the tree (not to the first date in the sentence); plans are told by modals and by heads such as
"likely to", "set to", "scheduled to".
"""
from __future__ import annotations

from .. import lexicon
from ..model import EventMention, Mention, TimeMention
from ..time.timex import value_to_range

PARTICIPANT_LABELS = {"PERSON", "ORG", "NORP", "GPE", "ROLE"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
_SUBJ = {"nsubj", "nsubjpass", "agent"}
_OBJ = {"dobj", "obj", "attr", "oprd", "dative"}
_WITH = {"with", "between", "among", "to", "alongside", "against"}
_MEMBER_OF = {"at", "of", "from"}


def trigger_type(tok) -> str | None:
    """The event type a token triggers, if any."""
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        for child in tok.children:
            if child.dep_ == "prt" or (child.dep_ == "prep" and (tok.lemma_.lower(), child.lower_) in lexicon.PREPOSITIONAL_EVENTS):
                t = lexicon.PHRASAL_EVENTS.get((tok.lemma_.lower(), child.lower_))
                if t == "collapse" and child.dep_ == "prep" and not _files_for_insolvency(child):
                    continue        # "a complaint filed for assault" is no bankruptcy
                if t == "acquire" and not any(c.dep_ in ("dobj", "obj", "nsubjpass") for c in tok.children):
                    return None     # "X is taking over" (a post): nothing is bought
                if t == "acquire" and any(c.dep_ in ("dobj", "obj", "nsubjpass") and c.lemma_.lower() in lexicon.POST_NOUNS
                                          for c in tok.children):
                    return "appoint"    # "X took over command of Y": a post taken up, not a purchase
                if t:
                    return None if t == "cancel" else t
        if tok.pos_ == "AUX":
            return None
        verdict = _verdict(tok)
        if verdict:
            return verdict
        patient = _patient(tok)
        key = (tok.lemma_.lower(), patient.lemma_.lower() if patient is not None else "")
        if key in lexicon.PATIENT_EVENTS:
            return lexicon.PATIENT_EVENTS[key]     # "closed the deal", "filed a lawsuit", "won the election"
        if key[0] == "fail" and any(c.dep_ == "prep" and c.lower_ == "in" for c in tok.children):
            return None             # "failed in its bid": no collapse
        if key[0] == "reach" and patient is not None and not (
                patient.pos_ == "PROPN" or patient.lemma_.lower() in lexicon.PLACE_NOUNS):
            return None             # "reached the final", "reached the age of 10": no arrival (a name reached is)
        if tok.lemma_.lower() in lexicon.HAZARD_VERBS and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in lexicon.HAZARD_NOUNS for c in tok.children):
            return "disaster"       # "an earthquake struck": no walkout, no attack
        typ = lexicon.EVENT_VERBS.get(tok.lemma_.lower())
        if tok.lemma_.lower() in lexicon.NEEDS_PATIENT and not any(
                c.dep_ in ("dobj", "obj", "nsubjpass") for c in tok.children):
            return None             # "closing in on ...": only "closed the bank" / "was shut" are events
        if tok.lemma_.lower() in lexicon.HELPER_VERBS and any(c.dep_ == "xcomp" for c in tok.children):
            return None             # "failed to act": the act (or its absence) is what is told
        if typ == "call" and any(c.dep_ in ("oprd", "xcomp", "ccomp") or _opened_by_for(c) for c in tok.children):
            return "statement"      # "X called the talks historic": a characterisation, not a phone call
        return typ
    if tok.pos_ == "NOUN":
        return lexicon.EVENT_NOUNS.get(tok.lower_) or lexicon.EVENT_NOUNS.get(tok.lemma_.lower())
    return None


def _measures_object(span) -> bool:
    """A duration inside the object of a verb ("declared [seven days] of mourning", "imposed a
    [90-day] ban") measures the thing, not the act."""
    t = span.root
    for _ in range(3):
        if t.dep_ in ("dobj", "obj", "nsubjpass"):
            return True
        if t.dep_ not in ("compound", "amod", "nummod", "pobj", "prep") or t.head == t:
            return False
        t = t.head
    return False


def _verdict_word(verb):
    """The "guilty" of "found X guilty" / "was found guilty"."""
    if verb.lemma_.lower() != "find":
        return None
    return next((c for c in verb.children if c.lower_ in lexicon.VERDICT_WORDS
                 and c.dep_ in ("ccomp", "oprd", "acomp", "xcomp")), None)


def _verdict(verb) -> str | None:
    """"found X guilty": a conviction; "found X not guilty" or "innocent": an acquittal."""
    word = _verdict_word(verb)
    if word is None:
        return None
    typ = lexicon.VERDICT_WORDS[word.lower_]
    if typ == "convict" and any(c.dep_ == "neg" for c in word.children):
        typ = "acquit"
    return typ


def _patient(verb):
    """What a verb acts on: its object, its passive subject, the one a verdict is about ("found X
    guilty"), or the noun a participle describes ("a lawsuit filed on Wednesday", "the ousted chief")."""
    for c in verb.children:
        if c.dep_ in ("dobj", "obj", "nsubjpass"):
            return c
    word = _verdict_word(verb)
    if word is not None:
        subj = next((c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
    if verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


def _opened_by_for(clause) -> bool:
    """"called for X to resign": the small model hangs "for" on the demanded verb as its marker."""
    return clause.dep_ in ("advcl", "xcomp", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children)


def _acts_on_participants(verb, patient, idx, agents: set[int]) -> bool:
    """Everything the verb acts on names a participant: in "charged X a fee" the fee is what is
    charged, so X is billed, not accused."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj", "dative", "nsubjpass")] or \
        ([patient] if patient is not None else [])
    return bool(objs) and all(idx.in_phrase(o, PARTICIPANT_LABELS, exclude=agents) for o in objs)


def _files_for_insolvency(prep) -> bool:
    return any(o.dep_ == "pobj" and o.lemma_.lower() in lexicon.INSOLVENCY_NOUNS for o in prep.children)


def _expand(tok):
    """A token with its conjuncts and appositions ("X and Y", "X, the chief")."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ in ("conj", "appos"))
    return out


class _MentionIndex:
    def __init__(self, mentions: list[Mention], doc=None):
        self.by_char = {}
        for i, m in enumerate(mentions):
            for c in range(m.start, m.end):
                self.by_char.setdefault(c, i)
        self.mentions = mentions
        # persons (for "he", "she") and organisations (for "it") that are subjects of their clause:
        # the likeliest antecedents
        self.persons = [i for i, m in enumerate(mentions) if m.label == "PERSON" and not m.dateline]
        self.orgs = [i for i, m in enumerate(mentions) if m.label == "ORG" and not m.dateline]
        self.subjects = set()
        if doc is not None:
            for i in self.persons + self.orgs:
                span = doc.char_span(mentions[i].start, mentions[i].end, alignment_mode="expand")
                if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                    self.subjects.add(i)

    def antecedent(self, tok, exclude: set[int]) -> int | None:
        """The person ("he", "she") or organisation ("it") a pronoun most likely stands for: the last one
        that was the subject of a clause before it (within a few sentences), else the last one named."""
        pool = self.orgs if tok.lower_ in lexicon.THING_PRONOUNS else self.persons
        near = [i for i in pool if self.mentions[i].end <= tok.idx and i not in exclude
                and tok.idx - self.mentions[i].end < 600]
        subj = [i for i in near if i in self.subjects]
        pick = subj or near
        return pick[-1] if pick else None

    def named_by_noun(self, tok, exclude: set[int]) -> int | None:
        """The organisation "the bank", "the company" stands for: the last one named before it whose
        name ends in that noun ("Norvik Bank"), else, for a generic noun of organisations ("the lender",
        "the firm"), the last organisation that was a subject. Only "the"/"this" + a bare singular noun."""
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or \
                not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children) or \
                any(c.dep_ in ("compound", "amod", "poss", "nummod") for c in tok.children):
            return None
        noun = tok.lemma_.lower()
        near = [i for i in self.orgs if self.mentions[i].end <= tok.idx and i not in exclude]
        named = [i for i in near if self.mentions[i].head.lower().split()[-1:] == [noun]]
        if named:
            return named[-1]
        if noun in lexicon.ORG_NOUNS:
            subj = [i for i in near if i in self.subjects and tok.idx - self.mentions[i].end < 600]
            return subj[-1] if subj else None
        return None

    def inside(self, outer: Mention, labels) -> list[int]:
        """The mentions of `labels` within another mention's span ("chief of Norvik Bank")."""
        return [i for i, m in enumerate(self.mentions) if m is not outer and m.label in labels
                and outer.start <= m.start and m.end <= outer.end]

    def at(self, tok, labels) -> int | None:
        i = self.by_char.get(tok.idx)
        if i is None or (self.mentions[i].dateline and labels is not PLACE_LABELS):
            return None
        return i if self.mentions[i].label in labels else None

    def _place_owning_a_name(self, head, child) -> bool:
        """"Brevik's High Court": a place owning a proper name the model left untagged is where that
        body sits, not the one who acts; the court acts, and it is no entity we know."""
        return child.dep_ == "poss" and head.pos_ == "PROPN" and self.by_char.get(head.idx) is None and \
            self.at(child, PLACE_LABELS) is not None

    def in_phrase(self, tok, labels, exclude: set[int] | None = None) -> list[int]:
        """Mentions heading the phrase at tok, or at its conjuncts, appositions and compound modifiers;
        a third-person pronoun stands for its antecedent."""
        found = []
        for t in _expand(tok):
            if (t.dep_ != "poss" and (t.lower_ in lexicon.PERSON_PRONOUNS and "PERSON" in labels
                                      or t.lower_ in lexicon.THING_PRONOUNS and "ORG" in labels)):
                i = self.antecedent(t, exclude or set())
                if i is not None and i not in found:
                    found.append(i)
                continue
            # a named head stands alone: in "Brevik Chief Minister Ann Lee" the place is her title's
            # ...and a description of one already found ("X, a large Brevik bank") adds no one
            cands = [t] if self.at(t, labels) is not None or (t.dep_ == "appos" and found) else \
                [t] + [c for c in t.children if c.dep_ in ("compound", "poss", "nmod")
                       and not self._place_owning_a_name(t, c)]
            own = [i for i in (self.at(c, labels) for c in cands) if i is not None]
            if not own and "ORG" in labels:
                # "the bank", and a part of it: "the company's board" acts for the company
                nouns = [t] + [c for c in t.children if c.dep_ == "poss" and t.lemma_.lower() in lexicon.ORG_PARTS]
                own = [i for i in (self.named_by_noun(n, exclude or set()) for n in nouns) if i is not None][:1]
            if not own and t.lemma_.lower() in lexicon.DOCUMENT_NOUNS and t.dep_ in ("nsubj", "nsubjpass"):
                own = [i for i in (self.at(a, labels) for a in _authors(t)) if i is not None]
            if not own and t.pos_ in ("NOUN", "PRON", "DET", "NUM", "ADJ") and t.dep_ != "appos":
                # "officials at X", "shares of X", "a unit of X", "all of X's deposits": the common
                # noun or quantity stands for X here
                own = [i for p in t.children if p.dep_ == "prep" and p.lower_ in _MEMBER_OF
                       for o in p.children if o.dep_ == "pobj" for i in self.in_phrase(o, labels, exclude)]
            found += [i for i in own if i not in found]
        return found


def _authors(doc_noun) -> list:
    """Who a document that says something speaks for: "a review conducted by X", "a report by X",
    "a letter from X" (the head word of each author)."""
    out = []
    for c in doc_noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            out += [o for o in c.children if o.dep_ == "pobj"]
        elif c.dep_ == "acl":          # "conducted by X", "written by X"
            for a in (a for a in c.children if a.dep_ == "agent"):
                out += [o for o in a.children if o.dep_ == "pobj"]
    return [x for o in out for x in _expand(o)]


def _unasserted(trigger) -> bool:
    """Told as a condition, asked, or denied: the text does not say it happened."""
    if any(c.dep_ == "mark" and c.lower_ in lexicon.CONDITION_MARKS for c in trigger.children):
        return True
    # "Did X buy Y?": the sentence asks whether it happened. ("Why did X resign?" takes the
    # resignation as given: only a question that opens with its verb asks.)
    if trigger.dep_ == "ROOT" or (trigger.dep_ == "conj" and trigger.head.dep_ == "ROOT"):
        root = trigger if trigger.dep_ == "ROOT" else trigger.head
        words = [t for t in trigger.sent if not t.is_space and not t.is_punct]
        ends = [t for t in trigger.sent if not t.is_space]
        if words and ends[-1].text == "?" and (words[0] == root or
                                               (words[0].dep_ in ("aux", "auxpass") and words[0].head == root)):
            return True
    head = trigger.head
    if trigger.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() in lexicon.DENIAL_VERBS:
        return True                 # "X denied firing Y", "X denies Y was sold"
    # "X rejected claims that it had fired Y"
    return trigger.dep_ in ("acl", "ccomp") and head.pos_ == "NOUN" and head.dep_ in ("dobj", "obj") and \
        head.head.lemma_.lower() in lexicon.DENIAL_VERBS


def status_of(trigger, time_values: list[str], published: str | None) -> str:
    """occurred | planned | cancelled | uncertain, from modals, plan heads and the tense of the clause."""
    if _unasserted(trigger):
        return "uncertain"
    toks = [trigger] + list(trigger.ancestors)[:3]
    for t in toks:
        if t.lemma_.lower() in lexicon.CANCEL_HEADS and t is not trigger and t.pos_ == "VERB" and t.lemma_ != "call":
            return "cancelled"
    for child in trigger.children:
        if child.dep_ == "neg":
            return "cancelled" if trigger.pos_ != "VERB" else "uncertain"
        if child.dep_ in ("aux", "auxpass"):
            w = child.lower_
            if w in lexicon.FUTURE_MODALS:
                return "planned"
            if w in lexicon.UNCERTAIN_MODALS:
                return "uncertain"
            if w == "to" and trigger.dep_ in ("xcomp", "acl", "advcl", "ccomp", "relcl"):
                head = trigger.head
                if head.lemma_.lower() in lexicon.DEMAND_HEADS:
                    return "uncertain"        # "urged X to resign": asked for, not done
                if head.lemma_.lower() in lexicon.DECISION_HEADS and head.tag_ in ("VBD", "VBN", "VBZ"):
                    return "occurred"         # "agreed to buy": the deal is the happening
                if head.lemma_.lower() in lexicon.PLAN_HEADS or head.lower_ in lexicon.PLAN_HEADS:
                    return "planned"
                if head.lemma_ == "be":       # "is to meet"
                    return "planned"
                if trigger.dep_ == "acl":     # "the meeting to be held"
                    return "planned"
        if child.lower_ in lexicon.PLAN_MODIFIERS and child.dep_ in ("amod", "advmod", "compound"):
            return "planned"
        # (the small model hangs a sentence-opening "More likely," on the verb as amod too)
        if child.dep_ in ("advmod", "amod", "npadvmod") and child.lower_ in lexicon.HEDGE_ADVERBS:
            return "uncertain"
    head = trigger.head
    if trigger.dep_ in ("xcomp", "ccomp") and (head.lemma_.lower() in lexicon.PLAN_HEADS or
                                               head.lower_ in lexicon.PLAN_HEADS):
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
            return "planned"
    if trigger.pos_ == "NOUN":
        for child in trigger.children:
            if child.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                return "planned"
            if child.dep_ == "acl" and any(c.lower_ in lexicon.FUTURE_MODALS for c in child.children):
                return "planned"
    starts = [r[0].isoformat() for r in (value_to_range(v) for v in time_values) if r]
    if published and starts and all(d > published for d in starts):
        return "planned"        # every time it is told at lies after the report ("last week" does not)
    return "occurred"


def governing_trigger(tok, triggers: set):
    """The nearest trigger above tok in the tree; a verb that is not a trigger blocks the climb,
    except an adjectival clause ("the meeting held on June 23") which hands over to its noun."""
    t = tok
    # "despite the recent turmoil": a time that qualifies a noun naming no happening times that noun only
    if tok.dep_ in ("amod", "poss", "compound", "nmod") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head not in triggers:
        return None
    # (tokens compare with ==: spaCy makes a new Token object at each access, so `is` never holds)
    for _ in range(12):
        if t in triggers and t != tok:
            return t
        if t.pos_ == "VERB" and t != tok and t not in triggers and t.dep_ not in ("acl", "xcomp", "aux", "auxpass"):
            # a light verb hands its time to its event noun: "held talks last month"
            light = [c for c in t.children if c in triggers and c.dep_ in ("dobj", "obj", "attr")]
            return light[0] if light else None
        if t.head == t:
            return t if t in triggers else None
        t = t.head
    return None


def extract(doc, mentions: list[Mention], times: list[TimeMention], published: str | None,
            sent_of) -> list[EventMention]:
    """Event mentions of one article; `sent_of` maps a character offset to the article's sentence index."""
    idx = _MentionIndex(mentions, doc)
    events: list[EventMention] = []
    time_spans = [(t, doc.char_span(t.start, t.end, alignment_mode="expand")) for t in times
                  if t.type in ("DATE", "TIME")]
    duration_spans = [doc.char_span(t.start, t.end, alignment_mode="expand") for t in times if t.type == "DURATION"]
    for sent_i, sent in enumerate(doc.sents):
        triggers = {}
        for tok in sent:
            typ = trigger_type(tok)
            if typ:
                triggers[tok] = typ
        # "X agreed on Sunday to buy Y" is one happening, told by "buy": the decision verb adds no event
        # of its own and hands its time to the verb it governs
        handover = {}
        for tok in [t for t in triggers if t.lemma_.lower() in lexicon.DECISION_HEADS]:
            told = [c for c in tok.children if c.dep_ == "xcomp" and c in triggers]
            if told:
                handover[tok] = told[0]
        if not triggers:
            continue
        # attach each time expression to the trigger that governs it
        governed: dict = {}
        sent_times = [(t, span) for t, span in time_spans if span is not None and sent.start <= span.start < sent.end]
        free_times = []
        for t, span in sent_times:
            gov = governing_trigger(span.root, set(triggers))
            if gov is not None:
                governed.setdefault(gov, []).append(t)
            else:
                free_times.append(t)
                # "X tried on Monday to calm fears, saying ...": a participle or infinitive clause
                # shares the time of the verb it hangs from
                verbs = _clause_verbs(span.root)
                for tok in triggers:
                    if tok.head in verbs and tok.dep_ in ("advcl", "xcomp") and tok not in verbs and not _sequenced(tok):
                        governed.setdefault(tok, []).append(t)
        # "has hiked rates over the past year": something that lasted, not a happening of the day
        # (a length that is what the act gives or takes, "declared seven days of mourning", "imposed a
        # 90-day ban", says nothing of how long the act took)
        lasting = {governing_trigger(span.root, set(triggers)) for span in duration_spans
                   if span is not None and sent.start <= span.start < sent.end and not _measures_object(span)}
        for head, told in handover.items():
            governed.setdefault(told, []).extend(governed.pop(head, []))
        # "X said on Sunday it had closed Y": the closing is the news, the saying its attribution, and
        # the closing, told in the past with no time of its own, took place by the time of the saying.
        # When someone else's act is reported ("X said Y failed because of Z"), the saying stays the
        # news: it is X's finding, and Y's failure may be older
        # ("X has agreed to buy Y, Z said late Sunday": the decision verb tells the tense, "buy" the event)
        attributions = set()
        for tok in [t for t in triggers if t.lemma_.lower() in lexicon.SPEECH_VERBS]:
            for teller in reported_events(tok, triggers):
                told = handover.get(teller, teller)
                if governed.get(told):
                    attributions.add(tok)
                elif governed.get(tok) and _reports_recent(teller):
                    governed[told] = list(governed[tok])
                    if _tells_own_act(teller):
                        attributions.add(tok)
        for tok, typ in triggers.items():
            if tok in handover:
                continue
            own = governed.get(tok) or _from_conjunct(tok, governed)
            teller = next((h for h, t in handover.items() if t == tok), tok)
            if typ in lexicon.SPEECH_TYPES and _says_nothing(tok, sent):
                continue
            # a time in the sentence that belongs to another happening ("X, seized last week, is
            # filing ...") does not stop this one from being dated by the report
            ev = _event(tok, typ, idx, own, sent, published, dated_sentence=bool(free_times) or tok in lasting,
                        teller=teller)
            if ev:
                ev.sent = sent_of(tok.idx)
                ev.main = ev.main and tok not in attributions
                events.append(ev)
    return events


def _tells_own_act(told) -> bool:
    """The reported clause's subject is a pronoun: in "X said it shut Y" (or "they", "we") the speaker
    tells of its own act."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON" and c.lower_ in ("it", "they", "we", "he", "she", "i")
               for c in told.children)


def _clause_verbs(tok) -> list:
    """The verb a phrase hangs from, and the verbs that verb completes ("tried to calm": calm, tried)."""
    t, out = tok, []
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and t != tok:
            out.append(t)
            if t.dep_ != "xcomp":
                break
        if t.head == t:
            break
        t = t.head
    return out


_QUOTES = set('"“”«»')


def _says_nothing(tok, sent) -> bool:
    """"Regulators said on Monday." with nothing said: a line cut from its quote, not a statement."""
    if tok.pos_ == "NOUN" or tok.dep_ != "ROOT":
        return False
    said = any(c.dep_ in ("ccomp", "dobj", "obj", "xcomp", "parataxis", "conj", "dative") or _opened_by_for(c)
               for c in tok.children)
    return not said and not any(ch in _QUOTES for ch in sent.text)


def reported_events(speech, triggers) -> list:
    """Happenings a verb of saying reports: triggers heading its complement clause (and their
    conjuncts), other than more saying."""
    out = []
    for child in list(speech.children) + _misparsed_complements(speech):
        if child.dep_ in ("ccomp", "parataxis", "relcl") and child in triggers:
            out += [t for t in _expand(child) if t in triggers and t.lemma_.lower() not in lexicon.SPEECH_VERBS]
    return out


def _misparsed_complements(speech) -> list:
    """"X said in a letter on Monday that it sold Y": the small model hangs the "that" clause on the
    nearest noun as a relative clause. A relative clause opened by "that" as a conjunction (with a
    subject of its own) under the saying's prepositional phrase is what was said."""
    out, frontier = [], [c for c in speech.children if c.dep_ == "prep"]
    for _ in range(3):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ == "relcl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) \
                        and any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children):
                    out.append(c)
                elif c.dep_ in ("pobj", "prep", "appos"):
                    nxt.append(c)
        frontier = nxt
    return out


def _from_conjunct(tok, governed: dict) -> list[TimeMention]:
    """Coordinated verbs share a time: "X dumped Y and formed Z in August 2022"."""
    if tok.dep_ == "conj" and tok.head in governed:
        return governed[tok.head]
    for child in tok.children:
        if child.dep_ == "conj" and child in governed:
            return governed[child]
    return []


def _event(tok, typ, idx: _MentionIndex, tms: list[TimeMention], sent, published,
           dated_sentence: bool = False, teller=None) -> EventMention | None:
    """`teller` is the verb whose tense tells when it happened: the trigger, or the decision verb
    that handed it over ("has agreed to buy")."""
    agents, counterparts, place = [], [], None
    nominal = tok.pos_ == "NOUN"
    for child in tok.children:
        if child.dep_ == "agent":      # "was released by X": the passive's doer sits under "by"
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                agents += idx.in_phrase(pobj, PARTICIPANT_LABELS)
        elif child.dep_ == "nsubjpass":   # "Y was bought (by X)": Y is acted upon
            counterparts += idx.in_phrase(child, PARTICIPANT_LABELS)
        elif child.dep_ in _SUBJ:
            agents += idx.in_phrase(child, PARTICIPANT_LABELS)
        elif child.dep_ in _OBJ:
            counterparts += idx.in_phrase(child, PARTICIPANT_LABELS, exclude=set(agents))
        elif child.dep_ == "poss" and nominal:
            agents += idx.in_phrase(child, PARTICIPANT_LABELS)
        elif child.dep_ == "prep":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if child.lower_ in _WITH:
                    counterparts += idx.in_phrase(pobj, PARTICIPANT_LABELS, exclude=set(agents))
                elif child.lower_ in ("in", "at", "to", "from") and place is None:
                    places = idx.in_phrase(pobj, PLACE_LABELS)
                    place = places[0] if places else None
                elif child.lower_ == "by":
                    agents += idx.in_phrase(pobj, PARTICIPANT_LABELS)
    # a verb in a participle or infinitive clause shares the subject of the clause it depends on
    if not agents and tok.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl") and not nominal:
        head = tok.head
        for _ in range(3):
            subj = [c for c in head.children if c.dep_ in _SUBJ]
            if subj:
                agents += idx.in_phrase(subj[0], PARTICIPANT_LABELS)
                break
            if head.head == head:
                break
            head = head.head
    if nominal and tok.dep_ in _OBJ and not agents and tok.head.lemma_.lower() not in lexicon.REACTION_VERBS:
        # "X held a meeting with Y" (but in "X condemned the attack" X attacked no one)
        subj = [c for c in tok.head.children if c.dep_ in _SUBJ]
        if subj:
            agents += idx.in_phrase(subj[0], PARTICIPANT_LABELS)
    patient = _patient(tok) if not nominal else None
    if patient is not None and (patient == tok.head or patient.head == _verdict_word(tok)):
        # "the ousted chief": the noun is acted upon; "found X guilty": X is
        counterparts += idx.in_phrase(patient, PARTICIPANT_LABELS, exclude=set(agents))
    if patient is not None:         # "dropped the case against X", "filed a suit against X"
        counterparts += [i for p in patient.children if p.dep_ == "prep" and p.lower_ == "against"
                         for o in p.children if o.dep_ == "pobj"
                         for i in idx.in_phrase(o, PARTICIPANT_LABELS, exclude=set(agents))]
    if not nominal and tok.lemma_.lower() in lexicon.NEEDS_PARTICIPANT_PATIENT and \
            (tok.lemma_.lower(), patient.lemma_.lower() if patient is not None else "") not in lexicon.PATIENT_EVENTS \
            and not _acts_on_participants(tok, patient, idx, set(agents)):
        return None             # "charged a fee", "banned imports"
    if typ in lexicon.PERSONNEL_TYPES:
        # "X was named chief executive of Y", "X resigned as head of Y": the post's body takes part
        counterparts += [i for r in agents + counterparts if idx.mentions[r].label == "ROLE"
                         for i in idx.inside(idx.mentions[r], {"ORG"})]
    agents = [a for a in dict.fromkeys(agents)]
    counterparts = [c for c in dict.fromkeys(counterparts) if c not in agents]
    if not agents and not counterparts:
        return None
    about = [i for i in _told_about(tok, idx) if i not in agents and i not in counterparts] \
        if typ in lexicon.SPEECH_TYPES and not nominal else []
    values = [t.value for t in tms]
    status = status_of(tok, values, published)
    date = date_end = date_source = None
    dated = [t for t in tms if t.value[:4].isdigit()]
    if dated:
        best = dated[0]
        date, date_end = event_date(best.value, value_to_range)
        date_source = "timex"
    elif published and status == "occurred" and not dated_sentence and not tms and _reports_recent(teller or tok) \
            and not _sequenced(tok) and not _background_clause(tok):
        # (a vague time of its own, "recently", "earlier", says it is not the news of the day)
        date, date_source = published, "published"
    return EventMention(sent=-1, trigger=tok.lemma_.lower(), type=typ, status=status,
                        agents=agents, counterparts=counterparts, about=about, place=place, date=date, date_end=date_end,
                        date_source=date_source, start=sent.start_char, end=sent.end_char,
                        main=is_main_clause(teller if teller is not None else tok))


def _told_about(speech, idx: _MentionIndex) -> list[int]:
    """Who a statement is about: the people and bodies named in what was said ("X said that Y had
    left for Z": Y and Z), in the order they are named."""
    out = []
    for child in speech.children:
        if child.dep_ in ("ccomp", "parataxis"):
            for t in child.subtree:
                i = idx.at(t, PARTICIPANT_LABELS)
                if i is not None and i not in out:
                    out.append(i)
    return out


def _background_clause(tok) -> bool:
    """"X, who fired Y, stayed on": a happening told in a relative clause with no time of its own is
    background to the sentence, not the news of the report's day (a "that" clause with its own
    subject, "said in a letter that it sold Y", is what was said, not a relative clause)."""
    return tok.dep_ == "relcl" and any(c.tag_ in ("WP", "WDT") and c.dep_ in ("nsubj", "nsubjpass", "dobj")
                                       for c in tok.children)


def is_main_clause(tok) -> bool:
    """The trigger is what its sentence is about: the root verb (or one coordinated with it), or an
    event noun that is the root's subject or object ("talks were held", "X held talks")."""
    t = tok.head if tok.dep_ == "conj" else tok
    if t.dep_ == "ROOT":
        return True
    if tok.pos_ == "NOUN" and t.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "attr") and t.head.dep_ == "ROOT":
        return True
    # "X said on Monday that Y met Z": the reported event is the news, not the saying
    return t.dep_ == "ccomp" and t.head.dep_ == "ROOT" and t.head.lemma_.lower() in lexicon.SPEECH_VERBS


def event_date(value: str, value_to_range) -> tuple[str | None, str | None]:
    """A TIMEX3 value as (date, date_end) at the granularity it has (day, month or year)."""
    base = value.split("T")[0]
    if len(base) in (4, 7, 10) and base.replace("-", "").isdigit():
        return base, None
    rng = value_to_range(value)
    if rng:
        return rng[0].isoformat(), rng[1].isoformat()
    return None, None


def _sequenced(tok) -> bool:
    """The verb heads a clause placed before or after another happening ("X fell after Y announced a
    plan"): it is dated against that happening, which the report's date does not tell."""
    t = tok.head if tok.dep_ == "conj" else tok
    return t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lexicon.SEQUENCE_MARKERS for c in t.children)


def _reports_recent(tok) -> bool:
    """A simple past or present perfect verb ("met", "has met") tells of something of the day;
    a past perfect ("had met") or a gerund tells of something earlier."""
    if tok.pos_ != "VERB":
        return False
    auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if "had" in auxes:
        return False
    # "met", "has met", and what is under way as it is told: "is raising rates"
    return tok.tag_ == "VBD" or (tok.tag_ == "VBN" and bool(auxes & {"has", "have"})) or \
        (tok.tag_ == "VBG" and bool(auxes & {"is", "are"}))
