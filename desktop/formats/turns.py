"""Pieces read from a source joined into turns: one turn per maximal run of a speaker."""

from __future__ import annotations

from itertools import groupby

from desktop.formats.model import Piece, Turn
from desktop.formats.segmenting import segment


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
    return Piece(piece.speaker, text, piece.start, piece.end, piece.sep)


def _turn(index: int, group: list[Piece]) -> Turn:
    text = group[0].text + "".join(p.sep + p.text for p in group[1:])
    starts = [p.start for p in group if p.start is not None]
    ends = [p.end for p in group if p.end is not None]
    return Turn(index, group[0].speaker, text, starts[0] if starts else None, max(ends) if ends else None)
