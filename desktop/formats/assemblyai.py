"""AssemblyAI JSON: a transcript's `utterances` (speaker `A`, `B`…, times in
milliseconds), else its `words`, else its `text`. Speakers are named `Speaker A`…,
as AssemblyAI's own apps and examples print them."""

from __future__ import annotations

from typing import Any

from desktop.formats.model import FormatError, Piece
from desktop.formats.spoken import Token, clean, matched_words, seconds, word_pieces

ASSEMBLYAI = "AssemblyAI JSON"
# Keys only an AssemblyAI transcript has at the top, beside its text.
_OWN_KEYS = ("audio_url", "acoustic_model", "language_model", "speech_model", "speaker_labels", "utterances")


def is_assemblyai(value: Any) -> bool:
    """Whether `value` is an AssemblyAI transcript: utterances, or words of `text`,
    or a transcript record (`audio_url`, `speech_model`…) with its text."""
    if not isinstance(value, dict) or "segments" in value:
        return False
    words = value.get("words")
    words_of_text = isinstance(words, list) and bool(words) and all(isinstance(w, dict) and "text" in w for w in words)
    return words_of_text or any(key in value for key in _OWN_KEYS)


def parse_assemblyai(value: dict) -> list[Piece]:
    """Pieces of an AssemblyAI transcript, with word times where it has them."""
    status = value.get("status")
    if status == "error":
        reason = value.get("error")
        raise FormatError(
            f"{ASSEMBLYAI}: the transcription failed" + (f" ({clean(reason)})" if isinstance(reason, str) else "")
        )
    if isinstance(status, str) and status in ("queued", "processing"):
        raise FormatError(f"{ASSEMBLYAI}: the transcript is not ready yet (status '{status}')")
    utterances = value.get("utterances")
    if isinstance(utterances, list) and utterances:
        return [_utterance_piece(u, n) for n, u in enumerate(utterances, start=1)]
    tokens = _tokens(value.get("words"), "word")
    if tokens:
        return word_pieces(tokens)
    text = value.get("text")
    if text is not None and not isinstance(text, str):
        raise FormatError(f"{ASSEMBLYAI}: 'text' is not text")
    return [Piece(None, clean(text))] if text else []


def _utterance_piece(utterance: Any, n: int) -> Piece:
    what = f"utterance {n}"
    if not isinstance(utterance, dict):
        raise FormatError(f"{ASSEMBLYAI}: {what} is not an object")
    text = utterance.get("text")
    if not isinstance(text, str):
        raise FormatError(f"{ASSEMBLYAI}: {what} has no text")
    text = clean(text)
    times = [t for t in (token.time() for token in _tokens(utterance.get("words"), f"{what}, word")) if t]
    start, end = _millis(utterance, "start", what), _millis(utterance, "end", what)
    return Piece(_speaker(utterance, what), text, start, end, words=matched_words([text], times)[0])


def _tokens(words: Any, what: str) -> list[Token]:
    tokens = []
    for n, word in enumerate(words if isinstance(words, list) else [], start=1):
        if not isinstance(word, dict) or not isinstance(word.get("text"), str):
            raise FormatError(f"{ASSEMBLYAI}: {what} {n} has no text")
        where = f"{what} {n}"
        start, end = _millis(word, "start", where), _millis(word, "end", where)
        tokens.append(Token(clean(word["text"]), start, end, _speaker(word, where)))
    return tokens


def _speaker(obj: dict, what: str) -> str | None:
    speaker = obj.get("speaker")
    if speaker is None:
        return None
    if isinstance(speaker, bool) or not isinstance(speaker, (str, int)):
        raise FormatError(f"{ASSEMBLYAI}: {what}: 'speaker' is not a label")
    label = clean(str(speaker))
    return f"Speaker {label}" if label else None


def _millis(obj: dict, key: str, what: str) -> float | None:
    if obj.get(key) is None:
        return None
    try:
        return seconds(obj[key], per_second=1000)
    except ValueError:
        raise FormatError(f"{ASSEMBLYAI}: {what}: '{key}' is not a time in milliseconds") from None
