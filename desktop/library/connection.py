"""Opening a library file safely: version check, integrity check, rotating backups,
WAL and foreign keys, and write transactions that wait for a second process."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from desktop.library.models import LibraryError
from desktop.library.schema import SCHEMA_VERSION, migrate, schema_version

BUSY_TIMEOUT_S = 30.0
KEEP_BACKUPS = 5


def backup_dir(path: Path) -> Path:
    """Where a library's backups live: a `backups` folder beside it."""
    return path.parent / "backups"


def backups(path: Path) -> list[Path]:
    """A library's backups, newest first."""
    return sorted(backup_dir(path).glob(f"{path.stem}-*.sqlite"), reverse=True)


def restore_backup(path: Path, backup: Path) -> Path:
    """Put `backup` in place of the library, keeping the damaged file beside it; returns its new name."""
    damaged = path.with_name(f"{path.name}.damaged-{_stamp()}")
    if path.exists():
        path.rename(damaged)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(backup, path)
    return damaged


def connect(path: Path, *, write: bool, backup: bool = True) -> sqlite_utils.Database:
    """Open a library: refuse newer versions and damaged files, back up, then migrate.
    `backup=False` is for a second connection of a program that already made one."""
    fresh = not path.exists() or path.stat().st_size == 0
    if not fresh and _check(path) < SCHEMA_VERSION:
        write = True  # an older library is upgraded (after a backup) even to be read
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif fresh:
        raise LibraryError("no library here yet; import a transcript first")
    try:
        # Autocommit: no statement opens a transaction behind our back; write() is the only way.
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if write:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")  # durable against a crashed or killed app
            if backup and not fresh:
                _rotate_backup(conn, path)
            migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise LibraryError(f"cannot open the library: {exc}") from None
    return sqlite_utils.Database(conn)


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One all-or-nothing write; takes the write lock up front so a second process waits
    its turn (busy timeout) instead of failing with "database is locked" mid-way."""
    if conn.in_transaction:  # part of an enclosing write
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _check(path: Path) -> int:
    """Refuse a library from a newer Talkmark or a damaged one, without modifying it;
    return its schema version."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            version = schema_version(conn)
            if version > SCHEMA_VERSION:
                raise LibraryError(
                    f"made by a newer Talkmark (library version {version}; this one reads up to "
                    f"{SCHEMA_VERSION}); it was not changed"
                )
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        version, problems = 0, [str(exc)]
    if problems != ["ok"]:
        latest = backups(path)
        restore = f"; restore the last backup: {latest[0]}" if latest else "; no backup exists"
        raise LibraryError(f"the library is damaged ({problems[0]}){restore}")
    return version


def _rotate_backup(conn: sqlite3.Connection, path: Path) -> None:
    folder = backup_dir(path)
    folder.mkdir(exist_ok=True)
    target = sqlite3.connect(folder / f"{path.stem}-{_stamp()}.sqlite")
    try:
        conn.backup(target)
    finally:
        target.close()
    for old in backups(path)[KEEP_BACKUPS:]:
        old.unlink(missing_ok=True)


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
