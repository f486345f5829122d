"""Speech-to-text services' JSON, told apart by shape, and Whisper output as services and
job records wrap it (Replicate's `output`, `result`, `transcription`, OpenAI's verbose_json)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from desktop.formats.amazon import is_call_analytics, is_transcribe, parse_call_analytics, parse_transcribe
from desktop.formats.assemblyai import is_assemblyai, parse_assemblyai
from desktop.formats.deepgram import is_deepgram, parse_deepgram
from desktop.formats.google import google_response, parse_google
from desktop.formats.model import FormatError, Piece
from desktop.formats.segmenting import sentences
from desktop.formats.spoken import WordTime, clean, matched_words, seconds

# Format name, whether a JSON value has that shape, and its parser; the first that
# recognises a value reads it.
SERVICES: dict[str, tuple[Callable[[Any], bool], Callable[[Any], list[Piece]]]] = {
    "amazon-call-analytics-json": (is_call_analytics, parse_call_analytics),
    "amazon-transcribe-json": (is_transcribe, parse_transcribe),
    "deepgram-json": (is_deepgram, parse_deepgram),
    "google-speech-json": (lambda value: google_response(value) is not None, parse_google),
    "assemblyai-json": (is_assemblyai, parse_assemblyai),
}
_FAILED = ("failed", "error", "canceled", "cancelled", "aborted")
_UNFINISHED = ("starting", "queued", "processing", "running", "in_progress", "pending")
# The keys of OpenAI's transcription responses: `json` (text only) and `verbose_json`.
_OPENAI_KEYS = {"text", "usage", "logprobs", "task", "language", "duration", "words", "segments"}


def service_format(value: Any) -> str | None:
    """The name of the service whose JSON `value` is, or None."""
    return next((name for name, (recognises, _) in SERVICES.items() if recognises(value)), None)


def parse_service(value: Any, fmt: str) -> list[Piece]:
    """Pieces of a service's JSON of the format `fmt` (from service_format)."""
    return SERVICES[fmt][1](value)


def whisper_body(value: Any) -> Any:
    """The object holding Whisper segments: `value` itself, one found one or two levels
    down in a job record, or OpenAI's text-and-words response as one of sentences."""
    if not isinstance(value, dict) or "segments" in value:
        return value
    for child in _objects(value.values()):
        if _holds_segments(child):
            return child
    for child in _objects(value.values()):
        for grandchild in _objects(child.values()):
            if _holds_segments(grandchild):
                return grandchild
    _refuse_unfinished_job(value)
    text = value.get("text")
    if isinstance(text, str) and set(value) <= _OPENAI_KEYS:
        return {**value, "segments": [{"text": s} for s in sentences(clean(text))]}
    return value


def _objects(values: Iterable[Any]) -> Iterable[dict]:
    return (v for v in values if isinstance(v, dict))


def _holds_segments(obj: dict) -> bool:
    segments = obj.get("segments")
    return (
        isinstance(segments, list)
        and bool(segments)
        and all(isinstance(s, dict) for s in segments)
        and any("text" in s or "body" in s for s in segments)
    )


def _refuse_unfinished_job(value: dict) -> None:
    """A job record with no transcript because its job failed or has not finished."""
    status = value.get("status")
    if not isinstance(status, str) or status.lower() not in _FAILED + _UNFINISHED:
        return
    if status.lower() in _UNFINISHED:
        raise FormatError(f"the transcription job has not finished (status '{clean(status)}')")
    error = value.get("error")
    detail = f": {clean(error)[:200]}" if isinstance(error, str) and clean(error) else ""
    raise FormatError(f"the transcription job {clean(status).lower()}{detail}")


def segment_words(segment: dict, text: str) -> tuple[WordTime, ...]:
    """Word times of a Whisper or WhisperX segment (`words` of `word`, `start`, `end`)
    that its text holds, in order; a word time that cannot be read is left out."""
    return matched_words([text], _word_times(segment.get("words")))[0]


def with_response_words(body: Any, pieces: list[Piece]) -> list[Piece]:
    """Pieces given the top-level `words` of OpenAI's verbose_json when their segments
    have none; a piece with no time of its own takes its words' times."""
    if not isinstance(body, dict) or any(p.words for p in pieces):
        return pieces
    times = _word_times(body.get("words"))
    if not times:
        return pieces
    for piece, found in zip(pieces, matched_words([p.text for p in pieces], times), strict=True):
        piece.words = found
        starts = [s for _, s, _ in found if s is not None]
        ends = [e for _, _, e in found if e is not None]
        piece.start = piece.start if piece.start is not None or not starts else starts[0]
        piece.end = piece.end if piece.end is not None or not ends else max(ends)
    return pieces


def _word_times(words: Any) -> list[WordTime]:
    times = []
    for word in words if isinstance(words, list) else []:
        text = word.get("word") if isinstance(word, dict) else None
        if not isinstance(text, str):
            continue
        times.append((clean(text), _optional_seconds(word.get("start")), _optional_seconds(word.get("end"))))
    return times


def _optional_seconds(value: Any) -> float | None:
    try:
        return seconds(value) if value is not None and not isinstance(value, str) else None
    except ValueError:
        return None
