"""Diarization label repair: words an auto-transcript put after a late speaker label."""

from __future__ import annotations

from dataclasses import replace

from desktop.formats.model import LabelRepair, Turn
from desktop.formats.segmenting import ends_sentence

MAX_FRAGMENT_WORDS = 12
# A turn ending like this was finished or cut off on purpose; its successor is not its tail.
_FINISHED = (".", "!", "?", "…", "-", "—", "–", ":", ";")


def repair_labels(turns: list[Turn]) -> tuple[list[Turn], list[LabelRepair]]:
    """Move a lowercase opening fragment that completes the previous turn's unfinished
    sentence back to that turn; return the new turns and a record of each move."""
    turns = list(turns)
    repairs = []
    for i in range(1, len(turns)):
        fragment = _stray_fragment(turns[i - 1], turns[i])
        if fragment is None:
            continue
        prev, cur = turns[i - 1], turns[i]
        turns[i - 1] = replace(prev, text=f"{prev.text} {fragment}")
        turns[i] = replace(cur, text=cur.text[len(fragment) :].lstrip(" "))
        repairs.append(LabelRepair(turn=i, words=fragment))
    return turns, repairs


def undo_repair(turns: list[Turn], repair: LabelRepair) -> list[Turn]:
    """Put a repair's words back at the start of the turn they were moved from."""
    prev, cur = turns[repair.turn - 1], turns[repair.turn]
    if not prev.text.endswith(" " + repair.words):
        raise ValueError(f"turn {repair.turn - 1} no longer ends with the repaired words")
    turns = list(turns)
    turns[repair.turn - 1] = replace(prev, text=prev.text[: -len(repair.words) - 1])
    turns[repair.turn] = replace(cur, text=f"{repair.words} {cur.text}")
    return turns


def _stray_fragment(prev: Turn, cur: Turn) -> str | None:
    if prev.speaker is None or cur.speaker is None or not cur.text[:1].islower():
        return None
    if prev.text.rstrip("\"'”’)]").endswith(_FINISHED):
        return None
    first_paragraph = cur.text.split("\n\n", 1)[0]
    words = first_paragraph.split(" ")
    for n, word in enumerate(words[:MAX_FRAGMENT_WORDS], start=1):
        if ends_sentence(word):
            rest_empty = n == len(words) and first_paragraph == cur.text
            return None if rest_empty else " ".join(words[:n])
    return None
