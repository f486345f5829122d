"""Text with clock times: Otter, Rev, `[hh:mm:ss] Name: text`, `Name` / `(hh:mm:ss) text`,
timestamped lines with no speaker (`0:01:02 text`), and Zoom's saved captions
(`[Name] 19:00:25` over the text)."""

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
_TIMED_LINE = re.compile(
    rf"(?:\[(?P<bracketed>{CLOCK})\]\s*|\((?P<paren>{CLOCK})\)\s*|(?P<bare>{CLOCK})(?:\s+|$))(?P<text>.*)"
)
_ZOOM_CAPTION = re.compile(r"\[(?P<name>[^\[\]]{1,64})\]\s+(?P<time>\d{1,2}:\d{2}:\d{2})")
_DAY = 24 * 3600
_OTTER_FOOTER = re.compile(r"Transcribed by https?://otter\.ai/?", re.IGNORECASE)
_SAME = object()  # a header that keeps the current speaker


@dataclass
class Header:
    """A line that starts a new piece: who speaks (or _SAME), from when, and its own text."""

    speaker: object  # a name, _SAME, or None (a source with no speakers)
    time: str | None
    text: str


def _otter(line: str, following: str) -> Header | None:
    match = _OTTER.fullmatch(line) if len(line) <= 64 and line[-1].isdigit() else None
    if match and looks_like_name(match["name"]):
        return Header(match["name"], match["time"], "")
    return None


def _rev(line: str, following: str) -> Header | None:
    match = _REV.fullmatch(line) if ")" in line[:80] else None
    name = match["name"].rstrip(":").rstrip() if match else ""  # `Bob: (00:00:15) text` too
    if name and looks_like_name(name):
        return Header(name, match["time"], match["text"])
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


def _timed_line(line: str, following: str) -> Header | None:
    match = _TIMED_LINE.fullmatch(line) if line[0] in "[(0123456789" else None
    if not match:
        return None
    labels = find_labels(match["text"])
    if labels and labels[0].at_line_start:  # `[00:01:02] Name: text` is the bracketed family
        return None
    return Header(None, match["bracketed"] or match["paren"] or match["bare"], match["text"])


def _zoom_caption(line: str, following: str) -> Header | None:
    match = _ZOOM_CAPTION.fullmatch(line) if line[0] == "[" else None
    if match and match["name"].strip() and not re.fullmatch(CLOCK, match["name"].strip()):
        return Header(match["name"], match["time"], "")
    return None


HeaderMatcher = Callable[[str, str], "Header | None"]
FAMILIES: dict[str, HeaderMatcher] = {
    # First: where an unlabelled `[00:01:02] text` file fits the bracketed family as
    # well, the tie goes to the family without speakers.
    "timestamped-lines": _timed_line,
    "otter": _otter,
    "rev": _rev,
    "bracketed": _bracketed,
    "name-time-pairs": _pairs,
    "zoom-captions": _zoom_caption,
}
# Families whose timed lines are caption-sized: a header right under the line before
# continues the paragraph; elsewhere every header opens a paragraph of its own.
_RUNNING = {"timestamped-lines", "zoom-captions"}


def header_count(lines: list[str], family: str) -> int:
    """How many of the non-blank, stripped `lines` open a turn the way `family` writes it."""
    matcher = FAMILIES[family]
    return sum(1 for line, following in zip(lines, [*lines[1:], ""], strict=False) if matcher(line, following))


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
        adjacent = number == previous_line + 1
        if header:
            if header.speaker is not _SAME:
                speaker = None if header.speaker is None else " ".join(str(header.speaker).split())
            sep = " " if family in _RUNNING and adjacent else "\n\n"
            pieces.append(Piece(speaker, "", _time(header.time, number, family), sep=sep))
            parts.append([header.text])
        elif pieces and adjacent:
            parts[-1].append(line)
        else:
            pieces.append(Piece(speaker, "", sep="\n\n"))
            parts.append([line])
        previous_line = number
    for piece, lines in zip(pieces, parts, strict=True):
        piece.text = " ".join(line for line in lines if line)
    if family == "zoom-captions":
        _relative_to_first(pieces)
    return pieces


def _relative_to_first(pieces: list[Piece]) -> None:
    """Times of day made seconds since the first one; a time earlier than the one
    before by more than half a day has passed midnight."""
    first = previous = None
    days = 0
    for piece in pieces:
        if piece.start is None:
            continue
        if previous is not None and piece.start + days * _DAY < previous - _DAY / 2:
            days += 1
        previous = piece.start + days * _DAY
        first = previous if first is None else first
        piece.start = previous - first


def _time(value: str | None, number: int, family: str) -> float | None:
    if value is None:
        return None
    try:
        return parse_clock(value)
    except ValueError:
        raise FormatError(f"malformed timestamp {value!r} in {family} text", number) from None
