"""Speaker labels written into text: `Name: what they said`.

A name opens with a letter and may go on with letters (of any script, with their combining
marks), digits, spaces and `.'’ʻ-/` (`Dr. O'Neil`, `G3P1`, `Sam/Jo`, `王芳`, `राहुल शर्मा`,
`ʻIolani`), then a short parenthesised part as Zoom display names carry (`Ashlee Kupor
(SL)`, `Sam (he/him)`); `looks_like_name` then keeps sentence-like prefixes (`Note:`,
`The answer is:`), times (`10:30`) and URLs out. A word of a name starts with a capital,
or with a letter of a script that has no capitals (Chinese, Arabic, Devanagari…).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass


def _mark_ranges() -> str:
    """A character-class body of the combining marks in the Basic Multilingual Plane:
    Devanagari, Arabic and other scripts write vowels with them, and `\\w` has none."""
    ranges: list[list[int]] = []
    for code in range(0x10000):
        if unicodedata.category(chr(code)) in ("Mn", "Mc"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)


_MARKS = _mark_ranges()
_NAME = rf"[^\W\d_][\w{_MARKS}.'’ʻ\-/ ]{{0,40}}?(?:\s?\([\w{_MARKS}.'’ʻ\-/&, ]{{1,30}}\))?"
# A label at the start of a line, or after a sentence end in the middle of one.
_AT_START = re.compile(rf"(?P<name>{_NAME}):(?=\s|$)")
_MID_LINE = re.compile(rf"(?<=[.!?…\"”’)\]]) (?P<name>{_NAME}):(?=\s)")
# Transcribed interviews and depositions: `Q. Where were you?` / `A. At home.`
_QA = re.compile(r"(?P<name>[QA])\.(?=\s)")
_PAREN_PART = re.compile(r"(?P<base>.*?)\s?\((?P<part>[^()]*)\)")
_PARTICLES = {"de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "bin", "al", "el"}
_NOT_NAMES = {
    "note", "notes", "update", "edit", "warning", "source", "sources", "example", "tip",
    "ps", "nb", "re", "subject", "date", "time", "title", "summary", "transcript", "url",
    "http", "https", "episode", "show", "location", "keywords", "tags",
}  # fmt: skip


@dataclass(frozen=True)
class Label:
    """A candidate label found in a line: where it sits and the name it gives."""

    start: int
    end: int
    name: str
    at_line_start: bool
    dotted: bool = False  # `Q.` / `A.`: a speaker only where both occur


def looks_like_name(name: str) -> bool:
    """Whether `name` reads as a speaker's name (`Maya`, `Dr. Ruth Ng`, `SPEAKER_01`, `Jo (Host)`)."""
    paren = _PAREN_PART.fullmatch(name)
    if paren:
        if not 1 <= len(paren["part"].split()) <= 3:
            return False
        name = paren["base"]
    words = name.split()
    if not 1 <= len(words) <= 4 or len(name) > 40 or name.casefold() in _NOT_NAMES:
        return False
    if not _capital(words[0]) or words[0].casefold() == "by":  # `BY MS. SAWYER:` is a heading
        return False
    return all(_capital(w) or w[0].isdigit() or w in _PARTICLES for w in words[1:])


def _capital(word: str) -> bool:
    """Whether a word opens as a name does: a capital, an ʻokina (`ʻIolani`), or a letter of a
    script without capitals (`王`, `م`, `र`), which is never lower case."""
    first = word.lstrip("ʻ'’")[:1] or word[0]
    return first.isupper() or (first.isalpha() and not first.islower() and first.lower() == first.upper())


def find_labels(line: str, interview: bool = False) -> list[Label]:
    """Every place in a line where a `Name:` label could start a turn; with `interview`,
    also a `Q.` or `A.` opening the line."""
    qa = _QA.match(line) if interview else None
    if qa:
        return [Label(0, _skip_space(line, qa.end()), qa["name"], True, dotted=True)]
    if ":" not in line:
        return []
    found = []
    start = _AT_START.match(line)
    if start and looks_like_name(start["name"]):
        found.append(Label(0, _skip_space(line, start.end()), _clean(start["name"]), True))
    for mid in _MID_LINE.finditer(line):
        if looks_like_name(mid["name"]):
            found.append(Label(mid.start("name"), _skip_space(line, mid.end()), _clean(mid["name"]), False))
    return found


def accepted_speakers(labels: list[Label], first_line_labelled: bool) -> set[str]:
    """Names that really are speakers: recurring labels seen at a line start at least once.

    A name labelled only once is trusted when the document already has recurring
    speakers, or when the document opens with it. `Q.` and `A.` count only when the
    document has both, each at least twice.
    """
    dotted = Counter(label.name for label in labels if label.dotted)
    if dotted["Q"] < 2 or dotted["A"] < 2:
        labels = [label for label in labels if not label.dotted]
    counts = Counter(label.name for label in labels)
    at_start = {label.name for label in labels if label.at_line_start}
    recurring = {name for name in at_start if counts[name] >= 2}
    if recurring or first_line_labelled:
        return at_start
    return set()


def _clean(name: str) -> str:
    return " ".join(name.split())


def _skip_space(line: str, pos: int) -> int:
    while pos < len(line) and line[pos].isspace():
        pos += 1
    return pos
