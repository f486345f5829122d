"""Any bytes given to the parser either parse or raise FormatError, never anything else."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop.formats import FormatError, Transcript, parse
from tests.formats.test_seeds import turn_words

NAMES = st.sampled_from(["t.txt", "t.srt", "t.vtt", "t.json", "t"])
# Lines each format is made of, so generated files reach deep into every parser.
LINES = st.sampled_from([
    "", " ", "WEBVTT", "WEBVTT - Title", "NOTE x", "1", "2", "00:00:01,000 --> 00:00:02,000",
    "00:01.000 --> 00:02.500 align:start", "00:00:0x,000 --> 00:00:01,000", "-->", "<v Ann>Hi there.</v>",
    "so<00:00:00.400><c> today</c>", "Ann: Hello there.", "Bo: yes. fine", "Note: x", "and then",
    "Ann Lee  0:00", "Speaker 1 (00:01):", "[00:00:03] Ann: hi.", "[00:00:03]", "(00:00:02) Right.",
    "Dr. Bo", "Transcribed by https://otter.ai", "{", "[", '{"segments": [', '{"text": "a", "start": 1}',
    "]}", "&amp; &lt;", "\u200e", "\ufeff", "\r",
])  # fmt: skip
FILE_LIKE = st.lists(st.one_of(LINES, st.text(max_size=30)), max_size=30).map("\n".join)
# Text with halves of UTF-16 pairs, which json.dumps writes as `\ud800` escapes
# (built from a list: st.text leaves surrogates out whatever its alphabet).
SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, blacklist_categories=())
JSON_TEXT = st.text(max_size=10) | st.lists(st.characters() | SURROGATES, max_size=10).map("".join)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=True) | st.integers() | JSON_TEXT,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["segments", "text", "start", "end", "speaker", "words", "body", "startTime", "title"]),
            inner,
            max_size=5,
        )
    ),
    max_leaves=25,
)

ODD = st.none() | st.floats(allow_nan=True, allow_infinity=True) | st.integers(-5, 10**6) | JSON_TEXT
SEGMENT = st.fixed_dictionaries(
    {},
    optional={
        "text": JSON_TEXT | ODD, "body": JSON_TEXT | ODD, "start": ODD, "end": ODD,
        "startTime": ODD, "endTime": ODD, "speaker": st.sampled_from(["SPEAKER_00", "Ann", " ", ""]) | ODD,
        "words": st.lists(st.fixed_dictionaries({}, optional={"speaker": ODD, "word": ODD}), max_size=3) | ODD,
    },
)  # fmt: skip
SEGMENT_FILES = st.lists(SEGMENT, max_size=6).flatmap(
    lambda segments: st.sampled_from([{"segments": segments}, segments, {"version": "1.0.0", "segments": segments}])
)


def parses_or_format_error(data: bytes, name: str) -> None:
    try:
        transcript = parse(data, name)
    except FormatError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(transcript, Transcript) and transcript.turns
    transcript.title.encode("utf-8")  # no lone surrogate: everything parsed can be stored
    for turn in transcript.turns:
        assert turn.text.strip() and "\r" not in turn.text and "\ufeff" not in turn.text
        (turn.text + (turn.speaker or "")).encode("utf-8")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), NAMES)
def test_any_bytes(data, name):
    parses_or_format_error(data, name)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(FILE_LIKE, NAMES, st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_file_like_text(text, name, encoding):
    parses_or_format_error(text.encode(encoding, errors="replace"), name)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(JSON_VALUES | SEGMENT_FILES)
def test_any_json(value):
    parses_or_format_error(json.dumps(value).encode(), "t.json")


@settings(max_examples=200)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=40), min_size=1))
@example(["0", "\ufeff"])  # a paragraph that is only a byte-order mark holds no word
@example(["a\ufeffb c"])
@example(["0\x00", "0\x00"])  # stray NULs: never taken for BOM-less UTF-16
def test_unlabelled_words_are_never_lost(paragraphs):
    text = "\n\n".join(paragraphs)
    try:
        transcript = parse(text.encode(), "t.txt")
    except FormatError:
        return
    if transcript.format == "text":
        # U+FEFF is a byte-order mark wherever it sits (files joined together carry
        # theirs inside): invisible, not speech, and removed by decoding.
        assert turn_words(transcript) == text.replace("\ufeff", "").split()
