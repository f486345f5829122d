"""How the library's connection behaves: autocommit outside write(), and the one-line
messages for a full disk, a read-only file or folder, and a damaged file."""

from __future__ import annotations

import logging
import os
import sqlite3

import pytest

from desktop.library import Library, LibraryError, backups, connection
from desktop.resources import SAMPLE_TRANSCRIPT

READ_ONLY_FILE = "read-only: the file cannot be changed; reading works, changes cannot be saved"


def test_a_stray_statement_outside_write_cannot_swallow_a_later_write(tmp_path):
    path = tmp_path / "library.sqlite"
    library = Library(path)
    tid = library.import_file(SAMPLE_TRANSCRIPT).id
    library.conn.execute("UPDATE transcripts SET source = source")  # outside write()

    library.transcripts.rename(tid, "renamed")
    assert not library.conn.in_transaction
    library.conn.close()  # no commit: every write must already be in the file

    with sqlite3.connect(path) as other:
        assert other.execute("SELECT title FROM transcripts").fetchall() == [("renamed",)]


def long_transcript(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("".join(f"Ann: sentence number {n} of a long talk.\n\nBo: reply {n}.\n\n" for n in range(3000)))
    return path


def test_a_full_disk_is_one_line_and_stores_none_of_the_change(library, sample, tmp_path):
    pages = library.conn.execute("PRAGMA page_count").fetchone()[0]
    library.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # SQLite's own SQLITE_FULL, for real

    with pytest.raises(LibraryError) as caught:
        library.import_file(long_transcript(tmp_path))

    assert str(caught.value) == "disk full: database or disk is full; nothing was saved by this change"
    assert not library.conn.in_transaction
    assert [t.id for t in library.transcripts.list()] == [sample]
    library.conn.execute("PRAGMA max_page_count = 1073741823")  # space again: writing works
    assert library.import_file(long_transcript(tmp_path)).turn_count == 6000


def pretend_read_only(monkeypatch, *read_only) -> None:
    """Root may write anywhere, so `os.access` is made to answer as it does for a user
    without write permission on these paths (simulated; see test_cli for real read-only mounts)."""
    real = os.access

    def access(path, mode, **kwargs):
        if mode & os.W_OK and os.fspath(path) in {os.fspath(p) for p in read_only}:
            return False
        return real(path, mode, **kwargs)

    monkeypatch.setattr(connection.os, "access", access)


@pytest.mark.parametrize("file_read_only", [True, False])
def test_writing_to_a_library_opened_for_reading_is_sqlites_read_only_error_in_one_line(
    tmp_path, monkeypatch, file_read_only
):
    path = tmp_path / "library.sqlite"
    with Library(path) as library:
        tid = library.import_file(SAMPLE_TRANSCRIPT).id
    if file_read_only:
        pretend_read_only(monkeypatch, path)  # opened `mode=ro`, else `query_only`
    with Library(path, write=False) as reading:
        with pytest.raises(LibraryError) as caught:
            reading.transcripts.rename(tid, "new title")  # SQLite's own refusal, mapped
        assert str(caught.value) == (
            "read-only: attempt to write a readonly database; reading works, changes cannot be saved"
        )
        assert reading.transcripts.get(tid).title == "sample"
    if not file_read_only:  # (a `mode=ro` reader cannot remove the -wal and -shm it needed)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["library.sqlite"]


def test_a_read_only_file_reads_but_refuses_writing_in_one_line(tmp_path, monkeypatch):
    path = tmp_path / "library.sqlite"
    with Library(path) as library:
        library.import_file(SAMPLE_TRANSCRIPT)
    pretend_read_only(monkeypatch, path)

    with pytest.raises(LibraryError) as caught:
        Library(path)
    assert str(caught.value) == READ_ONLY_FILE
    with Library(path, write=False) as library:
        assert [t.title for t in library.transcripts.list()] == ["sample"]
    assert backups(path) == []


def test_a_read_only_folder_refuses_a_new_library_in_one_line(tmp_path, monkeypatch):
    pretend_read_only(monkeypatch, tmp_path)
    with pytest.raises(LibraryError) as caught:
        Library(tmp_path / "library.sqlite")
    assert str(caught.value) == f"read-only: its folder {tmp_path} cannot be changed; no library can be made there"
    assert list(tmp_path.iterdir()) == []


def test_a_damaged_library_is_one_line_and_the_full_check_is_in_the_log(tmp_path, caplog):
    path = tmp_path / "library.sqlite"
    with Library(path) as library:
        library.import_file(SAMPLE_TRANSCRIPT)
        root = library.conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'turn_store'").fetchone()[0]
        size = library.conn.execute("PRAGMA page_size").fetchone()[0]
    Library(path).close()  # a backup
    data = bytearray(path.read_bytes())
    page = size * (root - 1)
    data[page + 8 : page + size] = bytes(size - 8)  # the page header stays; its 20 cells point at nothing
    path.write_bytes(bytes(data))

    with caplog.at_level(logging.INFO, logger="talkmark"), pytest.raises(LibraryError) as caught:
        Library(path)

    message = str(caught.value)
    assert "\n" not in message and "***" not in message
    assert message.startswith(f"the library is damaged (On tree page {root} cell ")
    assert message.endswith(f" more in the log); restore the last backup: {backups(path)[0]}")
    logged = caplog.text
    assert f"{path} failed its integrity check:" in logged
    assert logged.count(f"On tree page {root} cell ") >= 20


def test_a_full_disk_on_open_is_said_as_such_never_as_damage(tmp_path, monkeypatch):
    import shutil
    from collections import namedtuple

    path = tmp_path / "full.sqlite"
    Library(path).close()

    def unreadable(conn):  # what SQLite says when it cannot make the -shm on a full disk
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(connection, "schema_version", unreadable)
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _: usage(100, 100, 0))
    with pytest.raises(LibraryError) as full:
        Library(path, write=False)
    assert str(full.value).startswith("disk full: the library cannot be opened") and "damaged" not in str(full.value)
    monkeypatch.setattr(shutil, "disk_usage", lambda _: usage(100, 50, 50))
    with pytest.raises(LibraryError, match=r"^the library cannot be read \(disk I/O error\); it was not changed$"):
        Library(path, write=False)
