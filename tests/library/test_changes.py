"""One write path: every write notes what it changed; writes that undo another check first;
ids are never reused; a version-1 library keeps every row through the rebuild of its tables."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.library import Library, LibraryError, Position
from desktop.library.anchoring import snap_to_words
from desktop.library.changes import Changes
from desktop.library.models import ConflictError
from desktop.library.schema import MIGRATIONS
from desktop.resources import SAMPLE_TRANSCRIPT


def tracked(library: Library, write) -> Changes:
    with library.tracking() as log:
        write()
    return log.changes


def test_a_note_edit_reports_only_that_highlight(library, sample):
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7))
    changes = tracked(library, lambda: library.highlights.update(h.id, note="why"))
    assert changes == Changes(highlights=frozenset({(sample, h.id)}))


def test_new_highlights_report_counts_and_tags(library, sample):
    changes = tracked(library, lambda: library.highlights.add(sample, Position(0, 0), Position(0, 7), tags=["a"]))
    (hid,) = library.highlights.list(sample)
    assert changes == Changes(frozenset({sample}), highlights=frozenset({(sample, hid.id)}), tags=True)


def test_a_tag_rename_reports_every_highlight_showing_it(library, sample):
    one = library.highlights.add(sample, Position(0, 0), Position(0, 7), tags=["theme/x"])
    two = library.highlights.add(sample, Position(1, 0), Position(1, 5), tags=["theme"])
    library.highlights.add(sample, Position(2, 0), Position(2, 5), tags=["other"])
    changes = tracked(library, lambda: library.tags.rename("theme", "topic"))
    assert changes.tags and changes.highlights == {(sample, one.id), (sample, two.id)}


def test_turn_edits_report_the_transcript(library, sample):
    text = library.transcripts.turns(sample)[1].text
    changes = tracked(library, lambda: library.corrections.edit(sample, 1, text + " Yes."))
    assert changes.turns == {sample} and changes.touches(sample) and not changes.touches(sample + 1)


def test_a_failed_write_reports_nothing(library, sample):
    with library.tracking() as log, pytest.raises(LibraryError):
        library.highlights.add(sample, Position(0, 0), Position(0, 10_000))
    assert not log.changes


def test_a_nested_write_reports_when_the_outer_one_commits(library, sample):
    with library.tracking() as log:
        with library.write():
            library.highlights.add(sample, Position(0, 0), Position(0, 7))
            assert not log.changes
        assert log.changes.highlights


@pytest.mark.parametrize(
    ("text", "start", "end", "quote"),
    [
        ("a brilliant researchers' work", 12, 22, "researchers"),  # brilliant researcher|s
        ("a brilliant researchers' work", 14, 23, "researchers"),
        ("  well-known words  ", 0, 8, "well-known"),
        ("don't stop", 0, 3, "don't"),
        ("one. two", 3, 6, ". two"),  # punctuation at an edge stays as selected
        ("   ", 0, 2, "  "),  # nothing but space: left alone
    ],
)
def test_a_selection_snaps_to_word_edges(text, start, end, quote):
    first, last = snap_to_words(text, start, text, end, same_turn=True)
    assert text[first:last] == quote


def test_the_library_stores_whole_words(library, sample):
    turn = library.transcripts.turns(sample)[0].text
    start = turn.index("Field Notes")
    h = library.highlights.add(sample, Position(0, start + 2), Position(0, start + 8))
    assert h.quote == "Field Notes"


def test_find_gives_the_highlight_of_exactly_a_span(library, sample):
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7))
    assert library.highlights.find(sample, h.start, h.end) == h
    assert library.highlights.find(sample, h.start, Position(0, 6)) is None


def test_an_undo_refuses_a_highlight_changed_elsewhere(library, sample, tmp_path):
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7))
    with Library(library.path, backup=False) as other:  # the CLI, a second window
        other.highlights.update(h.id, note="theirs")
    with pytest.raises(ConflictError, match="changed elsewhere"):
        library.highlights.delete(h.id, expect=h)
    with pytest.raises(ConflictError):
        library.highlights.update(h.id, note="mine", expect=h)
    assert library.highlights.get(h.id).note == "theirs"


def test_ids_are_never_reused(library, sample):
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7))
    library.highlights.delete(h.id)
    assert library.highlights.add(sample, Position(0, 0), Position(0, 7)).id == h.id + 1
    tag = library.tags.create("gone")
    library.tags.delete("gone")
    assert library.tags.create("new").id == tag.id + 1
    library.transcripts.delete(sample)
    assert library.import_file(SAMPLE_TRANSCRIPT).id == sample + 1


def test_restore_refuses_an_id_that_exists(library, sample):
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7))
    with pytest.raises(LibraryError, match="exists already"):
        library.highlights.restore(h)


def test_untag_drops_only_the_tag_it_created_and_only_when_unused(library, sample):
    library.tags.create("quote")
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7))
    h, created = library.highlights.tag(h.id, "#quote")  # the same tag, written differently
    assert created is None and h.tags == ["quote"]
    library.highlights.untag(h.id, "#quote", expect=h, drop_tag=created)
    assert [t.name for t in library.tags.list()] == ["quote"]

    h, created = library.highlights.tag(h.id, " new  / sub ")
    assert created is not None and h.tags == ["new/sub"]
    other = library.highlights.add(sample, Position(1, 0), Position(1, 5), tags=["new/sub"])
    library.highlights.untag(h.id, "new/sub", expect=h, drop_tag=created)
    assert [t.name for t in library.tags.list()] == ["new/sub", "quote"]  # another highlight carries it
    assert library.highlights.get(other.id).tags == ["new/sub"]


def test_a_tag_is_not_restored_over_one_made_since(library, sample):
    tag = library.tags.create("quote")
    library.tags.delete("quote")
    library.tags.create("Quote")
    with pytest.raises(LibraryError, match="exists again"):
        library.tags.restore(tag, [])


def test_version_1_libraries_keep_every_row_and_reference(tmp_path):
    path = tmp_path / "v1.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
    conn.executescript("""
        INSERT INTO transcripts VALUES (3, 'T', 't.txt', 'text', 'hash', '2026-01-01T00:00:00Z', '{}');
        INSERT INTO speakers VALUES (1, 3, 'Ann');
        INSERT INTO turns (id, transcript_id, idx, speaker_id, text) VALUES (1, 3, 0, 1, 'Hello there.');
        INSERT INTO highlights VALUES (5, 3, 0, 0, 0, 5, 'Hello', '', ' there.', NULL, 0, 'c', 'u');
        INSERT INTO tags VALUES (2, 'quote', '#ffffff', '');
        INSERT INTO highlight_tags VALUES (5, 2);
        INSERT INTO notes VALUES (1, 5, 'why', 'u');
        INSERT INTO label_repairs (id, transcript_id, turn, words) VALUES (1, 3, 0, 'so');
    """)
    conn.close()

    with Library(path) as library:
        h = library.highlights.get(5)
        assert (h.transcript_id, h.quote, h.tags, h.note) == (3, "Hello", ["quote"], "why")
        assert library.transcripts.get(3).speakers == ["Ann"]
        assert library.transcripts.repairs(3)[0].words == "so"
        for table in ("highlights", "tags", "transcripts"):
            sql = library.conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
            assert "AUTOINCREMENT" in sql
        assert library.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        library.transcripts.delete(3)  # cascades still reach every table after the rebuild
        for table in ("turns", "speakers", "highlights", "highlight_tags", "notes", "label_repairs"):
            assert library.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
        assert library.tags.list()[0].name == "quote"
        assert library.import_file(SAMPLE_TRANSCRIPT).id == 4  # never 3 again
