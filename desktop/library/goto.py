"""Go to a turn or a time (Ctrl+G): what was typed, read as a turn number (`42`) or a time
(`1:02:03`, `62:03`, `3725s`, `1h 2m 3s`), and the turn being spoken at a time. No Qt."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from desktop.formats.clock import format_clock, parse_clock
from desktop.library.models import TurnRecord

_NUMBER = re.compile(r"#?\s*(\d+)")
_UNITS = re.compile(r"(?:(\d+(?:\.\d+)?)\s*h)?\s*(?:(\d+(?:\.\d+)?)\s*m(?:in)?)?\s*(?:(\d+(?:\.\d+)?)\s*s(?:ec)?)?")


class GotoError(ValueError):
    """What was typed cannot be gone to; the message says why, in the user's words."""


def parse_time(text: str) -> float | None:
    """Seconds for `1:02:03`, `62:03`, `3725s`, `90.5 s` or `1h 2m 3s`; None when it is no time."""
    text = text.strip().lower()
    try:
        return parse_clock(text)
    except ValueError:
        pass
    units = _UNITS.fullmatch(text)
    if not text or units is None or not any(units.groups()):
        return None
    hours, minutes, seconds = (float(part) if part else 0.0 for part in units.groups())
    return hours * 3600 + minutes * 60 + seconds


def turn_at_time(turns: Sequence[TurnRecord], seconds: float) -> int | None:
    """The turn being spoken `seconds` in: the last one started by then (the first timed one
    before any has started); None when no turn has a time."""
    timed = sorted((t.start, t.index) for t in turns if t.start is not None)
    if not timed:
        return None
    n = bisect_right(timed, (seconds, len(turns)))
    return timed[max(n - 1, 0)][1]


def transcript_end(turns: Sequence[TurnRecord]) -> float | None:
    """When the last words are said (the latest end, else the latest start); None untimed."""
    times = [t.end if t.end is not None else t.start for t in turns if t.start is not None or t.end is not None]
    return max(times) if times else None


def goto_target(text: str, turns: Sequence[TurnRecord]) -> int:
    """The turn index (from 0) to go to for what was typed: a turn number counted from 1, or a
    time; GotoError says why not."""
    count, end = len(turns), transcript_end(turns)
    if not count:
        raise GotoError("No transcript is open")
    text = text.strip()
    if not text:
        raise GotoError("Type a turn number or a time" if end is not None else "Type a turn number")
    if number := _NUMBER.fullmatch(text):
        turn = int(number.group(1))
        if not 1 <= turn <= count:
            raise GotoError(f"There is no turn {turn}: the turns are 1–{count:,}")
        return turn - 1
    seconds = parse_time(text)
    if seconds is None:
        raise GotoError(f"“{text[:24]}” is neither a turn number nor a time")
    if end is None:
        raise GotoError(f"This transcript has no times: type a turn number, 1–{count:,}")
    if seconds > end:
        raise GotoError(f"{format_clock(seconds)} is after the transcript's end, {format_clock(end)}")
    found = turn_at_time(turns, seconds)
    assert found is not None  # timed: `end` is known
    return found


def hint(turns: Sequence[TurnRecord]) -> str:
    """What may be typed for this transcript."""
    count, end = len(turns), transcript_end(turns)
    if end is None:
        return f"A turn number, 1–{count:,} (this transcript has no times)"
    return f"A turn number, 1–{count:,}, or a time up to {format_clock(end)}\n(as 1:02:03, 62:03 or 3725s)"
