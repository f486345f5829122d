"""Python string offsets (code points) to Qt's (UTF-16 code units) and back.

The two agree until a character beyond the Basic Multilingual Plane (an emoji such as 🎙,
whose variation selector is a character of its own but inside the BMP): each such
character is one code point and two UTF-16 units. `Utf16Map` reads a text once and keeps
only where those characters are, so converting an offset is a bisection, not a scan of the
text; for text without them (most turns, curly quotes and accents included) it is no work.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def is_bmp(text: str) -> bool:
    """Whether every character of `text` is one UTF-16 unit (offsets agree)."""
    return text.isascii() or _ASTRAL.search(text) is None


def to_utf16(text: str, offset: int) -> int:
    """The UTF-16 offset of code-point `offset` in `text`."""
    return Utf16Map(text).to_utf16(offset)


def from_utf16(text: str, offset: int) -> int:
    """The code-point offset of UTF-16 `offset` in `text` (inside a pair: the character's start)."""
    return Utf16Map(text).from_utf16(offset)


class Utf16Map:
    """One text's offsets in code points and in UTF-16 units, both ways, computed once."""

    __slots__ = ("_astral", "_astral_units", "length", "units")

    def __init__(self, text: str) -> None:
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        # where each of those characters starts in UTF-16 units: k characters before it add k
        self._astral_units = [at + k for k, at in enumerate(self._astral)]
        self.length = len(text)
        self.units = self.length + len(self._astral)  # the text's length in UTF-16 units

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 offset of code-point `offset`."""
        return offset + bisect_left(self._astral, offset) if self._astral else offset

    def from_utf16(self, units: int) -> int:
        """The code-point offset of UTF-16 offset `units` (inside a pair: the character's
        start; past the end: the end)."""
        if not self._astral:
            return min(units, self.length)
        before = bisect_left(self._astral_units, units)  # the characters starting before `units`
        if before and self._astral_units[before - 1] + 1 == units:
            return self._astral[before - 1]
        return min(units - before, self.length)
