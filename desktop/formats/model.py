"""The transcript model every format parser produces."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.formats.timing import Timing


class FormatError(Exception):
    """A file that cannot be read as a transcript; the message is one line for the user."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        self.reason = reason
        self.line = line
        super().__init__(f"line {line}: {reason}" if line else reason)


@dataclass(frozen=True)
class Turn:
    """A maximal run of one speaker; paragraph breaks inside it are kept as blank lines.
    `timing` holds the times of its segments and words, by offset in `text`."""

    index: int
    speaker: str | None
    text: str
    start: float | None = None
    end: float | None = None
    timing: Timing = field(default_factory=Timing)


@dataclass(frozen=True)
class LabelRepair:
    """Words moved from the start of turn `turn` to the end of turn `turn - 1`.

    `sep` is what followed the words in turn `turn` (a space, or a blank line when they
    were its whole first paragraph), so that undoing the repair restores the turn exactly.
    """

    turn: int
    words: str
    sep: str = " "


@dataclass
class Transcript:
    """A parsed conversation: its turns in order plus what the source said about it."""

    title: str
    source: str
    format: str
    turns: list[Turn]
    repairs: list[LabelRepair] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def speakers(self) -> list[str]:
        """Speaker names in order of first appearance."""
        return list(dict.fromkeys(t.speaker for t in self.turns if t.speaker))


@dataclass
class Piece:
    """A stretch of speech read from a source, before pieces are joined into turns.

    `sep` is what joins it to the previous piece of the same speaker: a space for
    caption cues and JSON segments, a blank line for a new paragraph. A piece with a time
    becomes one of its turn's segments.
    """

    speaker: str | None
    text: str
    start: float | None = None
    end: float | None = None
    sep: str = " "
    # Word times where the source has them: each word's text as the source writes it, in
    # order, with its start and end (seconds); the turn builder finds them in `text`.
    words: tuple[tuple[str, float | None, float | None], ...] = ()
