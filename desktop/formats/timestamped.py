"""Text with clock times: Otter, Rev, `[hh:mm:ss] Name: text`, and `Name` / `(hh:mm:ss) text`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from desktop.formats.clock import CLOCK, parse_clock
from desktop.formats.labels import find_labels, looks_like_name
from desktop.formats.model import FormatError, Piece

_OTTER = re.compile(rf"(?P<name>.+?)\s+(?P<time>{CLOCK})")
_REV = re.compile(rf"(?P<name>[^()]+?)\s*\((?P<time>{CLOCK})\):?\s*(?P<text>.*)")
_BRACKETED = re.compile(rf"\[(?P<time>{CLOCK})\]\s*(?P<text>.*)")
_PAREN_TIME = re.compile(rf"\((?P<time>{CLOCK})\)\s*(?P<text>.*)")
_OTTER_FOOTER = re.compile(r"Transcribed by https?://otter\.ai/?", re.IGNORECASE)
_SAME = object()  # a header that keeps the current speaker


@dataclass
class Header:
    """A line that starts a new piece: who speaks (or _SAME), from when, and its own text."""

    speaker: object
    time: str | None
    text: str


def _otter(line: str, following: str) -> Header | None:
    match = _OTTER.fullmatch(line) if len(line) <= 64 and line[-1].isdigit() else None
    if match and looks_like_name(match["name"]):
        return Header(match["name"], match["time"], "")
    return None


def _rev(line: str, following: str) -> Header | None:
    match = _REV.fullmatch(line) if ")" in line[:80] else None
    if match and looks_like_name(match["name"]):
        return Header(match["name"], match["time"], match["text"])
    return None


def _bracketed(line: str, following: str) -> Header | None:
    match = _BRACKETED.fullmatch(line) if line[0] == "[" else None
    if not match:
        return None
    labels = find_labels(match["text"])
    if labels and labels[0].at_line_start:
        return Header(labels[0].name, match["time"], match["text"][labels[0].end :])
    return Header(_SAME, match["time"], match["text"])


def _pairs(line: str, following: str) -> Header | None:
    match = _PAREN_TIME.fullmatch(line) if line[0] == "(" else None
    if match:
        return Header(_SAME, match["time"], match["text"])
    if len(line) <= 40 and following[:1] == "(" and looks_like_name(line) and _PAREN_TIME.fullmatch(following):
        return Header(line, None, "")
    return None


HeaderMatcher = Callable[[str, str], "Header | None"]
FAMILIES: dict[str, HeaderMatcher] = {
    "otter": _otter,
    "rev": _rev,
    "bracketed": _bracketed,
    "name-time-pairs": _pairs,
}


def header_count(lines: list[str], family: str) -> int:
    """How many of the non-blank, stripped `lines` open a turn the way `family` writes it."""
    matcher = FAMILIES[family]
    return sum(1 for line, following in zip(lines, [*lines[1:], ""], strict=True) if matcher(line, following))


def parse_timestamped(text: str, family: str) -> list[Piece]:
    """Pieces of a file in one of the clock-time families."""
    matcher = FAMILIES[family]
    lines = text.split("\n")
    nonblank = [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]
    pieces: list[Piece] = []
    parts: list[list[str]] = []  # each piece's lines, joined once at the end (not regrown per line)
    speaker = None
    previous_line = 0
    for k, (number, line) in enumerate(nonblank):
        following = nonblank[k + 1][1] if k + 1 < len(nonblank) else ""
        header = matcher(line, following)
        if family == "otter" and _OTTER_FOOTER.fullmatch(line):
            continue
        if header:
            speaker = speaker if header.speaker is _SAME else " ".join(str(header.speaker).split())
            pieces.append(Piece(speaker, "", _time(header.time, number), sep="\n\n"))
            parts.append([header.text])
        elif pieces and number == previous_line + 1:
            parts[-1].append(line)
        else:
            pieces.append(Piece(speaker, "", sep="\n\n"))
            parts.append([line])
        previous_line = number
    for piece, lines in zip(pieces, parts, strict=True):
        piece.text = " ".join(lines)
    return pieces


def _time(value: str | None, number: int) -> float | None:
    if value is None:
        return None
    try:
        return parse_clock(value)
    except ValueError:
        raise FormatError(f"malformed timestamp {value!r}", number) from None
