"""Finding a highlight's text again after its turns were corrected.

A transcript is addressed as one string, its turns joined by TURN_SEPARATOR; a
highlight is a span of that string. After an edit the quote is looked for at its
old place, then exactly elsewhere (the occurrence whose context matches best, nearest
first), then fuzzily; one that cannot be found is an orphan.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rapidfuzz import fuzz

from desktop.library.models import Position

TURN_SEPARATOR = "\n"
CONTEXT = 32
FUZZY_MIN_SCORE = 80.0
_FUZZY_WINDOW = 4000


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


@dataclass(frozen=True)
class Anchor:
    """What is known of a highlight's place before an edit."""

    quote: str
    prefix: str
    suffix: str
    expected: int  # its old offset in the joined text


def locate(text: str, anchor: Anchor) -> tuple[int, int] | None:
    """Where the anchor's quote now is in `text`: exact, then fuzzy; None for an orphan."""
    quote = anchor.quote
    if not quote:
        return None
    if text.startswith(quote, anchor.expected):
        return anchor.expected, anchor.expected + len(quote)
    exact = _best_exact(text, anchor)
    if exact is not None:
        return exact, exact + len(quote)
    return _fuzzy(text, anchor)


def _best_exact(text: str, anchor: Anchor) -> int | None:
    best, best_key = None, None
    start = text.find(anchor.quote)
    while start != -1:
        end = start + len(anchor.quote)
        context = _common_suffix(text[max(0, start - CONTEXT) : start], anchor.prefix) + _common_prefix(
            text[end : end + CONTEXT], anchor.suffix
        )
        key = (-context, abs(start - anchor.expected))
        if best_key is None or key < best_key:
            best, best_key = start, key
        start = text.find(anchor.quote, start + 1)
    return best


def _fuzzy(text: str, anchor: Anchor) -> tuple[int, int] | None:
    lo = max(0, anchor.expected - _FUZZY_WINDOW)
    windows = [(lo, text[lo : anchor.expected + len(anchor.quote) + _FUZZY_WINDOW])]
    if len(text) > len(windows[0][1]):
        windows.append((0, text))
    for base, window in windows:
        found = fuzz.partial_ratio_alignment(anchor.quote, window, score_cutoff=FUZZY_MIN_SCORE)
        if found is not None and found.dest_end > found.dest_start:
            return _snap(text, base + found.dest_start, base + found.dest_end, anchor.quote)
    return None


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


def _snap(text: str, start: int, end: int, quote: str) -> tuple[int, int]:
    """Fit a fuzzy span (as long as the quote, so often a letter off) to word edges where the quote had them."""
    if quote[0].isalnum():
        while start < end and not text[start].isalnum():
            start += 1
        while start > 0 and text[start - 1].isalnum():
            start -= 1
    if quote[-1].isalnum():
        while end > start and not text[end - 1].isalnum():
            end -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
    return start, end


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
