"""Plain-text tables for the list commands: a header row, columns sized to the terminal, and cells cut
with an ellipsis so that a long id or name never pushes the next column out of line."""
from __future__ import annotations

import shutil
import unicodedata
from dataclasses import dataclass

ELLIPSIS = "…"
GAP = "  "                   # between columns
FALLBACK_WIDTH = 100         # columns when not on a terminal and COLUMNS is not set
MIN_FLEX = 20                # the last column keeps at least this much room, even on a narrow terminal
MIN_CELL = 6                 # the other columns narrow to fit a terminal, but no further than this


@dataclass
class Column:
    header: str
    max: int | None = None   # widest it grows; None: the last column, which takes the room left
    right: bool = False      # numbers line up on the right


def terminal_width() -> int:
    """The terminal's width (COLUMNS wins when set, as `shutil` reads it)."""
    return shutil.get_terminal_size((FALLBACK_WIDTH, 24)).columns


def width(text: str) -> int:
    """Display width: wide East Asian characters take two cells, combining marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def cut(text: str, room: int) -> str:
    """`text` on one line in at most `room` cells, ending in an ellipsis when it was cut."""
    text = " ".join(str(text).split())
    if width(text) <= room:
        return text
    out, used = [], 0
    for c in text:
        w = width(c)
        if used + w > room - 1:
            break
        out.append(c)
        used += w
    return "".join(out) + ELLIPSIS


def pad(text: str, room: int, right: bool = False) -> str:
    fill = " " * max(0, room - width(text))
    return fill + text if right else text + fill


def render(columns: list[Column], rows: list[list], total: int | None = None) -> list[str]:
    """The table's lines: header first, then one line per row, within `total` cells (the terminal)."""
    total = total or terminal_width()
    cells = [[" ".join(str("" if c is None else c).split()) for c in row] for row in rows]
    widths = []
    for i, col in enumerate(columns):
        natural = max([width(col.header)] + [width(r[i]) for r in cells])
        widths.append(min(natural, col.max) if col.max is not None else natural)
    if columns and columns[-1].max is None:
        fixed = sum(widths[:-1]) + len(GAP) * (len(columns) - 1)
        widths[-1] = max(MIN_FLEX, min(widths[-1], total - fixed))
    # still too wide: narrow the widest of the other columns, one cell at a time, down to their headers
    floors = [max(width(c.header), MIN_CELL) for c in columns]
    while sum(widths) + len(GAP) * (len(columns) - 1) > total:
        room = [i for i in range(len(columns) - 1) if widths[i] > floors[i]]
        if not room:
            break
        widest = max(room, key=lambda i: (widths[i], -i))
        widths[widest] -= 1
    lines = []
    for row in [[c.header for c in columns]] + cells:
        parts = [pad(cut(v, w), w, col.right) for v, w, col in zip(row, widths, columns)]
        lines.append(GAP.join(parts).rstrip())
    return lines
