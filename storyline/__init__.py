"""storyline: turn a pile of news articles into the story they tell."""
from .config import Config

__version__ = "0.1.0"
__all__ = ["Config", "Storyline", "build", "open", "remove"]


def __getattr__(name):
    # The API pulls in spaCy, numpy and datasketch; import it on first use so light entry points
    # (`storyline timex`, the time engine alone) start fast.
    if name in ("Storyline", "build", "open", "remove"):
        from . import api
        return getattr(api, name)
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")
