"""storyline: turn a pile of news articles into the story they tell."""
from .api import Storyline, build, open  # noqa: A004
from .config import Config

__version__ = "0.1.0"
__all__ = ["Config", "Storyline", "build", "open"]
