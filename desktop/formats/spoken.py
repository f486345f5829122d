"""What speech-to-text services share: timed words, their runs as pieces, and word times
matched to a text the service wrote beside them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import groupby

from desktop.formats.model import Piece
from desktop.formats.segmenting import ends_sentence

# A piece made of a service's words ends at a sentence end, or after this many words when
# the service writes no punctuation, so its segments stay a sentence or so long.
MAX_PIECE_WORDS = 30
# How many words of a text a timed word may be looked for ahead of the last one found.
_LOOKAHEAD = 8
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

WordTime = tuple[str, float | None, float | None]


@dataclass(eq=False)  # each token is itself: found by identity, never equal to another
class Token:
    """One word as a service lists it: how it reads in the transcript (punctuation
    attached), its own text when that differs, times in seconds and speaker."""

    text: str
    start: float | None = None
    end: float | None = None
    speaker: str | None = None
    word: str | None = None

    def time(self) -> WordTime | None:
        """The word's time entry, or None when the source gave it no time."""
        if self.start is None and self.end is None:
            return None
        return (self.word or self.text, self.start, self.end)


def clean(text: str) -> str:
    """Text with lone surrogates as U+FFFD and runs of whitespace as one space."""
    return " ".join(_LONE_SURROGATE.sub("\ufffd", text).split())


def seconds(value: object, per_second: int = 1) -> float:
    """A time as a non-negative number of seconds, from a number or a numeric string in
    units of 1/per_second seconds; ValueError for anything else."""
    if isinstance(value, str):
        value = float(value.strip())
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(value)
    try:
        result = value / per_second
    except OverflowError:
        raise ValueError(value) from None
    if not math.isfinite(result) or result < 0:
        raise ValueError(value)
    return float(result)


def word_pieces(tokens: list[Token]) -> list[Piece]:
    """Pieces of a stream of words: one per run of a speaker, cut at sentence ends (or
    every MAX_PIECE_WORDS words), each with its words' times."""
    pieces: list[Piece] = []
    tokens = [t for t in tokens if t.text]
    for speaker, run in groupby(tokens, key=lambda t: t.speaker):
        sentence: list[Token] = []
        for token in run:
            sentence.append(token)
            if ends_sentence(token.text) or len(sentence) >= MAX_PIECE_WORDS:
                pieces.append(_piece(speaker, sentence))
                sentence = []
        if sentence:
            pieces.append(_piece(speaker, sentence))
    return pieces


def _piece(speaker: str | None, tokens: list[Token]) -> Piece:
    starts = [t.start for t in tokens if t.start is not None]
    ends = [t.end for t in tokens if t.end is not None]
    times = tuple(time for time in (t.time() for t in tokens) if time)
    text = " ".join(t.text for t in tokens)
    return Piece(speaker, text, starts[0] if starts else None, max(ends) if ends else None, words=times)


def matched_words(texts: list[str], words: list[WordTime]) -> list[tuple[WordTime, ...]]:
    """Each text's word times: the timed `words`, in order, matched to the words of the
    texts (case and punctuation aside). A word not found a few words ahead keeps no
    time, so every word time given is of a word its text holds, in order."""
    spots = [(n, word) for n, text in enumerate(texts) for word in text.split()]
    found: list[list[WordTime]] = [[] for _ in texts]
    cursor = 0
    for text, start, end in words:
        key = _key(text)
        if not key:
            continue
        for k in range(cursor, min(cursor + _LOOKAHEAD, len(spots))):
            n, spot = spots[k]
            if _key(spot) == key:
                found[n].append((text.strip() if text.strip() in spot else spot, start, end))
                cursor = k + 1
                break
    return [tuple(times) for times in found]


def _key(word: str) -> str:
    """A word as matched: lowercased, without the punctuation around it."""
    start, end = 0, len(word)
    while start < end and not word[start].isalnum():
        start += 1
    while end > start and not word[end - 1].isalnum():
        end -= 1
    return word[start:end].casefold()
