"""Diarization label repair: late labels are fixed, recorded, and can be undone."""

from __future__ import annotations

import re

from desktop.formats import LabelRepair, parse, parse_file, undo_repair
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
