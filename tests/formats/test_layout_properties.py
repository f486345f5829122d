"""The layouts other tools write: any text in their rough shape parses or raises FormatError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.formats import FormatError, parse
from tests.formats.test_properties import parses_or_format_error
from tests.formats.test_seeds import turn_words

WORDS = st.text(alphabet=st.sampled_from("ab Z.:?-()[]<>{}/\\'’&;"), max_size=20)
CLOCKS = st.sampled_from(["0:00", "0:03", "00:01:02", "1:02:03", "0:99", "10:30", "99:59:59", "23:59:50", "00:00:03"])
NAMES = st.sampled_from(["Ann", "Sam (he/him)", "Jo (Host)", "Dr. O'Neil", "G3P1", "", " ", "[", "0:00", "MR. SMITH"])


def shaped(*line_kinds):
    return st.lists(st.one_of(*line_kinds, WORDS, st.just("")), max_size=25).map("\n".join)


TIMED_LINES = shaped(
    CLOCKS,
    st.tuples(CLOCKS, WORDS).map(lambda p: f"{p[0]} {p[1]}"),
    st.tuples(CLOCKS, WORDS).map(lambda p: f"[{p[0]}] {p[1]}"),
    st.tuples(CLOCKS, WORDS).map(lambda p: f"({p[0]}) {p[1]}"),
)
ZOOM_CAPTIONS = shaped(st.tuples(NAMES, CLOCKS).map(lambda p: f"[{p[0]}] {p[1]}"))
INTERVIEWS = shaped(
    st.sampled_from(["Q.", "A.", "Q:", "A:", "INTERVIEWER:", "RESPONDENT:", "BY MS. SAWYER:", "APPEARANCES", "- - -"]),
    st.tuples(st.sampled_from(["Q. ", "A. ", "MR. SMITH: ", "Ann: ", "Page ", "- "]), WORDS).map("".join),
    st.sampled_from(["12", "Page 3 of 40", "- 7 -", "EXAMINATION", "INTERVIEW OF JOHN DOE"]),
)
CUE_TEXT = shaped(
    st.sampled_from([">>", ">> ", "- ", "-", "&gt;&gt;", "{\\an8}", "\\N", "\\h", "<i>", "</i>", "2<3,5>1", " "]),
    st.tuples(st.sampled_from([">> ", "- ", "-", "<v Ann>", "Sam (he/him): "]), WORDS).map("".join),
    st.just("so<00:00:00.400><c> today</c><00:00:61.000><c> x</c>"),
)
CAPTIONS = st.lists(
    st.tuples(
        st.sampled_from(["00:00:01,000 --> 00:00:02,000", "0:0:0.0 --> 0:0:0.570", "0:0:75.0 --> 0:0:1.0", "1"]),
        CUE_TEXT,
    ),
    max_size=6,
).map(lambda cues: "\n\n".join(f"{timing}\n{text}" for timing, text in cues))
SETTINGS = settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TIMED_LINES)
def test_timestamped_lines(text):
    parses_or_format_error(text.encode(), "t.txt")


@SETTINGS
@given(ZOOM_CAPTIONS)
def test_zoom_captions(text):
    parses_or_format_error(text.encode(), "t.txt")


@SETTINGS
@given(INTERVIEWS)
def test_interviews(text):
    parses_or_format_error(text.encode(), "t.txt")


@SETTINGS
@given(CAPTIONS, st.sampled_from(["t.srt", "t.vtt"]), st.booleans())
def test_captions_with_marks_overrides_and_short_times(text, name, webvtt):
    parses_or_format_error((("WEBVTT\n\n" if webvtt else "") + text).encode(), name)


@SETTINGS
@given(st.lists(st.tuples(CLOCKS.filter(lambda c: c not in ("0:99",)), WORDS), min_size=2, max_size=20))
def test_timestamped_lines_keep_every_word(lines):
    text = "\n".join(f"[{clock}] {words}" for clock, words in lines)
    try:
        transcript = parse(text.encode(), "t.txt")
    except FormatError:
        return
    if transcript.format == "timestamped-lines":
        assert turn_words(transcript) == " ".join(words for _, words in lines).split()
