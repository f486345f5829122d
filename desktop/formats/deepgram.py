"""Deepgram JSON: `results.channels[].alternatives[]` with paragraphs or words, and
`results.utterances`. Speakers are named as Deepgram's own transcripts write them:
`Speaker 0`, `Speaker 1`…; with several channels, `Channel 0` (and its speaker)."""

from __future__ import annotations

from typing import Any

from desktop.formats.model import FormatError, Piece
from desktop.formats.spoken import Token, WordTime, clean, matched_words, seconds, word_pieces

DEEPGRAM = "Deepgram JSON"


def is_deepgram(value: Any) -> bool:
    """Whether `value` is a Deepgram response: `results` holding a `channels` list."""
    results = value.get("results") if isinstance(value, dict) else None
    return isinstance(results, dict) and isinstance(results.get("channels"), list)


def parse_deepgram(value: dict) -> list[Piece]:
    """Pieces of a Deepgram response: each paragraph's sentences when the response has
    paragraphs, else its utterances, else its words; each with its words' times."""
    results = value["results"]
    alternatives = [_top_alternative(channel, n) for n, channel in enumerate(results["channels"])]
    several = len(alternatives) > 1
    utterances = results.get("utterances")
    if isinstance(utterances, list) and utterances and not any(_paragraphs(alt) for alt in alternatives):
        return [_utterance_piece(u, n, several) for n, u in enumerate(utterances, start=1)]
    pieces = []
    for n, alt in enumerate(alternatives):
        pieces += _paragraph_pieces(alt, n, several) if _paragraphs(alt) else _word_or_text_pieces(alt, n, several)
    if several:  # channels are listed one after the other; the conversation goes by time
        pieces.sort(key=lambda p: float("inf") if p.start is None else p.start)
    return pieces


def _top_alternative(channel: Any, n: int) -> dict:
    alternatives = channel.get("alternatives") if isinstance(channel, dict) else None
    if not isinstance(alternatives, list) or not alternatives or not isinstance(alternatives[0], dict):
        raise FormatError(f"{DEEPGRAM}: channel {n} has no alternatives")
    return alternatives[0]


def _speaker(speaker: Any, channel: Any, several: bool, what: str) -> str | None:
    if speaker is not None and (isinstance(speaker, bool) or not isinstance(speaker, (int, str))):
        raise FormatError(f"{DEEPGRAM}: {what}: speaker is not a number")
    parts = [f"Channel {channel}"] if several and type(channel) is int else []
    if speaker is not None and clean(str(speaker)):
        parts.append(f"Speaker {clean(str(speaker))}")
    return ", ".join(parts) or None


def _time(obj: dict, key: str, what: str) -> float | None:
    if obj.get(key) is None:
        return None
    try:
        return seconds(obj[key])
    except ValueError:
        raise FormatError(f"{DEEPGRAM}: {what}: '{key}' is not a time in seconds") from None


def _text(obj: dict, key: str, what: str) -> str:
    text = obj.get(key, "")
    if not isinstance(text, str):
        raise FormatError(f"{DEEPGRAM}: {what}: '{key}' is not text")
    return clean(text)


def _paragraphs(alternative: dict) -> list:
    paragraphs = alternative.get("paragraphs")
    found = paragraphs.get("paragraphs") if isinstance(paragraphs, dict) else None
    return found if isinstance(found, list) else []


def _paragraph_pieces(alternative: dict, channel: int, several: bool) -> list[Piece]:
    """A piece per sentence, a paragraph's first starting a new paragraph, with the
    alternative's words matched to the sentences."""
    pieces = []
    for n, paragraph in enumerate(_paragraphs(alternative), start=1):
        what = f"channel {channel}, paragraph {n}"
        sentences = paragraph.get("sentences") if isinstance(paragraph, dict) else None
        if not isinstance(sentences, list):
            raise FormatError(f"{DEEPGRAM}: {what} has no sentences")
        speaker = _speaker(paragraph.get("speaker"), channel, several, what)
        for k, sentence in enumerate(sentences, start=1):
            if not isinstance(sentence, dict):
                raise FormatError(f"{DEEPGRAM}: {what}, sentence {k} is not an object")
            where = f"{what}, sentence {k}"
            start, end = _time(sentence, "start", where), _time(sentence, "end", where)
            pieces.append(Piece(speaker, _text(sentence, "text", where), start, end, "\n\n" if k == 1 else " "))
    words = _word_times(_tokens(alternative, channel, several))
    for piece, times in zip(pieces, matched_words([p.text for p in pieces], words), strict=True):
        piece.words = times
    return pieces


def _tokens(holder: dict, channel: Any, several: bool) -> list[Token]:
    words = holder.get("words")
    tokens = []
    for n, word in enumerate(words if isinstance(words, list) else [], start=1):
        what = f"word {n}"
        if not isinstance(word, dict):
            raise FormatError(f"{DEEPGRAM}: {what} is not an object")
        text = word.get("punctuated_word", word.get("word"))
        if not isinstance(text, str):
            raise FormatError(f"{DEEPGRAM}: {what} has no 'word'")
        speaker = _speaker(word.get("speaker"), channel, several, what)
        tokens.append(Token(clean(text), _time(word, "start", what), _time(word, "end", what), speaker))
    return tokens


def _word_times(tokens: list[Token]) -> list[WordTime]:
    return [time for time in (t.time() for t in tokens) if time]


def _word_or_text_pieces(alternative: dict, channel: int, several: bool) -> list[Piece]:
    tokens = _tokens(alternative, channel, several)
    if tokens:
        return word_pieces(tokens)
    speaker = _speaker(None, channel, several, f"channel {channel}")
    return [Piece(speaker, _text(alternative, "transcript", f"channel {channel}"))]


def _utterance_piece(utterance: Any, n: int, several: bool) -> Piece:
    what = f"utterance {n}"
    if not isinstance(utterance, dict):
        raise FormatError(f"{DEEPGRAM}: {what} is not an object")
    channel = utterance.get("channel")
    text = _text(utterance, "transcript", what)
    speaker = _speaker(utterance.get("speaker"), channel, several, what)
    start, end = _time(utterance, "start", what), _time(utterance, "end", what)
    words = matched_words([text], _word_times(_tokens(utterance, channel, several)))[0]
    return Piece(speaker, text, start, end, words=words)
