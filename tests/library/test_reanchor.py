"""Highlights survive corrections of the text: exact, then fuzzy; otherwise kept as orphans."""

from __future__ import annotations

import pytest

from desktop.library import LibraryError, Position
from desktop.library.anchoring import Anchor, TurnMap, locate


def span(library, tid, turn, phrase, **kwargs):
    start = library.transcripts.turns(tid)[turn].text.index(phrase)
    return library.highlights.add(tid, Position(turn, start), Position(turn, start + len(phrase)), **kwargs)


def test_an_edit_before_a_highlight_moves_it_exactly(library, sample):
    h = span(library, sample, 3, "the least interesting")
    turn = library.transcripts.turns(sample)[3].text

    library.transcripts.edit_turn(sample, 3, "Truly, " + turn)

    moved = library.highlights.get(h.id)
    assert moved.quote == "the least interesting" and not moved.orphan
    assert moved.start == Position(3, h.start.offset + 7)


def test_a_typo_fix_inside_the_quote_reanchors_fuzzily(library, sample):
    h = span(library, sample, 5, "everyone remembered one of them as the flood")
    turn = library.transcripts.turns(sample)[5].text

    library.transcripts.edit_turn(sample, 5, turn.replace("remembered", "remembred"))

    moved = library.highlights.get(h.id)
    assert not moved.orphan
    assert moved.quote == "everyone remembred one of them as the flood"


def test_a_deleted_passage_leaves_an_orphan_that_is_kept(library, sample):
    h = span(library, sample, 7, "Bridge. Laugh. Ledger.", note="keep me", tags=["method"])

    library.transcripts.edit_turn(sample, 7, "You can't, and I tried for a long time.")

    orphan = library.highlights.get(h.id)
    assert orphan.orphan and (orphan.quote, orphan.note, orphan.tags) == (
        "Bridge. Laugh. Ledger.",
        "keep me",
        ["method"],
    )
    assert library.highlights.list(sample)[-1].id == h.id  # orphans listed last

    library.transcripts.edit_turn(sample, 7, "Now: Bridge. Laugh. Ledger.")  # the words come back
    assert not library.highlights.get(h.id).orphan


def test_of_two_equal_quotes_the_one_with_its_context_wins(library, sample):
    text = library.transcripts.turns(sample)[5].text + " Nobody forgot the flood."
    library.transcripts.edit_turn(sample, 5, text)  # now "the flood" occurs twice; mark the second
    second = text.rindex("the flood")
    h = library.highlights.add(sample, Position(5, second), Position(5, second + 9))

    library.transcripts.edit_turn(sample, 5, "Look: " + text.replace("Right. ", ""))

    moved = library.highlights.get(h.id)
    new_text = library.transcripts.turns(sample)[5].text
    assert moved.quote == "the flood" and moved.start.offset == new_text.rindex("the flood")


def test_split_and_merge_turns_keep_highlights(library, sample):
    h = span(library, sample, 9, "every marked passage gets a tag")
    later = span(library, sample, 13, "Doubt.")
    text = library.transcripts.turns(sample)[9].text

    library.transcripts.split_turn(sample, 9, text.index("Then every"))

    turns = library.transcripts.turns(sample)
    assert len(turns) == 21 and turns[10].text.startswith("Then every") and turns[10].speaker == "Tomás Reyes"
    assert library.highlights.get(h.id).start.turn == 10
    assert library.highlights.get(later.id).start == Position(14, 0)

    library.transcripts.merge_turns(sample, 9)

    turns = library.transcripts.turns(sample)
    assert len(turns) == 20 and "\n\nThen every" in turns[9].text
    assert library.highlights.get(h.id).quote == "every marked passage gets a tag"
    assert library.highlights.get(later.id).start == Position(13, 0)


def test_undoing_a_label_repair_moves_the_words_and_reanchors(library, seeds):
    tid = library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    repair = next(r for r in library.transcripts.repairs(tid) if r.words == "think?")
    h = span(library, tid, 1, "It's a good question.")

    library.transcripts.undo_repair(repair.id)

    turns = library.transcripts.turns(tid)
    assert turns[0].text.endswith("or we you") and turns[1].text.startswith("think? It's a good question.")
    assert library.highlights.get(h.id).start == Position(1, 7)
    assert [r.undone for r in library.transcripts.repairs(tid) if r.id == repair.id] == [True]

    library.transcripts.redo_repair(repair.id)
    assert library.transcripts.turns(tid)[0].text.endswith("or we you think?")
    assert library.highlights.get(h.id).start == Position(1, 0)


def test_a_repair_on_edited_text_is_refused(library, seeds):
    tid = library.import_file(seeds / "004_63b56b2bea8ad07d.txt").id
    repair = next(r for r in library.transcripts.repairs(tid) if r.words == "think?")
    library.transcripts.edit_turn(tid, 0, "Something else entirely.")
    with pytest.raises(LibraryError, match="edited since"):
        library.transcripts.undo_repair(repair.id)


def test_locate_prefers_the_old_place_then_exact_then_fuzzy():
    text = TurnMap(["alpha beta gamma", "delta beta epsilon"]).text
    anchor = Anchor("beta", "alpha ", " gamma", 6)
    assert locate(text, anchor) == (6, 10)
    assert locate("zz " + text, anchor) == (9, 13)  # moved: nearest match with matching context
    assert locate(text.replace("beta gamma", "betta gamma"), Anchor("beta gamma", "alpha ", "", 6)) == (6, 17)
    assert locate("nothing alike here", anchor) is None
    # The occurrence whose surroundings match wins over the nearer one.
    assert locate("alpha beta gamma beta delta", Anchor("beta", "gamma ", " delta", 5)) == (17, 21)


def test_turn_map_positions():
    turns = TurnMap(["ab", "cde"])
    assert turns.text == "ab\ncde"
    assert turns.offset(Position(1, 2)) == 5
    assert turns.position(3) == Position(1, 0)
    assert turns.position(2, is_end=True) == Position(0, 2)
