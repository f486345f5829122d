"""Unlabelled speech cut into readable turns of a few sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.formats.model import Piece

TARGET_WORDS = 60
LONG_WORDS = 2 * TARGET_WORDS  # past this a turn closes even without a sentence end
MAX_WORDS = 250
_ABBREVIATIONS = {"mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "vs.", "e.g.", "i.e.", "etc.", "no."}
_CLOSERS = "\"'”’)]"
# A sentence end, the space after it, and the first letter of what follows.
_BOUNDARY = re.compile(r"([.!?…][\"'”’)\]]*)\s+[\"'“‘(\[¿¡-]*(\S)")


def ends_sentence(word: str) -> bool:
    """Whether a word closes a sentence (`done.`, `why?"`), abbreviations excepted."""
    core = word.rstrip(_CLOSERS)
    return bool(core) and core[-1] in ".!?…" and core.lower() not in _ABBREVIATIONS


def word_count(text: str) -> int:
    """Words in single-spaced text (as pieces are once tidied)."""
    return text.count(" ") + 1 if text else 0


def sentences(text: str) -> Iterator[str]:
    """The sentences of single-spaced `text`."""
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        end, following = boundary.end(1), boundary[2]
        if (following.isupper() or following.isdigit()) and ends_sentence(text[text.rfind(" ", start, end) + 1 : end]):
            yield text[start:end].strip()
            start = end
    if text[start:].strip():
        yield text[start:].strip()


def segment(pieces: list[Piece]) -> list[list[Piece]]:
    """Group unlabelled pieces into turns: a new paragraph always starts one; a turn
    closes at a sentence end past TARGET_WORDS, or anywhere past LONG_WORDS (text with
    no punctuation), and never grows past MAX_WORDS."""
    groups: list[list[Piece]] = []
    words = 0
    closed = False
    for piece in _split_long(pieces):
        count = word_count(piece.text)
        full = (words >= TARGET_WORDS and closed) or words >= LONG_WORDS or words + count > MAX_WORDS
        if not groups or piece.sep == "\n\n" or full:
            groups.append([piece])
            words = count
        else:
            groups[-1].append(piece)
            words += count
        closed = ends_sentence(piece.text[piece.text.rfind(" ") + 1 :])
    return groups


def _split_long(pieces: list[Piece]) -> Iterator[Piece]:
    """Untimed paragraphs become one piece per sentence, so turns can close between them;
    timed cues stay whole, keeping their times. No piece exceeds LONG_WORDS."""
    for piece in pieces:
        if piece.start is not None and word_count(piece.text) <= LONG_WORDS:
            yield piece
            continue
        sep = piece.sep
        for sentence in sentences(piece.text):
            parts = [sentence]
            if word_count(sentence) > LONG_WORDS:
                words = sentence.split(" ")
                parts = [" ".join(words[i : i + LONG_WORDS]) for i in range(0, len(words), LONG_WORDS)]
            for part in parts:
                yield Piece(piece.speaker, part, piece.start, piece.end, sep)
                sep = " "
