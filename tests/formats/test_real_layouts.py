"""Layouts other tools write (Zoom, Teams, Netflix, broadcast and film subtitles, YouTube,
podcast sites, interviews and depositions), each from a small fixture imitating the real
files: same headers, timestamp styles and oddities."""

from __future__ import annotations

import re

import pytest

from desktop.formats import FORMATS, parse, parse_file
from desktop.formats.captions import parse_srt, parse_vtt, parse_youtube_vtt
from desktop.formats.timestamped import parse_timestamped
from tests.conftest import FIXTURES
from tests.formats.test_seeds import turn_words

ZOOM_TURNS = [
    ("Ashlee Kupor (SL)", 2.35, "Okay, so today we're going to look at fractions."),
    ("Sam (he/him)", 6.5, "Can you share the slide again?"),
    ("Ashlee Kupor (SL)", 8.4, "Sure. Jo, can you see it too?"),
    ("Jo (Host)", 12.01, "Yes, it's up."),
    ("Dr. O'Neil", 13.6, "One thing first: the recording is on."),
    ("G3P1", 17.9, "I got three quarters."),
    ("Ashlee Kupor (SL)", 20.3, "Good. Note: that's the same as six eighths. Who can tell me why?"),
]

CASES = {
    "zoom-names.vtt": ("vtt", ZOOM_TURNS),
    "zoom-names.txt": (
        "labelled-text",
        [
            (s.replace("'", "’"), None, t) for s, _, t in ZOOM_TURNS[:5]
        ] + [
            ("G3P1", None, "I got three quarters. The answer is: three quarters."),
            ("Ashlee Kupor (SL)", None, "Good. See https://example.org/fractions at 10:30 tomorrow."),
        ],
    ),
    "teams.vtt": (
        "vtt",
        [
            ("Maria Keller", 0.0, "Okay, can everybody hear me? Let's get started with the agenda."),
            ("Tom Becker", 6.1, "Yes, loud and clear."),
            ("Maria Keller", 62.57, "Great."),
        ],
    ),
    "netflix.vtt": ("vtt", [(None, 6.923, "[door creaks] Is anyone still down here? Only the cat.")]),
    "overrides.srt": (
        "srt",
        [(None, 1.2, "Previously on the show... Mind the gap, please. Remember: 2<3,5>1 and x<y. "
          "Platform 9 and three.")],
    ),
    "broadcast.srt": (
        "srt",
        [
            ("JUDY WOODRUFF", 1.001, "Good evening. I'm Judy Woodruff. On the NewsHour tonight, the storm moves "
             "north."),
            (None, 7.708, "WE'RE STILL WAITING FOR THE WATER TO GO DOWN."),
            ("JUDY WOODRUFF", 10.344, "We begin with the coast."),
            (None, 10.344, "Thank you, Judy. The water came in fast."),
        ],
    ),
    "dialogue.srt": (
        "srt",
        [
            (None, 62.4, "Where are you going?"),
            (None, 62.4, "Home."),
            (None, 65.1, "At this hour?"),
            (None, 65.1, "It's not that late. It's nearly -5 outside, and -- well, fine."),
        ],
    ),
    "youtube-transcript.txt": (
        "timestamped-lines",
        [(None, 0.0, "so today we're going to be looking at how to true a bicycle wheel at home you don't need "
          "a truing stand for this [Music] first find the spoke that's loose and that's it thanks for watching")],
    ),
    "podcast-timestamps.txt": (
        "timestamped-lines",
        [
            (None, 0.0, "Welcome back to Harbour Notes. This week we're talking about tide tables, and why nobody "
             "trusts them."),
            (None, 75.0, "The first thing to know is that a tide table is a prediction, not a measurement."),
            (None, 222.0, "So where do the predictions come from? Mostly from harmonic analysis."),
        ],
    ),
    "timed-lines.txt": (
        "timestamped-lines",
        [(None, 4.0, "Okay, we're rolling. This is the second take of the garden tour. On the left you can see "
          "the compost bays. And this is where the seed library lives. That's the end of the tour.")],
    ),
    "zoom-captions.txt": (
        "zoom-captions",
        [
            ("Ashlee Kupor (SL)", 0.0, "Okay, welcome everyone. Can you all hear me? Let's start with the homework."),
            ("Sam Ortiz", 15.0, "I did the first two."),
            ("Jo Park", 37.0, "Me too, but question three was confusing."),
            ("Ashlee Kupor (SL)", 4475.0, "Good, let's look at it together."),
        ],
    ),
    "interview-qa.txt": (
        "labelled-text",
        [
            ("INTERVIEWER", None, "Thank you for agreeing to talk with me. Could you start by telling me about "
             "your work?"),
            ("RESPONDENT", None, "Sure. I've been a nurse on the night shift for eleven years."),
            ("INTERVIEWER", None, "What changed in that time?"),
            ("RESPONDENT", None, "The staffing, mostly. We used to have four on a ward. Now it's two, sometimes "
             "three."),
            ("Q", None, "And how did that feel?"),
            ("A", None, "Tiring. You stop taking breaks."),
            ("Q", None, "Did anyone notice?"),
            ("A", None, "Not really."),
        ],
    ),
    "deposition.txt": (
        "labelled-text",
        [
            (None, None, "UNITED STATES DISTRICT COURT"),
            (None, None, "DISTRICT OF NORTH CAROLINA"),
            (None, None, "INTERVIEW OF JOHN DOE"),
            (None, None, "APPEARANCES"),
            (None, None, "For the Committee: Ms. Jane Sawyer, counsel. For the witness: Mr. Paul Smith."),
            (None, None, "- - -"),
            (None, None, "EXAMINATION"),
            (None, None, "BY MS. SAWYER:"),
            ("Q", None, "Please state your name for the record."),
            ("A", None, "John Doe."),
            ("Q", None, "And where were you on the morning of June 5th?"),
            ("A", None, "At the harbour office. I got there around seven."),
            ("MR. SMITH", None, "Objection. Vague as to time."),
            ("MS. SAWYER", None, "I'll rephrase."),
            ("Q", None, "What time did you arrive?"),
            ("A", None, "Seven, or a little after."),
            ("Q", None, "Thank you."),
        ],
    ),
}  # fmt: skip

