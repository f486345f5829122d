"""Backups: at most one a day, made from one checked snapshot in steps, thinned by age, each
library keeping its own, and never at the cost of a good one."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.library import Library, LibraryError, backup, backups
from desktop.library.backup import KEEP_DAILY, KEEP_WEEKLY, Cancelled, kept, made_at, stamp
from desktop.library.connection import back_up_if_due
from desktop.library.packing import register
from desktop.library.schema import MIGRATIONS, SCHEMA_VERSION
from desktop.resources import SAMPLE_TRANSCRIPT
from tests.library.test_safety import titles

DAY = timedelta(days=1)


def new_library(path: Path, title: str = "sample") -> Path:
    with Library(path) as library:
        library.transcripts.rename(library.import_file(SAMPLE_TRANSCRIPT).id, title)
    return path


def backdate(path: Path, by: timedelta) -> None:
    """Make the library's backups look `by` older, as if made then (renamed in an order
    where none takes the name of one not yet renamed)."""
    for found in backups(path)[:: -1 if by > timedelta(0) else 1]:
        found.rename(found.with_name(f"{path.stem}-{stamp(made_at(found) - by)}{path.suffix}"))


def test_opening_for_writing_backs_up_once_a_day_and_reading_never(tmp_path):
    path = new_library(tmp_path / "library.sqlite")
    assert backups(path) == []  # a brand-new library has nothing to back up

    for _ in range(3):
        Library(path).close()
    Library(path, write=False).close()

    [made] = backups(path)
    assert titles(made) == ["sample"]
    assert made.read_bytes()[18:20] == b"\x01\x01"  # rollback journal: one file, never a -wal beside it
    assert [p.name for p in (tmp_path / "backups").iterdir()] == [made.name]


@pytest.mark.parametrize(("age", "made"), [(DAY - timedelta(minutes=1), 0), (DAY + timedelta(minutes=1), 1)])
def test_a_backup_younger_than_a_day_makes_none_an_older_one_makes_one(tmp_path, age, made):
    path = new_library(tmp_path / "library.sqlite")
    Library(path).close()
    backdate(path, age)

    Library(path).close()

    assert len(backups(path)) == 1 + made


def test_a_backup_from_a_clock_that_was_ahead_does_not_count_as_recent(tmp_path):
    path = new_library(tmp_path / "library.sqlite")
    Library(path).close()
    backdate(path, -10 * DAY)
    Library(path).close()
    assert len(backups(path)) == 2


def test_the_app_opens_without_a_backup_and_makes_the_days_one_apart(tmp_path):
    path = new_library(tmp_path / "library.sqlite")
    with Library(path, backup=False):
        assert backups(path) == []
        assert back_up_if_due(path) is None  # made, no warning
        assert len(backups(path)) == 1
        assert back_up_if_due(path) is None  # not due again today
        assert len(backups(path)) == 1


def test_a_library_about_to_be_migrated_is_backed_up_even_when_one_was_made_today(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    register(conn)  # the steps that pack turns' text call pack_text
    for step in MIGRATIONS[:-1]:
        conn.executescript(step)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.close()
    conn = sqlite3.connect(path, isolation_level=None)
    backup.make_backup(conn, path)  # today's, of the old version
    conn.close()

    Library(path, backup=False).close()

    made = backups(path)
    assert len(made) == 2
    for found in made:
        with sqlite3.connect(found) as conn:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1


def ages(days: list[float], now: datetime) -> list[Path]:
    return sorted((Path(f"l-{stamp(now - timedelta(days=d))}.sqlite") for d in days), reverse=True)


def test_thinning_keeps_the_seven_newest_whatever_their_age():
    now = datetime.now(UTC)
    found = ages([100 + n for n in range(KEEP_DAILY + 1)], now)
    assert kept(found, now) == found[:KEEP_DAILY]


def test_thinning_keeps_one_backup_per_week_for_three_weeks_after_the_daily_ones():
    now = datetime.now(UTC)
    daily = list(range(7))
    older = [7, 10, 13.9, 14, 20.9, 21, 27.9, 28, 40]
    found = ages(daily + older, now)
    kept_ages = sorted(round((now - made_at(p)) / DAY, 1) for p in kept(found, now))
    assert kept_ages == [*daily, 13.9, 20.9, 27.9]  # the oldest of each week: they age into the next
    assert len(kept(found, now)) == KEEP_DAILY + KEEP_WEEKLY


def test_a_new_backup_thins_the_old_ones_after_it_is_whole(tmp_path):
    path = new_library(tmp_path / "library.sqlite")
    Library(path).close()
    first = backups(path)[0]
    for days in [*range(2, 9), 13, 16, 23, 29]:
        (tmp_path / "backups" / f"library-{stamp(made_at(first) - timedelta(days=days))}.sqlite").write_bytes(
            first.read_bytes()
        )
    backdate(path, DAY)

    Library(path).close()

    found = backups(path)
    assert found == kept(found, made_at(found[0]))
    assert len(found) == KEEP_DAILY + KEEP_WEEKLY
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == sorted(p.name for p in found)


def test_libraries_sharing_a_folder_each_keep_their_own_backups(tmp_path):
    work = new_library(tmp_path / "work.sqlite3", "work")
    old = new_library(tmp_path / "work-old.sqlite3", "old")
    other = new_library(tmp_path / "work.db", "same stem, other suffix")
    for _ in range(KEEP_DAILY + 3):  # ten days: thinning runs for each
        for path in (work, old, other):
            Library(path).close()
            backdate(path, DAY + timedelta(minutes=1))

    for path, title in ((work, "work"), (old, "old")):
        assert len(backups(path)) == KEEP_DAILY + 1  # and the oldest of the second week
        assert [titles(found) for found in backups(path)] == [[title]] * (KEEP_DAILY + 1)
    assert not set(backups(work)) & set(backups(old))
    assert len(list((tmp_path / "backups").iterdir())) == 3 * (KEEP_DAILY + 1)


def test_a_name_with_glob_characters_finds_its_backups(tmp_path):
    path = new_library(tmp_path / "a[1].sqlite")
    Library(path).close()
    backdate(path, 2 * DAY)
    Library(path).close()
    assert len(backups(path)) == 2


def test_a_failed_backup_leaves_no_partial_file_and_rotates_out_nothing(tmp_path, monkeypatch, caplog):
    path = new_library(tmp_path / "library.sqlite")
    Library(path).close()
    backdate(path, 40 * DAY)  # old enough that a new backup would thin it out
    before = backups(path)
    real_copy = backup._copy

    def copy_then_fill_the_disk(source, target, cancelled):
        real_copy(source, target, cancelled)  # the file exists, as it would when the disk fills mid-way
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "_copy", copy_then_fill_the_disk)
    with Library(path) as library:  # a full disk must not lock the user out of reading
        assert [t.title for t in library.transcripts.list()] == ["sample"]
        assert library.warnings == [
            f"no backup made (disk full: database or disk is full); the last good one is {before[0]}"
        ]
    assert sorted((tmp_path / "backups").iterdir(), reverse=True) == before
    assert "no backup made" in caplog.text


def test_a_cancelled_backup_leaves_nothing_behind(tmp_path):
    path = new_library(tmp_path / "library.sqlite")
    with pytest.raises(Cancelled):
        back_up_if_due(path, cancelled=lambda: True)
    assert list((tmp_path / "backups").iterdir()) == []


def test_a_backup_copies_one_snapshot_while_the_library_is_written(tmp_path, monkeypatch):
    path = new_library(tmp_path / "library.sqlite")
    monkeypatch.setattr(backup, "STEP_PAGES", 1)  # a step per page: many chances to write between them
    writer = Library(path, backup=False)
    tid = writer.transcripts.list()[0].id
    renames = iter(range(10**6))

    def write_between_steps() -> bool:
        writer.transcripts.rename(tid, f"renamed {next(renames)}")
        return False

    assert back_up_if_due(path, cancelled=write_between_steps) is None
    writer.close()
    [made] = backups(path)
    assert titles(made) == ["sample"]  # as it was when the copy began, though written during it
    assert next(renames) > 10  # a step per page: the copy did go on while the writes went in
    with sqlite3.connect(made) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_damage_found_before_a_backup_refuses_writing_and_keeps_every_backup(tmp_path, monkeypatch):
    path = new_library(tmp_path / "library.sqlite")
    Library(path).close()
    backdate(path, 40 * DAY)
    before = backups(path)
    monkeypatch.setattr("desktop.library.connection.QUICK_CHECK_UP_TO", 0)  # a "large" library: probed on open
    damage_an_index(path)

    Library(path, write=False).close()  # the probe on open does not read the damaged page
    with pytest.raises(LibraryError) as caught:
        Library(path)  # the day's backup quick-checks first
    assert str(caught.value).startswith("the library is damaged (")
    assert str(caught.value).endswith(f"restore the last backup: {before[0]}")
    assert backups(path) == before


def damage_an_index(path: Path) -> None:
    """Scribble over the page of the index of turns by transcript and index: rows stay readable."""
    with sqlite3.connect(path) as conn:
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_turn_store_1'"
        ).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[size * (root - 1) + 8 : size * root] = b"\xff" * (size - 8)
    path.write_bytes(bytes(data))


def test_a_partial_copy_a_killed_process_left_goes_after_an_hour(tmp_path):
    path = new_library(tmp_path / "library.sqlite")
    folder = tmp_path / "backups"
    folder.mkdir()
    abandoned, recent = (folder / f"library-{stamp(datetime.now(UTC) - age)}.sqlite.partial" for age in (DAY, DAY / 2))
    neighbours = folder / f"library-old-{stamp()}.sqlite.partial"
    for partial in (abandoned, recent, neighbours):
        partial.write_bytes(b"half a copy")
    hour_ago = datetime.now(UTC).timestamp() - 3601
    os.utime(abandoned, (hour_ago, hour_ago))
    os.utime(neighbours, (hour_ago, hour_ago))

    Library(path).close()

    assert not abandoned.exists() and recent.exists() and neighbours.exists()
