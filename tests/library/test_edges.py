"""Edges of the library's promises that the main tests pass over: the context stored around a
highlight next to short turns, word snapping at the ends of a turn, what each write reports,
split and merge keeping turn numbers whole, the one-line messages a user reads, and the
reasons a backup could not be made."""

from __future__ import annotations

import errno
import sqlite3
from dataclasses import replace

import pytest

from desktop.library import Library, LibraryError, Position, backup, connection
from desktop.library.anchoring import TurnMap, snap_to_words
from desktop.library.changes import Changes
from desktop.library.connection import storage_error
from desktop.library.models import ConflictError, SearchError
from desktop.resources import SAMPLE_TRANSCRIPT
from tests.conftest import FIXTURES

LONG = "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu."
TURNS = [
    ("Ann", LONG),
    ("Bo", "Ok."),
    ("Ann", "Short one here."),
    ("Bo", "Yes."),
    ("Ann", "Thirty-two characters long, ok."),
    ("Bo", "No."),
    ("Ann", LONG),
    ("Bo", "Mm."),
    ("Ann", "Fine."),
]


@pytest.fixture
def talk(library, tmp_path) -> int:
    """A transcript of long and very short turns, alternating speakers."""
    path = tmp_path / "talk.txt"
    path.write_text("".join(f"{who}: {text}\n\n" for who, text in TURNS), encoding="utf-8")
    tid = library.import_file(path).id
    assert [t.text for t in library.transcripts.turns(tid)] == [text for _, text in TURNS]
    return tid


def tracked(library: Library, write) -> Changes:
    with library.tracking() as log:
        write()
    return log.changes


def indexes(library: Library, tid: int) -> list[int]:
    return [t.index for t in library.transcripts.turns(tid)]


# --- the 32 characters either side ------------------------------------------------------


def test_context_is_32_characters_of_the_joined_transcript_whatever_the_turn_lengths(library, talk):
    whole = TurnMap([text for _, text in TURNS])
    spans = []
    for turn, (_, text) in enumerate(TURNS):
        position = 0
        for word in text.split():
            start = text.index(word, position)
            position = start + len(word)
            spans.append((Position(turn, start), Position(turn, position)))
        if turn + 1 < len(TURNS):  # from the last word of this turn into the next one
            spans.append((Position(turn, len(text) - 3), Position(turn + 1, 2)))
    for start, end in spans:
        h = library.highlights.add(talk, start, end)
        assert (h.quote, h.prefix, h.suffix) == whole.context(whole.offset(h.start), whole.offset(h.end)), (start, end)


def test_a_word_right_after_a_short_turn_keeps_the_turns_before_it_as_context(library, talk):
    h = library.highlights.add(talk, Position(2, 0), Position(2, 5))
    assert h.quote == "Short"
    assert h.prefix == (LONG + "\nOk.\n")[-32:]


def test_a_word_right_before_a_short_turn_keeps_the_turns_after_it_as_context(library, talk):
    h = library.highlights.add(talk, Position(4, 27), Position(4, 30))
    assert h.quote == "ok"
    assert h.suffix == (".\nNo.\n" + LONG)[:32]


def test_a_span_ending_at_the_start_of_the_next_turn_or_past_the_last_is_refused(library, talk):
    with pytest.raises(LibraryError, match="no text from"):
        library.highlights.add(talk, Position(0, 0), Position(1, 0))
    with pytest.raises(LibraryError, match="no text from"):
        library.highlights.add(talk, Position(7, 0), Position(len(TURNS), 2))
    assert library.highlights.list(talk) == []


def test_a_span_from_the_very_end_of_a_turn_still_snaps_its_other_end(library, talk):
    h = library.highlights.add(talk, Position(0, len(LONG)), Position(1, 1))
    assert (h.start, h.end, h.quote) == (Position(0, len(LONG)), Position(1, 2), "\nOk")
    h = library.highlights.add(talk, Position(2, 7), Position(2, len("Short one here.")))
    assert (h.start, h.quote) == (Position(2, 6), "one here.")


