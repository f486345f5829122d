"""The formats' promises with a number in them (README "Formats", "Label repair"), each
pinned at its boundary through `parse()`, so that changing the number fails a test."""

from __future__ import annotations

import json

import pytest

from desktop.formats import LabelRepair, parse


def words(n: int) -> str:
    """`n` words with no punctuation."""
    return " ".join(["word"] * n)


def sentence(n: int) -> str:
    """A sentence of `n` words (n >= 2), capitalised and closed by a full stop."""
    return f"Alpha {words(n - 2)} end."


def turn_lengths(transcript) -> list[int]:
    return [len(t.text.split()) for t in transcript.turns]


def unlabelled(*parts: str):
    transcript = parse(" ".join(parts).encode(), "x.txt")
    assert transcript.format == "text"
    return transcript


# `text`: "a turn closes at the first sentence end past 60 words".


def test_a_turn_of_59_words_goes_on_to_the_next_sentence_end():
    assert turn_lengths(unlabelled(sentence(59), sentence(5), sentence(30))) == [64, 30]


def test_a_turn_closes_at_the_sentence_end_that_reaches_60_words():
    assert turn_lengths(unlabelled(sentence(60), sentence(5), sentence(30))) == [60, 35]


def test_each_paragraph_starts_a_new_turn():
    transcript = parse(f"{sentence(10)}\n\n{sentence(10)}\n".encode(), "x.txt")
    assert turn_lengths(transcript) == [10, 10]


# segmenting.SHORT_TAIL_WORDS: a paragraph's last stretch under 20 words joins the one before.


@pytest.mark.parametrize(("tail", "expected"), [(19, [79]), (20, [60, 20])])
def test_a_short_last_stretch_joins_the_turn_before(tail, expected):
    assert turn_lengths(unlabelled(sentence(60), sentence(tail))) == expected


# `text`: "text with no punctuation is cut at 120 words".


@pytest.mark.parametrize(("count", "expected"), [(300, [120, 120, 60]), (240, [120, 120])])
def test_text_without_punctuation_is_cut_every_120_words(count, expected):
    assert turn_lengths(unlabelled(words(count))) == expected


# `text` (and every unlabelled source): "never over 250" words in a turn. Untimed prose is
# cut well below that, so the limit shows where timed segments join: a 189-word segment
# (a 59-word sentence and 130 unpunctuated words) after an unfinished one.


def whisper(*texts: str) -> bytes:
    segments = [{"start": float(n), "end": n + 1.0, "text": text} for n, text in enumerate(texts)]
    return json.dumps({"segments": segments}).encode()


LONG_SEGMENT = f"{sentence(59)} Beta {words(129)}"


def test_timed_segments_join_into_a_turn_of_exactly_250_words():
    transcript = parse(whisper(words(61), LONG_SEGMENT), "x.json")
    assert turn_lengths(transcript) == [250]


def test_a_segment_that_would_pass_250_words_starts_a_new_turn():
    transcript = parse(whisper(words(62), LONG_SEGMENT), "x.json")
    assert turn_lengths(transcript) == [62, 189]
    assert transcript.turns[1].start == 1.0


# Label repair: "a lowercase fragment of at most twelve words ending a sentence" moves back.


def labelled(fragment: str):
    text = (
        "Host: Welcome back to the show today.\n\n"
        "Guest: Thanks for having me here.\n\n"
        "Host: So tell me how far away or we you\n\n"
        f"Guest: {fragment} It's a good question.\n"
    )
    return parse(text.encode(), "x.txt")


TWELVE = "can really say from here at all in the end you think?"
THIRTEEN = "can really say from here at all in the end do you think?"


def test_a_twelve_word_fragment_moves_back_to_the_previous_turn():
    assert len(TWELVE.split()) == 12
    transcript = labelled(TWELVE)

    assert transcript.repairs == [LabelRepair(turn=3, words=TWELVE)]
    assert transcript.turns[2].text == f"So tell me how far away or we you {TWELVE}"
    assert transcript.turns[3].text == "It's a good question."


def test_a_thirteen_word_fragment_stays_where_it_is():
    assert len(THIRTEEN.split()) == 13
    transcript = labelled(THIRTEEN)

    assert transcript.repairs == []
    assert transcript.turns[3].text == f"{THIRTEEN} It's a good question."


# WhisperX: "a speaker per segment (or the majority of its words' speakers)".


def test_whisperx_segments_without_a_speaker_take_their_words_majority():
    def segment(n, text, word_speakers, speaker=None):
        seg = {"start": float(n), "end": n + 1.0, "text": text}
        seg["words"] = [{"word": w, "speaker": s} for w, s in zip(text.split(), word_speakers, strict=True)]
        if speaker:
            seg["speaker"] = speaker
        return seg

    data = {
        "segments": [
            segment(0, "one two three", ["SPEAKER_00", "SPEAKER_01", "SPEAKER_01"]),  # not the first word's
            segment(1, "four five six", ["SPEAKER_00", "SPEAKER_00", "SPEAKER_01"]),  # not the last word's
            segment(2, "seven eight", ["SPEAKER_00", "SPEAKER_00"], speaker="SPEAKER_01"),  # its own wins
        ]
    }

    transcript = parse(json.dumps(data).encode(), "x.json")

    assert transcript.format == "whisperx-json"
    assert [(t.speaker, t.text) for t in transcript.turns] == [
        ("SPEAKER_01", "one two three"),
        ("SPEAKER_00", "four five six"),
        ("SPEAKER_01", "seven eight"),
    ]
