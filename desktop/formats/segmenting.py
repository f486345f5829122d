"""Unlabelled speech cut into readable turns of a few sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.formats.model import Piece

TARGET_WORDS = 60
LONG_WORDS = 2 * TARGET_WORDS  # past this a turn closes even without a sentence end
MAX_WORDS = 250
SHORT_TAIL_WORDS = 20  # a paragraph's last turn shorter than this joins the one before
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
    for start, end in _sentence_spans(text):
        yield text[start:end]


def segment(pieces: list[Piece]) -> list[list[Piece]]:
    """Group unlabelled pieces into turns: a new paragraph always starts one; a turn
    closes at a sentence end past TARGET_WORDS, or anywhere past LONG_WORDS (text with
    no punctuation), and never grows past MAX_WORDS."""
    groups: list[list[Piece]] = []
    words = 0
    for piece in _turn_sized(pieces):
        count = word_count(piece.text)
        closed = bool(groups) and ends_sentence(groups[-1][-1].text[groups[-1][-1].text.rfind(" ") + 1 :])
        full = (words >= TARGET_WORDS and closed) or words >= LONG_WORDS or words + count > MAX_WORDS
        if not groups or piece.sep == "\n\n" or full:
            groups.append([piece])
            words = count
        else:
            groups[-1].append(piece)
            words += count
    return groups


def _turn_sized(pieces: list[Piece]) -> Iterator[Piece]:
    """Untimed paragraphs (and any piece past LONG_WORDS) cut into turn-sized chunks at
    sentence ends, each starting a turn of its own; timed cues stay whole, keeping their times."""
    for piece in pieces:
        if (piece.start is None and piece.sep == "\n\n") or word_count(piece.text) > LONG_WORDS:
            chunks, words, position = list(_chunks(piece.text)), list(piece.words), 0
            for n, chunk in enumerate(chunks):
                position = piece.text.find(chunk, position) + len(chunk)
                mine = _words_before(words, piece.text, position) if n + 1 < len(chunks) else words
                words = words[len(mine) :]
                start = piece.start if n == 0 or not mine else mine[0][1]
                yield Piece(piece.speaker, chunk, start, piece.end, piece.sep if n == 0 else "\n\n", tuple(mine))
        else:
            yield piece


def _words_before(words: list, text: str, end: int) -> list:
    """The leading timed words that lie in text[:end] (found in order, as the turn builder does)."""
    taken, position = [], 0
    for word in words:
        at = text.find(" ".join(str(word[0]).split()), position)
        if at == -1 or at >= end:
            break
        taken.append(word)
        position = at + len(word[0])
    return taken


def _chunks(text: str) -> Iterator[str]:
    """Stretches of a paragraph of TARGET_WORDS or more, closed at sentence ends; a short
    last stretch joins the one before when that stays within MAX_WORDS."""
    spans: list[tuple[int, int, int]] = []  # start, end, words
    for start, end in _sentence_spans(text):
        count = text.count(" ", start, end) + 1
        if spans and spans[-1][2] < TARGET_WORDS and spans[-1][2] + count <= MAX_WORDS:
            spans[-1] = (spans[-1][0], end, spans[-1][2] + count)
        else:
            spans.append((start, end, count))
    if len(spans) > 1 and spans[-1][2] < SHORT_TAIL_WORDS and spans[-2][2] + spans[-1][2] <= MAX_WORDS:
        tail = spans.pop()
        spans[-1] = (spans[-1][0], tail[1], spans[-1][2] + tail[2])
    for start, end, _ in spans:
        yield text[start:end]


def _sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of single-spaced text; a run of more than LONG_WORDS
    words without a sentence end comes in LONG_WORDS-word parts."""
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        end, following = boundary.end(1), boundary[2]
        # A one-word sentence after another ("Yes. No. Right.") ends even where the word
        # could be an abbreviation. rfind within the sentence only: searching back from
        # the start of the text would read the whole text once per sentence.
        space = text.rfind(" ", start, end)
        one_word = space < 0 and start > 0
        if (following.isupper() or following.isdigit()) and (one_word or ends_sentence(text[space + 1 : end])):
            yield from _word_limited(text, start, end)
            start = end + 1
    if start < len(text):
        yield from _word_limited(text, start, len(text))


def _word_limited(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    if text.count(" ", start, end) < LONG_WORDS:  # the usual sentence: one part
        yield start, end
        return
    # Walk the spaces once; counting the rest again after every cut would be quadratic.
    while True:
        cut = start
        for _ in range(LONG_WORDS):
            cut = text.find(" ", cut, end) + 1
            if not cut:  # fewer than LONG_WORDS spaces left: the rest is one part
                yield start, end
                return
        yield start, cut - 1
        start = cut
