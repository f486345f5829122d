"""Finding the turns a correction rewrote, and where the other turns and highlights went."""

from __future__ import annotations

from desktop.library import Highlight, Position, TurnRecord
from desktop.ui.turn_diff import Rewritten, index_map, moved_highlights, reached
from desktop.ui.turn_diff import changed_runs as runs_between

COLOURS = {"A": "#111111", "B": "#222222"}


def changed_runs(old, new, old_colours=COLOURS, new_colours=COLOURS):
    return runs_between(old, new, old_colours, new_colours)


def turns(*texts: str) -> list[TurnRecord]:
    return [TurnRecord(i, "A" if t.islower() else "B", t, None, None) for i, t in enumerate(texts)]


def highlight(hid: int, first: int, last: int) -> Highlight:
    return Highlight(hid, 1, Position(first, 1), Position(last, 2), "q", "", "", None, "")


def test_an_edit_is_one_run_of_one_turn():
    assert changed_runs(turns("a", "b", "c"), turns("a", "x", "c")) == [(1, 2, 1, 2)]


def test_the_same_text_at_another_index_is_not_a_change():
    old, new = turns("a", "b", "c"), turns("a", "b", "c")
    assert changed_runs(old, new) == []


def test_a_split_and_a_merge():
    assert changed_runs(turns("a", "bc", "d"), turns("a", "b", "c", "d")) == [(1, 2, 1, 3)]
    assert changed_runs(turns("a", "b", "c", "d"), turns("a", "bc", "d")) == [(1, 3, 1, 2)]


def test_an_insertion_or_deletion_takes_a_neighbour_along():
    assert changed_runs(turns("a", "b"), turns("a", "x", "b")) == [(0, 1, 0, 2)]
    assert changed_runs(turns("a", "b"), turns("x", "a", "b")) == [(0, 1, 0, 2)]
    assert changed_runs(turns("a", "x", "b"), turns("a", "b")) == [(0, 2, 0, 1)]
    assert changed_runs(turns("x", "a"), turns("a")) == [(0, 2, 0, 1)]


def test_a_speaker_change_is_a_change():
    old = turns("a", "b")
    new = [old[0], TurnRecord(1, "C", "b", None, None)]
    assert changed_runs(old, new) == [(1, 2, 1, 2)]


def test_runs_apart_stay_apart_and_touching_ones_join():
    assert changed_runs(turns("a", "b", "c", "d", "e"), turns("x", "b", "c", "y", "e")) == [(0, 1, 0, 1), (3, 4, 3, 4)]
    assert changed_runs(turns("a", "b", "c"), turns("a", "x", "y", "q", "c")) == [(1, 2, 1, 4)]


def test_index_map_moves_the_turns_after_a_run_by_its_growth():
    runs = [(1, 2, 1, 3), (4, 6, 5, 6)]  # turn 1 split in two; turns 4 and 5 merged
    assert index_map(7, runs) == {0: 0, 2: 3, 3: 4, 6: 6}


def test_a_speaker_whose_colour_changed_is_rewritten():
    old = turns("a", "B", "c")
    assert changed_runs(old, old, COLOURS, {**COLOURS, "B": "#333333"}) == [(1, 2, 1, 2)]


def test_highlights_on_rewritten_turns_are_left_to_be_read_again():
    runs = [(2, 3, 2, 4)]
    kept = moved_highlights([highlight(1, 0, 1), highlight(2, 1, 2), highlight(3, 2, 2), highlight(4, 3, 5)],
                            Rewritten([(2, 3)]), index_map(6, runs))  # fmt: skip
    assert [(h.id, h.start, h.end) for h in kept] == [
        (1, Position(0, 1), Position(1, 2)),
        (4, Position(4, 1), Position(6, 2)),
    ]


def test_a_highlight_on_no_turn_shown_asks_for_all_to_be_read():
    runs = [(0, 1, 0, 1)]
    assert moved_highlights([highlight(1, 7, 7)], Rewritten([(0, 1)]), index_map(3, runs)) is None


def test_rewritten_says_which_highlights_touch_the_runs():
    rewritten = Rewritten([(2, 3), (6, 8), (7, 9)])  # the last two overlap: one run 6-9
    assert rewritten.spans == [(2, 3), (6, 9)]
    touched = [hid for hid, first, last in [(1, 0, 1), (2, 1, 2), (3, 3, 5), (4, 4, 6), (5, 7, 7), (6, 9, 9)]
               if rewritten.touches(highlight(hid, first, last))]  # fmt: skip
    assert touched == [2, 4, 5]


def test_the_reach_takes_in_short_neighbours_whose_highlights_context_crosses_them():
    old = turns("a" * 50, "b" * 10, "c" * 10, "d" * 40, "e" * 50, "f" * 50)
    new = [*old[:3], TurnRecord(3, "A", "x" * 40, None, None), *old[4:]]
    before, after = reached(changed_runs(old, new), old, new)
    # before turn 3: turns 2 and 1 (11 + 11 characters with their breaks) and 0; after: turn 4 only
    assert before.spans == after.spans == [(0, 5)]
