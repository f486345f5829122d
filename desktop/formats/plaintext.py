"""Plain text: `Name:`-labelled conversation (interviews and depositions too), or unlabelled prose.

In a labelled text written mostly in lower case, two kinds of line are not speech of the
speaker before them:

- a heading: a line with no lower-case letter that opens its paragraph or follows a
  finished line, is no label and does not end like a sentence (`APPEARANCES`,
  `INTERVIEW OF JOHN DOE`, `EXAMINATION`, `BY MS. SAWYER:`, `- - -`). Its words are kept
  as a turn of its own with no speaker, and unlabelled text after it has no speaker
  until the next label. A bracketed line (`[LAUGHTER]`, `(RECESS)`) is no heading.
- a page number standing as a paragraph of its own (`12`, `Page 12`, `Page 3 of 40`,
  `- 12 -`): dropped, the only words a labelled text loses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.formats.clock import CLOCK, parse_clock
from desktop.formats.labels import Label, accepted_speakers, find_labels
from desktop.formats.model import Piece

_LABEL_TIME = re.compile(rf"[\[(](?P<time>{CLOCK})[\])]\s*")  # `Ann: [00:01:02] Hello`
_PAGE_NUMBER = re.compile(r"(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?|-\s*\d{1,4}\s*-", re.IGNORECASE)
_HEADING_WORDS = 12
_MIXED_CASE = 0.3  # a text whose letters are at least this share lower case has headings
_FINISHED = tuple('.!?:"”’)]')


def paragraphs(text: str) -> Iterator[list[str]]:
    """Runs of non-blank lines, each line stripped."""
    lines: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            lines.append(line.strip())
        elif lines:
            yield lines
            lines = []
    if lines:
        yield lines


def speaker_labels(text: str) -> tuple[set[str], dict[str, list[Label]]]:
    """The accepted speaker names of a text, and each line's labels by them."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    found = {line: find_labels(line, interview=True) for line in lines}
    first = found[lines[0]] if lines else []
    speakers = accepted_speakers(
        [label for labels in found.values() for label in labels],
        first_line_labelled=bool(first and first[0].at_line_start and not first[0].dotted),
    )
    kept = {line: [lb for lb in labels if lb.name in speakers] for line, labels in found.items()}
    return speakers, kept


def parse_plain_text(text: str) -> list[Piece]:
    """Pieces of a plain-text transcript; unlabelled paragraphs continue the last speaker."""
    speakers, labels_of = speaker_labels(text)
    structured = bool(speakers) and _mostly_mixed_case(text)
    pieces: list[Piece] = []
    speaker: str | None = None
    for lines in paragraphs(text):
        if structured and len(lines) == 1 and _PAGE_NUMBER.fullmatch(lines[0]):
            continue
        # Each piece's text is gathered as parts and joined once: growing a string
        # line by line recopies it, which is quadratic in a long paragraph.
        current, parts = Piece(speaker, "", sep="\n\n"), []
        previous = ""
        for line in lines:
            if structured and not labels_of[line] and _is_heading(line, previous):
                pieces.append(_finished(current, parts))
                pieces.append(Piece(None, line, sep="\n\n"))
                speaker = None
                current, parts = Piece(speaker, "", sep="\n\n"), []
                previous = ":"  # a heading ends like a finished line
                continue
            pos = 0
            for label in labels_of[line]:
                parts.append(line[pos : label.start])
                pieces.append(_finished(current, parts))
                speaker = label.name
                pos, start = _label_time(line, label.end)
                current, parts = Piece(speaker, "", start, sep="\n\n" if label.at_line_start else " "), []
            parts.append(line[pos:])
            previous = line
        pieces.append(_finished(current, parts))
    return pieces


def _label_time(line: str, pos: int) -> tuple[int, float | None]:
    """A clock time written right after a label (`Ann: [00:01:02] Hello`): where the words
    start, and the time (None when there is none, or it is no clock time)."""
    match = _LABEL_TIME.match(line, pos)
    if not match:
        return pos, None
    try:
        return match.end(), parse_clock(match["time"])
    except ValueError:
        return pos, None


def _is_heading(line: str, previous: str) -> bool:
    """A section title or page header on a line of its own (see the module docstring)."""
    if previous and not previous.endswith(_FINISHED):
        return False
    if any(c.islower() for c in line) or line[0] in "[(" or len(line.split()) > _HEADING_WORDS:
        return False
    if any(c.isalpha() for c in line):
        return not line.endswith((".", "!", "?", ",", ";"))
    return set(line) <= set("-*=_~ ")  # a rule: `- - -`, `* * *`


def _mostly_mixed_case(text: str) -> bool:
    letters = [c for c in text[:100_000] if c.isalpha()]
    return bool(letters) and sum(c.islower() for c in letters) >= _MIXED_CASE * len(letters)


def _finished(piece: Piece, parts: list[str]) -> Piece:
    piece.text = " ".join(parts)
    return piece
