"""Highlights: create, update, tag, delete and restore, within and across turns."""

from __future__ import annotations

import pytest

from desktop.library import LibraryError, Position


def test_highlight_in_one_turn_stores_quote_and_context(library, sample):
    turn = library.transcripts.turns(sample)[3].text
    start = turn.index("the least interesting")

    h = library.highlights.add(sample, Position(3, start), Position(3, start + 21), colour="#ffee00", note="*why*")

    assert h.quote == "the least interesting"
    assert h.prefix == turn[start - 32 : start] and len(h.prefix) == 32
    assert h.suffix == turn[start + 21 : start + 53]
    assert (h.colour, h.note, h.tags, h.orphan) == ("#ffee00", "*why*", [], False)
    assert library.highlights.get(h.id) == h


def test_highlight_across_turns(library, sample):
    turns = library.transcripts.turns(sample)
    h = library.highlights.add(sample, Position(4, 0), Position(5, 6))
    assert h.quote == turns[4].text + "\n" + turns[5].text[:6] == "Which time.\nRight."


@pytest.mark.parametrize(
    ("start", "end"),
    [(Position(0, 5), Position(0, 5)), (Position(0, 9), Position(0, 3)), (Position(0, 0), Position(0, 10_000)),
     (Position(99, 0), Position(99, 3)), (Position(-1, 0), Position(0, 3))],
)  # fmt: skip
def test_impossible_spans_are_refused(library, sample, start, end):
    with pytest.raises(LibraryError, match="no text from"):
        library.highlights.add(sample, start, end)
    assert library.highlights.list(sample) == []


def test_update_colour_and_note(library, sample):
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7), note="first")
    h = library.highlights.update(h.id, colour="#00ff00")
    assert (h.colour, h.note) == ("#00ff00", "first")
    h = library.highlights.update(h.id, note="")
    assert h.note == "" and library.conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0


def test_tags_on_a_highlight(library, sample):
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7), tags=["theme/memory"])
    h = library.highlights.add_tag(h.id, "#quote")
    h = library.highlights.add_tag(h.id, "quote")  # once only
    assert h.tags == ["quote", "theme/memory"]
    h = library.highlights.remove_tag(h.id, "theme/memory")
    assert h.tags == ["quote"]
    assert [t.name for t in library.tags.list()] == ["quote", "theme/memory"]  # the tag itself stays


def test_delete_then_restore_gives_back_the_same_highlight(library, sample):
    h = library.highlights.add(sample, Position(2, 0), Position(2, 11), note="keep", tags=["a", "b/c"])
    gone = library.highlights.delete(h.id)
    assert gone == h and library.highlights.list(sample) == []

    assert library.highlights.restore(gone) == h


def test_list_in_reading_order_and_by_tag_with_subtags(library, sample):
    late = library.highlights.add(sample, Position(9, 0), Position(9, 10), tags=["method/interview"])
    early = library.highlights.add(sample, Position(1, 0), Position(1, 6), tags=["method"])
    other = library.highlights.add(sample, Position(5, 0), Position(5, 6), tags=["methodology"])

    assert [h.id for h in library.highlights.list(sample)] == [early.id, other.id, late.id]
    assert [h.id for h in library.highlights.list(tag="method")] == [early.id, late.id]
    assert [h.id for h in library.highlights.list(tag="method/interview")] == [late.id]


def test_missing_highlight(library):
    with pytest.raises(LibraryError, match="no highlight with id 7"):
        library.highlights.update(7, note="x")


def test_context_reaches_past_short_neighbouring_turns(library, sample):
    # Turns 4 ("Which time.", 11 characters) and 8 ("And afterwards?") are shorter than the context.
    from desktop.library.anchoring import TurnMap

    turns = [t.text for t in library.transcripts.turns(sample)]
    whole = TurnMap(turns)
    for start, end in [(Position(5, 0), Position(5, 6)), (Position(3, 10), Position(3, 30)),
                       (Position(9, 0), Position(9, 10)), (Position(7, 5), Position(8, 4)),
                       (Position(0, 0), Position(0, 7)), (Position(19, 0), Position(19, 5))]:  # fmt: skip
        h = library.highlights.add(sample, start, end)  # widened to whole words
        assert whole.text[whole.offset(start) : whole.offset(end)].strip() in h.quote
        assert (h.quote, h.prefix, h.suffix) == whole.context(whole.offset(h.start), whole.offset(h.end))
