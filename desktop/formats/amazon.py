"""Amazon Transcribe JSON (`results.items`, speaker labels, audio segments) and Amazon
Transcribe Call Analytics JSON (a `Transcript` list of turns with a `ParticipantRole`)."""

from __future__ import annotations

from typing import Any

from desktop.formats.model import FormatError, Piece
from desktop.formats.spoken import Token, clean, matched_words, seconds, word_pieces

TRANSCRIBE = "Amazon Transcribe JSON"
CALL_ANALYTICS = "Amazon Transcribe Call Analytics JSON"


def is_transcribe(value: Any) -> bool:
    """Whether `value` is a Transcribe job's output: `results` with `items` or `transcripts`."""
    results = value.get("results") if isinstance(value, dict) else None
    return isinstance(results, dict) and ("items" in results or "transcripts" in results)


def is_call_analytics(value: Any) -> bool:
    """Whether `value` is Call Analytics (or Contact Lens) output: a `Transcript` list."""
    return isinstance(value, dict) and isinstance(value.get("Transcript"), list)


def parse_transcribe(value: dict) -> list[Piece]:
    """Pieces of a Transcribe job's output: its audio segments where they hold every word,
    else its words grouped by speaker; punctuation joins the word before it."""
    results = value["results"]
    items = results.get("items")
    if items is None:
        items = []
    if not isinstance(items, list):
        raise FormatError(f"{TRANSCRIBE}: results.items is not a list")
    by_id = _tokens(items, _speakers_by_start(results))
    tokens = list(dict.fromkeys(by_id.values()))  # a punctuation mark's id names its word's token
    if not tokens:
        return _whole_transcript(results)
    return _audio_segment_pieces(results.get("audio_segments"), by_id) or word_pieces(tokens)


def _tokens(items: list, speakers: dict[float, str]) -> dict[object, Token]:
    """The words of `items` by item id (or position), each punctuation mark joined to the
    word before it; errors name the item by its position, counting from 1."""
    tokens: dict[object, Token] = {}
    last: Token | None = None
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise FormatError(f"{TRANSCRIBE}: item {n} is not an object")
        content = _content(item, n)
        item_id = item.get("id", n) if isinstance(item.get("id", n), (int, str)) else n
        if item.get("type") == "punctuation" and last is not None:
            last.text += content
            tokens[item_id] = last
            continue
        start, end = _item_time(item, "start_time", n), _item_time(item, "end_time", n)
        speaker = item.get("speaker_label") or item.get("channel_label")
        if not isinstance(speaker, str):
            speaker = speakers.get(start) if start is not None else None
        last = Token(content, start, end, clean(speaker) or None if speaker else None, word=content)
        tokens[item_id] = last
    return tokens


def _content(item: dict, n: int) -> str:
    alternatives = item.get("alternatives")
    first = alternatives[0] if isinstance(alternatives, list) and alternatives else None
    content = first.get("content") if isinstance(first, dict) else None
    if not isinstance(content, str):
        raise FormatError(f"{TRANSCRIBE}: item {n} has no alternatives[0].content")
    return clean(content)


def _item_time(item: dict, key: str, n: int) -> float | None:
    if item.get("type") == "punctuation" and key not in item:
        return None
    if key not in item:
        raise FormatError(f"{TRANSCRIBE}: item {n} has no {key}")
    try:
        return seconds(item[key])
    except ValueError:
        raise FormatError(f"{TRANSCRIBE}: item {n}: {key} {item[key]!r:.40} is not a time in seconds") from None


