"""Registered stages and the configuration that names them."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

import storyline
from storyline import stages
from storyline.cli import main
from storyline.config import Config, ConfigError

from .conftest import ROOT, write


def test_docs_list_every_registered_stage_as_the_registry_says():
    assert (ROOT / "docs" / "stages.md").read_text(encoding="utf-8") == stages.markdown()
    for name in Config().article_stages + Config().corpus_stages:
        assert f"### `{name}`" in stages.markdown()


def test_the_default_configuration_is_valid_and_a_broken_one_is_refused_before_any_work():
    Config().validate()
    with pytest.raises(ConfigError, match="unknown stage 'tokens'"):
        Config(article_stages=["sentences", "tokens"]).validate()
    with pytest.raises(ConfigError, match="'events' needs mentions"):
        Config(article_stages=["sentences", "times", "events"]).validate()
    with pytest.raises(ConfigError, match="needs entities"):
        Config(corpus_stages=["dedup", "stories"]).validate()
    with pytest.raises(ConfigError, match="corpus stage"):
        Config(article_stages=["sentences", "dedup"]).validate()


def test_toml_settings_reach_their_stage(tmp_path):
    cfg_file = write(tmp_path / "c.toml", 'batch_size = 4\n[ingest]\nmin_chars = 10\n'
                                          '[stages.stories]\njoin_similarity = 0.5\n')
    cfg = Config.from_toml(cfg_file)
    assert cfg.batch_size == 4 and cfg.ingest.min_chars == 10
    assert cfg.settings("stories").join_similarity == 0.5
    assert Config().settings("stories").join_similarity == stages.StoriesSettings().join_similarity


@pytest.mark.parametrize("text,match", [
    ("batch_sise = 4\n", "unknown setting batch_sise"),
    ("[ingest]\nmax_byte = 1\n", r"unknown \[ingest\] setting max_byte"),
    ("[stages.stories]\njoin = 0.5\n", "has no setting join"),
    ("[stages.nope]\nx = 1\n", "not run"),
    ("batch_size = [\n", "c.toml"),
])
def test_toml_mistakes_are_named(tmp_path, text, match):
    with pytest.raises(ConfigError, match=match):
        Config.from_toml(write(tmp_path / "c.toml", text))


def test_a_stricter_story_threshold_from_the_cli_splits_stories(tmp_path):
    corpus = tmp_path / "in"
    write(corpus / "a.txt", " date 2025-04-10 Harbour pilot Mara Voss met ferry captain Ivo Lenz in Port Velmora "
                            "on Tuesday.\n\nVoss said the timetable would change.\n")
    write(corpus / "b.txt", " date 2025-04-11 Ferry captain Ivo Lenz and harbour pilot Mara Voss signed the new "
                            "timetable in Port Velmora on Wednesday.\n\nLenz praised the crews.\n")
    loose, strict = str(tmp_path / "loose.db"), str(tmp_path / "strict.db")
    storyline.build([corpus], db=loose)
    cfg = write(tmp_path / "c.toml", "[stages.stories]\njoin_similarity = 0.999\nmerge_similarity = 0.999\n")
    out = CliRunner().invoke(main, ["build", str(corpus), "--db", strict, "--config", str(cfg), "--no-progress"])
    assert out.exit_code == 0, out.output
    with storyline.open(loose) as a, storyline.open(strict) as b:
        assert len(a.stories()) == 1 and len(b.stories()) == 2
    bad = write(tmp_path / "bad.toml", "[stages.stories]\njoin = 1\n")
    out = CliRunner().invoke(main, ["build", str(corpus), "--db", strict, "--config", str(bad)])
    assert out.exit_code != 0 and "has no setting join" in out.output and "Traceback" not in out.output
