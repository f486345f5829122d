"""The library's promises with a number or an order in them (README "The library file",
"Command line"), each pinned at its boundary so that changing it fails a test."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from desktop.library import Library, Position, SearchError
from desktop.library.anchoring import TURN_SEPARATOR, Anchor, _snap, locate

QUOTE = "started asking for the story around it"  # in turn 5 of the sample


def highlight(library, tid, turn, phrase):
    text = library.transcripts.turns(tid)[turn].text
    start = text.index(phrase)
    return library.highlights.add(tid, Position(turn, start), Position(turn, start + len(phrase)))


def rewrite(library, tid, turn, old, new) -> str:
    """Replace `old` by `new` in one turn; returns the transcript's joined text afterwards."""
    text = library.transcripts.turns(tid)[turn].text
    library.transcripts.edit_turn(tid, turn, text.replace(old, new))
    return TURN_SEPARATOR.join(t.text for t in library.transcripts.turns(tid))


# Fuzzy re-anchoring: "a fuzzy match (rapidfuzz, score ≥ 80, snapped to word edges)".


def test_a_correction_scoring_just_over_80_reanchors(library, sample):
    h = highlight(library, sample, 5, QUOTE)
    corrected = "started asking about the history of it"

    after = rewrite(library, sample, 5, QUOTE, corrected)

    assert 80 <= fuzz.partial_ratio(QUOTE, after) < 85  # the case is near the threshold
    moved = library.highlights.get(h.id)
    assert not moved.orphan
    assert moved.quote == corrected and moved.start.turn == 5


def test_a_correction_scoring_under_80_leaves_an_orphan(library, sample):
    h = highlight(library, sample, 5, QUOTE)

    after = rewrite(library, sample, 5, QUOTE, "started requesting the story about it")

    assert 50 < fuzz.partial_ratio(QUOTE, after) < 80  # a lower threshold would re-anchor it
    orphan = library.highlights.get(h.id)
    assert orphan.orphan and orphan.quote == QUOTE


# Orphans: "kept and marked as an orphan, never deleted"; lists show them last.


def test_orphans_are_listed_after_every_other_highlight(library, sample):
    late = highlight(library, sample, 11, "the tags start talking to each other")
    middle = highlight(library, sample, 5, "three floods")
    early = highlight(library, sample, 1, "this side of the microphone")

    library.transcripts.edit_turn(sample, 1, "Thanks for having me.")  # `early` loses its words

    listed = library.highlights.list(sample)
    assert [h.id for h in listed] == [middle.id, late.id, early.id]  # reading order, then the orphan
    assert [h.orphan for h in listed] == [False, False, True]
    assert [h.id for h in library.highlights.list()] == [middle.id, late.id, early.id]


# Search: "best first", and a query of at most 1000 characters.


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_search_puts_the_best_match_first_not_the_first_stored(library, tmp_path):
    sparse = "Host: " + " ".join(["We talked about the weather and the harvest for a while"] * 6) + " and a flood.\n"
    dense = "Guest: The flood, the flood, always the flood.\n"
    first = library.import_file(write(tmp_path, "sparse.txt", sparse)).id
    second = library.import_file(write(tmp_path, "dense.txt", dense)).id

    hits = library.search("flood")

    assert [h.transcript_id for h in hits] == [second, first]


def test_a_query_of_1000_characters_runs_and_1001_is_refused(library, sample):
    assert library.search("x" * 1000) == []
    assert library.search("flood" + " " * 2000 + "floods") != []  # runs of spaces count as one
    with pytest.raises(SearchError, match=r"too long \(1001 characters; at most 1000\)"):
        library.search("x" * 1001)


# Opening: "a second process waits its turn (30 s busy timeout)".


def test_the_busy_timeout_is_30_seconds(tmp_path):
    for write_mode in (True, False):
        with Library(tmp_path / "library.sqlite", write=write_mode) as library:
            assert library.conn.execute("PRAGMA busy_timeout").fetchone() == (30_000,)


# "... else a fuzzy match (rapidfuzz, score ≥ 80, snapped to word edges)".


@pytest.mark.parametrize(
    ("quote", "text", "found"),
    [
        (
            "keep track of what they learn",
            "how people kep track of what they learned today",
            "kep track of what they learned",
        ),
        ("the flood came", "and theflood came back. ", "theflood came"),
        ("Ada who was ninety", "named Adaa, who was ninety-one.", "Adaa, who was ninety"),
    ],
)
def test_a_fuzzy_match_is_snapped_to_word_edges(quote, text, found):
    span = locate(text, Anchor(quote, "", "", 0))
    assert span is not None and text[span[0] : span[1]] == found


def test_snapping_reaches_back_to_the_start_of_a_word():
    text = "and the rerecordings from that period were"
    start = text.index("recordings")
    assert _snap(text, start, start + len("recordings from that period"), "recordings from that period") == (
        text.index("rerecordings"),
        text.index(" were"),
    )
