"""Storage beneath the pipeline. `open_store` picks the backend from the location string."""
from __future__ import annotations

from .base import CorpusResults, Store, StoreError
from .sqlite import SQLiteStore

URL_SCHEMES = ("postgres://", "postgresql://")


def is_url(location) -> bool:
    """Whether `location` names a database server rather than an SQLite file."""
    return str(location).startswith(URL_SCHEMES)


def open_store(location: str = "storyline.db", readonly: bool = False) -> Store:
    """Open the store at `location`, an SQLite file path or a postgresql:// URL: for writing, created
    and migrated if needed; read-only, it must exist and is never changed."""
    if is_url(location):
        from .postgres import PostgresStore     # psycopg is loaded only for a PostgreSQL store

        return PostgresStore(str(location), readonly=readonly)
    return SQLiteStore(location, readonly=readonly)


def database_errors() -> tuple[type[Exception], ...]:
    """The errors a backend's driver raises, for a caller that reports them rather than crash."""
    import sqlite3

    import psycopg

    return sqlite3.DatabaseError, psycopg.Error


__all__ = ["CorpusResults", "Store", "StoreError", "SQLiteStore", "database_errors", "is_url", "open_store"]
