"""Which highlights lie where, found by an index rather than a scan of them all (Qt-free).

A place in a transcript is one integer (`place_key`): the turn in the high bits, the offset
in the low ones, so places compare as (turn, offset) do. Between a turn's end and the next
turn's start lies `gap_key`, where the reader's speaker headings are.

`SpanIndex` holds half-open spans [start, end) of such keys: sorted by start, with an
implicit segment tree of the furthest end under each node, so "which spans start by x and
reach y" is a bisection and a walk down only the branches that hold an answer. A span
added or removed after the index was built waits in a short list until the next query
after many changes rebuilds it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

OFFSET_BITS = 32
PENDING_LIMIT = 64  # changes kept aside before the next query rebuilds the index


def place_key(turn: int, offset: int) -> int:
    """A place (turn, offset) as one integer that sorts as the pair does."""
    return (turn << OFFSET_BITS) + offset


def gap_key(turn: int) -> int:
    """A key after every place in `turn` and before the next turn's first place."""
    return ((turn + 1) << OFFSET_BITS) - 1


class SpanIndex:
    """Spans [start, end) with ids, queried by what covers or overlaps a range."""

    def __init__(self, spans: Iterable[tuple[int, int, int]] = ()) -> None:
        self._spans: dict[int, tuple[int, int]] = {span_id: (start, end) for span_id, start, end in spans}
        self._starts: list[int] = []
        self._ids: list[int] = []
        self._reach: list[int] = []  # the segment tree: furthest end under each node
        self._size = 0
        self._added: dict[int, tuple[int, int]] = {}  # since the last build
        self._dropped: set[int] = set()  # built in, but removed or changed since
        self._stale = True

    def __len__(self) -> int:
        return len(self._spans)

    def add(self, span_id: int, start: int, end: int) -> None:
        """Add a span (or move the one with this id)."""
        if self._spans.get(span_id) == (start, end):
            return
        self.remove(span_id)
        self._spans[span_id] = (start, end)
        self._added[span_id] = (start, end)
        self._note_change()

    def remove(self, span_id: int) -> None:
        """Forget a span (no error when there is none)."""
        if self._spans.pop(span_id, None) is None:
            return
        if self._added.pop(span_id, None) is None:
            self._dropped.add(span_id)
        self._note_change()

    def covering(self, start: int, end: int) -> list[int]:
        """The ids of spans holding all of [start, end) (for a single key k: [k, k + 1))."""
        return self._query(lambda starts: bisect_right(starts, start), end,
                           lambda s, e: s <= start and e >= end)  # fmt: skip

    def overlapping(self, start: int, end: int) -> list[int]:
        """The ids of spans sharing at least one key with [start, end)."""
        return self._query(lambda starts: bisect_left(starts, end), start + 1, lambda s, e: s < end and e > start)

    def _query(self, limit_of, least_end: int, matches) -> list[int]:
        """The built spans among the first `limit_of(starts)` (by start) that end at
        `least_end` or later, then those added since that `matches`."""
        if self._stale:
            self._build()
        found = [self._ids[i] for i in self._reaching(limit_of(self._starts), least_end)]
        if self._dropped:
            found = [i for i in found if i not in self._dropped]
        found += [i for i, (s, e) in self._added.items() if matches(s, e)]
        return found

    def _reaching(self, limit: int, least_end: int) -> list[int]:
        """Positions below `limit` in start order whose span ends at `least_end` or later."""
        out: list[int] = []
        if limit <= 0:
            return out
        reach, size = self._reach, self._size
        stack = [(1, 0, size)]
        while stack:
            node, lo, hi = stack.pop()
            if lo >= limit or reach[node] < least_end:
                continue
            if node >= size:
                out.append(lo)
                continue
            mid = (lo + hi) // 2
            stack.append((2 * node + 1, mid, hi))
            stack.append((2 * node, lo, mid))
        return out

    def _note_change(self) -> None:
        if len(self._added) + len(self._dropped) > PENDING_LIMIT:
            self._stale = True

    def _build(self) -> None:
        order = sorted(self._spans.items(), key=lambda item: item[1])
        self._ids = [span_id for span_id, _ in order]
        self._starts = [start for _, (start, _) in order]
        size = 1
        while size < len(order):
            size *= 2
        reach = [-1] * (2 * size)
        reach[size : size + len(order)] = [end for _, (_, end) in order]
        for node in range(size - 1, 0, -1):
            left, right = reach[2 * node], reach[2 * node + 1]
            reach[node] = left if left > right else right
        self._reach, self._size = reach, size
        self._added, self._dropped, self._stale = {}, set(), False
