"""Pieces read from a source joined into turns: one turn per maximal run of a speaker."""

from __future__ import annotations

from itertools import groupby

from desktop.formats.model import Piece, Turn
from desktop.formats.segmenting import segment
from desktop.formats.timing import Segment, Timing, align_words


def build_turns(pieces: list[Piece]) -> list[Turn]:
    """Join consecutive pieces of one speaker; cut unlabelled runs into readable turns."""
    pieces = [p for p in (_tidy(p) for p in pieces) if p.text]
    groups: list[list[Piece]] = []
    for speaker, run in groupby(pieces, key=lambda p: p.speaker):
        run = list(run)
        groups.extend(segment(run) if speaker is None else [run])
    return [_turn(i, group) for i, group in enumerate(groups)]


def _tidy(piece: Piece) -> Piece:
    text = " ".join(piece.text.split())
    return Piece(piece.speaker, text, piece.start, piece.end, piece.sep, piece.words)


def _turn(index: int, group: list[Piece]) -> Turn:
    text = group[0].text + "".join(p.sep + p.text for p in group[1:])
    starts = [p.start for p in group if p.start is not None]
    ends = [p.end for p in group if p.end is not None]
    placed, offset = [], 0
    for n, piece in enumerate(group):
        offset += len(piece.sep) if n else 0
        placed.append((offset, piece_timing(piece)))
        offset += len(piece.text)
    return Turn(index, group[0].speaker, text, starts[0] if starts else None, max(ends) if ends else None,
                Timing.join(placed))  # fmt: skip


def piece_timing(piece: Piece) -> Timing:
    """A piece's times: one segment when it has a time, and its words found in its text."""
    timed = piece.start is not None or piece.end is not None
    return Timing((Segment(0, piece.start, piece.end),) if timed else (), align_words(piece.text, piece.words))
