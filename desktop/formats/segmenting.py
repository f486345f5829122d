"""Unlabelled speech cut into readable turns of a few sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.formats.model import Piece

TARGET_WORDS = 60
MAX_WORDS = 250
_ABBREVIATIONS = {"mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "vs.", "e.g.", "i.e.", "etc.", "no."}
_CLOSERS = "\"'”’)]"


def ends_sentence(word: str) -> bool:
    """Whether a word closes a sentence (`done.`, `why?"`), abbreviations excepted."""
    core = word.rstrip(_CLOSERS)
    return bool(core) and core[-1] in ".!?…" and core.lower() not in _ABBREVIATIONS


def sentences(text: str) -> Iterator[list[str]]:
    """The words of `text`, grouped into sentences."""
    words = text.split()
    current: list[str] = []
    for i, word in enumerate(words):
        current.append(word)
        following = words[i + 1] if i + 1 < len(words) else ""
        if ends_sentence(word) and (not following or _starts_sentence(following)):
            yield current
            current = []
    if current:
        yield current


def segment(pieces: list[Piece]) -> list[list[Piece]]:
    """Group unlabelled pieces into turns: a new paragraph always starts one, and a
    turn closes at a sentence end past TARGET_WORDS and never grows past MAX_WORDS."""
    groups: list[list[Piece]] = []
    words = 0
    for piece in _split_long(pieces):
        count = len(piece.text.split())
        closed = groups and ends_sentence(groups[-1][-1].text.split()[-1])
        if not groups or piece.sep == "\n\n" or (words >= TARGET_WORDS and closed) or words + count > MAX_WORDS:
            groups.append([piece])
            words = count
        else:
            groups[-1].append(piece)
            words += count
    return groups


def _split_long(pieces: list[Piece]) -> Iterator[Piece]:
    """Untimed paragraphs become one piece per sentence, so turns can close between them;
    timed cues stay whole, keeping their times. No piece exceeds MAX_WORDS."""
    for piece in pieces:
        if piece.start is not None and len(piece.text.split()) <= MAX_WORDS:
            yield piece
            continue
        sep = piece.sep
        for sentence in sentences(piece.text):
            for i in range(0, len(sentence), MAX_WORDS):
                yield Piece(piece.speaker, " ".join(sentence[i : i + MAX_WORDS]), piece.start, piece.end, sep)
                sep = " "


def _starts_sentence(word: str) -> bool:
    first = re.sub(r"^[\"'“‘(\[¿¡-]+", "", word)[:1]
    return first.isupper() or first.isdigit()
