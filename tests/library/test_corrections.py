"""Highlights survive corrections of the text: exact, then fuzzy; otherwise kept as orphans."""

from __future__ import annotations

import pytest

from desktop.library import LibraryError, Position
from desktop.library.anchoring import TurnMap


def span(library, tid, turn, phrase, **kwargs):
    start = library.transcripts.turns(tid)[turn].text.index(phrase)
    return library.highlights.add(tid, Position(turn, start), Position(turn, start + len(phrase)), **kwargs)


def test_an_edit_before_a_highlight_moves_it_exactly(library, sample):
    h = span(library, sample, 3, "the least interesting")
    turn = library.transcripts.turns(sample)[3].text

    library.corrections.edit(sample, 3, "Truly, " + turn)

    moved = library.highlights.get(h.id)
    assert moved.quote == "the least interesting" and not moved.orphan
    assert moved.start == Position(3, h.start.offset + 7)


def test_a_typo_fix_inside_the_quote_keeps_the_highlight_on_the_same_words(library, sample):
    h = span(library, sample, 5, "everyone remembered one of them as the flood")
    turn = library.transcripts.turns(sample)[5].text

    library.corrections.edit(sample, 5, turn.replace("remembered", "remembred"))

    moved = library.highlights.get(h.id)
    assert not moved.orphan and moved.start == h.start
    assert moved.quote == "everyone remembred one of them as the flood"
    assert moved.original_quote == "everyone remembered one of them as the flood"


def test_a_deleted_passage_leaves_an_orphan_that_is_kept(library, sample):
    h = span(library, sample, 7, "Bridge. Laugh. Ledger.", note="keep me", tags=["method"])

    correction = library.corrections.edit(sample, 7, "You can't, and I tried for a long time.")

    orphan = library.highlights.get(h.id)
    assert orphan.orphan and (orphan.quote, orphan.note, orphan.tags) == (
        "Bridge. Laugh. Ledger.",
        "keep me",
        ["method"],
    )
    assert library.highlights.list(sample)[-1].id == h.id  # orphans listed last
    assert (correction.moved, correction.orphaned) == (0, 1)

    library.corrections.edit(sample, 7, "Now: Bridge. Laugh. Ledger.")  # the same words elsewhere: no jump
    assert library.highlights.get(h.id).orphan
    library.corrections.edit(sample, 7, "You can't, and I tried for a long time.")
    library.corrections.revert(correction)  # only undo brings it back, exactly
    assert library.highlights.get(h.id) == h


def test_an_equal_quote_made_earlier_never_draws_the_highlight_away(library, sample):
    text = library.transcripts.turns(sample)[5].text
    second = text.index("the flood")
    h = library.highlights.add(sample, Position(5, second), Position(5, second + 9))

    library.corrections.edit(sample, 5, "Look: the flood. " + text.replace("the flood", "the great flood"))

    moved = library.highlights.get(h.id)
    assert moved.quote == "the great flood" and moved.start.offset == second + len("Look: the flood. ")


def test_split_and_merge_turns_keep_highlights(library, sample):
    h = span(library, sample, 9, "every marked passage gets a tag")
    later = span(library, sample, 13, "Doubt.")
    text = library.transcripts.turns(sample)[9].text

    library.corrections.split(sample, 9, text.index("Then every"))

    turns = library.transcripts.turns(sample)
    assert len(turns) == 21 and turns[10].text.startswith("Then every") and turns[10].speaker == "Tomás Reyes"
    assert library.highlights.get(h.id).start.turn == 10
    assert library.highlights.get(later.id).start == Position(14, 0)

    library.corrections.merge(sample, 10)

    turns = library.transcripts.turns(sample)
    assert len(turns) == 20 and "\n\nThen every" in turns[9].text
    assert library.highlights.get(h.id).quote == "every marked passage gets a tag"
    assert library.highlights.get(later.id).start == Position(13, 0)


def test_undoing_a_label_repair_moves_the_words_and_reanchors(library, seeds):
    tid = library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    repair = next(r for r in library.transcripts.repairs(tid) if r.words == "think?")
    h = span(library, tid, 1, "It's a good question.")

    library.corrections.undo_repair(repair.id)

    turns = library.transcripts.turns(tid)
    assert turns[0].text.endswith("or we you") and turns[1].text.startswith("think? It's a good question.")
    assert library.highlights.get(h.id).start == Position(1, 7)
    assert [r.undone for r in library.transcripts.repairs(tid) if r.id == repair.id] == [True]

    library.corrections.redo_repair(repair.id)
    assert library.transcripts.turns(tid)[0].text.endswith("or we you think?")
    assert library.highlights.get(h.id).start == Position(1, 0)


def test_a_repair_on_edited_text_is_refused(library, seeds):
    tid = library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    repair = next(r for r in library.transcripts.repairs(tid) if r.words == "think?")
    library.corrections.edit(tid, 0, "Something else entirely.")
    with pytest.raises(LibraryError, match="edited since"):
        library.corrections.undo_repair(repair.id)


def test_turn_map_positions():
    turns = TurnMap(["ab", "cde"])
    assert turns.text == "ab\ncde"
    assert turns.offset(Position(1, 2)) == 5
    assert turns.position(3) == Position(1, 0)
    assert turns.position(2, is_end=True) == Position(0, 2)