@pytest.mark.parametrize(
    ("text", "start", "end", "quote"),
    [
        (" a b", 0, 2, "a"),  # an odd run of spaces before a one-letter word
        ("a b ", 0, 4, "a b"),  # a space at the end is left out
        ("researchers", 1, 4, "researchers"),  # from the second letter
        ("abcd", 3, 4, "abcd"),  # from the last letter
        ("ab", 0, 1, "ab"),  # to the first letter
        ("don't", 0, 3, "don't"),  # an apostrophe one letter from the end
        ("the dogs'", 4, 8, "dogs"),  # a trailing apostrophe joins nothing
    ],
)
def test_a_selection_widens_to_whole_words(text, start, end, quote):
    first, last = snap_to_words(text, start, text, end, same_turn=True)
    assert text[first:last] == quote


def test_an_end_at_the_start_of_a_turn_cuts_no_word():
    assert snap_to_words("x", 0, "ab", 0, same_turn=False) == (0, 0)


# --- what a highlight stores -------------------------------------------------------------


def test_a_highlight_without_a_note_has_none_and_both_its_times(library, sample):
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7))
    assert h.note == "" and library.conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
    assert h.created and h.created == h.updated
    assert library.highlights.get(h.id) == h


def test_a_highlight_can_be_added_under_a_known_id(library, sample):
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7), highlight_id=41)
    assert h.id == 41 and library.highlights.get(41) == h


def test_restore_gives_the_note_back_its_own_time(library, sample):
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7), note="keep")
    gone = replace(library.highlights.delete(h.id), updated="2020-01-02T03:04:05Z")
    assert library.highlights.restore(gone).updated == "2020-01-02T03:04:05Z"
    (stamp,) = library.conn.execute("SELECT updated FROM notes WHERE highlight_id = ?", (h.id,)).fetchone()
    assert stamp == "2020-01-02T03:04:05Z"


def test_listing_by_transcript_and_tag_together(library, sample):
    other = library.import_file(FIXTURES / "whisperx.json").id
    mine = library.highlights.add(sample, Position(1, 0), Position(1, 6), tags=["theme/memory"])
    library.highlights.add(sample, Position(2, 0), Position(2, 5), tags=["other"])
    theirs = library.highlights.add(other, Position(0, 0), Position(0, 3), tags=["theme"])
    assert [h.id for h in library.highlights.list(sample, tag="theme")] == [mine.id]
    assert [h.id for h in library.highlights.list(other, tag="theme")] == [theirs.id]
    assert library.highlights.list(other, tag="other") == []


def test_listing_a_tag_with_like_wildcards_takes_them_literally(library, sample):
    exact = library.highlights.add(sample, Position(1, 0), Position(1, 6), tags=["a_b/c"])
    library.highlights.add(sample, Position(2, 0), Position(2, 5), tags=["axb/c"])
    library.highlights.add(sample, Position(3, 0), Position(3, 8), tags=["50%x/c"])
    assert [h.id for h in library.highlights.list(tag="a_b")] == [exact.id]
    assert library.highlights.list(tag="50%") == []


def test_tag_and_untag_refuse_a_highlight_changed_elsewhere(library, sample):
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7))
    library.highlights.update(h.id, note="changed")
    with pytest.raises(ConflictError, match="changed elsewhere"):
        library.highlights.tag(h.id, "quote", expect=h)
    with pytest.raises(ConflictError, match="changed elsewhere"):
        library.highlights.untag(h.id, "quote", expect=h)
    assert library.highlights.get(h.id).tags == []


def test_a_highlight_deleted_elsewhere_is_said_so(library, sample):
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7))
    library.highlights.delete(h.id)
    with pytest.raises(ConflictError) as caught:
        library.highlights.update(h.id, note="x", expect=h)
    assert str(caught.value) == f"highlight {h.id} was deleted elsewhere"


def test_untag_with_drop_tag_deletes_the_tag_it_made_when_unused(library, sample):
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7))
    h, created = library.highlights.tag(h.id, "#Quote")
    assert created is not None
    changes = tracked(library, lambda: library.highlights.untag(h.id, "#Quote", drop_tag=created))
    assert library.tags.list() == [] and changes.tags

    h, created = library.highlights.tag(h.id, "kept")
    library.highlights.untag(h.id, "kept")  # no drop_tag: the tag stays
    assert [t.name for t in library.tags.list()] == ["kept"]


