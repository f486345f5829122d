"""Transcripts in the library: import whole or not at all, duplicates, listing, rename, delete."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.formats import parse_file
from desktop.library import SCHEMA_VERSION, Library, LibraryError
from desktop.resources import SAMPLE_TRANSCRIPT
from tests.conftest import FIXTURES


def test_import_round_trips_every_turn(library, seeds):
    path = seeds / "004_63b56b2bea8ad07d.txt"
    parsed = parse_file(path)

    result = library.import_file(path)

    assert (result.turn_count, result.duplicate) == (131, False)
    stored = library.transcripts.turns(result.id)
    assert [(t.index, t.speaker, t.text, t.start, t.end) for t in stored] == [
        (t.index, t.speaker, t.text, t.start, t.end) for t in parsed.turns
    ]
    info = library.transcripts.get(result.id)
    assert (info.title, info.format, info.speakers) == ("004_63b56b2bea8ad07d", "labelled-text", parsed.speakers)
    assert len(library.transcripts.repairs(result.id)) == len(parsed.repairs) == 32


def test_times_survive_the_round_trip(library):
    tid = library.import_file(FIXTURES / "voices.vtt").id
    assert [(t.start, t.end) for t in library.transcripts.turns(tid)] == [
        (0.5, 4.25), (4.3, 6.0), (4.3, 6.0), (62.5, 64.0)
    ]  # fmt: skip


def test_the_same_file_twice_is_recognised(library, tmp_path):
    first = library.import_file(SAMPLE_TRANSCRIPT)
    copy = tmp_path / "renamed copy.txt"
    copy.write_bytes(SAMPLE_TRANSCRIPT.read_bytes())

    again = library.import_file(copy)

    assert again.duplicate and again.id == first.id and again.title == "sample"
    assert len(library.transcripts.list()) == 1


class FailingAtLabelRepairs:
    """The library's connection, failing at the last write of an import (its label repairs)."""

    def __init__(self, conn, written: list) -> None:
        self.conn, self.written = conn, written

    def __getattr__(self, name: str):
        return getattr(self.conn, name)

    def executemany(self, sql: str, rows):
        if "INTO label_repairs" in sql:
            self.written.append(self.conn.execute("SELECT count(*) FROM turns").fetchone()[0])
            raise sqlite3.OperationalError("disk I/O error")
        return self.conn.executemany(sql, rows)


def test_an_import_that_fails_midway_leaves_nothing(library, monkeypatch):
    written: list[int] = []
    monkeypatch.setattr(library.transcripts, "_conn", FailingAtLabelRepairs(library.conn, written))
    with pytest.raises(sqlite3.OperationalError):
        library.import_file(FIXTURES / "labelled.txt")
    assert written == [6]  # the turns were in when it failed

    counts = [
        library.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("transcripts", "turns", "speakers")
    ]
    assert counts == [0, 0, 0]


def test_list_filters_by_title_source_or_speaker(library):
    for name in ("otter.txt", "rev.txt", "zoom.vtt"):
        library.import_file(FIXTURES / name)
    assert [t.title for t in library.transcripts.list()] == ["zoom", "rev", "otter"]
    assert [t.title for t in library.transcripts.list("Bea")] == ["zoom"]
    assert [t.title for t in library.transcripts.list("REV")] == ["rev"]
    assert library.transcripts.list("nobody") == []


def test_rename_and_delete(library, sample):
    library.transcripts.rename(sample, "  Field   Notes, episode 1 ")
    assert library.transcripts.get(sample).title == "Field Notes, episode 1"
    with pytest.raises(LibraryError, match="empty"):
        library.transcripts.rename(sample, "  ")

    library.transcripts.delete(sample)

    assert library.transcripts.list() == []
    for table in ("turns", "speakers", "highlights", "label_repairs", "turns_fts"):
        assert library.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    with pytest.raises(LibraryError, match="no transcript with id"):
        library.transcripts.get(sample)


def test_library_file_settings(library):
    pragma = lambda name: library.conn.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") >= 5000
    assert pragma("user_version") == SCHEMA_VERSION


def test_reading_a_missing_library_is_a_clear_error(tmp_path):
    with pytest.raises(LibraryError, match="no library here yet"):
        Library(tmp_path / "none.sqlite", write=False)
    assert not (tmp_path / "none.sqlite").exists()


def test_import_files_in_parallel_keeps_order_and_reports_bad_files(library, tmp_path):
    names = ["otter.txt", "rev.txt", "zoom.vtt", "whisper.json", "pairs.txt"]
    bad = tmp_path / "bad.srt"
    bad.write_text("1\n00:00:01,000 --> 00:00:0x,000\nHi\n")
    paths = [FIXTURES / n for n in names[:2]] + [bad, tmp_path / "missing.txt"] + [FIXTURES / n for n in names[2:]]

    outcomes = list(library.import_files(paths))

    assert [path for path, _ in outcomes] == paths
    assert [o.title if not isinstance(o, str) else o for _, o in outcomes] == [
        "otter", "rev", "line 2: malformed timestamp in '00:00:01,000 --> 00:00:0x,000'", "No such file or directory",
        "zoom", "whisper", "pairs",
    ]  # fmt: skip
    assert [t.title for t in library.transcripts.list()] == ["pairs", "whisper", "zoom", "rev", "otter"]


def test_stopping_an_import_keeps_what_was_stored(library):
    paths = [FIXTURES / n for n in ("otter.txt", "rev.txt", "zoom.vtt", "whisper.json", "pairs.txt", "labelled.txt")]
    imports = library.import_files(paths)
    first = [next(imports), next(imports)]
    imports.close()  # the user pressed Cancel

    assert [t.title for t in library.transcripts.list()] == ["rev", "otter"]
    assert [r.title for _, r in first] == ["otter", "rev"]


def test_import_file_explains_a_bad_file(library, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    with pytest.raises(LibraryError, match=r"^the file is empty$"):
        library.import_file(bad)


def test_an_import_writes_its_turns_to_the_search_index_in_one_segment(library):
    library.import_file(SAMPLE_TRANSCRIPT)  # a statement per turn would write a segment per turn
    assert library.conn.execute("SELECT count(DISTINCT segid) FROM turns_fts_idx").fetchone()[0] == 1


def test_a_transcript_of_more_turns_than_a_statement_takes_is_stored_whole(library):
    library.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 20)  # two turns to a statement
    tid = library.import_file(SAMPLE_TRANSCRIPT).id
    stored = [(t.index, t.speaker, t.text) for t in library.transcripts.turns(tid)]
    assert stored == [(t.index, t.speaker, t.text) for t in parse_file(SAMPLE_TRANSCRIPT).turns]
    assert len(stored) == 20 and {h.turn for h in library.search("flood*", transcript_id=tid)} == {5, 11}
    library.conn.execute("INSERT INTO turns_fts (turns_fts) VALUES ('integrity-check')")
