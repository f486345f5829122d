"""Edits of one text and how places in it move through them.

An edit replaces `text[start:end]`; a correction is a list of edits in text order that
do not overlap. A place maps through them so that words changed inside a highlight stay
inside it: a start at a changed span's start (or inside it) moves to the start of what
replaced it, an end at or inside one to its end; text inserted exactly at a highlight's
edge stays outside it. `diff` finds the edits between two texts word by word, so fixing
one word is one edit of that word, not of the characters that happen to differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class Edit:
    """`text` in place of the characters from `start` to `end`."""

    start: int
    end: int
    text: str


def apply_edits(text: str, edits: list[Edit]) -> str:
    """The text after its edits."""
    out, position = [], 0
    for edit in edits:
        out += [text[position : edit.start], edit.text]
        position = edit.end
    return "".join(out) + text[position:]


def map_offset(edits: list[Edit], offset: int, *, is_end: bool) -> int:
    """Where a start (or, with `is_end`, an end) offset is after the edits."""
    delta = 0
    for edit in edits:
        new_start = edit.start + delta
        new_end = new_start + len(edit.text)
        if edit.start > offset:
            break
        if edit.start == edit.end == offset:  # inserted at this place: outside the span it bounds
            return new_start if is_end else new_end
        if edit.end < offset or (edit.end == offset and not is_end):
            delta += len(edit.text) - (edit.end - edit.start)
            continue
        if offset == edit.start:
            return new_start
        return new_end if is_end else new_start
    return offset + delta


def diff(old: str, new: str) -> list[Edit]:
    """The edits that make `old` into `new`, word by word (a changed word is one edit;
    when as many words replace as many, each pair is its own edit)."""
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    # Widen the changed middle to whole words, so the tokens on both sides line up.
    while head > 0 and (old[head - 1].isalnum() or new[head - 1].isalnum()):
        head -= 1
    while tail > 0 and (old[len(old) - tail].isalnum() or new[len(new) - tail].isalnum()):
        tail -= 1
    a, b = _TOKEN.findall(old[head : len(old) - tail]), _TOKEN.findall(new[head : len(new) - tail])
    a_at = _starts(a, head)
    edits = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            edits += [Edit(a_at[i], a_at[i + 1], b[j]) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
                      if a[i] != b[j]]  # fmt: skip
        else:
            edits.append(Edit(a_at[i1], a_at[i2], "".join(b[j1:j2])))
    return edits


def changed_spans(original: str, text: str) -> list[tuple[int, int]]:
    """Where `text` differs from `original`, as spans of `text` (a deletion is an empty span)."""
    spans, delta = [], 0
    for edit in diff(original, text):
        start = edit.start + delta
        spans.append((start, start + len(edit.text)))
        delta += len(edit.text) - (edit.end - edit.start)
    return spans


def imported_span(original: str | None, text: str, start: int, end: int) -> str:
    """What characters `start`–`end` of `text` read as in `original`, the text it was corrected
    from (None: it was not)."""
    if original is None:
        return text[start:end]
    back = diff(text, original)
    return original[map_offset(back, start, is_end=False) : map_offset(back, end, is_end=True)]


def touches(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether any changed span lies in the text from `start` to `end` (a deletion strictly inside it)."""
    return any((a < end and b > start) if a < b else start < a < end for a, b in spans)


def find_all(text: str, needle: str, *, whole_word: bool = False, match_case: bool = True) -> list[tuple[int, int]]:
    """The spans where `needle` occurs, left to right, none overlapping."""
    if not needle:
        return []
    pattern = re.escape(needle)
    if whole_word:
        pattern = rf"(?<!\w){pattern}(?!\w)"
    flags = 0 if match_case else re.IGNORECASE
    return [m.span() for m in re.finditer(pattern, text, flags)]


def _starts(tokens: list[str], base: int) -> list[int]:
    starts = [base]
    for token in tokens:
        starts.append(starts[-1] + len(token))
    return starts