def _speakers_by_start(results: dict) -> dict[float, str]:
    """Speaker (or channel) labels by word start time, from `speaker_labels.segments` or
    `channel_labels.channels`, as Transcribe wrote them before items carried labels."""
    found: dict[float, str] = {}
    for group_key, list_key, label_key in (("channel_labels", "channels", "channel_label"),
                                            ("speaker_labels", "segments", "speaker_label")):  # fmt: skip
        group = results.get(group_key)
        entries = group.get(list_key) if isinstance(group, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            entry_items = entry.get("items") if isinstance(entry, dict) else None
            for item in entry_items if isinstance(entry_items, list) else []:
                label = item.get(label_key, entry.get(label_key)) if isinstance(item, dict) else None
                try:
                    if isinstance(label, str):
                        found[seconds(item.get("start_time"))] = label
                except ValueError:
                    continue  # a label without a usable time labels nothing
    return found


def _audio_segment_pieces(segments: Any, tokens: dict[object, Token]) -> list[Piece] | None:
    """Pieces of the newer `audio_segments`, when they are well formed and hold every word;
    None otherwise (the items then give the pieces)."""
    if not isinstance(segments, list) or not segments:
        return None
    pieces, covered = [], set()
    for segment in segments:
        if not isinstance(segment, dict) or not isinstance(segment.get("transcript"), str):
            return None
        ids = segment.get("items")
        ids = [i for i in ids if isinstance(i, (int, str))] if isinstance(ids, list) else []
        words = list(dict.fromkeys(tokens[i] for i in ids if i in tokens))
        covered.update(words)
        text = clean(segment["transcript"])
        times = [w.time() for w in words]
        speaker = segment.get("speaker_label") or segment.get("channel_label")
        speaker = clean(speaker) if isinstance(speaker, str) else (words[0].speaker if words else None)
        try:
            start, end = seconds(segment.get("start_time")), seconds(segment.get("end_time"))
        except ValueError:
            return None
        pieces.append(Piece(speaker or None, text, start, end, words=matched_words([text], [t for t in times if t])[0]))
    if covered != set(tokens.values()):
        return None
    return pieces


def _whole_transcript(results: dict) -> list[Piece]:
    """The untimed `transcripts` text, for output whose items list is empty."""
    transcripts = results.get("transcripts")
    texts = [t.get("transcript") for t in transcripts if isinstance(t, dict)] if isinstance(transcripts, list) else []
    return [Piece(None, clean(text)) for text in texts if isinstance(text, str)]


def parse_call_analytics(value: dict) -> list[Piece]:
    """Pieces of Call Analytics output: a piece per `Transcript` entry, spoken by its
    participant role (AGENT, CUSTOMER), with its items' word times."""
    pieces = []
    for n, entry in enumerate(value["Transcript"], start=1):
        if not isinstance(entry, dict):
            raise FormatError(f"{CALL_ANALYTICS}: Transcript entry {n} is not an object")
        content = entry.get("Content")
        if not isinstance(content, str):
            raise FormatError(f"{CALL_ANALYTICS}: Transcript entry {n} has no Content")
        role = entry.get("ParticipantRole", entry.get("ParticipantId"))
        if role is not None and not isinstance(role, str):
            raise FormatError(f"{CALL_ANALYTICS}: Transcript entry {n}: ParticipantRole is not text")
        text = clean(content)
        start, end = _millis(entry, "BeginOffsetMillis", n), _millis(entry, "EndOffsetMillis", n)
        words = matched_words([text], _item_times(entry.get("Items")))[0]
        pieces.append(Piece(clean(role) or None if role else None, text, start, end, words=words))
    return pieces


def _millis(entry: dict, key: str, n: int) -> float | None:
    if entry.get(key) is None:
        return None
    try:
        return seconds(entry[key], per_second=1000)
    except ValueError:
        raise FormatError(f"{CALL_ANALYTICS}: Transcript entry {n}: {key} is not a time in milliseconds") from None


def _item_times(items: Any) -> list[tuple[str, float | None, float | None]]:
    """Word times of a Call Analytics entry's `Items` (pronunciations with offsets)."""
    times = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or str(item.get("Type", "")).lower() == "punctuation":
            continue
        try:
            start = seconds(item.get("BeginOffsetMillis"), per_second=1000)
            end = seconds(item.get("EndOffsetMillis"), per_second=1000)
        except ValueError:
            continue  # a word time that cannot be read is left out; its word is in Content
        if isinstance(item.get("Content"), str):
            times.append((clean(item["Content"]), start, end))
    return times
