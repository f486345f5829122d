"""Arbitrary JSON of each service's rough shape either parses or raises FormatError, never
anything else; and what parses gives word times only of words its text holds, in order."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop.formats import FormatError
from desktop.formats.jsonformats import json_format, parse_json
from tests.formats.test_properties import JSON_TEXT, ODD, parses_or_format_error
from tests.formats.test_services import assert_word_times_follow_the_text


def mostly(valid, odd=ODD):
    """Mostly `valid` values, one in five or so odd ones, so generated files reach deep."""
    return st.integers(0, 4).flatmap(lambda k: odd if k == 0 else valid)


TIME = mostly(
    st.floats(0, 100) | st.integers(0, 10**5),
    st.sampled_from(["-1", "nan", "1e999", "soon", "1.3x", -1])
    | st.fixed_dictionaries({}, optional={"seconds": ODD, "nanos": ODD}),
)
TIME_TEXT = mostly(st.floats(0, 100).map(str), TIME)  # Amazon's "0.64"
DURATION = mostly(
    st.floats(0, 100).map(lambda t: f"{t:.3f}s")
    | st.fixed_dictionaries({}, optional={"seconds": st.integers(0, 99), "nanos": st.integers(0, 10**9 - 1)}),
    TIME,
)
WORDS = mostly(st.sampled_from(["Hello,", "there.", "Ines?", "so", "the", "The", "two words"]), JSON_TEXT | ODD)
SPEAKER = mostly(st.sampled_from(["spk_0", "spk_1", "A", "AGENT"]) | st.integers(0, 3), ODD | st.booleans())


def objects(required=None, **optional):
    """Mostly dictionaries with the `required` keys and any of the `optional` ones."""
    return mostly(st.fixed_dictionaries(required or {}, optional=optional))


def some(strategy, size=4):
    """Mostly non-empty lists of `strategy`."""
    return mostly(st.lists(strategy, min_size=1, max_size=size), st.just([]) | ODD)


AMAZON_ITEM = objects(
    {
        "type": mostly(st.sampled_from(["pronunciation", "punctuation"])),
        "alternatives": some(objects({"content": WORDS}), 2),
    },
    id=st.integers(0, 6) | ODD,
    start_time=TIME_TEXT,
    end_time=TIME_TEXT,
    speaker_label=SPEAKER,
)
AMAZON = st.fixed_dictionaries(
    {
        "results": st.fixed_dictionaries(
            {"items": some(AMAZON_ITEM, 6)},
            optional={
                "transcripts": some(objects({"transcript": WORDS}), 2),
                "speaker_labels": objects(
                    segments=some(
                        objects(
                            speaker_label=SPEAKER, items=some(objects({"start_time": TIME_TEXT}, speaker_label=SPEAKER))
                        )
                    )
                ),
                "channel_labels": objects(
                    channels=some(objects(channel_label=SPEAKER, items=some(objects({"start_time": TIME_TEXT}))))
                ),
                "audio_segments": some(
                    objects(
                        {"transcript": WORDS, "start_time": TIME_TEXT, "end_time": TIME_TEXT},
                        speaker_label=SPEAKER,
                        items=some(st.integers(0, 6) | ODD),
                    )
                ),
            },
        ),
    }
)
CALL_ANALYTICS = st.fixed_dictionaries(
    {
        "Transcript": st.lists(
            objects(
                {"Content": WORDS, "ParticipantRole": SPEAKER},
                ParticipantId=SPEAKER,
                BeginOffsetMillis=TIME,
                EndOffsetMillis=TIME,
                Items=some(
                    objects(
                        {"Content": WORDS},
                        Type=mostly(st.just("punctuation")),
                        BeginOffsetMillis=TIME,
                        EndOffsetMillis=TIME,
                    )
                ),
            ),
            max_size=4,
        ),
    }
)
DEEPGRAM_WORD = objects({"word": WORDS, "start": TIME, "end": TIME}, punctuated_word=WORDS, speaker=SPEAKER)
DEEPGRAM = st.fixed_dictionaries(
    {
        "results": st.fixed_dictionaries(
            {
                "channels": st.lists(
                    objects(
                        {
                            "alternatives": some(
                                objects(
                                    {"transcript": WORDS},
                                    words=some(DEEPGRAM_WORD, 6),
                                    paragraphs=objects(
                                        paragraphs=some(
                                            objects(
                                                {
                                                    "sentences": some(
                                                        objects({"text": WORDS, "start": TIME, "end": TIME})
                                                    )
                                                },
                                                speaker=SPEAKER,
                                            )
                                        )
                                    ),
                                ),
                                2,
                            )
                        }
                    ),
                    max_size=3,
                )
            },
            optional={
                "utterances": some(
                    objects(
                        {"transcript": WORDS, "start": TIME, "end": TIME},
                        speaker=SPEAKER,
                        channel=ODD,
                        words=some(DEEPGRAM_WORD),
                    )
                ),
            },
        ),
    }
)
ASSEMBLY_WORD = objects({"text": WORDS, "start": TIME, "end": TIME}, speaker=SPEAKER)
ASSEMBLYAI = st.fixed_dictionaries(
    {"audio_url": st.just("https://example.org/a.mp3")},
    optional={
        "status": mostly(st.just("completed"), st.sampled_from(["error", "processing"]) | ODD),
        "error": ODD,
        "text": WORDS,
        "words": some(ASSEMBLY_WORD, 6),
        "utterances": some(
            objects({"text": WORDS, "start": TIME, "end": TIME}, speaker=SPEAKER, words=some(ASSEMBLY_WORD))
        ),
    },
)
GOOGLE_WORD = objects(
    {"word": WORDS},
    startTime=DURATION,
    endTime=DURATION,
    startOffset=DURATION,
    speakerTag=mostly(st.integers(0, 3)),
    speakerLabel=SPEAKER,
)
GOOGLE_RESULTS = st.lists(
    objects(
        {"alternatives": some(objects(transcript=WORDS, words=some(GOOGLE_WORD, 6)), 2)},
        resultEndTime=DURATION,
        channelTag=mostly(st.integers(1, 2)),
    ),
    min_size=1,
    max_size=4,
)
# With diarization, a last result repeating every word with a speaker tag.
GOOGLE_DIARIZED = GOOGLE_RESULTS.flatmap(
    lambda results: st.just(
        [
            *results,
            {
                "alternatives": [
                    {
                        "words": [
                            {**w, "speakerTag": 1 + n % 2}
                            for r in results
                            if isinstance(r, dict) and isinstance(r.get("alternatives"), list)
                            for alt in r["alternatives"][:1]
                            if isinstance(alt, dict) and isinstance(alt.get("words"), list)
                            for n, w in enumerate(alt["words"])
                            if isinstance(w, dict)
                        ]
                    }
                ]
            },
        ]
    )
)
GOOGLE_RESPONSE = st.fixed_dictionaries({"results": GOOGLE_RESULTS | GOOGLE_DIARIZED})
GOOGLE = GOOGLE_RESPONSE | GOOGLE_RESPONSE.map(lambda response: {"done": True, "response": response})
WHISPER_SEGMENT = objects(
    {"text": WORDS}, start=TIME, end=TIME, speaker=SPEAKER, words=some(objects({"word": WORDS}, start=TIME, end=TIME))
)
JOB_RECORDS = st.lists(WHISPER_SEGMENT, max_size=4).flatmap(
    lambda segments: st.sampled_from(
        [
            {"status": "succeeded", "output": {"segments": segments}},
            {"result": {"segments": segments, "language": "en"}},
            {"job": {"transcription": {"segments": segments}}},
            {"status": "failed", "error": "boom", "output": None},
            {
                "task": "transcribe",
                "text": "One two. Three",
                "segments": segments,
                "words": [{"word": "One", "start": 0.1}, {"word": "three", "end": "x"}],
            },
        ]
    )
)
OPENAI_WORDS = st.fixed_dictionaries(
    {"task": st.just("transcribe"), "text": WORDS},
    optional={"words": some(objects({"word": WORDS}, start=TIME, end=TIME), 6)},
)

SHAPES = AMAZON | CALL_ANALYTICS | DEEPGRAM | ASSEMBLYAI | GOOGLE | JOB_RECORDS | OPENAI_WORDS


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(SHAPES)
@example(
    {
        "results": [
            {"alternatives": [], "channelTag": 1},
            {"alternatives": [], "channelTag": 0},
            {"alternatives": [{"words": [{"word": "Hello,"}]}]},
        ]
    }
)  # a result without its channel
def test_service_shaped_json_parses_or_gets_a_format_error(value):
    parses_or_format_error(json.dumps(value).encode(), "t.json")


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(SHAPES)
def test_word_times_name_words_of_their_piece_in_order(value):
    value = json.loads(json.dumps(value))  # what a file holds: NaN and all, as json reads it
    try:
        pieces = parse_json(value, json_format(value))
    except FormatError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert_word_times_follow_the_text(pieces)
    for piece in pieces:
        for _, start, end in piece.words:
            assert all(t is None or (isinstance(t, float) and t >= 0) for t in (start, end))
