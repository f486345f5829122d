"""Which turns a correction rewrote, found by comparing the turns shown with the turns now:
so the reader redraws only those, and highlights elsewhere only move with their turns."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from difflib import SequenceMatcher

from desktop.library import Highlight, Position, TurnRecord
from desktop.library.anchoring import context_reach

Run = tuple[int, int, int, int]  # old turns [i1, i2) became new turns [j1, j2)


def changed_runs(old: list[TurnRecord], new: list[TurnRecord], old_colours: dict[str, str],
                 new_colours: dict[str, str]) -> list[Run]:  # fmt: skip
    """The runs of turns that differ in what the reader shows of them (their speaker's colour
    included), in order; each holds at least one old and one new turn (an insertion or
    deletion takes a neighbour along)."""
    a, b = [_content(t, old_colours) for t in old], [_content(t, new_colours) for t in new]
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle = SequenceMatcher(None, a[head : len(a) - tail], b[head : len(b) - tail], autojunk=False)
    runs: list[list[int]] = []
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        if tag == "equal":
            continue
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
        if i1 == i2 or j1 == j2:
            if i1 > 0 and j1 > 0:
                i1, j1 = i1 - 1, j1 - 1
            else:
                i2, j2 = i2 + 1, j2 + 1
        if runs and i1 <= runs[-1][1]:
            runs[-1][1], runs[-1][3] = max(runs[-1][1], i2), max(runs[-1][3], j2)
        else:
            runs.append([i1, i2, j1, j2])
    return [(i1, i2, j1, j2) for i1, i2, j1, j2 in runs]


def index_map(count: int, runs: list[Run]) -> dict[int, int]:
    """Where each of `count` old turns outside the runs is now."""
    moved, shift, at = {}, 0, 0
    for i1, i2, j1, j2 in runs:
        moved.update((i, i + shift) for i in range(at, i1))
        shift, at = shift + (j2 - j1) - (i2 - i1), i2
    moved.update((i, i + shift) for i in range(at, count))
    return moved


def reached(runs: list[Run], old: list[TurnRecord], new: list[TurnRecord]) -> tuple[Rewritten, Rewritten]:
    """The turns whose highlights a correction may have changed, before and after it: the runs,
    and the turns either side whose highlights' context takes in their text."""
    before, after = [len(t.text) for t in old], [len(t.text) for t in new]
    return (Rewritten([context_reach(before, i1, i2) for i1, i2, _, _ in runs]),
            Rewritten([context_reach(after, j1, j2) for _, _, j1, j2 in runs]))  # fmt: skip


class Rewritten:
    """Runs of turns [first, end), in order (overlapping ones joined): which highlights touch them."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        joined: list[tuple[int, int]] = []
        for first, end in spans:
            if joined and first <= joined[-1][1]:
                joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
            else:
                joined.append((first, end))
        self.spans, self._ends = joined, [end for _, end in joined]

    def touches(self, highlight: Highlight) -> bool:
        """Whether a highlight lies on any of the runs, in part or whole."""
        at = bisect_right(self._ends, highlight.start.turn)  # the first run ending after its start
        return at < len(self.spans) and self.spans[at][0] <= highlight.end.turn


def moved_highlights(
    highlights: list[Highlight], rewritten: Rewritten, moved: dict[int, int]
) -> list[Highlight] | None:
    """Highlights as they were, but for those touching a rewritten turn (which must be read
    again): at their turns' new places; None if one lies on no turn shown (read them all)."""
    kept = []
    for h in highlights:
        if rewritten.touches(h):
            continue
        if h.start.turn not in moved:
            return None
        shift = moved[h.start.turn] - h.start.turn
        kept.append(h if not shift else replace(h, start=Position(h.start.turn + shift, h.start.offset),
                                                end=Position(h.end.turn + shift, h.end.offset)))  # fmt: skip
    return kept


def _content(turn: TurnRecord, colours: dict[str, str]) -> tuple:
    """What the reader shows of a turn, whatever its index."""
    return turn.speaker, colours.get(turn.speaker), turn.text, turn.start, turn.original
