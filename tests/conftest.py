"""Shared fixtures: small fictional articles written for these tests, and the shared data when present."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from .mutate import (pytest_collection_modifyitems, pytest_configure, pytest_report_header,  # noqa: F401
                     pytest_unconfigure)
from .pg_server import pg_server  # noqa: F401  (the session's PostgreSQL server, started on first use)

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples" / "harbour"

ARTICLE_A = """ date 2025-03-04 Port Velmora: Harbour union leader Ada Kestrel met Governor Tomas Brandt on Monday to discuss the stalled wage talks.

The two held talks for three hours at the governor's office in Port Velmora, officials said.

"We have agreed to keep talking," Kestrel told reporters after the meeting.
"""

ARTICLE_B = """ date 2025-03-05 Union leader Ada Kestrel and Governor Tomas Brandt met in Port Velmora on Monday, the first such meeting since the strike began.

Kestrel said the governor had promised to review the pay offer before next week.

ALSO READ | City council approves new tram line

"We have agreed to keep talking," Kestrel told reporters after the meeting.
"""


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def small_corpus(tmp_path) -> Path:
    d = tmp_path / "corpus"
    write(d / "a.txt", ARTICLE_A)
    write(d / "b.txt", ARTICLE_B)
    return d


def needs_shared(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"shared data not present: {p}")
    return p


DEV_STORY = "openai_board"     # the dev story that the backend and runner equivalence tests build


@pytest.fixture(scope="session")
def dev_story(tmp_path_factory) -> tuple[list[str], str]:
    """A dev story's files and the JSON export of its local SQLite build (built once a session, for
    every test that compares another way of building it); skips when the shared data is absent."""
    import storyline
    from storyline.export import to_json

    story = needs_shared("corpus", "dev", DEV_STORY)
    files = sorted(str(p) for p in story.iterdir() if p.suffix == ".txt")
    db = str(tmp_path_factory.mktemp("dev_story") / "s.db")
    storyline.build(files, db=db)
    with storyline.open(db) as s:
        return files, to_json(s)


def tagged_doc(text, parts):
    """`text` parsed, with each (words, label) of `parts` tagged by hand as its only entities: how a
    test sets the model's tagging (a name cut short, a body left untagged) to test the rule after it."""
    from spacy.tokens import Span

    from storyline import nlp

    doc = nlp.load()(text)
    ents = []
    for words, label in parts:
        start = next(t.i for t in doc if text[t.idx:].startswith(words))
        ents.append(Span(doc, start, start + len(words.split()), label=label))
    doc.ents = ents
    return doc
