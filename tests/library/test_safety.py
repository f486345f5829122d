"""The library file is never lost: checks on open, newer versions refused, migrations (backups: test_backups.py)."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from desktop.library import SCHEMA_VERSION, Library, LibraryError, backups, connection, restore_backup
from desktop.library.packing import register
from desktop.library.schema import MIGRATIONS, migrate
from desktop.resources import SAMPLE_TRANSCRIPT


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
        register(conn)  # the steps that pack turns' text call pack_text
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


def scribble_over(path, name: str) -> None:
    """Fill the page of a table's or index's root (its header kept) with 0xff."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the main file, none left in the WAL
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[size * (root - 1) + 8 : size * root] = b"\xff" * (size - 8)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(("limit", "refused"), [(0, False), (-1, True)])
def test_a_library_up_to_the_limit_is_quick_checked_on_open_a_larger_one_probed(tmp_path, monkeypatch, limit, refused):
    path = tmp_path / "library.sqlite"
    with Library(path, backup=False) as library:
        library.import_file(SAMPLE_TRANSCRIPT)
    scribble_over(path, "sqlite_autoindex_turn_store_1")  # rows stay readable; the index is not
    monkeypatch.setattr(connection, "QUICK_CHECK_UP_TO", path.stat().st_size - 1 - limit)

    if refused:
        with pytest.raises(LibraryError, match=r"^the library is damaged"):
            Library(path, write=False)
    else:
        with (
            Library(path, write=False) as library,
            pytest.raises(  # the probe reads no index
                LibraryError, match=r"^the library is damaged .*; no backup exists$"
            ),
        ):
            library.check()  # the full check, on demand


def test_a_large_librarys_probe_finds_a_damaged_table(tmp_path, monkeypatch):
    path = tmp_path / "library.sqlite"
    with Library(path, backup=False) as library:
        library.import_file(SAMPLE_TRANSCRIPT)
    scribble_over(path, "speakers")
    monkeypatch.setattr(connection, "QUICK_CHECK_UP_TO", 0)
    with pytest.raises(LibraryError, match=r"^the library is damaged"):
        Library(path, write=False)


def test_a_sound_library_passes_the_full_check(library, sample):
    library.check()


def test_a_version_4_library_migrates_with_every_row_kept_and_search_working(tmp_path):
    path = tmp_path / "v4.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    for step in MIGRATIONS[:4]:
        conn.executescript(step)
    conn.execute("PRAGMA user_version = 4")
    conn.execute("INSERT INTO transcripts (title, source, format, content_hash, imported_at) "
                 "VALUES ('talk', 'talk.txt', 'text', 'h', '2024-01-01')")  # fmt: skip
    conn.execute("INSERT INTO speakers (transcript_id, name) VALUES (1, 'Ann')")
    for n in range(30):
        conn.execute("INSERT INTO turns (transcript_id, idx, speaker_id, text) VALUES (1, ?, 1, ?)",
                     (n, f"turn {n} about the flood plain"))  # fmt: skip
    conn.execute("INSERT INTO highlights (transcript_id, start_turn, start_offset, end_turn, end_offset, quote, "
                 "prefix, suffix, created, updated) VALUES (1, 3, 0, 3, 4, 'turn', '', ' 3', 'c', 'u')")  # fmt: skip
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'turns_fts%'")]  # fmt: skip
    before = {t: conn.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}
    conn.close()

    with Library(path) as library:
        after = {t: library.conn.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}
        assert after == before
        config = dict(library.conn.execute("SELECT k, v FROM turns_fts_config"))
        assert (config["automerge"], config["crisismerge"]) == (16, 64)
        assert [h.turn for h in library.search('"flood plain"', limit=5)] == [29, 28, 27, 26, 25]
        assert library.count_matches("flood") == 30
        library.conn.execute("INSERT INTO turns_fts (turns_fts) VALUES ('integrity-check')")
    assert len(backups(path)) == 1  # made before the migration
