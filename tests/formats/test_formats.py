"""Every supported format, from a small fixture written for Talkmark."""

from __future__ import annotations

import json

import pytest

from desktop.formats import parse, parse_file
from tests.conftest import FIXTURES

CASES = {
    "labelled.txt": (
        "labelled-text",
        [
            ("Priya", None, "So the tide tables were wrong that whole summer?"),
            ("Jonah", None, "Wrong by about forty minutes, which doesn't sound like much until you're standing on "
             "a sandbar watching the water come in."),
            ("Priya", None, "Did anyone correct them?"),
            ("Jonah", None, "Eventually. The harbour office printed a new sheet in August. By then everybody had "
             "learned to ignore the old one anyway."),
            ("Priya", None, "What did you do instead of the tables?"),
            ("Jonah", None, "We watched the gulls. When they lifted off the bar, you had ten minutes."),
        ],
    ),
    "unlabelled.txt": (
        "text",
        [
            (None, None, "The workshop opened at seven, before the street was awake. Rain had come through the "
             "roof again overnight, and the first job of the day was always the same: move the buckets, wipe "
             "the benches, check that nothing electrical had been left sitting in a puddle."),
            (None, None, "Nobody ever complained about it."),
        ],
    ),
    "plain.srt": (
        "srt",
        [(None, 1.0, "The lighthouse keeper kept a second logbook. Nobody knew until 1987. "
          "It was full of weather & birds.")],
    ),
    "voices.vtt": (
        "vtt",
        [
            ("Hana", 0.5, "Every stall here has a story. Ours started with a broken wok."),
            ("Dae-jung Park", 4.3, "Two broken woks, actually."),
            ("Hana", 4.3, "Fine, two."),
            ("Dae-jung Park", 62.5, "And a very patient landlord & his dog."),
        ],
    ),
    "zoom.vtt": (
        "vtt",
        [
            ("Alex Moreau", 1.02, "Can everyone see my screen? The chart on the left is last quarter."),
            ("Bea Lindqvist", 5.9, "Yes, we can see it."),
            ("Alex Moreau", 7.4, "Great: then let's begin."),
        ],
    ),
    "youtube.vtt": (
        "youtube-vtt",
        [(None, 0.0, "so today we're fixing a bike wheel that wobbles wheel [Music]")],
    ),
    "whisper.json": (
        "whisper-json",
        [(None, 0.0, "Welcome back to the garden hour. Today, compost. It's warmer than you think.")],
    ),
    "whisperx.json": (
        "whisperx-json",
        [
            ("SPEAKER_00", 0.031, "Are we live?"),
            ("SPEAKER_01", 2.1, "We are live. Say hello to everyone."),
            ("SPEAKER_00", 5.2, "Hello, everyone!"),
        ],
    ),
    "podcast.json": (
        "podcast-json",
        [("Rosa", 0.5, "Hi there, Femi."), ("Femi", 2.3, "Hello Rosa!")],
    ),
    "otter.txt": (
        "otter",
        [
            ("Lena Fischer", 0.0, "Okay, we're recording. Can you say your name and what you do?"),
            ("Sam Osei", 6.0, "Sure. Sam Osei, I run the seed library at the community garden.\n\n"
             "We lend seeds the way a library lends books."),
            ("Lena Fischer", 3725.0, "And people bring them back?"),
        ],
    ),
    "rev.txt": (
        "rev",
        [
            ("Speaker 1", 0.0, "Thanks for joining the call. Let's start with the budget."),
            ("Speaker 2", 4.0, "Sure. We came in under by about six percent.\n\nMost of that was the venue."),
            ("Speaker 1", 4530.0, "Good news, then."),
        ],
    ),
    "bracketed.txt": (
        "bracketed",
        [
            ("Ines", 3.0, "Is it running? Good."),
            ("Marco", 5.0, "It's running. Go ahead."),
            ("Ines", 7.0, "Fine. The first question is about the ferry. It used to leave from the north pier.\n\n"
             "Then they moved it."),
            ("Marco", 3600.0, "That was in the spring."),
        ],
    ),
    "pairs.txt": (
        "name-time-pairs",
        [
            ("Dr. Ruth Adeyemi", 2.0, "Thank you all for coming."),
            ("Kofi Mensah", 9.0, "Happy to be here.\n\nShall I start with the survey?"),
            ("Dr. Ruth Adeyemi", 15.0, "Please do."),
        ],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_parses_to_expected_turns(name):
    fmt, expected = CASES[name]

    transcript = parse_file(FIXTURES / name)

    assert transcript.format == fmt
    assert [(t.speaker, t.start, t.text) for t in transcript.turns] == expected
    assert [t.index for t in transcript.turns] == list(range(len(expected)))
    assert transcript.speakers == list(dict.fromkeys(s for s, _, _ in expected if s))


def test_times_are_seconds_with_cue_ends():
    turns = parse_file(FIXTURES / "voices.vtt").turns
    assert [(t.start, t.end) for t in turns] == [(0.5, 4.25), (4.3, 6.0), (4.3, 6.0), (62.5, 64.0)]
    assert parse_file(FIXTURES / "whisperx.json").turns[1].end == 5.0


def test_titles_come_from_the_file_or_its_header():
    assert parse_file(FIXTURES / "voices.vtt").title == "Night Market Stories"
    assert parse_file(FIXTURES / "rev.txt").title == "rev"


def test_otter_footer_is_not_speech():
    text = " ".join(t.text for t in parse_file(FIXTURES / "otter.txt").turns)
    assert "otter.ai" not in text


def test_unpunctuated_text_is_cut_into_readable_turns():
    words = ("and then we talked about the weather and the trains " * 50).split()
    transcript = parse(" ".join(words).encode(), "captions.txt")
    sizes = [len(t.text.split()) for t in transcript.turns]
    assert sizes == [120, 120, 120, 120, 20]
    assert " ".join(t.text for t in transcript.turns).split() == words


def test_unpunctuated_timed_segments_close_at_a_segment_boundary():
    segments = [
        {"start": float(i), "end": i + 1.0, "text": "one two three four five six seven eight"} for i in range(40)
    ]
    transcript = parse(json.dumps({"segments": segments}).encode(), "w.json")
    assert [len(t.text.split()) for t in transcript.turns] == [120, 120, 80]
    assert [t.start for t in transcript.turns] == [0.0, 15.0, 30.0]
    assert transcript.turns[0].end == 15.0


def test_lone_surrogates_in_json_become_replacement_characters():
    data = (
        rb'{"title": "Talk \udc00", "segments": [{"text": "hi \ud800 there \ud83d\ude00", "start": 0, "end": 1,'
        rb' "speaker": "Ann\udfff"}]}'
    )
    transcript = parse(data, "x.json")

    assert transcript.title == "Talk \ufffd"
    assert [(t.speaker, t.text) for t in transcript.turns] == [("Ann\ufffd", "hi \ufffd there \U0001f600")]
    for turn in transcript.turns:
        (turn.text + turn.speaker + transcript.title).encode("utf-8")  # storable as UTF-8


def test_a_lone_surrogate_in_a_whisperx_word_speaker_becomes_a_replacement_character():
    data = rb'{"segments": [{"text": "hi", "words": [{"word": "hi", "speaker": "SPEAKER_\ud800"}]}]}'
    assert parse(data, "x.json").speakers == ["SPEAKER_\ufffd"]


def test_a_less_than_sign_in_a_caption_is_text_and_only_tags_are_removed():
    data = b"1\n00:00:01,000 --> 00:00:02,000\nSo a < b, <i>surely</i> {\\an8}and c > d.\n"
    assert [t.text for t in parse(data, "x.srt").turns] == ["So a < b, surely and c > d."]