def test_untag_with_drop_tag_leaves_a_tag_renamed_since(library, sample):
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7))
    h, created = library.highlights.tag(h.id, "draft")
    library.tags.rename("draft", "final")  # elsewhere: the tag is now someone's "final"
    library.highlights.remove_tag(h.id, "final")
    library.highlights.untag(h.id, "draft", drop_tag=created)
    assert [t.name for t in library.tags.list()] == ["final"]


def test_drop_if_unused_without_a_name(library, sample):
    tag = library.tags.create("loose")
    used = library.tags.create("used")
    library.highlights.add(sample, Position(0, 0), Position(0, 7), tags=["used"])
    assert library.tags.drop_if_unused(used.id) is False
    changes = tracked(library, lambda: library.tags.drop_if_unused(tag.id))
    assert changes == Changes(tags=True)
    assert [t.name for t in library.tags.list()] == ["used"]
    assert library.tags.drop_if_unused(tag.id) is False  # gone already


def test_drop_if_unused_matches_the_name_as_tags_write_it(library):
    tag = library.tags.create("quote")
    assert library.tags.drop_if_unused(tag.id, "other") is False
    assert library.tags.drop_if_unused(tag.id, "#Quote") is True
    assert library.tags.list() == []


def test_a_new_tag_has_no_description_and_reports_the_tag_list(library):
    changes = tracked(library, lambda: library.tags.create("plain"))
    assert library.tags.get("plain").description == "" and changes == Changes(tags=True)
    changes = tracked(library, lambda: library.tags.describe("plain", "what it means"))
    assert changes.tags and library.tags.get("plain").description == "what it means"


# --- what each write reports (the views refresh from it) ----------------------------------


def test_highlight_writes_report_their_tags_and_counts(library, sample):
    library.tags.create("a")  # tags that exist: only the highlight's own write reports the tag list
    library.tags.create("b")
    tagged = []
    changes = tracked(
        library, lambda: tagged.append(library.highlights.add(sample, Position(1, 0), Position(1, 6), tags=["a"]))
    )
    assert changes == Changes(frozenset({sample}), highlights=frozenset({(sample, tagged[0].id)}), tags=True)
    added = []
    changes = tracked(library, lambda: added.append(library.highlights.add(sample, Position(0, 0), Position(0, 7))))
    h = added[0]
    assert changes == Changes(frozenset({sample}), highlights=frozenset({(sample, h.id)}))

    pair = frozenset({(sample, h.id)})
    assert tracked(library, lambda: library.highlights.tag(h.id, "a")) == Changes(highlights=pair, tags=True)
    h = library.highlights.get(h.id)
    assert tracked(library, lambda: library.highlights.untag(h.id, "a")) == Changes(highlights=pair, tags=True)
    h = library.highlights.add_tag(h.id, "b")
    gone = []
    changes = tracked(library, lambda: gone.append(library.highlights.delete(h.id)))
    assert changes == Changes(frozenset({sample}), highlights=pair, tags=True)
    changes = tracked(library, lambda: library.highlights.restore(gone[0]))
    assert changes == Changes(frozenset({sample}), highlights=pair, tags=True)


def test_an_untagged_highlight_deleted_and_restored_leaves_the_tag_list_alone(library, sample):
    h = library.highlights.add(sample, Position(0, 0), Position(0, 7))
    pair = frozenset({(sample, h.id)})
    assert tracked(library, lambda: library.highlights.delete(h.id)) == Changes(frozenset({sample}), highlights=pair)
    assert tracked(library, lambda: library.highlights.restore(h)) == Changes(frozenset({sample}), highlights=pair)


def test_speaker_edits_report_the_transcript_and_its_turns(library, sample):
    which = frozenset({sample})
    expected = Changes(transcripts=which, turns=which)
    assert tracked(library, lambda: library.speakers.rename(sample, "Maya Okafor", "Maya")) == expected
    moved = []
    assert tracked(library, lambda: moved.append(library.speakers.merge(sample, "Maya", "Tomás Reyes"))) == expected
    assert tracked(library, lambda: library.speakers.assign(sample, moved[0], "Maya")) == expected


def test_deleting_a_transcript_reports_it_its_turns_and_the_tags(library, sample):
    which = frozenset({sample})
    assert tracked(library, lambda: library.transcripts.delete(sample)) == Changes(which, which, tags=True)


