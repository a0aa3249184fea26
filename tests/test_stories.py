"""Story grouping (storyline/stories.py) on entity profiles written for the tests."""
from collections import Counter, defaultdict

import pytest

from storyline import stories

pytestmark = pytest.mark.stage("stories")     # see tests/mutate.py


def _holders(profiles):
    out = defaultdict(set)
    for sid, prof in profiles.items():
        for e in prof:
            out[e].add(sid)
    return out


def test_pieces_whose_profiles_are_alike_become_one_story_numbered_by_first_article():
    profiles = {"s1": {"e-marrow": 2.0, "e-dock-union": 1.5},
                "s2": {"e-rovers": 2.0, "e-stadium": 1.0},
                "s3": {"e-marrow": 1.5, "e-dock-union": 1.0, "e-port-velmora": 0.5}}
    story_of = {"a1": "s1", "a2": "s2", "a3": "s3"}
    got = stories._join_pieces(story_of, profiles, _holders(profiles), ["a1", "a2", "a3"], stories.MERGE_SIMILARITY)
    assert got == {"a1": "s1", "a2": "s2", "a3": "s1"}


def test_stories_that_share_little_stay_apart():
    profiles = {"s1": {"e-marrow": 2.0, "e-dock-union": 1.5, "e-velmora": 0.3},
                "s2": {"e-rovers": 2.0, "e-stadium": 1.0, "e-velmora": 0.3}}
    story_of = {"a1": "s1", "a2": "s2"}
    got = stories._join_pieces(story_of, profiles, _holders(profiles), ["a2", "a1"], stories.MERGE_SIMILARITY)
    assert got == {"a2": "s1", "a1": "s2"}            # apart, numbered by first article


def test_group_joins_an_aftermath_told_with_other_names_into_its_story():
    # the day itself names the union and its leader; the aftermath names them less and new people more
    day = Counter({"e-dock-union": 3, "e-marrow": 2, "e-velmora": 1})
    after = Counter({"e-dock-union": 1, "e-marrow": 1, "e-lind": 3, "e-council": 2, "e-velmora": 1})
    other = Counter({"e-rovers": 3, "e-stadium": 2, "e-velmora": 1})
    arts = {"a1": day, "a2": day, "a3": other, "a4": after, "a5": after, "a6": other}
    order = sorted(arts)
    # (a strict first pass, as a story with more articles and names would meet)
    alone = stories.group(arts, order, {}, join_similarity=0.4, merge_similarity=1.01)   # second pass off
    joined = stories.group(arts, order, {}, join_similarity=0.4)
    assert alone["a1"] != alone["a4"], alone                          # the first pass leaves two pieces
    assert joined["a1"] == joined["a4"] == joined["a5"] != joined["a3"] == joined["a6"], joined
