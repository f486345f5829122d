"""Google Cloud Speech-to-Text JSON (v1 and v2): `results[].alternatives[]`, with word
times (`"1.300s"`, seconds, or `{seconds, nanos}`) and speaker tags where diarized.

With diarization Google lists every word of the audio again, tagged, in the last result;
that list is read instead of the results' own (untagged) words, so no word comes twice.
Speakers are named `Speaker 1`, `Speaker 2`… (Google's tags count from 1)."""

from __future__ import annotations

import re
from typing import Any

from desktop.formats.model import FormatError, Piece
from desktop.formats.spoken import Token, clean, seconds, word_pieces

GOOGLE = "Google Speech-to-Text JSON"
_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)s?\s*")
_START_KEYS = ("startTime", "startOffset", "start_time", "start_offset")
_END_KEYS = ("endTime", "endOffset", "end_time", "end_offset")


def google_response(value: Any) -> dict | None:
    """The recognize response in `value` (itself, or a long-running operation's
    `response`) when it has a `results` list of results with alternatives."""
    for candidate in (value, value.get("response") if isinstance(value, dict) else None):
        results = candidate.get("results") if isinstance(candidate, dict) else None
        if isinstance(results, list) and any(isinstance(r, dict) and "alternatives" in r for r in results):
            return candidate
    return None


def parse_google(value: Any) -> list[Piece]:
    """Pieces of a Speech-to-Text response: its words by speaker where it has words,
    else each result's transcript."""
    response = google_response(value)
    assert response is not None  # only called on what google_response recognised
    results = response["results"]
    for n, result in enumerate(results, start=1):
        if not isinstance(result, dict):
            raise FormatError(f"{GOOGLE}: result {n} is not an object")
    numbered = [(n, result, _top_alternative(result, n)) for n, result in enumerate(results, start=1)]
    by_channel = len({r.get("channelTag") for r in results if type(r.get("channelTag")) is int}) > 1
    word_lists = [_tokens(top, n, result, by_channel) for n, result, top in numbered]
    if any(word_lists):
        return word_pieces(_without_repeats(word_lists))
    return [_transcript_piece(top, result, n) for n, result, top in numbered]


def _top_alternative(result: dict, n: int) -> dict:
    alternatives = result.get("alternatives")
    if alternatives in (None, []):
        return {}
    if not isinstance(alternatives, list) or not isinstance(alternatives[0], dict):
        raise FormatError(f"{GOOGLE}: result {n}: 'alternatives' is not a list of objects")
    return alternatives[0]


def _without_repeats(word_lists: list[list[Token]]) -> list[Token]:
    """The words once each: the last result's tagged list alone when it repeats the
    words before it (diarized output), else every result's words in order."""
    last = max(n for n, words in enumerate(word_lists) if words)
    before = [t for words in word_lists[:last] for t in words]
    tagged = any(t.speaker for t in word_lists[last])
    untagged_before = not any(t.speaker for t in before)
    repeats = [t.text for t in word_lists[last][: len(before)]] == [t.text for t in before]
    if tagged and (untagged_before or repeats) and len(word_lists[last]) >= len(before):
        return word_lists[last]
    return before + word_lists[last]


def _tokens(top: dict, n: int, result: dict, by_channel: bool) -> list[Token]:
    words = top.get("words")
    if words is None:
        return []
    if not isinstance(words, list):
        raise FormatError(f"{GOOGLE}: result {n}: 'words' is not a list")
    tokens = []
    for k, word in enumerate(words, start=1):
        what = f"result {n}, word {k}"
        if not isinstance(word, dict) or not isinstance(word.get("word"), str):
            raise FormatError(f"{GOOGLE}: {what} has no 'word'")
        start, end = _time(word, _START_KEYS, what), _time(word, _END_KEYS, what)
        channel = result.get("channelTag")
        speaker = _speaker(word, what) or (f"Channel {channel}" if by_channel and type(channel) is int else None)
        tokens.append(Token(clean(word["word"]), start, end, speaker))
    return tokens


def _speaker(word: dict, what: str) -> str | None:
    tag = word.get("speakerTag", word.get("speaker_tag"))
    label = word.get("speakerLabel", word.get("speaker_label"))
    if tag is not None and (isinstance(tag, bool) or not isinstance(tag, int)):
        raise FormatError(f"{GOOGLE}: {what}: speakerTag is not a number")
    if label is not None and not isinstance(label, str):
        raise FormatError(f"{GOOGLE}: {what}: speakerLabel is not text")
    name = clean(label) if label else (str(tag) if tag else "")  # tag 0: no speaker
    return (f"Speaker {name}" if name.isdigit() else name) or None


def _time(word: dict, keys: tuple[str, ...], what: str) -> float | None:
    key = next((k for k in keys if k in word), None)
    if key is None:
        return None
    try:
        return duration(word[key])
    except ValueError:
        raise FormatError(f"{GOOGLE}: {what}: {key} {word[key]!r:.40} is not a duration") from None


def duration(value: Any) -> float:
    """Seconds of a protobuf Duration as JSON writes it (`"1.300s"`), as a number, or as
    a `{seconds, nanos}` object (either may be left out when zero); ValueError otherwise."""
    if isinstance(value, dict):
        secs, nanos = value.get("seconds", 0), value.get("nanos", 0)
        if isinstance(secs, str) and secs.isdigit():
            secs = int(secs)
        if not all(type(v) is int and v >= 0 for v in (secs, nanos)) or nanos >= 10**9:
            raise ValueError(value)
        return seconds(secs) + nanos / 10**9
    if isinstance(value, str):
        match = _DURATION.fullmatch(value)
        if not match:
            raise ValueError(value)
        return seconds(match[1])
    return seconds(value)


def _transcript_piece(top: dict, result: dict, n: int) -> Piece:
    transcript = top.get("transcript", "")
    if not isinstance(transcript, str):
        raise FormatError(f"{GOOGLE}: result {n}: 'transcript' is not text")
    end_key = next((k for k in ("resultEndTime", "resultEndOffset") if k in result), None)
    try:
        end = duration(result[end_key]) if end_key else None
    except ValueError:
        raise FormatError(f"{GOOGLE}: result {n}: {end_key} is not a duration") from None
    return Piece(None, clean(transcript), None, end)
