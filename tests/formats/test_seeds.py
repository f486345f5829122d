"""The two real transcripts import well: speakers, turns, and every word in order."""

from __future__ import annotations

import re

from desktop.formats import parse_file

UNLABELLED = "000_d23df86fad9ea286.txt"
LABELLED = "004_63b56b2bea8ad07d.txt"


def turn_words(transcript) -> list[str]:
    return " ".join(turn.text for turn in transcript.turns).split()


def test_unlabelled_one_line_becomes_readable_turns(seeds):
    source = (seeds / UNLABELLED).read_text()
    assert "\n" not in source.strip()  # the seed really is one 145 KB line

    transcript = parse_file(seeds / UNLABELLED)

    assert transcript.format == "text"
    assert transcript.speakers == []
    assert len(transcript.turns) == 384
    sizes = [len(turn.text.split()) for turn in transcript.turns]
    assert max(sizes) <= 250
    assert all(turn.text.rstrip("\"'”’)").endswith((".", "?", "!")) for turn in transcript.turns[:-1])
    assert turn_words(transcript) == source.split()


def test_labelled_seed_has_two_speakers_and_every_word(seeds):
    source = (seeds / LABELLED).read_text()
    without_labels = re.sub(r"^\s*(Lex Fridman|Oriol Vinyals):", " ", source, flags=re.MULTILINE)

    transcript = parse_file(seeds / LABELLED)

    assert transcript.format == "labelled-text"
    assert transcript.speakers == ["Lex Fridman", "Oriol Vinyals"]
    assert len(transcript.turns) == 131  # one per label: the speakers alternate
    assert [t.speaker for t in transcript.turns[:4]] == ["Lex Fridman", "Oriol Vinyals"] * 2
    assert turn_words(transcript) == without_labels.split()
    assert "\n\n" in transcript.turns[0].text  # paragraphs inside a turn are kept


def test_no_bom_or_carriage_return_reaches_the_seeds(seeds):
    for name in (UNLABELLED, LABELLED):
        transcript = parse_file(seeds / name)
        for turn in transcript.turns:
            assert "\r" not in turn.text and "\ufeff" not in turn.text
