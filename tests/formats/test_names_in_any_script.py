"""Speaker names in scripts without capitals (Chinese, Korean, Arabic, Devanagari) and with
an ʻokina are labels like any other, in every layout that reads labels."""

from __future__ import annotations

import pytest

from desktop.formats import parse
from desktop.formats.labels import looks_like_name


@pytest.mark.parametrize("name", ["王芳", "राहुल शर्मा", "محمد علي", "김민수", "田中さん", "ʻIolani Kahale",
                                  "李 明 (Beijing office)"])  # fmt: skip
def test_names_without_capitals_are_names(name):
    assert looks_like_name(name)


@pytest.mark.parametrize("prefix", ["note", "the answer is", "update", "http", "10:30"])
def test_lower_case_prefixes_still_are_not(prefix):
    assert not looks_like_name(prefix)


def turns(data: bytes, name: str) -> list[tuple]:
    transcript = parse(data, name)
    return [(t.speaker, t.start, t.text) for t in transcript.turns]


def test_labelled_text():
    data = "محمد علي: Thank you for coming.\n\nSara Haddad: Happy to be here.\n\n" \
           "محمد علي: Let's start.\n\nSara Haddad: I grew up in Beirut.\n"  # fmt: skip
    assert [(s, t) for s, _, t in turns(data.encode(), "talk.txt")] == [
        ("محمد علي", "Thank you for coming."), ("Sara Haddad", "Happy to be here."),
        ("محمد علي", "Let's start."), ("Sara Haddad", "I grew up in Beirut."),
    ]  # fmt: skip


def test_srt_and_vtt_cues():
    srt = "1\n00:00:01,000 --> 00:00:02,000\n王芳: Hello.\n\n2\n00:00:03,000 --> 00:00:04,000\nTOM: Hi.\n\n" \
          "3\n00:00:05,000 --> 00:00:06,000\n王芳: Bye.\n"  # fmt: skip
    assert turns(srt.encode(), "a.srt") == [("王芳", 1.0, "Hello."), ("TOM", 3.0, "Hi."), ("王芳", 5.0, "Bye.")]
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nMaya Lin: Hello there.\n\n" \
          "00:00:03.000 --> 00:00:04.000\nराहुल शर्मा: Hi.\n\n" \
          "00:00:05.000 --> 00:00:06.000\nMaya Lin: Bye.\n"  # fmt: skip
    assert turns(vtt.encode(), "a.vtt") == [("Maya Lin", 1.0, "Hello there."), ("राहुल शर्मा", 3.0, "Hi."),
                                            ("Maya Lin", 5.0, "Bye.")]  # fmt: skip


def test_otter_rev_markdown_and_html_headers():
    otter = "王芳  0:00\n大家好, welcome everyone.\n\nDaniel Kim  0:04\nThanks.\n\nTranscribed by https://otter.ai\n"
    assert turns(otter.encode(), "o.txt") == [
        ("王芳", 0.0, "大家好, welcome everyone."),
        ("Daniel Kim", 4.0, "Thanks."),
    ]
    rev = "김민수 (00:03):\nHi.\n\nMaya Lin (00:05):\nBye.\n"
    assert turns(rev.encode(), "r.txt") == [("김민수", 3.0, "Hi."), ("Maya Lin", 5.0, "Bye.")]
    markdown = "**王芳** [00:00:01]\nHello.\n\n**Tom** [00:00:03]\nHi.\n"
    assert turns(markdown.encode(), "m.md") == [("王芳", 1.0, "Hello."), ("Tom", 3.0, "Hi.")]
    html = "<cite>王芳:</cite> <time>0:01</time> <p>Hello.</p>\n<cite>Tom:</cite> <time>0:03</time> <p>Hi.</p>\n"
    assert turns(html.encode(), "p.html") == [("王芳", 1.0, "Hello."), ("Tom", 3.0, "Hi.")]
