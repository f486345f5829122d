"""TalkBank CHAT (.cha): participants' names, media bullets as times, and every spoken word
kept while CHAT's codes come off."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.formats import FormatError, parse, parse_file
from desktop.formats.chat import parse_chat, spoken
from tests.conftest import FIXTURES
from tests.formats.test_properties import parses_or_format_error
from tests.formats.test_seeds import turn_words

B = "\x15"
ROSS = [
    ("Mother", 1.23, "what's that Ross?"),
    ("Ross", 3.1, "a crab a crab uh goed in there. no no no!"),
    ("Mother", 6.5, "did it? it hiding, do you think?"),
    ("INV1", 9.05, "I think it went under the rock pool xxx..."),
    ("INV2", 11.0, "yeah a big one."),
    ("Ross", 12.0, "big cr crab, Mommy."),
]


def chat(*utterances: str, participants: str = "CHI Target_Child, MOT Mother") -> bytes:
    header = ["@UTF8", "@Begin", "@Languages:\teng", f"@Participants:\t{participants}"]
    return "\n".join([*header, *utterances, "@End"]).encode()


def test_chat_fixture_gives_speakers_turns_times_and_words():
    transcript = parse_file(FIXTURES / "ross.cha")

    assert transcript.format == "chat"
    assert transcript.speakers == ["Mother", "Ross", "INV1", "INV2"]
    assert [(t.speaker, t.start, t.text) for t in transcript.turns] == ROSS
    assert transcript.turns[1].end == 6.4


def test_each_bullet_times_its_utterance():
    pieces = parse_chat((FIXTURES / "ross.cha").read_text())
    assert [(p.start, p.end) for p in pieces[:3]] == [(1.23, 2.89), (3.1, 5.52), (5.6, 6.4)]


@pytest.mark.parametrize("name", ["ross.txt", "download", "ross.cha"])
def test_chat_is_recognised_by_its_headers(name):
    assert parse((FIXTURES / "ross.cha").read_bytes(), name).format == "chat"


@pytest.mark.parametrize(
    ("line", "reads"),
    [
        ("more cookie .", "more cookie."),
        ("<you want> [/] you want another ?", "you want you want another?"),
        ("I [//] we went [/?] went !", "I we went went!"),
        ("goed [: went] home [* m] .", "goed home."),
        ("no [x 3] .", "no no no."),
        ("<go away> [x 2] .", "go away go away."),
        ("&-uh I &+fr fried it &~ka .", "uh I fr fried it ka."),
        ("&=laughs okay (.) fine (..) really (1.5) .", "okay fine really."),
        ("0is it hiding ?", "it hiding?"),
        ("xxx and yyy then www .", "xxx and yyy then www."),
        ("gonna@c see dada@f and ice+cream and Santa_Claus .", "gonna see dada and ice cream and Santa Claus."),
        ("(be)cause it's no:t ^right .", "because it's not right."),
        ("+< yeah [>] +...", "yeah..."),
        ("you know „ don't you +/.", "you know, don't you."),
        ('he said +"/.', "he said."),
        ("why +..?", "why...?"),
        ("well &*MOT:mhm I did .", "well mhm I did."),
        ("what [=! whispers] [% aside] is it [+ bch] [?] [!] .", "what is it."),
        ("0 .", ""),
    ],
)
def test_chat_codes_come_off_and_spoken_words_stay(line, reads):
    assert spoken(line) == reads


def test_continuation_lines_and_several_bullets_in_one_utterance():
    data = chat(f"*MOT:\tlook at the {B}100_900{B} big\n\tboat . {B}1000_2000{B}", "%mor:\tv|look")
    pieces = parse_chat(data.decode())
    assert [(p.speaker, p.text, p.start, p.end) for p in pieces] == [
        ("Mother", "look at the", 0.1, 0.9),
        ("Mother", "big boat.", 1.0, 2.0),
    ]


def test_a_speaker_missing_from_participants_is_named_by_code_and_untimed_utterances_are_kept():
    transcript = parse(chat("*CHI:\thi .", "*FAT:\thello there ."), "x.cha")
    assert [(t.speaker, t.start, t.text) for t in transcript.turns] == [
        ("Target Child", None, "hi."),
        ("FAT", None, "hello there."),
    ]


def test_many_bullets_are_not_taken_for_binary_data():
    utterances = [f"*CHI:\ta . {B}{n * 10}_{n * 10 + 5}{B}" for n in range(300)]
    assert len(parse(chat(*utterances), "x.cha").turns) == 1


@pytest.mark.parametrize(
    ("data", "reason", "line"),
    [
        (chat("*CHI:\thi .", "stray words here"), "CHAT (.cha): a line must start with @, *, % or a tab", 6),
        (chat("*CHI hi ."), "CHAT (.cha): an utterance line needs a speaker code and a colon (*CHI:)", 5),
        (chat("%com:\tnothing said"), "CHAT (.cha): no utterance lines (*CHI: …) found", None),
    ],
)
def test_a_broken_chat_file_gets_one_line_naming_the_format(data, reason, line):
    with pytest.raises(FormatError) as caught:
        parse(data, "x.cha")
    assert (caught.value.reason, caught.value.line) == (reason, line)
    assert "\n" not in str(caught.value)


CHAT_LINES = st.sampled_from([
    "@UTF8", "@Begin", "@End", "@Participants:\tCHI Target_Child, MOT Mother", "@Participants:\t,",
    "@ID:\teng|x|CHI|||||Target_Child|||", "*CHI:\tmore cookie .", "*MOT:\t<you want> [/] you [x 3] ?",
    "*CHI:", "*:", "*CHI:\t&=laughs .", "*CHI:\t0 .", f"*CHI:\tno . {B}0_1200{B}", f"*MOT:\tyes {B}99_{B}",
    f"*MOT:\t{B}%snd:\"a\"_1_2{B}", "%mor:\tn|cookie .", "\tcontinued words", " ", "", "[", "]", "(.)", "+...",
    "*CHI:\t[: x] [x 999999999999] [x 0] <", "&", B,
])  # fmt: skip


@settings(max_examples=300)
@given(st.lists(st.one_of(CHAT_LINES, st.text(max_size=20)), max_size=25))
def test_any_chat_like_file_parses_or_gets_a_format_error(lines):
    parses_or_format_error("\n".join(["@UTF8", "@Begin", *lines]).encode(), "t.cha")


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'", min_size=1, max_size=8)


@settings(max_examples=200)
@given(st.lists(st.tuples(st.sampled_from(["CHI", "MOT"]), st.lists(WORD, min_size=1, max_size=8)), min_size=1))
def test_plain_words_are_never_lost_or_reordered(utterances):
    lines = [f"*{code}:\t{' '.join(words)} ." for code, words in utterances]
    transcript = parse(chat(*lines), "t.cha")
    expected = [w for _, words in utterances for w in [*words[:-1], words[-1] + "."]]
    assert turn_words(transcript) == expected
