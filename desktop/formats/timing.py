"""The finer times of a turn: its segments (the cues, Whisper segments or timestamped
paragraphs it was made of) and, where the source has them, its words' times.

Both are addressed by character offset in the turn's text, so they follow the words
when text moves: when turns are joined, split, or a label repair moves words between
them. A quote's time is its first word's, else its segment's.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Segment:
    """A timed stretch of a turn, from character `offset` to the next segment's.
    `continued` marks the rest of a segment that a split cut in two, so joining the
    pieces again gives back the one segment."""

    offset: int
    start: float | None
    end: float | None
    continued: bool = False


@dataclass(frozen=True)
class Word:
    """A word's place in its turn's text and when it is said."""

    offset: int
    length: int
    start: float | None
    end: float | None


@dataclass(frozen=True)
class Timing:
    """A turn's segments and word times, each in text order."""

    segments: tuple[Segment, ...] = ()
    words: tuple[Word, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.segments or self.words)

    def time_at(self, offset: int) -> float | None:
        """When the text at `offset` is said: the word there (or the next one), else its segment."""
        if self.words:
            i = bisect_right([w.offset + w.length for w in self.words], offset)
            if i < len(self.words) and self.words[i].start is not None:
                return self.words[i].start
        if self.segments:
            i = bisect_right([s.offset for s in self.segments], offset) - 1
            if i >= 0:
                return self.segments[i].start
        return None

    def end_before(self, offset: int) -> float | None:
        """When the text before `offset` has been said: the end of the last word before it,
        else of the segment it is in (None where the source gives no end)."""
        before = [w for w in self.words if w.offset + w.length <= offset and w.end is not None]
        if before:
            return before[-1].end
        i = bisect_right([s.offset for s in self.segments], max(offset - 1, 0)) - 1
        return self.segments[i].end if i >= 0 else None

    def shifted(self, by: int) -> Timing:
        """The same times for the text moved `by` characters."""
        return Timing(tuple(replace(s, offset=s.offset + by) for s in self.segments),
                      tuple(replace(w, offset=w.offset + by) for w in self.words))  # fmt: skip

    def split(self, at: int, skip: int = 0) -> tuple[Timing, Timing]:
        """The times of text[:at] and of text[at + skip:] (the second counted from its own start).
        The segment running across `at` continues into the second part."""
        first = tuple(s for s in self.segments if s.offset < at)
        rest = [s for s in self.segments if s.offset >= at + skip]
        if first and (not rest or rest[0].offset > at + skip):
            rest.insert(0, replace(first[-1], offset=at + skip, continued=True))
        words_first = tuple(w for w in self.words if w.offset + w.length <= at)
        words_rest = tuple(w for w in self.words if w.offset >= at + skip)
        second = Timing(tuple(rest), words_rest).shifted(-(at + skip))
        return Timing(first, words_first), second

    def slice(self, start: int, end: int) -> Timing:
        """The times of text[start:end], counted from its own start."""
        return self.split(end)[0].split(start)[1]

    def mapped(self, move: Callable[[int, bool], int]) -> Timing:
        """The times after the text was edited: `move(offset, is_end)` says where an offset
        went. A segment whose text is gone gives way to the next; a word whose text is gone
        is dropped, a corrected word keeps its time."""
        segments: list[Segment] = []
        for segment in self.segments:
            at = move(segment.offset, False) if segment.offset else 0
            if segments and segments[-1].offset >= at:
                segments.pop()
            segments.append(replace(segment, offset=at))
        words: list[Word] = []
        for word in self.words:
            start, end = move(word.offset, False), move(word.offset + word.length, True)
            if end > start and (not words or start >= words[-1].offset + words[-1].length):
                words.append(replace(word, offset=start, length=end - start))
        return Timing(tuple(segments), tuple(words))

    @staticmethod
    def join(parts: Iterable[tuple[int, Timing]]) -> Timing:
        """Times of texts placed at these offsets of one text, in order; the rest of a segment
        that `split` cut merges back into it."""
        segments: list[Segment] = []
        words: list[Word] = []
        for offset, timing in parts:
            moved = timing.shifted(offset)
            for segment in moved.segments:
                previous = segments[-1] if segments else None
                if segment.continued and previous and (previous.start, previous.end) == (segment.start, segment.end):
                    continue
                segments.append(segment)
            words.extend(moved.words)
        return Timing(tuple(segments), tuple(words))


def align_words(text: str, words: Sequence[tuple[str, float | None, float | None]]) -> tuple[Word, ...]:
    """Find each timed word in `text`, in order; a word that cannot be found is left out."""
    found: list[Word] = []
    position = 0
    for raw, start, end in words:
        word = " ".join(str(raw).split())
        if not word:
            continue
        at = text.find(word, position)
        if at == -1:
            continue
        found.append(Word(at, len(word), start, end))
        position = at + len(word)
    return tuple(found)