@pytest.mark.parametrize(
    ("changes", "touched"),
    [
        (Changes(), False),
        (Changes(everything=True), True),
        (Changes(turns=frozenset({1})), True),
        (Changes(transcripts=frozenset({1})), True),
        (Changes(highlights=frozenset({(1, 5)})), True),
        (Changes(highlights=frozenset({(2, 5)})), False),
        (Changes(frozenset({2}), frozenset({2}), frozenset({(2, 5)}), tags=True), False),
    ],
)
def test_what_touches_transcript_1(changes, touched):
    assert changes.touches(1) is touched


# --- split, merge and re-anchoring ------------------------------------------------------


def test_a_split_trims_the_space_at_the_cut_and_numbers_later_turns_on(library, talk):
    library.corrections.split(talk, 2, len("Short"))
    texts = [t.text for t in library.transcripts.turns(talk)]
    assert texts[2:4] == ["Short", "one here."]
    assert indexes(library, talk) == list(range(len(TURNS) + 1))


def test_a_split_at_either_end_of_a_turn_is_refused(library, talk):
    for offset in (0, len(LONG)):
        with pytest.raises(LibraryError) as caught:
            library.corrections.split(talk, 0, offset)
        assert str(caught.value) == "a split must leave text on both sides"
    assert [t.text for t in library.transcripts.turns(talk)] == [text for _, text in TURNS]


def test_a_merge_in_the_middle_numbers_later_turns_back(library, talk):
    library.corrections.merge(talk, 3)
    turns = library.transcripts.turns(talk)
    assert indexes(library, talk) == list(range(len(TURNS) - 1))
    assert turns[2].text == "Short one here.\n\nYes." and turns[3].text == TURNS[4][1]
    assert turns[-1].text == "Fine."


def test_a_highlight_found_again_after_an_edit_points_at_its_own_words(library, talk):
    # Turn 6 starts with the very words the transcript starts with.
    h = library.highlights.add(talk, Position(6, 0), Position(6, 5))
    library.corrections.edit(talk, 2, "Short one here, and longer now.")
    moved = library.highlights.get(h.id)
    assert (moved.start, moved.end, moved.quote, moved.orphan) == (Position(6, 0), Position(6, 5), "Alpha", False)


# --- speakers ---------------------------------------------------------------------------


def test_a_new_speaker_name_has_its_spaces_tidied(library, sample):
    library.speakers.rename(sample, "Maya Okafor", "  Maya \t Okafor-Lin ")
    assert library.speakers.list(sample)[0] == "Maya Okafor-Lin"


def test_speakers_are_listed_most_words_first_and_a_zero_length_turn_has_zero_talk_time(library, tmp_path):
    path = tmp_path / "talk.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:01,000\nAnn: Hi.\n\n"
        "2\n00:00:02,000 --> 00:00:06,000\nBo: Hello there, how are you today?\n\n"
        "3\n00:00:07,000 --> 00:00:07,000\nAnn: Fine.\n\n"
        "4\n00:00:08,000 --> 00:00:09,000\nBo: Good to hear that.\n",
        encoding="utf-8",
    )
    tid = library.import_file(path).id
    stats = library.speakers.stats(tid)
    assert [s.name for s in stats] == ["Bo", "Ann"]
    assert (stats[1].words, stats[1].talk_time) == (2, 0.0)
    assert stats[0].talk_time == pytest.approx(5.0)


# --- the lines a user reads --------------------------------------------------------------


