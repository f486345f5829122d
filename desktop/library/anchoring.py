"""A highlight's place: turns addressed as one text, and selections widened to whole words.

A transcript is addressed as one string, its turns joined by TURN_SEPARATOR; a
highlight is a span of that string, with CONTEXT characters of it either side.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from desktop.library.models import Position

TURN_SEPARATOR = "\n"
CONTEXT = 32


class TurnMap:
    """Converts between (turn, offset) positions and offsets in the joined text."""

    def __init__(self, texts: list[str]) -> None:
        self.text = TURN_SEPARATOR.join(texts)
        self.starts = []
        pos = 0
        for text in texts:
            self.starts.append(pos)
            pos += len(text) + len(TURN_SEPARATOR)
        self.lengths = [len(t) for t in texts]

    def offset(self, position: Position) -> int:
        """The joined-text offset of a position (clamped to its turn)."""
        turn = min(max(position.turn, 0), len(self.starts) - 1)
        return self.starts[turn] + min(max(position.offset, 0), self.lengths[turn])

    def position(self, offset: int, *, is_end: bool = False) -> Position:
        """The position of a joined-text offset; an end offset stays in the turn it closes."""
        turn = bisect_right(self.starts, offset - (1 if is_end else 0)) - 1
        turn = max(turn, 0)
        return Position(turn, min(offset - self.starts[turn], self.lengths[turn]))

    def context(self, start: int, end: int) -> tuple[str, str, str]:
        """Quote, prefix and suffix of a span."""
        return self.text[start:end], self.text[max(0, start - CONTEXT) : start], self.text[end : end + CONTEXT]


def snap_to_words(start_text: str, start: int, end_text: str, end: int, *, same_turn: bool) -> tuple[int, int]:
    """A selection's offsets widened to the whole words it cuts, spaces at its edges left out
    (`brilliant researcher|s` -> `researchers`); unchanged when nothing but space is selected."""
    first, last = start, end
    while first < len(start_text) and start_text[first].isspace():
        first += 1
    while last > 0 and end_text[last - 1].isspace():
        last -= 1
    if same_turn and first >= last:
        return start, end
    while 0 < first < len(start_text) and _in_word(start_text, first):
        first -= 1
    while 0 < last < len(end_text) and _in_word(end_text, last):
        last += 1
    return first, last


def context_reach(lengths: Sequence[int], first: int, end: int) -> tuple[int, int]:
    """The turns [lo, hi) holding every highlight whose context can take in any of turns
    [first, end) (of these lengths): those turns, and the turns either side as far as CONTEXT
    characters reach across the turns between."""
    lo, gap = first, 0
    while lo > 0 and gap < CONTEXT:
        lo -= 1
        gap += lengths[lo] + len(TURN_SEPARATOR)
    hi, gap = end, 0
    while hi < len(lengths) and gap < CONTEXT:
        gap += lengths[hi] + len(TURN_SEPARATOR)
        hi += 1
    return lo, hi


def _in_word(text: str, i: int) -> bool:
    """Whether offset `i` falls inside a word (`don't` and `well-known` are one word)."""
    before, after = text[i - 1], text[i]
    if before.isalnum() and after.isalnum():
        return True
    if after in _JOINERS:
        return before.isalnum() and i + 1 < len(text) and text[i + 1].isalnum()
    if before in _JOINERS:
        return after.isalnum() and i >= 2 and text[i - 2].isalnum()
    return False


_JOINERS = "'’-"
