"""Find in the reader's transcript: where a pattern matches the turns and their headings, as
QTextDocument.find would match them (a no-break space matching a space), searched in Python's
strings rather than through Qt (seconds on a 100-hour transcript)."""

from __future__ import annotations

import re

from PySide6.QtGui import QTextDocument

from desktop.ui.reader_positions import TurnPlaces
from desktop.ui.text_offsets import Utf16Map

NO_BREAK_SPACE = "\u00a0"


def find_spans(pattern: re.Pattern, document: QTextDocument, places: TurnPlaces) -> list[tuple[int, int]]:
    """The document spans of every non-empty match, in order: in each turn's heading (when it
    has one) and text."""
    found = []
    headings, starts, offsets = places.headings, places.starts, places.offsets
    for turn, record in enumerate(places.turns):
        if headings[turn] != starts[turn]:
            block = document.findBlock(headings[turn])
            found += _spans(pattern, block.text(), block.position(), Utf16Map(block.text()))
        found += _spans(pattern, record.text, starts[turn], offsets(turn))
    return found


def _spans(pattern: re.Pattern, text: str, base: int, offsets: Utf16Map) -> list[tuple[int, int]]:
    """Where `pattern` matches `text` (no-break spaces read as spaces), as document spans from
    `base`; empty matches left out."""
    found = [m for m in pattern.finditer(text.replace(NO_BREAK_SPACE, " ")) if m.end() > m.start()]
    if offsets.units == offsets.length:  # no pairs: offsets agree
        return [(base + m.start(), base + m.end()) for m in found]
    return [(base + offsets.to_utf16(m.start()), base + offsets.to_utf16(m.end())) for m in found]