def test_each_refusal_is_one_line_saying_why(library, sample):
    def said(write) -> str:
        with pytest.raises(LibraryError) as caught:
            write()
        return str(caught.value)

    assert said(lambda: library.transcripts.rename(sample, "  ")) == "a title cannot be empty"
    assert said(lambda: library.corrections.edit(sample, 0, " \n")) == "a turn's text cannot be empty"
    assert said(lambda: library.corrections.edit(sample, 99, "x")) == f"transcript {sample} has no turn 99"
    assert said(lambda: library.corrections.split(sample + 7, 0, 3)).startswith(f"no transcript with id {sample + 7}")
    assert said(lambda: library.corrections.undo_repair(999)) == "no label repair with id 999"
    assert said(lambda: library.speakers.rename(sample, "Maya Okafor", " ")) == "a speaker's name cannot be empty"
    assert said(lambda: library.speakers.merge(sample, "Maya Okafor", "Maya Okafor")) == (
        "a speaker cannot be merged into themselves"
    )
    assert said(lambda: library.speakers.rename(sample, "Nobody", "X")) == (
        f"nobody called 'Nobody' speaks in transcript {sample}"
    )
    library.tags.create("quote")
    assert said(lambda: library.tags.merge("quote", "#Quote")) == "a tag cannot be merged into itself"
    assert said(lambda: library.tags.create("///")) == "'///' is not a tag name"
    with pytest.raises(SearchError) as caught:
        library.search("   ")
    assert str(caught.value) == "type something to search for"


def test_a_refusal_for_a_missing_transcript_names_it(library):
    with pytest.raises(LibraryError) as caught:
        library.transcripts.delete(12)
    assert str(caught.value) == "no transcript with id 12"


# --- storage errors and backups ------------------------------------------------------------


def sqlite_error(text: str, name: str | None) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(text)
    if name is not None:
        exc.sqlite_errorname = name  # as SQLite's own errors carry it
    return exc


@pytest.mark.parametrize(
    ("exc", "said"),
    [
        (sqlite_error("database or disk is full", None), "disk full: database or disk is full; nothing was saved"),
        (sqlite_error("disk I/O error", "SQLITE_FULL"), "disk full: disk I/O error; nothing was saved"),
        (sqlite_error("attempt to write a readonly database", None), "read-only: attempt to write a readonly"),
        (sqlite_error("unable to open", "SQLITE_READONLY_DIRECTORY"), "read-only: unable to open; reading works"),
    ],
)
def test_a_full_disk_or_a_read_only_library_is_known_by_its_code_or_its_message(exc, said):
    assert str(storage_error(exc)).startswith(said)
    assert str(storage_error(exc, "cannot open the library")).startswith(said)


def test_any_other_storage_error_is_said_with_its_context_or_not_at_all():
    exc = sqlite_error("no such table: turns", "SQLITE_ERROR")
    assert storage_error(exc) is None
    assert str(storage_error(exc, "cannot open the library")) == "cannot open the library: no such table: turns"


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "disk full: No space left on device"),
        (OSError(errno.EACCES, "Permission denied"), "Permission denied"),
        (sqlite3.OperationalError("unable to open database file"), "unable to open database file"),
    ],
)
def test_a_backup_that_cannot_be_made_says_why_in_the_users_words(tmp_path, monkeypatch, error, reason):
    path = tmp_path / "library.sqlite"
    with Library(path) as library:
        library.import_file(SAMPLE_TRANSCRIPT)

    def fail(source, target, cancelled):
        raise error

    monkeypatch.setattr(backup, "_copy", fail)
    with Library(path) as library:
        assert library.warnings == [f"no backup made ({reason}); there is no earlier backup"]


def test_a_library_opened_for_reading_waits_30_s_for_a_writer(tmp_path, monkeypatch):
    path = tmp_path / "library.sqlite"
    with Library(path) as library:
        library.import_file(SAMPLE_TRANSCRIPT)
    real = connection.os.access
    monkeypatch.setattr(connection.os, "access", lambda p, mode, **kw: not (mode & 2 and p == path) and real(p, mode))
    with Library(path, write=False) as reading:
        assert reading.conn.execute("PRAGMA busy_timeout").fetchone() == (30_000,)


def test_a_read_only_library_reads_changes_still_in_its_wal_file(tmp_path, monkeypatch):
    path = tmp_path / "library.sqlite"
    writer = Library(path)
    tid = writer.import_file(SAMPLE_TRANSCRIPT).id
    writer.transcripts.rename(tid, "renamed")  # still open: the change sits in library.sqlite-wal
    assert path.with_name("library.sqlite-wal").stat().st_size > 0
    real = connection.os.access
    monkeypatch.setattr(connection.os, "access", lambda p, mode, **kw: not (mode & 2 and p == path) and real(p, mode))
    try:
        with Library(path, write=False) as reading:
            assert [t.title for t in reading.transcripts.list()] == ["renamed"]
    finally:
        writer.close()
