"""Which format a decoded file is in, judged by its content."""

from __future__ import annotations

import io
import re

from desktop.formats.chat import is_chat
from desktop.formats.clock import CLOCK
from desktop.formats.htmldoc import looks_like_html
from desktop.formats.markdowndoc import looks_like_markdown
from desktop.formats.plaintext import paragraphs
from desktop.formats.timestamped import FAMILIES, header_count

_CUE_TIMING = re.compile(rf"^\s*{CLOCK}\s+-->\s+", re.MULTILINE)
_ANY_TIMING = re.compile(r"^\s*\S+\s+-->\s+\S+", re.MULTILINE)
_BRACKET_START = re.compile(rf"\[{CLOCK}\]")
_JSON_OPENING = re.compile(r'\s*(?:\{\s*["}]|\[\s*[\[{"\]])')
_SAMPLE_LINES = 400  # non-blank lines enough to judge a file by


def sniff(text: str, filename: str = "", *, json: bool = True) -> str:
    """The family `text` belongs to: json, vtt, chat, html, srt, markdown, a clock-time family, or text.

    "json" only says that the text opens like JSON; whether it is JSON the parser finds
    out, and asks again with `json=False` when it is not (`[Music]` opening a transcript).
    """
    lines = _head(text)
    head = "\n".join(lines)
    stripped = text.lstrip()
    if stripped.startswith("WEBVTT"):
        return "vtt"
    if is_chat(lines):
        return "chat"
    if json and (stripped[:1] == "{" or (stripped[:1] == "[" and not _BRACKET_START.match(stripped))):
        return "json"
    if looks_like_html(text):
        return "html"
    if _CUE_TIMING.search(head) or (filename.lower().endswith((".srt", ".vtt")) and _ANY_TIMING.search(head)):
        return "srt"
    if looks_like_markdown(text):
        return "markdown"
    family = _timestamped_family(lines, head)
    if family:
        return family
    return "text"  # labelled or not: the plain-text parser tells


def meant_as_json(text: str, filename: str) -> bool:
    """Whether text that failed to parse as JSON was still meant to be JSON (truncated,
    say), so that its syntax error is the thing to report: a .json name, or an opening
    only JSON has (`{"`, `{}`, `[{`, `[[`, `["`, `[]`)."""
    return filename.lower().endswith(".json") or bool(_JSON_OPENING.match(text))


def _head(text: str) -> list[str]:
    """The first non-blank lines, stripped, with a blank line kept as ''."""
    lines: list[str] = []
    for line in io.StringIO(text):
        if line.strip() or (lines and lines[-1]):
            lines.append(line.strip())
        if len(lines) >= _SAMPLE_LINES:
            break
    return lines


def _timestamped_family(lines: list[str], head: str) -> str | None:
    """The clock-time family whose turn headers open at least half the paragraphs (and,
    for bare timestamped lines, which prose can open by chance, at least two and a
    quarter of the lines)."""
    paragraph_count = sum(1 for _ in paragraphs(head))
    nonblank = [line for line in lines if line]
    counts = {family: header_count(nonblank, family) for family in FAMILIES}
    family, count = max(counts.items(), key=lambda item: item[1])
    if family == "timestamped-lines" and (count < 2 or count * 4 < len(nonblank)):
        return None
    return family if count and count * 2 >= paragraph_count else None
