"""Diarization label repair: words an auto-transcript put after a late speaker label."""

from __future__ import annotations

from dataclasses import replace

from desktop.formats.model import LabelRepair, Turn
from desktop.formats.segmenting import ends_sentence
from desktop.formats.timing import Timing

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
        sep = fragment_separator(cur.text, fragment)
        prev_text, cur_text = move_back(prev.text, cur.text, fragment)
        prev_timing, cur_timing = move_back_timing(prev.text, prev.timing, cur.timing, fragment, sep)
        turns[i - 1] = replace(prev, text=prev_text, timing=prev_timing)
        turns[i] = replace(cur, text=cur_text, timing=cur_timing)
        repairs.append(LabelRepair(turn=i, words=fragment, sep=sep))
    return turns, repairs


def undo_repair(turns: list[Turn], repair: LabelRepair) -> list[Turn]:
    """Put a repair's words back at the start of the turn they were moved from."""
    prev, cur = turns[repair.turn - 1], turns[repair.turn]
    prev_text, cur_text = move_forward(prev.text, cur.text, repair.words, repair.sep)
    prev_timing, cur_timing = move_forward_timing(prev.text, prev.timing, cur.timing, repair.words, repair.sep)
    turns = list(turns)
    turns[repair.turn - 1] = replace(prev, text=prev_text, timing=prev_timing)
    turns[repair.turn] = replace(cur, text=cur_text, timing=cur_timing)
    return turns


def move_back_timing(prev: str, prev_timing: Timing, cur_timing: Timing, words: str, sep: str) -> tuple[Timing, Timing]:
    """The two turns' times after `move_back`: the fragment's segments and words go with it."""
    fragment, rest = cur_timing.split(len(words), skip=len(sep))
    return Timing.join([(0, prev_timing), (len(prev) + 1, fragment)]), rest


def move_forward_timing(prev: str, prev_timing: Timing, cur_timing: Timing, words: str,
                        sep: str) -> tuple[Timing, Timing]:  # fmt: skip
    """The two turns' times after `move_forward` (`prev` is the text before it), exactly
    as they were before `move_back`."""
    before, fragment = prev_timing.split(len(prev) - len(words) - 1, skip=1)
    return before, Timing.join([(0, fragment), (len(words) + len(sep), cur_timing)])


def fragment_separator(cur: str, words: str) -> str:
    """The whitespace between `words` at the start of `cur` and the rest of the turn:
    a space, a blank line when the words are a whole paragraph, '' when they are all of it.
    ValueError when `cur` does not start with `words` as whole words."""
    end = len(words)
    while end < len(cur) and cur[end].isspace():
        end += 1
    glued_to_more = end == len(words) and end < len(cur)  # `words` ends inside a word
    if not words or not cur.startswith(words) or glued_to_more:
        raise ValueError("the turn no longer starts with the repaired words")
    return cur[len(words) : end]


def move_back(prev: str, cur: str, words: str) -> tuple[str, str]:
    """Texts of two turns after moving `words` from the start of `cur` to the end of `prev`;
    `fragment_separator(cur, words)` is what `move_forward` needs to undo it exactly."""
    sep = fragment_separator(cur, words)
    return f"{prev} {words}", cur[len(words) + len(sep) :]


def move_forward(prev: str, cur: str, words: str, sep: str = " ") -> tuple[str, str]:
    """Texts of two turns after moving `words` from the end of `prev` back to the start of
    `cur`, followed by `sep` (what followed them before `move_back`)."""
    if not prev.endswith(" " + words):
        raise ValueError("the previous turn no longer ends with the repaired words")
    return prev[: -len(words) - 1], f"{words}{sep}{cur}"


def _stray_fragment(prev: Turn, cur: Turn) -> str | None:
    if prev.speaker is None or cur.speaker is None or not cur.text[:1].islower():
        return None
    if prev.text.rstrip("\"'”’)]").endswith(_FINISHED):
        return None
    first_paragraph = cur.text.split("\n\n", 1)[0]
    words = first_paragraph.split(" ", MAX_FRAGMENT_WORDS)  # only the first few are looked at
    for n, word in enumerate(words[:MAX_FRAGMENT_WORDS], start=1):
        if ends_sentence(word):
            rest_empty = n == len(words) and first_paragraph == cur.text
            return None if rest_empty else " ".join(words[:n])
    return None
