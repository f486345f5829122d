"""HTML transcripts: the Podcasting 2.0 layout, bold names, whole pages, tables."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.formats import FormatError, parse, parse_file
from tests.conftest import FIXTURES
from tests.formats.test_properties import parses_or_format_error
from tests.formats.test_seeds import turn_words

CASES = {
    "podcast-index.html": (
        "podcast-index",
        [
            ("Marisol", 0.0, "Welcome back. Today we're talking about the tide gauge that's been running since "
             "1911, and what it tells us."),
            ("Tomasz", 12.0, "Which is a lot, honestly. It's the longest record on this coast & nobody reads it."),
            ("Marisol", 3725.0, "Let's fix that."),
        ],
        ["Marisol:", "Tomasz", ":", "0:00", "0:12", "1:02:05"],
    ),
    "episode-page.html": (
        "Episode 12: The Night Ferry – Harbour Lights",
        [
            ("Ines Duarte", 3.0, "Is it running? Good. The ferry left at ten o’clock, every night."),
            ("Marco Bassi", 9.0, "It’s true. I worked the ramp for six years.\n\nWinters were the worst & the best."),
            ("Ines Duarte", 62.0, "Then they moved it."),
        ],
        ["Ines", "Marco", "Duarte", "Bassi", "[00:00:03]", "[00:00:09]", "[00:01:02]"],
    ),
    "bold-labels.html": (
        "bold-labels",
        [
            ("Host", None, "So you kept a second logbook?"),
            ("Keeper", None, "For the birds, yes. Nobody asked about the birds."),
            ("Host", None, "Until now."),
        ],
        ["Host:", "Keeper:"],
    ),
}  # fmt: skip
NOT_TEXT = re.compile(r"<(head|script|style|nav|footer)\b.*?</\1>|<h[12]>.*?</h[12]>", re.DOTALL | re.IGNORECASE)


def speech_words(source: str, markup: list[str]) -> list[str]:
    """The words of an HTML page's speech: its text without tags, skipped parts and headings,
    entities decoded, less the given labels and timestamps."""
    text = re.sub(r"<(?:br|/?p|/?div|/?cite|/?time)\b[^>]*>", " ", NOT_TEXT.sub(" ", source))
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return [word for word in text.split() if word not in markup]


@pytest.mark.parametrize("name", sorted(CASES))
def test_html_fixture_reads_into_turns_with_every_word(name):
    title, expected, markup = CASES[name]

    transcript = parse_file(FIXTURES / name)

    assert (transcript.format, transcript.title) == ("html", title)
    assert [(t.speaker, t.start, t.text) for t in transcript.turns] == expected
    assert turn_words(transcript) == speech_words((FIXTURES / name).read_text(), markup)


@pytest.mark.parametrize("name", ["transcript.txt", "download", "episode.htm"])
def test_html_is_known_by_its_content(name):
    assert parse((FIXTURES / "podcast-index.html").read_bytes(), name).format == "html"


def test_a_table_of_time_speaker_and_text_reads_as_turns():
    page = (
        "<table><tr><th>Time</th><th>Speaker</th><th>Text</th></tr>"
        "<tr><td>00:00:01</td><td>Ann</td><td>Hello <i>there</i>.</td></tr>"
        "<tr><td>00:00:04</td><td>Bo Chen</td><td>Hi.</td></tr>"
        "<tr><td>00:00:06</td><td>Ann</td><td>Shall we?</td></tr></table>"
    )
    transcript = parse(page.encode(), "t.html")
    assert [(t.speaker, t.start, t.text) for t in transcript.turns] == [
        ("Ann", 1.0, "Hello there."),
        ("Bo Chen", 4.0, "Hi."),
        ("Ann", 6.0, "Shall we?"),
    ]


def test_html_without_speaker_markup_is_read_like_text():
    page = "<html><body><p>Ann  0:00</p><p>Hello there.</p><p>Bo  0:05</p><p>Hi.</p></body></html>"
    transcript = parse(page.encode(), "t.html")
    assert [(t.speaker, t.start, t.text) for t in transcript.turns] == [
        ("Ann", 0.0, "Hello there."),
        ("Bo", 5.0, "Hi."),
    ]


def test_a_bad_time_names_the_line_its_turn_starts_on():
    page = "<cite>Ann:</cite>\n<time>0:00</time>\n<p>Hi.</p>\n<cite>Bo:</cite>\n<time>0:99</time>\n<p>Yo.</p>\n"
    with pytest.raises(FormatError, match=r"^line 4: malformed timestamp '0:99'$"):
        parse(page.encode(), "t.html")


def test_a_page_with_no_text_is_an_error():
    with pytest.raises(FormatError, match="no transcript text found"):
        parse(b"<!DOCTYPE html><html><head><title>x</title></head><body><nav>Menu</nav></body></html>", "t.html")


TAGS = st.sampled_from([
    "<p>", "</p>", "<cite>", "</cite>", "<time>", "</time>", "<b>", "</b>", "<strong>", "</strong>", "<br>",
    "<table>", "</table>", "<tr>", "<td>", "</td>", "<th>", "<script>", "</script>", "<head>", "<body>", "<nav>",
    "</nav>", "<h1>", "</h1>", "<!--", "-->", "<!DOCTYPE html>", "<html>", "&amp;", "&#8217;", "&nbsp;", "&#0;",
    "&#xD800;", "<![CDATA[", "]]>", "<!x", "<?", "Ann:", "Bo Chen", "0:00", "[00:01:02]", "(0:99)", " ", "\n",
])  # fmt: skip
HTML_LIKE = st.lists(TAGS | st.text(max_size=12), max_size=40).map("".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(HTML_LIKE, st.sampled_from(["t.html", "t"]))
def test_any_html(text, name):
    parses_or_format_error(("<p>" + text).encode(), name)


@settings(max_examples=200)
@given(st.lists(st.lists(st.text(alphabet="abcxyz&;#'’.,!?", min_size=1, max_size=8), min_size=1), min_size=1))
def test_no_word_of_html_paragraphs_is_lost(paragraphs):
    page = "<html><body>" + "".join(f"<p>{html.escape(' '.join(p))}</p>" for p in paragraphs) + "</body></html>"
    transcript = parse(page.encode(), "t.html")
    assert turn_words(transcript) == " ".join(" ".join(p) for p in paragraphs).split()


def test_a_megabyte_of_html_keeps_every_word():
    sentence = "The tide came in faster than the tables said it would, so we ran."
    page = "<html><body>" + "".join(f"<p><b>{'Ann' if i % 2 else 'Bo'}:</b> {sentence}</p>\n" for i in range(12000))
    transcript = parse((page + "</body></html>").encode(), "x.html")
    assert len(transcript.turns) == 12000
    assert turn_words(transcript) == sentence.split() * 12000