# What is not speech in each fixture: labels, timestamps, cue numbers and timings, tags,
# overrides, speaker-change marks, WEBVTT headers and notes, and (deposition) page numbers.
_CUE_MARKUP = (
    r"^WEBVTT.*$|^NOTE.*$|^\d+$|^.*-->.*$|</?(?:c|i|v|font)[^>]*>|\{\\[^}]*\}|\\h|\\N|>>|^-(?=\S)|^- |"
    r"^[^:\n]{1,30}: "
)
INLINE_MARKUP = r"</?(?:c|i|v|font)\b[^>]*>|</?c\.[^>]*>|\{\\[^}]*\}"  # removed where it sits
NOT_SPEECH = {
    "zoom-names.vtt": _CUE_MARKUP,
    "zoom-names.txt": r"^[^:\n]{1,20}: ",
    "teams.vtt": _CUE_MARKUP,
    "netflix.vtt": _CUE_MARKUP,
    "overrides.srt": r"^\d+$|^.*-->.*$|\\h|\\N",
    "broadcast.srt": r"^\d+$|^.*-->.*$|>> JUDY WOODRUFF: |>>",
    "dialogue.srt": r"^(?:<i>)?-\s?|^\d+$|^.*-->.*$|</?i>",
    "youtube-transcript.txt": r"^[\d:]+$",
    "podcast-timestamps.txt": r"^\[[\d:]+\]",
    "timed-lines.txt": r"^[\d:]+ ",
    "zoom-captions.txt": r"^\[.*\] [\d:]+$",
    "interview-qa.txt": r"^[A-Z]+: ",
    "deposition.txt": r"^[QA]\. |^M[RS]\. [A-Z]+: |^12$|^Page 13$",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_parses_to_expected_turns(name):
    fmt, expected = CASES[name]

    transcript = parse_file(FIXTURES / name)

    assert transcript.format == fmt
    assert fmt in FORMATS
    assert [(t.speaker, t.start, t.text) for t in transcript.turns] == expected
    assert transcript.speakers == list(dict.fromkeys(s for s, _, _ in expected if s))


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_word_is_lost_or_reordered(name):
    source = (FIXTURES / name).read_text(encoding="utf-8").replace("\r", "")
    speech = re.sub(NOT_SPEECH[name], " ", re.sub(INLINE_MARKUP, "", source), flags=re.MULTILINE)
    assert turn_words(parse_file(FIXTURES / name)) == speech.split()


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_format_is_found_by_content_whatever_the_name(name):
    fmt, _ = CASES[name]
    assert parse((FIXTURES / name).read_bytes(), "download").format == fmt


def test_teams_short_timestamps_and_cue_ends():
    turns = parse_file(FIXTURES / "teams.vtt").turns
    assert [(t.start, t.end) for t in turns] == [(0.0, 5.75), (6.1, 7.9), (62.57, 64.0)]


def test_teams_guid_cue_identifiers_are_not_speech():
    data = (
        "WEBVTT\n\n3f1c2a9e-6b7d-4c1e-9a55-1d2e3f4a5b6c/12-0\n00:00:03.609 --> 00:00:04.929\n"
        "<v Maria Keller>Hello.</v>\n\n3f1c2a9e-6b7d-4c1e-9a55-1d2e3f4a5b6c/13-0\n"
        "00:00:05.100 --> 00:00:06.000\n<v Tom Becker>Hi.</v>\n"
    )
    assert [(t.speaker, t.text) for t in parse(data.encode(), "m.vtt").turns] == [
        ("Maria Keller", "Hello."),
        ("Tom Becker", "Hi."),
    ]


def test_whitespace_only_lines_end_a_cue_in_webvtt():
    data = (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nHello\n \nNOTE a note\n \n"
        "2\n00:00:02.000 --> 00:00:03.000\nthere\n"
    )
    assert [p.text for p in parse_vtt(data)] == ["Hello", "there"]


def test_a_lone_space_inside_a_youtube_cue_keeps_the_text_after_it():
    data = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000 align:start position:0%\n \nso<00:00:00.500><c> today</c>\n"
    pieces = parse_youtube_vtt(data)
    assert [(p.text, p.start, p.end) for p in pieces] == [("so today", 0.0, 2.0)]


def test_youtube_word_times_are_kept():
    pieces = parse_youtube_vtt((FIXTURES / "youtube.vtt").read_text())
    assert pieces[0].words == (
        ("so", 0.0, 0.4), ("today", 0.4, 0.8), ("we're", 0.8, 1.1), ("fixing", 1.1, 1.5), ("a", 1.5, 1.7),
        ("bike", 1.7, 2.31),
    )  # fmt: skip
    assert pieces[1].words == (("wheel", 2.32, 2.7), ("that", 2.7, 3.0), ("wobbles", 3.0, 3.4), ("wheel", 3.4, 5.0))
    assert pieces[2].words == ()  # `[Music]` has no word times
    for piece in pieces:  # the builder finds the words in the piece's text, in order
        assert [w for w, _, _ in piece.words] == piece.text.split()[: len(piece.words)]


def test_a_less_than_sign_that_opens_no_tag_is_text():
    [piece] = parse_srt("1\n00:00:01,000 --> 00:00:02,000\n<I>so</I> 2<3,5>1 <br/>and <b>a<b</b>\n")
    assert piece.text == "so 2<3,5>1 and a<b"


@pytest.mark.parametrize(
    ("cue", "parts"),
    [
        (">> Hi. >> Hello.", [(None, "Hi.", "\n\n"), (None, "Hello.", "\n\n")]),
        ("Hi. >> Hello.", [(None, "Hi.", " "), (None, "Hello.", "\n\n")]),
        ("&gt;&gt; Hi.", [(None, "Hi.", "\n\n")]),
        ("- Hi.\n- Hello.", [(None, "Hi.", "\n\n"), (None, "Hello.", "\n\n")]),
        ("Hi -- you.\n-5 below.", [(None, "Hi -- you. -5 below.", " ")]),
        ("Well\n>>\n", [(None, "Well", " ")]),
    ],
)
def test_speaker_change_marks_open_pieces_of_unknown_speakers(cue, parts):
    pieces = parse_srt(f"1\n00:00:01,000 --> 00:00:02,000\n{cue}\n")
    assert [(p.speaker, p.text, p.sep) for p in pieces] == parts


def test_a_mark_with_nothing_after_it_in_its_cue_marks_the_next_cue():
    data = "1\n00:00:01,000 --> 00:00:02,000\nWell.\n>>\n\n2\n00:00:02,000 --> 00:00:03,000\nNo.\n"
    assert [t.text for t in parse(data.encode(), "x.srt").turns] == ["Well.", "No."]


def test_an_unlabelled_blank_line_piece_opens_a_turn():
    """The caption parsers rely on this: a speaker change with no name is an unlabelled
    piece joined by a blank line, which the turn builder always makes a new turn."""
    data = "1\n00:00:01,000 --> 00:00:02,000\nA.\n\n2\n00:00:02,000 --> 00:00:03,000\n>> B.\n"
    assert [(t.speaker, t.text) for t in parse(data.encode(), "x.srt").turns] == [(None, "A."), (None, "B.")]


def test_each_timed_line_is_a_piece_with_its_time():
    text = (FIXTURES / "youtube-transcript.txt").read_text()
    pieces = parse_timestamped(text, "timestamped-lines")
    assert [p.start for p in pieces] == [0.0, 3.0, 6.0, 9.0, 12.0, 3723.0]
    assert {p.sep for p in pieces[1:]} == {" "}  # consecutive lines: one paragraph
    assert [p.text for p in pieces][:2] == [
        "so today we're going to be looking at how",
        "to true a bicycle wheel at home you don't",
    ]


def test_zoom_caption_times_pass_midnight():
    data = "[Ann] 23:59:50\nLate.\n[Bo] 23:59:58\nVery.\n[Ann] 00:00:03\nPast midnight.\n"
    assert [t.start for t in parse(data.encode(), "c.txt").turns] == [0.0, 8.0, 13.0]


@pytest.mark.parametrize(
    "text",
    [
        "10:30 the train left.\n\nWe waited on the platform for an hour.\n",
        "We met at 10:30.\n12:15 lunch was late.\nNobody minded.\nThe trains ran.\nThe end came.\n",
    ],
)
def test_one_time_at_a_line_start_does_not_make_timestamped_lines(text):
    assert parse(text.encode(), "x.txt").format == "text"


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ("Ashlee Kupor (SL): Hi.\nSam (he/him): Hey.\nAshlee Kupor (SL): Ok.\n", ["Ashlee Kupor (SL)", "Sam (he/him)"]),
        ("Dr. O'Neil: Hi.\nG3P1: Hey.\nDr. O'Neil: Ok.\nG3P1: Fine.\n", ["Dr. O'Neil", "G3P1"]),
        ("Sam/Jo: Hi.\nAl-Amin: Hey.\nSam/Jo: Ok.\n", ["Sam/Jo", "Al-Amin"]),
        ("Note: one.\nNote: two.\n", []),
        ("The answer is: yes.\nThe answer is: no.\n", []),
        ("10:30: we left.\n10:30: we left again.\n", []),
        ("See https://a.org: x\nSee https://a.org: y\n", []),
        ("Results (see the table below, row 2): up.\nResults (see the table below, row 2): down.\n", []),
        ("A. Smith said so.\nA. Smith said it twice.\n", []),
    ],
)
def test_which_prefixes_are_speaker_labels(text, speakers):
    assert parse(text.encode(), "x.txt").speakers == speakers


