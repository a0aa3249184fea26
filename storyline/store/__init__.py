"""Storage beneath the pipeline. `open_store` picks the backend from the location string."""
from __future__ import annotations

from .base import CorpusResults, Store, StoreError
from .sqlite import SQLiteStore


def open_store(location: str = "storyline.db", readonly: bool = False) -> Store:
    """Open the store at `location` (an SQLite file path): for writing, created and migrated if
    needed; read-only, it must exist and is never changed."""
    if str(location).startswith(("postgres://", "postgresql://")):
        raise StoreError("PostgreSQL storage is planned; use an SQLite file path for now")
    return SQLiteStore(location, readonly=readonly)


__all__ = ["CorpusResults", "Store", "StoreError", "SQLiteStore", "open_store"]
