"""A turn's segment and word times as stored in `turns.timing`: compact JSON,
`{"s": [[offset, start, end], ...], "w": [[offset, length, start, end], ...]}`, or ''
when the source has no times. A segment continued after a split has a fourth item, 1."""

from __future__ import annotations

import json

from desktop.formats.timing import Segment, Timing, Word


def encode(timing: Timing) -> str:
    """The stored form of a turn's times."""
    if not timing:
        return ""
    value = {"s": [[s.offset, s.start, s.end, *([1] if s.continued else [])] for s in timing.segments]}
    if timing.words:
        value["w"] = [[w.offset, w.length, w.start, w.end] for w in timing.words]
    return json.dumps(value, separators=(",", ":"))


def decode(stored: str | None) -> Timing:
    """A turn's times from their stored form."""
    if not stored:
        return Timing()
    value = json.loads(stored)
    segments = tuple(Segment(s[0], s[1], s[2], bool(s[3:])) for s in value.get("s", ()))
    return Timing(segments, tuple(Word(*w) for w in value.get("w", ())))