def test_q_and_a_with_full_stops_are_speakers_only_together():
    qa = parse(b"Q. Where were you?\nA. Home.\nQ. Alone?\nA. Yes.\n", "x.txt")
    assert [(t.speaker, t.text) for t in qa.turns] == [
        ("Q", "Where were you?"),
        ("A", "Home."),
        ("Q", "Alone?"),
        ("A", "Yes."),
    ]
    assert parse(b"Q. One.\nQ. Two.\nA. Three.\n", "x.txt").speakers == []


def test_capital_lines_are_headings_only_in_mixed_case_labelled_text():
    shouted = parse(b"ANN: WHERE WERE YOU ON\nTHE NIGHT\nBO: HOME\nANN: ALONE\n", "x.txt")
    assert [(t.speaker, t.text) for t in shouted.turns] == [
        ("ANN", "WHERE WERE YOU ON THE NIGHT"), ("BO", "HOME"), ("ANN", "ALONE"),
    ]  # fmt: skip
    wrapped = parse(b"Ann: We saw the\nBBC CREW\nBo: Really?\nAnn: Yes.\n[LAUGHTER]\nBo: Ha.\n", "x.txt")
    assert [t.speaker for t in wrapped.turns] == ["Ann", "Bo", "Ann", "Bo"]


def test_a_page_number_is_dropped_only_in_labelled_text_and_only_as_a_paragraph():
    assert turn_words(parse(b"It was 1987.\n\n12\n\nThe end.\n", "x.txt")) == [
        "It",
        "was",
        "1987.",
        "12",
        "The",
        "end.",
    ]
    labelled = parse(b"Ann: How many?\n12\n\nBo: Twelve.\n\n13\n\nAnn: Right.\n", "x.txt")
    assert turn_words(labelled) == ["How", "many?", "12", "Twelve.", "Right."]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        ("0:00\nhello\n0:99\nthere\n", "x.txt", "line 3: malformed timestamp '0:99' in timestamped-lines text"),
        ("[Ann] 19:00:25\nHi.\n[Bo] 19:75:00\nHo.\n", "x.txt",
         "line 3: malformed timestamp '19:75:00' in zoom-captions text"),
        ("WEBVTT\n\n0:0:75.0 --> 0:0:76.0\nHi\n", "x.vtt", "line 3: malformed timestamp"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nso<00:00:61.000><c> hi</c>\n", "x.vtt",
         "line 3: malformed word time"),
    ],
)  # fmt: skip
def test_a_broken_file_gets_one_line_naming_the_line(data, name, message):
    from desktop.formats import FormatError

    with pytest.raises(FormatError) as caught:
        parse(data.encode(), name)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
