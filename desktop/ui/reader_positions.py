"""Where each of a transcript's turns lies in the reader's document, and places converted
between the library's positions (turn, offset), document positions and the place keys of
the highlight index (`span_index`). Qt-free.

A turn's text is in the document character for character, so only its offsets need
converting to UTF-16, for turns with characters beyond the BMP, through a map made once per
turn when first needed.
"""

from __future__ import annotations

from bisect import bisect_right

from desktop.library import Position, TurnRecord
from desktop.ui.span_index import gap_key, place_key
from desktop.ui.text_offsets import Utf16Map


class TurnPlaces:
    """The turns shown and where each one's first block (`headings`) and text (`starts`) begin."""

    __slots__ = ("headings", "maps", "starts", "turns")

    def __init__(self, turns: list[TurnRecord], headings: list[int], starts: list[int]) -> None:
        self.turns = turns
        self.headings = headings
        self.starts = starts
        self.maps: list[Utf16Map | None] = [None] * len(turns)  # each turn's offsets in UTF-16

    def offsets(self, turn: int) -> Utf16Map:
        """A turn's offsets in UTF-16 (read from its text once)."""
        found = self.maps[turn]
        if found is None:
            found = self.maps[turn] = Utf16Map(self.turns[turn].text)
        return found

    def document_position(self, position: Position) -> int:
        """Where a library position is in the document."""
        return self.starts[position.turn] + self.offsets(position.turn).to_utf16(position.offset)

    def library_position(self, document_position: int, is_end: bool = False) -> Position:
        """The library position of a document position; headings count as the start of their
        turn (or, for an end, the end of the turn before)."""
        turn = max(0, bisect_right(self.starts, document_position) - 1)
        offsets = self.offsets(turn)
        offset = max(0, document_position - self.starts[turn])
        if offset >= offsets.units and not is_end and turn + 1 < len(self.turns):
            return Position(turn + 1, 0)
        return Position(turn, offsets.from_utf16(offset))

    def place_key(self, document_position: int) -> int:
        """A document position as a place key: in a heading, the gap before its turn."""
        turn = bisect_right(self.starts, document_position) - 1
        if turn < 0:
            return gap_key(-1)
        offsets, offset = self.offsets(turn), document_position - self.starts[turn]
        return place_key(turn, offsets.from_utf16(offset)) if offset <= offsets.units else gap_key(turn)

    def turn_end(self, turn: int) -> int:
        """The document position just after a turn's text."""
        return self.document_position(Position(turn, len(self.turns[turn].text)))

    def replace(self, first: int, stop: int, headings: list[int], starts: list[int], delta: int) -> None:
        """Put the places of rewritten turns in for turns `first` to `stop` (not included), and
        move the turns after them by `delta`."""
        self.headings[first:stop], self.starts[first:stop] = headings, starts
        for n in range(first + len(starts), len(self.starts)):
            self.headings[n] += delta
            self.starts[n] += delta
