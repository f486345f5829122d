"""Large files parse, every word kept: each parser reads its input in linear time.

No timing here (that is what tests/bench is for). These inputs are the shapes that
made a parser quadratic: at 2 MB any of those took minutes, so a regression shows
as a suite that stalls.
"""

from __future__ import annotations

import pytest

from desktop.formats import parse
from tests.formats.test_seeds import turn_words

SIZE = 2_000_000
SENTENCE = "The tide came in faster than the tables said it would, so we ran."
PROSE = " ".join([SENTENCE] * (SIZE // (len(SENTENCE) + 1)))
UNPUNCTUATED = " ".join(["and then we talked about the weather and the trains"] * (SIZE // 52))


def hard_wrapped(text: str, paragraph_lines: int) -> str:
    """`text` in lines of a dozen words (about 70 characters), `paragraph_lines` to a paragraph."""
    words = text.split(" ")
    lines = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
    chunks = [lines[i : i + paragraph_lines] for i in range(0, len(lines), paragraph_lines)]
    return "\n\n".join("\n".join(chunk) for chunk in chunks)


LARGE = {
    # One-word sentences: each one used to rescan the paragraph before it.
    # (1 MB: 200,000 sentences are plenty, and each costs a few microseconds.)
    "yes on one line": ("text", "Yes. " * (SIZE // 10)),
    "yes on many lines": ("text", "Yes.\n" * (SIZE // 10)),
    # Hard-wrapped prose: each line used to recopy the paragraph so far.
    "wrapped paragraphs": ("text", hard_wrapped(PROSE, 2000)),
    "one wrapped paragraph": ("text", hard_wrapped(PROSE, 10**9)),
    "one wrapped labelled turn": ("labelled-text", "Ann: Hi.\nBo: " + hard_wrapped(PROSE, 10**9) + "\nAnn: Bye.\n"),
    "one wrapped otter turn": ("otter", "Ann  0:00\nHi.\n\nBo  0:05\n" + hard_wrapped(PROSE, 10**9) + "\n"),
    # No sentence ends: each cut used to count the words of the rest again.
    "unpunctuated paragraph": ("text", hard_wrapped(UNPUNCTUATED, 10**9)),
    # A '<' with no '>': each one used to scan to the end of the cue.
    "caption of less-thans": ("vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\n" + "a < b " * (SIZE // 6) + "\n"),
}


# Labels, headers and times: the only words of these inputs that are not speech.
MARKUP = {"Ann:", "Bo:", "Ann", "Bo", "0:00", "0:05", "WEBVTT", "00:01.000", "-->", "00:02.000"}


@pytest.mark.parametrize("case", sorted(LARGE))
def test_large_input_parses_with_every_word(case):
    fmt, text = LARGE[case]

    transcript = parse(text.encode(), "large.txt")

    assert transcript.format == fmt
    assert turn_words(transcript) == [w for w in text.split() if w not in MARKUP]
