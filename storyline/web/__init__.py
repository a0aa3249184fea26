"""`storyline serve`: a read-only JSON API over a built store (`/api/v1`, described at `/openapi.json`)
and the web UI at `/` (static files of this package, no third-party code)."""
from .app import create_app

__all__ = ["create_app"]
