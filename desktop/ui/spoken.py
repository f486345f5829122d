"""What is being said at a moment of the recording, and when a place in the text is said:
the link between the player and the reader, built once per transcript from its word times,
else its segments' times, else its turns' (Qt-free)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from desktop.export.collect import part_time
from desktop.library import Position, TurnRecord


@dataclass(frozen=True)
class Spoken:
    """A stretch of text said from `start` seconds: characters `begin`–`end` of turn `turn`."""

    start: float
    turn: int
    begin: int
    end: int


class SpokenIndex:
    """The timed stretches of a transcript, in time order, found by bisection."""

    def __init__(self, turns: list[TurnRecord]) -> None:
        stretches: list[Spoken] = []
        for turn in turns:
            stretches += _stretches(turn)
        stretches.sort(key=lambda s: (s.start, s.turn, s.begin))
        self._stretches, self._starts = stretches, [s.start for s in stretches]
        self.turns = turns

    @property
    def timed(self) -> bool:
        """Whether any text has a time (else playback cannot be followed)."""
        return bool(self._stretches)

    def at(self, seconds: float) -> Spoken | None:
        """What is being said `seconds` into the recording: the last stretch started by then."""
        n = bisect_right(self._starts, seconds)
        return self._stretches[n - 1] if n else None

    def time_of(self, position: Position) -> float | None:
        """When the words at a place are said (a highlight's time, as exports give it)."""
        return part_time(self.turns[position.turn], position.offset)

    def span_times(self, start: Position, end: Position) -> tuple[float, float | None] | None:
        """When a span's first word starts and its last word ends (None: not known), or None
        when its start has no time."""
        begin = self.time_of(start)
        if begin is None:
            return None
        turn = self.turns[end.turn]
        finish = turn.timing.end_before(end.offset)
        if finish is None or finish <= begin:
            after = turn.timing.time_at(end.offset)  # the next stretch's start
            finish = after if after is not None and after > begin else turn.end
        return begin, finish


def _stretches(turn: TurnRecord) -> list[Spoken]:
    timing = turn.timing
    if timing.words:
        return [Spoken(w.start, turn.index, w.offset, w.offset + w.length) for w in timing.words if w.start is not None]
    if timing.segments:
        bounds = [s.offset for s in timing.segments] + [len(turn.text)]
        return [Spoken(s.start, turn.index, s.offset, bounds[n + 1])
                for n, s in enumerate(timing.segments) if s.start is not None]  # fmt: skip
    return [Spoken(turn.start, turn.index, 0, len(turn.text))] if turn.start is not None else []
