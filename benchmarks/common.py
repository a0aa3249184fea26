"""What the benchmarks share: a folder for one story's store and export."""
from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def story_dir(keep: str | None, name: str):
    """A temporary folder, or KEEP/NAME (made if missing, its old store removed) when the store and
    export are to be kept for inspection."""
    if keep:
        folder = Path(keep) / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "s.db").unlink(missing_ok=True)
        yield str(folder)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            yield tmp
