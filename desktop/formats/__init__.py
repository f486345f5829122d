"""Transcript formats: bytes in, a `Transcript` out.

    >>> transcript = parse_file(path)  # or parse(data, filename) for bytes in hand

Every failure is a `FormatError` whose message is one line for the user.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.formats.captions import is_youtube_vtt, parse_srt, parse_vtt, parse_youtube_vtt
from desktop.formats.chat import parse_chat
from desktop.formats.dates import date_in_name
from desktop.formats.decoding import decode
from desktop.formats.htmldoc import parse_html
from desktop.formats.jsonformats import json_format, json_title, load_json, parse_json
from desktop.formats.markdowndoc import parse_markdown
from desktop.formats.model import FormatError, LabelRepair, Piece, Transcript, Turn
from desktop.formats.plaintext import parse_plain_text
from desktop.formats.reading import MAX_FILE_BYTES, read_bytes
from desktop.formats.repair import repair_labels, undo_repair
from desktop.formats.services import SERVICES
from desktop.formats.sniff import meant_as_json, sniff
from desktop.formats.timestamped import FAMILIES, parse_timestamped
from desktop.formats.turns import build_turns
from desktop.formats.worddoc import is_word_document, parse_word

__all__ = [
    "FORMATS",
    "MAX_FILE_BYTES",
    "FormatError",
    "LabelRepair",
    "Transcript",
    "Turn",
    "parse",
    "parse_file",
    "read_bytes",
    "undo_repair",
]

FORMATS = (
    "labelled-text", "text", "srt", "vtt", "youtube-vtt", "whisper-json", "whisperx-json",
    "podcast-json", *SERVICES, "chat", *FAMILIES, "docx", "html", "markdown",
)  # fmt: skip
_DOCUMENTS = {"html": parse_html, "markdown": parse_markdown}


def parse_file(path: str | Path) -> Transcript:
    """Read and parse one transcript file (a regular file of at most MAX_FILE_BYTES)."""
    path = Path(path)
    return parse(read_bytes(path), path.name)


def parse(data: bytes, filename: str) -> Transcript:
    """Parse a transcript file's bytes; `filename` gives the title and a hint for captions."""
    title = Path(filename).stem or "Untitled"
    if is_word_document(data, filename):  # before decoding: a .docx is a zip, not text
        pieces, word_title = parse_word(data)
        return _transcript(word_title or title, filename, "docx", pieces)
    text = decode(data)
    fmt = sniff(text, filename)
    value = _json_value(text, filename) if fmt == "json" else None
    if fmt == "json" and value is None:
        fmt = sniff(text, filename, json=False)
    if fmt == "json":
        fmt = json_format(value)
        pieces = parse_json(value, fmt)
        title = json_title(value) or title
    elif fmt == "vtt":
        fmt = "youtube-vtt" if is_youtube_vtt(text) else "vtt"
        pieces = parse_youtube_vtt(text) if fmt == "youtube-vtt" else parse_vtt(text)
        title = _vtt_title(text) or title
    elif fmt == "chat":
        pieces = parse_chat(text)
    elif fmt == "srt":
        pieces = parse_srt(text)
    elif fmt in _DOCUMENTS:
        pieces, document_title = _DOCUMENTS[fmt](text)
        title = document_title or title
    elif fmt in FAMILIES:
        pieces = parse_timestamped(text, fmt)
    else:
        pieces = parse_plain_text(text)
        fmt = "labelled-text" if any(p.speaker for p in pieces) else "text"
    return _transcript(title, filename, fmt, pieces)


def _json_value(text: str, filename: str) -> Any:
    """The JSON value of text that opens like JSON; None when it is text after all."""
    try:
        return load_json(text)
    except FormatError:
        if meant_as_json(text, filename):
            raise
        return None


def _transcript(title: str, filename: str, fmt: str, pieces: list[Piece]) -> Transcript:
    turns, repairs = repair_labels(build_turns(pieces))
    if not turns:
        raise FormatError("no transcript text found")
    day = date_in_name(Path(filename).name)
    metadata = {"date": day} if day else {}
    return Transcript(title=title, source=filename, format=fmt, turns=turns, repairs=repairs, metadata=metadata)


def _vtt_title(text: str) -> str | None:
    header = text.lstrip().split("\n", 1)[0][len("WEBVTT") :]
    return header.strip(" \t-") or None
