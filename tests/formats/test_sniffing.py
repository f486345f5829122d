"""Formats are recognised by content, whatever the file is called."""

from __future__ import annotations

import pytest

from desktop.formats import FormatError, parse
from tests.conftest import FIXTURES
from tests.formats.test_seeds import turn_words


@pytest.mark.parametrize(
    ("fixture", "fmt"),
    [
        ("otter.txt", "otter"), ("rev.txt", "rev"), ("bracketed.txt", "bracketed"),
        ("pairs.txt", "name-time-pairs"), ("plain.srt", "srt"), ("voices.vtt", "vtt"),
        ("youtube.vtt", "youtube-vtt"), ("whisper.json", "whisper-json"), ("whisperx.json", "whisperx-json"),
        ("podcast.json", "podcast-json"), ("labelled.txt", "labelled-text"), ("unlabelled.txt", "text"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("name", ["transcript.txt", "download", "notes.md"])
def test_content_decides_the_format(fixture, fmt, name):
    assert parse((FIXTURES / fixture).read_bytes(), name).format == fmt


def test_bare_list_of_whisper_segments_is_json():
    data = b'[{"start": 1.5, "end": 2, "text": "Just a list."}]'
    transcript = parse(data, "segments.txt")
    assert (transcript.format, transcript.turns[0].start, transcript.turns[0].text) == (
        "whisper-json",
        1.5,
        "Just a list.",
    )


def test_prose_with_a_note_label_is_not_a_conversation():
    text = b"Note: the recorder failed twice.\n\nWe kept going anyway, and the second half was better.\n"
    transcript = parse(text, "memo.txt")
    assert transcript.format == "text"
    assert transcript.turns[0].text.startswith("Note: the recorder")


def test_a_clock_time_in_prose_is_not_otter():
    text = b"We met at the station.\nThe train left at 10:30\n\nNobody was on it.\n"
    assert parse(text, "story.txt").format == "text"


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("[Music]\nAnn: hello\n", "text"),
        ("[Music]\nAnn: hello there.\nBo: Hi, Ann.\nAnn: Shall we start?\n", "labelled-text"),
        ("[inaudible] and so we began.\n\nIt was late.\n", "text"),
        ("{laughs} So we began.\n", "text"),
        ("[1] The first note.\n[2] The second.\n", "text"),
    ],
)
@pytest.mark.parametrize("name", ["talk.txt", "talk"])
def test_text_that_opens_with_a_bracket_but_is_no_json_is_text(text, fmt, name):
    transcript = parse(text.encode(), name)
    assert transcript.format == fmt
    labels = ("Ann:", "Bo:") if fmt == "labelled-text" else ()
    assert turn_words(transcript) == [w for w in text.split() if w not in labels]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b'{"segments": [\n  {"start": 0, "text": "hi"},\n  {"start": 1, "te', "x.txt"),
        (b'[{"start": 0, "text": "hi"},\n', "download"),
        (b"[" * 10, "x.txt"),
        (b"[Music] and then", "x.json"),  # the name says JSON: its syntax error is the news
    ],
)
def test_broken_json_is_still_reported_as_invalid_json(data, name):
    with pytest.raises(FormatError, match="invalid JSON"):
        parse(data, name)
