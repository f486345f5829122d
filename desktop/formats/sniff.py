"""Which format a decoded file is in, judged by its content."""

from __future__ import annotations

import re

from desktop.formats.clock import CLOCK
from desktop.formats.plaintext import paragraphs, speaker_labels
from desktop.formats.timestamped import FAMILIES, header_count

_CUE_TIMING = re.compile(rf"^\s*{CLOCK}\s+-->\s+", re.MULTILINE)
_ANY_TIMING = re.compile(r"^\s*\S+\s+-->\s+\S+", re.MULTILINE)
_BRACKET_START = re.compile(rf"\[{CLOCK}\]")
_SAMPLE = 200_000  # characters enough to judge; whole seed-sized files fit


def sniff(text: str, filename: str = "") -> str:
    """The format name of `text`: one of FORMATS."""
    head = text[:_SAMPLE]
    stripped = head.lstrip()
    if stripped.startswith("WEBVTT"):
        return "vtt"
    if stripped[:1] == "{" or (stripped[:1] == "[" and not _BRACKET_START.match(stripped)):
        return "json"
    if _CUE_TIMING.search(head) or (filename.lower().endswith((".srt", ".vtt")) and _ANY_TIMING.search(head)):
        return "srt"
    family = _timestamped_family(head)
    if family:
        return family
    speakers, _ = speaker_labels(head)
    return "labelled-text" if speakers else "text"


def _timestamped_family(text: str) -> str | None:
    """The clock-time family whose turn headers open at least half the paragraphs."""
    paragraph_count = sum(1 for _ in paragraphs(text))
    counts = {family: header_count(text, family) for family in FAMILIES}
    family, count = max(counts.items(), key=lambda item: item[1])
    return family if count and count * 2 >= paragraph_count else None
