"""Caption files: SRT, WebVTT (voice tags, Zoom's `Name:` cues) and YouTube's rolling VTT."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from itertools import pairwise

from desktop.formats.clock import parse_clock
from desktop.formats.labels import Label, accepted_speakers, find_labels
from desktop.formats.model import FormatError, Piece

_TIMING = re.compile(r"^(\S+)\s+-->\s+(\S+)")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")
_INLINE_TIME = re.compile(r"<\d{1,2}:\d{2}(?::\d{2})?\.\d{3}>")
# A tag never runs past the next opener: linear time, and "a < b <i>so</i>" keeps "a < b".
_TAG = re.compile(r"<[^<>]*>|\{\\[^{}]*\}")


@dataclass
class Cue:
    """One caption: its times, raw text lines, and the line it started on."""

    start: float
    end: float
    lines: list[str]
    line_number: int


def read_cues(text: str, webvtt: bool) -> list[Cue]:
    """Cues of an SRT or WebVTT file; a malformed or missing timing line is an error naming its line.

    WebVTT ends a cue only at an empty line (YouTube puts a lone space inside cues);
    SRT writers also separate cues with whitespace-only lines.
    """
    cues: list[Cue] = []
    block: list[tuple[int, str]] = []  # lines since the last blank line, outside any cue
    cue: Cue | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not (raw if webvtt else line):
            _close_block(block, cues, webvtt)
            block, cue = [], None
        elif "-->" in line:
            cue = Cue(*_timing(line, number), [], number)
            cues.append(cue)
            block = []  # a cue identifier (the SRT index) is not speech
        elif cue is not None:
            cue.lines.append(line)
        else:
            block.append((number, line))
    _close_block(block, cues, webvtt)
    return cues


def _timing(line: str, number: int) -> tuple[float, float]:
    match = _TIMING.match(line)
    try:
        if not match:
            raise ValueError(line)
        return parse_clock(match[1]), parse_clock(match[2])
    except ValueError:
        raise FormatError(f"malformed timestamp in {line!r}", number) from None


def _close_block(block: list[tuple[int, str]], cues: list[Cue], webvtt: bool) -> None:
    """Deal with lines that no timing line followed: headers and notes, text a blank line
    split off the previous cue, or a cue whose timing line is missing."""
    if not block:
        return
    number, first = block[0]
    if webvtt and first.startswith(("WEBVTT", "NOTE", "STYLE", "REGION")):
        return
    if first.isdigit() and len(block) > 1:
        raise FormatError("expected a cue timing line 'start --> end'", block[1][0])
    if not cues:
        raise FormatError("expected a cue timing line 'start --> end'", number)
    cues[-1].lines.extend(line for _, line in block)


def parse_srt(text: str) -> list[Piece]:
    """Pieces of an SRT file."""
    return _with_speakers([(cue, None, " ".join(cue.lines)) for cue in read_cues(text, webvtt=False)])


def parse_vtt(text: str) -> list[Piece]:
    """Pieces of a WebVTT file; `<v Name>` tags and `Name:` cues give speakers."""
    cues = read_cues(text, webvtt=True)
    voiced = []
    for cue in cues:
        raw = " ".join(cue.lines)
        parts = _VOICE.split(raw)
        if parts[0].strip() or len(parts) == 1:
            voiced.append((cue, None, parts[0]))
        for name, words in zip(parts[1::2], parts[2::2], strict=True):
            voiced.append((cue, " ".join(name.split()), words))
    return _with_speakers(voiced)


def parse_youtube_vtt(text: str) -> list[Piece]:
    """Pieces of YouTube auto-captions with rolling repeats and word timings removed."""
    pieces = []
    recent: list[str] = []
    for cue in read_cues(text, webvtt=True):
        new = []
        for raw in cue.lines:
            line = _plain(raw)
            if not line or (not _INLINE_TIME.search(raw) and line in recent):
                continue
            new.append(line)
            recent = [*recent, line][-2:]
        if new:
            pieces.append(Piece(None, " ".join(new), cue.start, cue.end))
    return pieces


def is_youtube_vtt(text: str) -> bool:
    """Whether a WebVTT file is YouTube's rolling auto-caption style."""
    if _INLINE_TIME.search(text) or "<c>" in text:
        return True
    cues = read_cues(text, webvtt=True)
    rolled = sum(1 for a, b in pairwise(cues) if a.lines and b.lines and _plain(b.lines[0]) == _plain(a.lines[-1]))
    return len(cues) > 2 and rolled >= 0.3 * (len(cues) - 1)


def _with_speakers(cue_texts: list[tuple[Cue, str | None, str]]) -> list[Piece]:
    """Pieces whose speaker is the cue's voice tag, or its `Name:` prefix when that name
    recurs; a cue with neither continues the current speaker."""
    texts = [(cue, voice, _plain(raw)) for cue, voice, raw in cue_texts]
    labels = [_opening_label(text) for _, _, text in texts]
    speakers = accepted_speakers([lb for lb in labels if lb], first_line_labelled=False)
    pieces = []
    speaker = None
    for (cue, voice, line), label in zip(texts, labels, strict=True):
        if voice:
            speaker = voice
        elif label and label.name in speakers:
            speaker, line = label.name, line[label.end :]
        pieces.append(Piece(speaker, line, cue.start, cue.end))
    return pieces


def _opening_label(text: str) -> Label | None:
    labels = find_labels(text)
    return labels[0] if labels and labels[0].at_line_start else None


def _plain(raw: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", raw)).replace("\u200e", "").split())
