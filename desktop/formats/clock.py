"""Clock times as sources write them (`1:02:03`, `00:01:02,500`, `4:05.25`) to seconds."""

from __future__ import annotations

import re

CLOCK = r"(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,9})?"
_CLOCK = re.compile(r"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,9}))?")
# Microsoft Teams writes cue times unpadded (`0:0:0.0`, `0:1:5.570`): all three fields
# and a fraction, which is what keeps `1:2:3` (no fraction) a malformed time.
_UNPADDED = re.compile(r"(\d{1,3}):(\d{1,2}):(\d{1,2})[.,](\d{1,9})")


def parse_clock(value: str) -> float:
    """Seconds for a clock time; ValueError when it is not one."""
    value = value.strip()
    match = _CLOCK.fullmatch(value) or _UNPADDED.fullmatch(value)
    if not match:
        raise ValueError(value)
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
        raise ValueError(value)
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return total + (float(f"0.{fraction}") if fraction else 0.0)


def format_clock(seconds: float) -> str:
    """`1:02:03` or `2:03` for a time in seconds."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"
