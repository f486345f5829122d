"""Caption files: SRT, WebVTT (voice tags, Zoom's `Name:` cues) and YouTube's rolling VTT.

Speaker-change marks inside cues (`>>` anywhere, a `- ` or `-` opening a line) start a
new turn; the speaker is then unknown unless a `Name:` label follows the mark.
"""

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
_INLINE_TIME = re.compile(r"<(\d{1,2}:\d{2}(?::\d{2})?\.\d{3})>")
# Only real markup is removed: caption tags, inline times, ASS/SSA overrides (`{\an8}`).
# A tag never runs past the next opener, and a `<` that opens no tag ("2<3,5>1") is text.
_TAG = re.compile(
    r"</?(?:[ibus]|font|c|v|lang|ruby|rt|span)(?:[.\s][^<>]*)?>|<\d{1,2}:\d{2}(?::\d{2})?\.\d{3}>|\{\\[^{}]*\}",
    re.IGNORECASE,
)
_BREAK = re.compile(r"<br\s*/?>|\\[Nnh]", re.IGNORECASE)  # a line break or hard space: a space
_MARK = re.compile(r">>>?")
_DASH = re.compile(r"-(?:\s+(?=\S)|(?=[^\W\d_]))")  # "- Home." / "-Home.", not "-5" or "--"


@dataclass
class Cue:
    """One caption: its times, raw text lines, and the line it started on."""

    start: float
    end: float
    lines: list[str]
    line_number: int


def read_cues(text: str, webvtt: bool) -> list[Cue]:
    """Cues of an SRT or WebVTT file; a malformed or missing timing line is an error naming its line.

    A blank or whitespace-only line ends a cue or a block (Netflix writes a lone space
    after a NOTE and between cues). YouTube's lone space inside a cue ends it too: the
    line after it, which no timing line opens, joins the cue it came from.
    """
    cues: list[Cue] = []
    block: list[tuple[int, str]] = []  # lines since the last blank line, outside any cue
    cue: Cue | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
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
    return _with_speakers([(cue, None, "\n".join(cue.lines)) for cue in read_cues(text, webvtt=False)])


def parse_vtt(text: str) -> list[Piece]:
    """Pieces of a WebVTT file; `<v Name>` tags and `Name:` cues give speakers."""
    cues = read_cues(text, webvtt=True)
    voiced = []
    for cue in cues:
        parts = _VOICE.split("\n".join(cue.lines))
        if parts[0].strip() or len(parts) == 1:
            voiced.append((cue, None, parts[0]))
        for name, words in zip(parts[1::2], parts[2::2], strict=True):
            voiced.append((cue, " ".join(name.split()), words))
    return _with_speakers(voiced)


def parse_youtube_vtt(text: str) -> list[Piece]:
    """Pieces of YouTube auto-captions with rolling repeats removed and `<c>` word times kept."""
    pieces = []
    recent: list[str] = []
    for cue in read_cues(text, webvtt=True):
        new: list[str] = []
        words: list[tuple[str, float | None, float | None]] = []
        for raw in cue.lines:
            line = _plain(raw)
            if not line or (not _INLINE_TIME.search(raw) and line in recent):
                continue
            new.append(line)
            words.extend(_word_times(raw, cue))
            recent = [*recent, line][-2:]
        if new:
            pieces.append(Piece(None, " ".join(new), cue.start, cue.end, words=tuple(words)))
    return pieces


def _word_times(raw: str, cue: Cue) -> list[tuple[str, float | None, float | None]]:
    """Each word of a line with `<00:00:01.234>` times: the text before the first time
    starts with the cue, each timed stretch lasts until the next (the last, to the cue's end)."""
    split = _INLINE_TIME.split(raw)
    if len(split) == 1:
        return []
    try:
        starts = [cue.start, *(parse_clock(t) for t in split[1::2])]
    except ValueError:
        raise FormatError(f"malformed word time in the cue at line {cue.line_number}", cue.line_number) from None
    ends = [*starts[1:], cue.end]
    return [
        (word, start, end)
        for chunk, start, end in zip(split[::2], starts, ends, strict=True)
        for word in _plain(chunk).split()
    ]


def is_youtube_vtt(text: str) -> bool:
    """Whether a WebVTT file is YouTube's rolling auto-caption style."""
    if _INLINE_TIME.search(text) or "<c>" in text:
        return True
    cues = read_cues(text, webvtt=True)
    rolled = sum(1 for a, b in pairwise(cues) if a.lines and b.lines and _plain(b.lines[0]) == _plain(a.lines[-1]))
    return len(cues) > 2 and rolled >= 0.3 * (len(cues) - 1)


def _with_speakers(chunks: list[tuple[Cue, str | None, str]]) -> list[Piece]:
    """Pieces whose speaker is the cue's voice tag, or a `Name:` prefix (at the cue's start
    or after a speaker-change mark) when that name recurs; a speaker-change mark with no
    name starts a turn of an unknown speaker; anything else continues the current speaker."""
    parts = [(cue, voice, marked, text) for cue, voice, raw in chunks for marked, text in _marked_parts(raw)]
    labels = [_opening_label(text) for _, _, _, text in parts]
    speakers = accepted_speakers([lb for lb in labels if lb], first_line_labelled=False)
    pieces = []
    speaker = None
    pending = False  # a mark with no words after it in its cue marks the next words
    for (cue, voice, marked, line), label in zip(parts, labels, strict=True):
        marked, pending = marked or pending, False
        if not line:
            pending = marked
            continue
        sep = " "
        if voice:
            speaker = voice
        elif label and label.name in speakers:
            speaker, line = label.name, line[label.end :]
        elif marked:
            # A blank-line separator is what makes an unlabelled piece open a turn of its own.
            speaker, sep = None, "\n\n"
        pieces.append(Piece(speaker, line, cue.start, cue.end, sep))
    return pieces


def _marked_parts(raw: str) -> list[tuple[bool, str]]:
    """A cue's text, as plain text, cut at its speaker-change marks: (after a mark?, text)."""
    parts: list[tuple[bool, list[str]]] = [(False, [])]
    for raw_line in raw.split("\n"):
        line = _plain(raw_line)
        dash = _DASH.match(line)
        if dash:
            parts.append((True, []))
            line = line[dash.end() :]
        for n, text in enumerate(_MARK.split(line)):
            if n:
                parts.append((True, []))
            parts[-1][1].append(text)
    return [(marked, " ".join(" ".join(texts).split())) for marked, texts in parts]


def _opening_label(text: str) -> Label | None:
    labels = find_labels(text)
    return labels[0] if labels and labels[0].at_line_start else None


def _plain(raw: str) -> str:
    text = _TAG.sub("", _BREAK.sub(" ", raw))
    return " ".join(html.unescape(text).replace("\u200e", "").split())
