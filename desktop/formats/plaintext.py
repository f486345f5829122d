"""Plain text: `Name:`-labelled conversation, or unlabelled prose."""

from __future__ import annotations

from collections.abc import Iterator

from desktop.formats.labels import Label, accepted_speakers, find_labels
from desktop.formats.model import Piece


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
    found = {line: find_labels(line) for line in lines}
    first = found[lines[0]] if lines else []
    speakers = accepted_speakers(
        [label for labels in found.values() for label in labels],
        first_line_labelled=bool(first and first[0].at_line_start),
    )
    kept = {line: [lb for lb in labels if lb.name in speakers] for line, labels in found.items()}
    return speakers, kept


def parse_plain_text(text: str) -> list[Piece]:
    """Pieces of a plain-text transcript; unlabelled paragraphs continue the last speaker."""
    _, labels_of = speaker_labels(text)
    pieces: list[Piece] = []
    speaker: str | None = None
    for lines in paragraphs(text):
        # Each piece's text is gathered as parts and joined once: growing a string
        # line by line recopies it, which is quadratic in a long paragraph.
        current, parts = Piece(speaker, "", sep="\n\n"), []
        for line in lines:
            pos = 0
            for label in labels_of[line]:
                parts.append(line[pos : label.start])
                pieces.append(_finished(current, parts))
                speaker = label.name
                current, parts = Piece(speaker, "", sep="\n\n" if label.at_line_start else " "), []
                pos = label.end
            parts.append(line[pos:])
        pieces.append(_finished(current, parts))
    return pieces


def _finished(piece: Piece, parts: list[str]) -> Piece:
    piece.text = " ".join(parts)
    return piece
