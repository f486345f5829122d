"""Formats are recognised by content, whatever the file is called."""

from __future__ import annotations

import pytest

from desktop.formats import parse
from tests.conftest import FIXTURES


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
