from storyline.model import Event, Source
from storyline.quotes import quotes


def test_quotes_of_a_statement_with_speaker_and_offsets():
    sentence = "“We will reopen the harbour by Friday,” Governor Ilse Marrow said, calling it a “fair deal”."
    text = "Headline\n\n" + sentence
    start = text.index(sentence)
    ev = Event(id="ev1", type="statement", status="occurred", date="2025-05-14", date_end=None,
               participants=["e-ilse-marrow", "e-harbour"], place=None, summary=sentence, salience=1.0,
               sources=[Source("a1", sentence, start, start + len(sentence))])
    meet = Event(id="ev2", type="meet", status="occurred", date="2025-05-14", date_end=None,
                 participants=["e-ilse-marrow"], place=None, summary=sentence, salience=1.0,
                 sources=[Source("a1", sentence, start, start + len(sentence))])
    got = quotes([ev, meet])
    assert len(got) == 1                    # "fair deal" is too short to be a quote; meetings say nothing
    q = got[0]
    assert (q.speaker, q.date, q.article, q.event) == ("e-ilse-marrow", "2025-05-14", "a1", "ev1")
    assert q.text == "We will reopen the harbour by Friday"
    assert text[q.start:q.end] == q.text
