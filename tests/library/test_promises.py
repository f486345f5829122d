"""The library's promises with a number or an order in them (README "The library file",
"Command line"), each pinned at its boundary so that changing it fails a test."""

from __future__ import annotations

import pytest

from desktop.library import Library, Position, SearchError
from desktop.library.anchoring import TURN_SEPARATOR

QUOTE = "started asking for the story around it"  # in turn 5 of the sample


def highlight(library, tid, turn, phrase):
    text = library.transcripts.turns(tid)[turn].text
    start = text.index(phrase)
    return library.highlights.add(tid, Position(turn, start), Position(turn, start + len(phrase)))


def rewrite(library, tid, turn, old, new) -> str:
    """Replace `old` by `new` in one turn; returns the transcript's joined text afterwards."""
    text = library.transcripts.turns(tid)[turn].text
    library.corrections.edit(tid, turn, text.replace(old, new))
    return TURN_SEPARATOR.join(t.text for t in library.transcripts.turns(tid))


# Corrections: "words changed inside a highlight stay inside it (its quote updates; the
# quote as first made is kept), text changed before it moves it, text added at its edge
# stays outside it, and only a highlight whose words were all deleted becomes an orphan".


def test_a_reworded_quote_keeps_its_highlight_and_its_first_words(library, sample):
    h = highlight(library, sample, 5, QUOTE)
    reworded = "started requesting the story about it"

    rewrite(library, sample, 5, QUOTE, reworded)

    moved = library.highlights.get(h.id)
    assert (moved.quote, moved.original_quote, moved.orphan) == (reworded, QUOTE, False)


def test_text_added_at_either_edge_of_a_highlight_stays_outside_it(library, sample):
    h = highlight(library, sample, 5, QUOTE)

    rewrite(library, sample, 5, QUOTE, "just " + QUOTE + " again")

    moved = library.highlights.get(h.id)
    assert (moved.quote, moved.original_quote) == (QUOTE, None)
    assert moved.start.offset == h.start.offset + len("just ")


def test_a_highlight_keeping_one_word_of_its_words_is_no_orphan(library, sample):
    h = highlight(library, sample, 5, QUOTE)

    rewrite(library, sample, 5, QUOTE, "story")

    assert library.highlights.get(h.id).quote == "story"
    rewrite(library, sample, 5, "story", "")
    assert library.highlights.get(h.id).orphan


# Orphans: "kept and marked as an orphan, never deleted"; lists show them last.


def test_orphans_are_listed_after_every_other_highlight(library, sample):
    late = highlight(library, sample, 11, "the tags start talking to each other")
    middle = highlight(library, sample, 5, "three floods")
    early = highlight(library, sample, 1, "this side of the microphone")

    library.corrections.edit(sample, 1, "Thanks for having me.")  # `early` loses its words

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


# "The library file" and "Command line": a backup at most a day, the seven newest kept and
# one a week for three weeks more, 4 MB copied a step, a quick check on open up to 64 MB,
# 50 results to a page, the newest 10,000 matches ranked. Each behaviour is pinned at its
# boundary in test_backups.py, test_safety.py and test_search.py; these pin the numbers.
def test_the_numbers_of_backups_checks_and_ranking_are_the_readmes():
    from desktop.library import backup, connection, search

    assert backup.BACKUP_EVERY.total_seconds() == 24 * 3600
    assert (backup.KEEP_DAILY, backup.KEEP_WEEKLY) == (7, 3)
    assert backup.STEP_PAGES * 4096 == 4 * 2**20
    assert connection.QUICK_CHECK_UP_TO == 64_000_000
    assert search.RANK_WINDOW == 10_000


def test_an_import_parses_16_files_ahead_of_what_it_stores():
    from desktop.library import store

    assert store.PARSED_AHEAD == 16


def test_a_search_page_holds_50_results(library, tmp_path):
    for n in range(51):
        path = tmp_path / f"t{n}.txt"
        path.write_text(f"Ann: flood number {n}.\n")
        library.import_file(path)
    assert len(library.search("flood")) == 50
    assert len(library.search("flood", offset=50)) == 1
