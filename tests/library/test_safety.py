"""The library file is never lost: backups, integrity check, newer versions refused, migrations."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from desktop.library import SCHEMA_VERSION, Library, LibraryError, backups, connection, restore_backup
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
    assert titles(kept[0]) == ["sample"]
    assert kept[0].read_bytes()[18:20] == b"\x01\x01"  # rollback journal: one file, never a -wal beside it
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == sorted(p.name for p in kept)


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


def titles(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [title for (title,) in conn.execute("SELECT title FROM transcripts")]
    finally:
        conn.close()


def import_and_reopen(path, title: str, times: int) -> None:
    with Library(path) as library:
        tid = library.import_file(SAMPLE_TRANSCRIPT).id
        library.transcripts.rename(tid, title)
    for _ in range(times):
        Library(path).close()


def test_libraries_sharing_a_folder_each_keep_their_own_five_backups(tmp_path):
    work, old = tmp_path / "work.sqlite3", tmp_path / "work-old.sqlite3"
    import_and_reopen(work, "work", 7)
    import_and_reopen(old, "old", 7)
    import_and_reopen(tmp_path / "work.db", "same stem, other suffix", 7)

    for path, title in ((work, "work"), (old, "old")):
        kept = backups(path)
        assert len(kept) == 5
        assert [titles(backup) for backup in kept] == [[title]] * 5
    assert not set(backups(work)) & set(backups(old))
    assert len(list((tmp_path / "backups").iterdir())) == 15


def test_the_damage_message_names_this_librarys_backup_not_a_neighbours(tmp_path):
    work, old = tmp_path / "work.sqlite", tmp_path / "work-old.sqlite"
    import_and_reopen(work, "work", 1)
    import_and_reopen(old, "old", 1)  # the newest backup in the folder is work-old's
    data = bytearray(work.read_bytes())
    data[4096 : 4096 * 4] = b"\xff" * 4096 * 3
    work.write_bytes(bytes(data))

    with pytest.raises(LibraryError) as caught:
        Library(work)
    named = str(caught.value).split("restore the last backup: ")[1]
    assert titles(named) == ["work"]


def test_a_name_with_glob_characters_finds_its_backups(tmp_path):
    path = tmp_path / "a[1].sqlite"
    import_and_reopen(path, "a", 2)
    assert len(backups(path)) == 2


def test_a_failed_backup_leaves_no_partial_file_and_rotates_out_nothing(tmp_path, monkeypatch, caplog):
    path = tmp_path / "library.sqlite"
    import_and_reopen(path, "sample", 5)
    before = backups(path)
    real_copy = connection._copy

    def copy_then_fill_the_disk(source, target):
        real_copy(source, target)  # the file exists, as it would when the disk fills mid-way
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(connection, "_copy", copy_then_fill_the_disk)
    with Library(path) as library:  # a full disk must not lock the user out of reading
        assert [t.title for t in library.transcripts.list()] == ["sample"]
        assert library.warnings == [
            f"no backup made (disk full: database or disk is full); the last good one is {before[0]}"
        ]
    assert sorted((tmp_path / "backups").iterdir(), reverse=True) == before
    assert "no backup made" in caplog.text
