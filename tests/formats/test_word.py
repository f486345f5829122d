"""Word .docx transcripts: every layout the tools write, read into turns with their times."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.formats import FormatError, parse
from tests.formats.test_properties import parses_or_format_error
from tests.formats.test_seeds import turn_words
from tests.formats.word_documents import LAYOUTS, word_file

OTTER_PREAMBLE = [
    (None, None, "Seed library interview"),
    (None, None, "Tue, Mar 12, 2024 10:03AM • 42:17"),
    (None, None, "SUMMARY KEYWORDS"),
    (None, None, "seeds, library, garden"),
    (None, None, "SPEAKERS"),
    (None, None, "Lena Fischer, Sam Osei"),
]
TEAMS_PREAMBLE = [
    (None, None, "Weekly sync-20240912_140312-Meeting Recording"),
    (None, None, "September 12, 2024, 2:03PM"),
    (None, None, "42m 17s"),
    (None, None, "Jane Doe started transcription"),
]
TABLE_TURNS = [
    ("Interviewer", 1.0, "Where did you grow up?"),
    ("Participant 3", 4.0, "By the canal, near the old mill.\n\nIt's flats now."),
    ("Interviewer", 12.0, "Do you miss it?"),
]
EXPECTED = {
    "interview": [
        ("Interviewer", None, "How long have you had the plot?"),
        ("Respondent", None, "Eleven years this spring. My mother had it before me.\n\nWe grow mostly beans now."),
        ("Interviewer", None, "Why beans?"),
        ("Respondent", None, "They forgive you."),
    ],
    "otter": [
        *OTTER_PREAMBLE,
        ("Lena Fischer", 0.0, "Okay, we're recording. Can you say your name?"),
        ("Sam Osei", 6.0, "Sure. Sam Osei, I run the seed library."),
        ("Lena Fischer", 3725.0, "And people bring them back?"),
    ],
    "rev": [
        (None, None, "Budget call"),
        ("Speaker 1", 0.0, "Thanks for joining the call."),
        ("Speaker 2", 4.0, "Sure. We came in under by about six percent.\n\nMost of that was the venue."),
        ("Speaker 1", 4530.0, "Good news, then."),
    ],
    "trint": [
        ("Speaker 1", 12.0, "So where were you that night?"),
        ("Speaker 2", 15.0, "At the harbour, like always."),
    ],
    "sonix": [
        ("Speaker 1", 3.0, "Is it running? Good."),
        ("Speaker 2", 5.0, "It's running. Go ahead."),
        ("Speaker 1", 3600.0, "That was in the spring."),
    ],
    "bold names": [
        (None, None, "Focus group 2"),  # a bold line once, with no colon or time: not a speaker
        ("Maya Lin", None, "So, first impressions?"),
        ("Dr. O'Neil", 62.0, "Honestly, too loud.\n\nThe second room was better."),
        ("Maya Lin", None, "Noted."),
    ],
    "teams": [
        *TEAMS_PREAMBLE,
        ("Jane Doe", 3.0, "Okay, can everyone hear me?"),
        ("Omar Haddad", 10.0, "Yes, loud and clear."),
        ("Jane Doe", 3725.0, "Great, let's wrap up.\n\nJane Doe stopped transcription"),
    ],
    "table": TABLE_TURNS,
    "table time first": TABLE_TURNS,
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_word_layout_reads_into_turns(layout):
    transcript = parse(LAYOUTS[layout](), "interview.docx")

    assert transcript.format == "docx"
    assert [(t.speaker, t.start, t.text) for t in transcript.turns] == EXPECTED[layout]
    assert transcript.speakers == list(dict.fromkeys(s for s, _, _ in EXPECTED[layout] if s))


def test_no_word_of_the_speech_is_lost_or_reordered():
    # Every paragraph but the title and heading is speech; only labels and times go.
    paragraphs = ["Interviewer: " + " ".join(f"q{n}w{k}" for k in range(n % 7 + 1)) for n in range(40)]
    paragraphs[1::2] = [f"Sam Osei:\t[00:{n:02}:10] " + " ".join(f"a{n}w{k}" for k in range(5)) for n in range(20)]
    data = word_file([("Title", "Study"), ("Heading 1", "Transcript"), "", *paragraphs])

    transcript = parse(data, "x.docx")

    spoken = " ".join(p.split(":", 1)[1] for p in paragraphs).split()
    assert turn_words(transcript) == [w for w in spoken if not w.startswith("[")]
    assert len(transcript.turns) == 40
    assert [t.start for t in transcript.turns[1:6:2]] == [10.0, 70.0, 130.0]


def test_the_title_comes_from_the_document_properties_else_the_file_name():
    assert parse(word_file(["Ann: Hi."], title="Harbour interview"), "x.docx").title == "Harbour interview"
    assert parse(word_file(["Ann: Hi."]), "Harbour 2.docx").title == "Harbour 2"


@pytest.mark.parametrize("name", ["interview.docx", "interview.txt", "download"])
def test_a_word_document_is_known_by_its_content(name):
    assert parse(LAYOUTS["otter"](), name).format == "docx"


def test_deleted_tracked_changes_are_not_read_and_inserted_ones_are():
    data = word_file(["Ann: placeholder", "Bo: Fine."])
    document = docx.Document(io.BytesIO(data))
    first = document.paragraphs[0]._p
    for run in list(first.iter(first.r_lst[0].tag)):
        first.remove(run)
    first.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">Ann: We </w:t></w:r>'))
    first.append(
        parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="x"><w:r><w:delText>never</w:delText></w:r></w:del>')
    )
    first.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="x"><w:r><w:t>always</w:t></w:r></w:ins>'))
    first.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> went.</w:t></w:r>'))
    out = io.BytesIO()
    document.save(out)

    transcript = parse(out.getvalue(), "x.docx")

    assert [(t.speaker, t.text) for t in transcript.turns] == [("Ann", "We always went."), ("Bo", "Fine.")]


def rezipped(data: bytes, parts: dict[str, bytes | None]) -> bytes:
    """The .docx `data` with some of its parts replaced (or left out, given None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            new = parts.get(item.filename, source.read(item))
            if new is not None:
                target.writestr(item, new)
    return out.getvalue()


OTTER = LAYOUTS["otter"]()
BROKEN = {
    "cut short": (OTTER[:3000], "not a readable Word document (the zip archive is damaged or cut short)"),
    "bad xml": (rezipped(OTTER, {"word/document.xml": b"<w:document"}), "not a readable Word document (XMLSyntaxError"),
    "no document part": (rezipped(OTTER, {"word/document.xml": None}), "not a readable Word document (no word/"),
    "old .doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "an old Word .doc or a password-protected"),
    "no text": (word_file(["", "   "]), "no transcript text found"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_word_document_gets_one_clear_line(case):
    data, reason = BROKEN[case]
    with pytest.raises(FormatError) as caught:
        parse(data, "interview.docx")
    assert str(caught.value).startswith(reason)
    assert "\n" not in str(caught.value)


def test_a_zip_that_is_no_word_document_is_not_read_as_one():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")
    with pytest.raises(FormatError, match="binary data"):
        parse(out.getvalue(), "notes.odt")


def test_a_bad_time_names_the_paragraph():
    data = word_file(["Ann  0:00", "Hello.", "Bo  0:99", "Hi."])
    with pytest.raises(FormatError, match=r"^malformed timestamp '0:99' in otter text \(paragraph 3\)$"):
        parse(data, "x.docx")


# Property: any document of the shapes Word files take, and any damage to one, parses or
# raises FormatError.
TEXTS = st.sampled_from([
    "", " ", "Ann: Hello there.", "Bo: yes. fine", "Ann Lee  0:00", "Speaker 1 (00:01):", "[00:00:03] Ann: hi.",
    "(00:00:02) Right.", "Dr. Bo", "0:00", "0:99", "[0:77]", "Transcribed by https://otter.ai", "Note:", "\t",
]) | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=20)  # fmt: skip
RUNS = st.lists(st.tuples(TEXTS, st.booleans()), min_size=1, max_size=4)
TABLES = (
    st.integers(1, 3)
    .flatmap(lambda width: st.lists(st.lists(TEXTS, min_size=width, max_size=width), min_size=1, max_size=4))
    .map(lambda rows: {"rows": rows})
)
BLOCKS = st.lists(TEXTS | RUNS | st.tuples(st.sampled_from(["Heading 2", "Title"]), TEXTS) | TABLES, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BLOCKS, st.sampled_from(["t.docx", "t"]))
def test_any_word_document(blocks, name):
    parses_or_format_error(word_file(blocks), name)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_damage_to_a_word_document(data):
    document = bytearray(OTTER)
    cut = data.draw(st.integers(0, len(document)))
    for _ in range(data.draw(st.integers(0, 5))):
        document[data.draw(st.integers(0, len(document) - 1))] = data.draw(st.integers(0, 255))
    parses_or_format_error(bytes(document[: max(cut, 4)]), "t.docx")
