"""Diarization label repair: late labels are fixed, recorded, and can be undone."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.formats import LabelRepair, Turn, parse, parse_file, undo_repair
from desktop.formats.repair import MAX_FRAGMENT_WORDS, fragment_separator, move_back, move_forward, repair_labels
from tests.formats.test_seeds import LABELLED


def test_seed_fragments_move_back_to_the_previous_speaker(seeds):
    transcript = parse_file(seeds / LABELLED)
    turns, repairs = transcript.turns, transcript.repairs

    assert LabelRepair(turn=1, words="think?") in repairs
    assert turns[0].text.endswith("how far away or we you think?")
    assert turns[1].text.startswith("It's a good question.")
    assert LabelRepair(turn=9, words="works?") in repairs
    assert LabelRepair(turn=10, words="permanently there.") in repairs
    assert turns[9].speaker == "Oriol Vinyals"
    assert turns[9].text.endswith("exposing on three third and permanently there.")
    assert turns[10].text.startswith("Yes. Very one of the greatest")
    assert LabelRepair(turn=18, words="say meow in Spanish?") in repairs
    assert turns[18].text.startswith("No. That's...")
    assert LabelRepair(turn=19, words="think you you saved the same way.") in repairs
    assert len(repairs) == 32


def test_repairs_leave_every_turn_starting_a_sentence_or_too_long_to_move(seeds):
    turns = parse_file(seeds / LABELLED).turns
    lowercase = [t for t in turns[1:] if t.text[:1].islower()]
    # What is left lowercase has no sentence end within twelve words, or is a whole turn.
    for turn in lowercase:
        first = turn.text.split("\n\n")[0].split()
        assert not any(re.search(r"[.?!]$", w) for w in first[:12]) or len(first) <= 12


def test_undo_restores_the_original_turns(seeds):
    transcript = parse_file(seeds / LABELLED)
    repair = next(r for r in transcript.repairs if r.words == "think?")

    turns = undo_repair(transcript.turns, repair)

    assert turns[0].text.endswith("how far away or we you")
    assert turns[1].text.startswith("think? It's a good question.")
    assert [t.text for t in turns[2:]] == [t.text for t in transcript.turns[2:]]


def test_no_repair_after_a_finished_sentence_or_an_uppercase_start():
    text = b"Ann: We left at dawn.\nBo: because of the heat. Yes.\nAnn: And then\nBo: We stopped. Right.\n"
    assert parse(text, "t.txt").repairs == []


def test_a_whole_turn_is_never_moved():
    text = b"Ann: I was going to\nBo: say that.\nAnn: Fine.\nBo: Good.\n"
    transcript = parse(text, "t.txt")
    assert transcript.repairs == []
    assert [t.text for t in transcript.turns] == ["I was going to", "say that.", "Fine.", "Good."]


def test_a_fragment_that_is_a_whole_paragraph_moves_back_and_undoes_exactly():
    text = b"Ann: I was going to say\nBob: right.\nBob: And another thing.\n"
    transcript = parse(text, "t.txt")

    assert [(t.speaker, t.text) for t in transcript.turns] == [
        ("Ann", "I was going to say right."),
        ("Bob", "And another thing."),
    ]
    assert transcript.repairs == [LabelRepair(turn=1, words="right.", sep="\n\n")]
    undone = undo_repair(transcript.turns, transcript.repairs[0])
    assert [t.text for t in undone] == ["I was going to say", "right.\n\nAnd another thing."]


def test_an_otter_fragment_paragraph_moves_back():
    text = b"Ann  0:00\nWe never found out where\n\nBob  0:04\nit went.\n\nBut that is another story.\n"
    transcript = parse(text, "otter.txt")

    assert transcript.format == "otter"
    assert [t.text for t in transcript.turns] == ["We never found out where it went.", "But that is another story."]
    assert transcript.repairs == [LabelRepair(turn=1, words="it went.", sep="\n\n")]


@pytest.mark.parametrize("sep", [" ", "\n\n", ""])
def test_move_forward_undoes_move_back_with_the_separator(sep):
    cur = "right." + sep + ("And more." if sep else "")

    prev, rest = move_back("I was going to say", cur, "right.")

    assert prev == "I was going to say right."
    assert fragment_separator(cur, "right.") == sep
    assert move_forward(prev, rest, "right.", sep) == ("I was going to say", cur)


@pytest.mark.parametrize("cur", ["right.x And more.", "left. And more.", ""])
def test_move_back_refuses_a_turn_that_does_not_start_with_the_words(cur):
    with pytest.raises(ValueError, match="no longer starts"):
        move_back("I was going to say", cur, "right.")


def test_move_forward_refuses_a_turn_that_does_not_end_with_the_words():
    with pytest.raises(ValueError, match="no longer ends"):
        move_forward("I was going to say", "And more.", "right.")


def fragment_of(n: int) -> bytes:
    words = [f"w{k}" for k in range(1, n)] + ["done."]
    return b"Ann: and so I was\nBo: " + " ".join(words).encode() + b" Right. Yes.\n"


def test_a_fragment_of_twelve_words_moves_and_one_of_thirteen_does_not():
    assert MAX_FRAGMENT_WORDS == 12
    moved = parse(fragment_of(MAX_FRAGMENT_WORDS), "t.txt")
    assert [len(r.words.split()) for r in moved.repairs] == [12]
    assert moved.turns[1].text == "Right. Yes."
    assert parse(fragment_of(MAX_FRAGMENT_WORDS + 1), "t.txt").repairs == []


WORDS = st.sampled_from(["and", "so", "we", "went", "home.", "right?", "Yes.", "The", "end!", "it's", "Dr.", "—"])
PARAGRAPH = (st.lists(WORDS, min_size=1, max_size=3) | st.lists(WORDS, min_size=1, max_size=16)).map(" ".join)
TURN_TEXT = st.lists(PARAGRAPH, min_size=1, max_size=3).map("\n\n".join)
TURNS = st.lists(st.tuples(st.sampled_from(["Ann", "Bo", None]), TURN_TEXT), min_size=1, max_size=8).map(
    lambda rows: [Turn(i, speaker, text) for i, (speaker, text) in enumerate(rows)]
)


@settings(max_examples=300)
@given(TURNS, st.randoms(use_true_random=False))
def test_undoing_every_repair_in_any_order_restores_every_turn_exactly(turns, random):
    repaired, repairs = repair_labels(turns)
    assert " ".join(t.text for t in repaired).split() == " ".join(t.text for t in turns).split()

    random.shuffle(repairs)
    for repair in repairs:
        repaired = undo_repair(repaired, repair)

    assert repaired == turns
