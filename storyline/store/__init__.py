"""Storage beneath the pipeline. `open_store` picks the backend from the location string."""
from __future__ import annotations

from .base import CorpusResults, Store
from .sqlite import SQLiteStore


def open_store(location: str = "storyline.db") -> Store:
    """Open (creating and migrating if needed) the store at `location` (an SQLite file path)."""
    if location.startswith(("postgres://", "postgresql://")):
        raise NotImplementedError("PostgreSQL storage is planned; use an SQLite file path for now")
    return SQLiteStore(location)


__all__ = ["CorpusResults", "Store", "SQLiteStore", "open_store"]
