"""JSON transcripts: Whisper, WhisperX (speaker per segment) and Podcasting 2.0, and the
speech-to-text services' shapes (desktop.formats.services)."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from typing import Any

from desktop.formats.model import FormatError, Piece
from desktop.formats.services import parse_service, segment_words, service_format, whisper_body, with_response_words

# JSON can escape half a UTF-16 pair (`"\ud800"`); such a lone surrogate is no character
# and cannot be stored or shown, so it becomes U+FFFD like any undecodable byte.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_TRANSCRIPT = (
    "JSON is not a transcript (expected a 'segments' list of Whisper, WhisperX or Podcasting 2.0 segments,"
    " or Amazon Transcribe, Deepgram, AssemblyAI or Google Speech-to-Text JSON)"
)


def load_json(text: str) -> Any:
    """The decoded JSON value; a syntax error names its line."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except RecursionError:
        raise FormatError("invalid JSON: nested too deeply") from None


def json_format(value: Any) -> str:
    """Which JSON transcript shape `value` has: a service's (services.SERVICES), else
    podcast-json, whisperx-json or whisper-json."""
    service = service_format(value)
    if service:
        return service
    segments = _segments(value)
    if any("body" in s for s in segments):
        return "podcast-json"
    if any("speaker" in s or any(isinstance(w, dict) and "speaker" in w for w in _words(s)) for s in segments):
        return "whisperx-json"
    if all("text" in s for s in segments):
        return "whisper-json"
    raise FormatError(_NOT_TRANSCRIPT)


def parse_json(value: Any, fmt: str) -> list[Piece]:
    """Pieces of a JSON transcript of the shape `fmt` (from json_format)."""
    if fmt not in ("podcast-json", "whisperx-json", "whisper-json"):
        return parse_service(value, fmt)
    text_key, start_key, end_key = (
        ("body", "startTime", "endTime") if fmt == "podcast-json" else ("text", "start", "end")
    )
    pieces = []
    speaker = None
    for n, segment in enumerate(_segments(value), start=1):
        text = segment.get(text_key, "")
        if not isinstance(text, str):
            raise FormatError(f"segment {n}: '{text_key}' is not text")
        speaker = _speaker(segment, n) or speaker
        start, end = _seconds(segment, start_key, n), _seconds(segment, end_key, n)
        text = _valid(text)
        pieces.append(Piece(speaker, text, start, end, words=segment_words(segment, text)))
    return with_response_words(whisper_body(value), pieces)


def json_title(value: Any) -> str | None:
    """A title the JSON carries, if any."""
    title = value.get("title") if isinstance(value, dict) else None
    return _valid(title).strip() or None if isinstance(title, str) else None


def _segments(value: Any) -> list[dict]:
    body = whisper_body(value)
    segments = body.get("segments") if isinstance(body, dict) else body
    if not isinstance(segments, list) or not segments:
        raise FormatError(_NOT_TRANSCRIPT)
    for n, segment in enumerate(segments, start=1):
        if not isinstance(segment, dict):
            raise FormatError(f"segment {n} is not an object; {_NOT_TRANSCRIPT}")
    return segments


def _words(segment: dict) -> list:
    words = segment.get("words")
    return words if isinstance(words, list) else []


def _speaker(segment: dict, n: int) -> str | None:
    """The segment's speaker, or the most common speaker of its words (WhisperX)."""
    speaker = segment.get("speaker")
    if speaker is None:
        named = [w["speaker"] for w in _words(segment) if isinstance(w, dict) and isinstance(w.get("speaker"), str)]
        speaker = Counter(named).most_common(1)[0][0] if named else None
    if speaker is not None and not isinstance(speaker, str):
        raise FormatError(f"segment {n}: 'speaker' is not text")
    return " ".join(_valid(speaker).split()) or None if speaker else None


def _valid(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (one regex pass: linear)."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def _seconds(segment: dict, key: str, n: int) -> float | None:
    value = segment.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise FormatError(f"segment {n}: '{key}' is not a time in seconds")
    return float(value)
