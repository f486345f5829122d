"""The library file is never lost: backups, integrity check, newer versions refused, migrations."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from desktop.library import SCHEMA_VERSION, Library, LibraryError, backups, restore_backup
from desktop.library.schema import MIGRATIONS, migrate
from desktop.resources import SAMPLE_TRANSCRIPT


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_opening_for_writing_keeps_the_last_five_backups(tmp_path):
    path = tmp_path / "library.sqlite"
    with Library(path) as library:
        library.import_file(SAMPLE_TRANSCRIPT)
    assert backups(path) == []  # a brand-new library has nothing to back up

    for _ in range(7):
        Library(path).close()
    Library(path, write=False).close()  # reading makes no backup

    kept = backups(path)
    assert len(kept) == 5
    with sqlite3.connect(kept[0]) as copy:
        assert copy.execute("SELECT title FROM transcripts").fetchall() == [("sample",)]


def test_a_damaged_library_is_refused_naming_the_backup(tmp_path):
    path = tmp_path / "library.sqlite"
    with Library(path) as library:
        library.import_file(SAMPLE_TRANSCRIPT)
    Library(path).close()  # makes a backup
    data = bytearray(path.read_bytes())
    data[4096 : 4096 * 4] = b"\xff" * 4096 * 3  # scribble over three whole pages
    path.write_bytes(bytes(data))

    with pytest.raises(LibraryError) as caught:
        Library(path)

    message = str(caught.value)
    assert "damaged" in message and str(backups(path)[0]) in message and "\n" not in message
    damaged = restore_backup(path, backups(path)[0])
    assert damaged.exists()
    with Library(path) as library:
        assert [t.title for t in library.transcripts.list()] == ["sample"]


def test_a_file_that_is_not_a_library_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("just some text, not SQLite at all " * 200)
    before = digest(path)
    with pytest.raises(LibraryError, match="damaged"):
        Library(path)
    assert digest(path) == before


def test_a_newer_library_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "library.sqlite"
    with Library(path) as library:
        library.import_file(SAMPLE_TRANSCRIPT)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(path)

    for write in (True, False):
        with pytest.raises(LibraryError, match="newer Talkmark"):
            Library(path, write=write)

    assert digest(path) == before
    assert backups(path) == []


def test_every_earlier_version_migrates_to_the_current_one(tmp_path):
    for version in range(SCHEMA_VERSION):
        path = tmp_path / f"v{version}.sqlite"
        conn = sqlite3.connect(path, isolation_level=None)
        for step in range(version):
            conn.executescript(MIGRATIONS[step])
        conn.execute(f"PRAGMA user_version = {version}")
        conn.close()

        with Library(path) as library:
            assert library.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            assert library.import_file(SAMPLE_TRANSCRIPT).turn_count == 20


def test_migrating_twice_changes_nothing(tmp_path):
    conn = sqlite3.connect(tmp_path / "l.sqlite", isolation_level=None)
    migrate(conn)
    schema = conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    migrate(conn)
    assert conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema
