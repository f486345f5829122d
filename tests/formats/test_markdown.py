"""Markdown transcripts: bold names with times, `**Name:**` labels, `### Name` headings."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.formats import FormatError, parse, parse_file
from desktop.formats.markdowndoc import inline_text
from tests.conftest import FIXTURES
from tests.formats.test_properties import parses_or_format_error
from tests.formats.test_seeds import turn_words

CASES = {
    "episode-12.md": (
        "Episode 12: Reading the Tide Tables",
        [
            ("Maya Okafor", 0.0, "Welcome back to Harbour Hours. Today: the tide tables that were wrong all summer."),
            ("Sam Reyes", 14.0, "Wrong by forty minutes, which doesn't sound like much until you're on a sandbar.\n\n"
             "It's a long walk back."),
            ("Maya Okafor", 3725.0, "Did anyone correct them?"),
            ("Sam Reyes", 3729.0, "Eventually. The harbour office printed a new sheet in August & nobody read it."),
        ],
    ),
    "bold-labels.txt": (
        "bold-labels",
        [
            ("Interviewer", None, "How did the project start?"),
            ("Respondent", None, "With a broken wok, honestly. laughs"),
            ("Interviewer", None, "A wok?"),
            ("Respondent", None, "Two woks. My partner's snake_case notes say so, and file_name_v2 agrees *twice*."),
            ("Interviewer", None, "Fine, two."),
        ],
    ),
    "headings.md": (
        "Seed library oral history",
        [
            ("Lena Fischer", None, "Okay, we're recording. Can you say your name?"),
            ("Sam Osei", None, "Sure. Sam Osei. I run the seed library at the community garden.\n\n"
             "We lend seeds the way a library lends books."),
            ("Lena Fischer", None, "And people bring them back?"),
            ("Kofi Mensah", None, "Mostly, yes."),  # once, but the names here are all bare headings
        ],
    ),
}  # fmt: skip
SPEAKER_LINE = re.compile(r"^(?:\*\*[^*]+\*\*.*|#+ .*)$", re.MULTILINE)  # names, times, headings
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def speech_words(source: str) -> list[str]:
    """The words of a Markdown transcript's speech: its text without front matter, headings,
    bold names and their times, with inline markup removed."""
    source = FRONT_MATTER.sub("", source)
    source = re.sub(r"^\*\*[^*]+\*\*[ \t]*(?:\[[\d:]+\](?:\([^)]*\))?|\([\d:]+\))?[ \t]*$", "", source, flags=re.M)
    source = re.sub(r"^\*\*[^*]+:\*\*", "", source, flags=re.MULTILINE)
    source = re.sub(r"^#+ .*$", "", source, flags=re.MULTILINE)
    return inline_text(source).split()


@pytest.mark.parametrize("name", sorted(CASES))
def test_markdown_fixture_reads_into_turns_with_every_word(name):
    title, expected = CASES[name]

    transcript = parse_file(FIXTURES / name)

    assert (transcript.format, transcript.title) == ("markdown", title)
    assert [(t.speaker, t.start, t.text) for t in transcript.turns] == expected
    assert turn_words(transcript) == speech_words((FIXTURES / name).read_text())


@pytest.mark.parametrize("name", ["transcript.txt", "download", "notes.md"])
def test_markdown_is_known_by_its_content(name):
    assert parse((FIXTURES / "episode-12.md").read_bytes(), name).format == "markdown"


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("_so_ *very* **much** __more__ ~~less~~", "so very much more less"),
        ('see [the tables](https://x.org/a_(b) "T") and <https://x.org>', "see the tables and https://x.org"),
        ("snake_case and 2*3*4 and a * b", "snake_case and 2*3*4 and a * b"),
        ("\\*not emphasis\\* and \\_this\\_ and \\[0:00\\]", "*not emphasis* and _this_ and [0:00]"),
        ('&amp; &#8217; &nbsp;x <span class="a">in</span> <!-- note --> 2 < 3', "& ’ \xa0x in  2 < 3"),
        ("![a photo](p.png) `code_here`", " code_here"),
    ],
)
def test_inline_markup_is_removed_and_words_kept(markup, text):
    assert inline_text(markup) == text


def test_headings_that_are_not_speakers_stay_out_of_turns():
    text = "# Episode 12 transcript\n\nAnn: Hello there.\n\nBo: Hi, Ann.\n\nAnn: Shall we?\n"
    transcript = parse(text.encode(), "x.md")
    assert transcript.format == "markdown"
    assert transcript.title == "Episode 12 transcript"
    assert [(t.speaker, t.text) for t in transcript.turns] == [
        ("Ann", "Hello there."),
        ("Bo", "Hi, Ann."),
        ("Ann", "Shall we?"),
    ]


def test_plain_labelled_text_is_not_markdown():
    text = b"Ann: Hello there *waves*.\n\nBo: Hi, Ann.\n"
    assert parse(text, "x.txt").format == "labelled-text"


def test_front_matter_left_open_is_text_not_skipped():
    transcript = parse(b"---\ntitle: T\n\n**Ann:** Hi.\n\n**Bo:** Yo.\n", "x.md")
    assert transcript.title == "x"  # the file's stem: no front matter closed
    # The `---` is a rule; Ann and Bo, each named once after other text, are not trusted
    # as speakers (as in plain text), so their labels stay words.
    assert turn_words(transcript) == ["title:", "T", "Ann:", "Hi.", "Bo:", "Yo."]


def test_a_markdown_table_reads_as_turns():
    text = (
        "# Call\n\n| Speaker | Time | Text |\n|---|---|---|\n| Ann | 0:01 | Hi **there**. |\n| Bo | 0:04 | Hello. |\n"
    )
    transcript = parse(text.encode(), "x.md")
    assert [(t.speaker, t.start, t.text) for t in transcript.turns] == [
        ("Ann", 1.0, "Hi there."),
        ("Bo", 4.0, "Hello."),
    ]


def test_a_bad_time_names_the_line():
    with pytest.raises(FormatError, match=r"^line 3: malformed timestamp '0:99'$"):
        parse(b"**Ann** [0:00] Hi.\n\n**Bo** [0:99] Yo.\n\n**Ann** [1:00] So.\n", "x.md")


LINES = st.sampled_from([
    "", "---", "title: T", "...", "# Title", "### Ann", "## Part two", "**Ann** [0:00]", "**Bo:** hi.",
    "**Ann** (00:01:02)", "**Bo** [0:99]", "[0:00](https://x?t=0)", "_x_", "*y*", "**", "__", "\\*", "```",
    "| Ann | 0:00 | hi |", "|---|---|", "| a |", "> quoted", "- item", "1. item", "<b>x</b>", "&amp;", "===",
    "Ann Lee  0:00", "Speaker 1 (00:01):", "[00:00:03] Ann: hi.", "Ann: Hello there.",
])  # fmt: skip
MARKDOWN_LIKE = st.lists(LINES | st.text(max_size=20), max_size=30).map("\n".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWN_LIKE, st.sampled_from(["t.md", "t.txt"]))
def test_any_markdown(text, name):
    parses_or_format_error(("# T\n" + text).encode(), name)


WORDS = st.text(alphabet="abcxyz.,!?'", min_size=1, max_size=8)


@settings(max_examples=200)
@given(st.lists(st.tuples(st.sampled_from(["Ann", "Bo Chen"]), st.lists(WORDS, min_size=1, max_size=12)), min_size=2))
def test_no_word_of_a_bold_labelled_transcript_is_lost(turns):
    text = "# Transcript\n\n" + "\n\n".join(f"**{name}:** {' '.join(words)}" for name, words in turns)
    transcript = parse(text.encode(), "t.md")
    assert turn_words(transcript) == [w for _, words in turns for w in " ".join(words).split()]
    assert {t.speaker for t in transcript.turns} <= {"Ann", "Bo Chen"}


SENTENCE = "The tide came in faster than the tables said it would, so we *ran*."


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\n" + "".join(f"**{'Ann' if i % 2 else 'Bo'}:** {SENTENCE}\n\n" for i in range(15000)),
        "# T\n\n" + "\n".join([SENTENCE] * 15000),  # one hard-wrapped paragraph
        "# T\n\n" + "a * b _ " * 150000,  # markers that never close, on one line
    ],
    ids=["labelled turns", "one paragraph", "unclosed markers"],
)
def test_a_megabyte_of_markdown_keeps_every_word(text):
    transcript = parse(text.encode(), "x.md")
    assert (
        turn_words(transcript)
        == inline_text(text.replace("# T", "").replace("**Ann:**", "").replace("**Bo:**", "")).split()
    )
