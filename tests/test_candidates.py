"""The shortcuts that keep the corpus rules from growing with the square of the corpus: each one must
find exactly what the all-pairs loop it replaces finds (checked against that loop on random input)."""
from __future__ import annotations

import random
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline import conflicts, stories
from storyline.conflicts import _alike_pairs, _close_words, _typo, _typo_candidates, transliterated
from storyline.entities import edit_distance, name_key, plain_letters, similar_spelling
from storyline.model import Claim, Conflict, Source

NAMEISH = st.text(alphabet="aeioulnrstkmvbdgh", min_size=3, max_size=9)


def _all_pairs(keys):
    return [(x, y) for i, x in enumerate(keys) for y in keys[i + 1:]]


@settings(max_examples=60, deadline=None)
@given(st.lists(NAMEISH, min_size=2, max_size=40, unique=True))
def test_typo_candidates_keep_every_pair_the_all_pairs_loop_accepts(words):
    keys = sorted(w.capitalize() for w in set(words))
    folded = {k: k.lower() for k in keys}
    accepted = [(x, y) for x, y in _all_pairs(keys) if _typo(folded[x], folded[y])]
    got = [(x, y) for x, y in _typo_candidates(keys, folded) if _typo(folded[x], folded[y])]
    assert got == accepted


def test_close_words_keep_swaps_and_slips_and_drop_unlike_words():
    words = ["kestrel", "kestrle", "kestral", "kandinsky", "kodiak"]
    pairs = set(_close_words(list(range(len(words))), [transliterated(w) for w in words]))
    assert (0, 1) in pairs                  # two letters swapped: the same letters
    assert (0, 2) in pairs                  # one letter slipped
    assert (0, 3) not in pairs and (3, 4) not in pairs


def test_a_letter_swap_with_a_low_ratio_is_still_a_candidate():
    # "glen" / "gnel" share their letters but little order: _typo accepts the pair as a swap, so the
    # shortcut must offer it although its similarity is low
    pairs = _close_words([0, 1], ["glen", "gnel"])
    assert pairs == [(0, 1)] and _typo("glen", "gnel")


def _claim(about, key="count of boats", sent=0):
    return Claim(sent, 0, 1, "number", key, "3", 3.0, 3.0, 3.0, "", "", "2025-01-01", True, about)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["boat", "sink", "harbour", "crew", "storm", "pier"]), max_size=4),
                min_size=1, max_size=25),
       st.sampled_from(["count of boats", "magnitude", "age of marrow"]))
def test_alike_pairs_are_the_pairs_same_thing_scores_above_zero(abouts, measure):
    items = [(f"a{i}", _claim(ab, measure, i)) for i, ab in enumerate(abouts)]
    want = [(i, j) for i in range(len(items)) for j in range(i + 1, len(items))
            if conflicts.same_thing(items[i][1], items[j][1]) > 0]
    got = [(i, j) for i, js in _alike_pairs(measure, items) for j in js
           if conflicts.same_thing(items[i][1], items[j][1]) > 0]
    assert got == want


def test_rank_breaks_ties_by_sources():
    a = Conflict("number", "count of boats: 3 / 4", [Source("b", "x", 5, 6)], [], 1.0)
    b = Conflict("number", "count of boats: 3 / 4", [Source("a", "x", 5, 6)], [], 1.0)
    assert [c.sources[0].article for c in conflicts.rank([a, b])] == ["a", "b"]
    assert conflicts.rank([b, a]) == conflicts.rank([a, b])


def _slow_levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@settings(max_examples=200, deadline=None)
@given(NAMEISH, NAMEISH, st.integers(0, 3))
def test_edit_distance_within_its_limit_is_levenshtein(a, b, limit):
    d = _slow_levenshtein(a, b)
    assert edit_distance(a, b, limit) == (d if d <= limit else limit + 1)


def test_similar_spelling_still_needs_five_letters_and_one_initial():
    assert similar_spelling("marrow", "marow")
    assert not similar_spelling("jon", "jan")
    assert not similar_spelling("marrow", "narrow")


def test_plain_letters_leaves_plain_text_as_it_is_and_still_drops_marks():
    assert plain_letters("Ilse Marrow") == "Ilse Marrow"
    assert plain_letters("Tomé Şahin") == "Tome Sahin"
    assert name_key("H.D. Marr") == name_key("HD Marr")


def test_story_grouping_is_the_same_with_kept_norms():
    rng = random.Random(7)
    ents = [f"e{k}" for k in range(30)]
    arts = {f"a{i:02d}": __import__("collections").Counter(rng.sample(ents, 4)) for i in range(60)}
    order = sorted(arts)
    got = stories.group(arts, order, {})
    assert set(got) == set(arts)
    # the kept norm is the norm cosine would compute itself
    v = {"x": 1.5, "y": 2.0}
    assert stories.cosine(v, v) == stories.cosine(v, v, stories.norm(v), stories.norm(v))


def test_random_words_of_every_letter():
    # a corpus's words start with many letters: blocks by first letter must not lose a pair
    rng = random.Random(3)
    words = sorted({"".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 8))).capitalize()
                    for _ in range(300)})
    folded = {k: k.lower() for k in words}
    accepted = [(x, y) for x, y in _all_pairs(words) if _typo(folded[x], folded[y])]
    got = [(x, y) for x, y in _typo_candidates(words, folded) if _typo(folded[x], folded[y])]
    assert got == accepted
