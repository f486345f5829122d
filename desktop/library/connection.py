"""Opening a library file safely: version check, a damage probe, the day's backup, WAL and
foreign keys, and write transactions that wait for a second process.

Opening stays fast whatever the library's size: a small one is quick-checked, a large one
probed (`_check`); every library is quick-checked before each backup (at most one a day:
backup.py), and `full_check` runs the full integrity check on demand.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from desktop.library.backup import backup_due, damage_message, make_backup, reason
from desktop.library.folding import folded_order
from desktop.library.models import LibraryError
from desktop.library.packing import register
from desktop.library.schema import SCHEMA_VERSION, migrate, schema_version

BUSY_TIMEOUT_S = 30.0
QUICK_CHECK_UP_TO = 64_000_000  # bytes: about 0.1 s of quick_check on a laptop

log = logging.getLogger("talkmark")


def connect(path: Path, *, write: bool, backup: bool = True) -> tuple[sqlite_utils.Database, list[str]]:
    """Open a library: refuse newer versions and damaged files, back up, then migrate;
    returns it with one-line warnings (a backup that could not be made).
    Opened for writing, it first makes the day's backup when one is due and `backup` is
    true (`backup=False`: a second connection, or the app, which makes it in the background
    with `back_up_if_due`); a library about to be migrated is backed up whatever `backup` says.
    Reading works on a read-only file or folder; writing there is a one-line LibraryError."""
    warnings: list[str] = []
    fresh = not path.exists() or path.stat().st_size == 0
    if fresh and not write:
        raise LibraryError("no library here yet; import a transcript first")
    why = why_read_only(path)
    if fresh and why:
        raise LibraryError(read_only_message(why, fresh=True))
    conn = _open_read_only(path) if why else _open_query_only(path)
    register(conn)
    conn.create_collation("FOLD", folded_order)
    try:
        if not fresh and _check(conn, path) < SCHEMA_VERSION:
            write = True  # an older library is upgraded (after a backup) even to be read
        if write and why:
            raise LibraryError(read_only_message(why))
        conn.execute("PRAGMA foreign_keys = ON")
        if write:
            conn.execute("PRAGMA query_only = OFF")
            _configure(conn)
            older = not fresh and schema_version(conn) < SCHEMA_VERSION
            if older or (backup and not fresh and backup_due(path)):
                warnings += filter(None, [make_backup(conn, path)])
            migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise storage_error(exc, "cannot open the library") from None
    except BaseException:
        conn.close()
        raise
    return sqlite_utils.Database(conn), warnings


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")  # durable against a crashed or killed app


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One all-or-nothing write; takes the write lock up front so a second process waits
    its turn (busy timeout) instead of failing with "database is locked" mid-way.
    A full disk or a read-only file ends it as a one-line LibraryError, nothing written."""
    if conn.in_transaction:  # part of an enclosing write
        yield
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite may already have rolled back (a full disk can)
                conn.execute("ROLLBACK")
            raise
    except sqlite3.OperationalError as exc:
        error = storage_error(exc)
        if error is None:
            raise
        raise error from None


def why_read_only(path: Path) -> str | None:
    """Why the library at `path` cannot be changed, or None when it can. `os.access` answers
    for the current user and also sees a read-only file system (where even root cannot write)."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not os.access(folder, os.W_OK | os.X_OK):  # WAL keeps two files beside the library
        return f"its folder {folder} cannot be changed"
    if path.exists() and not os.access(path, os.W_OK):
        return "the file cannot be changed"
    return None


def read_only_message(why: str, *, fresh: bool = False) -> str:
    """The one line a user sees for a library that cannot be changed."""
    if fresh:
        return f"read-only: {why}; no library can be made there"
    return f"read-only: {why}; reading works, changes cannot be saved"


def storage_error(exc: sqlite3.Error, context: str | None = None) -> LibraryError | None:
    """A full disk or a read-only library as its one-line LibraryError; other errors as
    `context: error`, or None without a context."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name == "SQLITE_FULL" or "database or disk is full" in text:
        return LibraryError(f"disk full: {text}; nothing was saved by this change")
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return LibraryError(read_only_message(text))
    return LibraryError(f"{context}: {text}") if context else None


def _open_query_only(path: Path) -> sqlite3.Connection:
    """A connection that writes nothing until told (`query_only`), so checking a library
    changes no byte of it; the last one to close tidies the -wal and -shm files away."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit: no statement opens a transaction behind our back; write() is the only way.
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA query_only = ON")
    except (OSError, sqlite3.Error) as exc:
        raise LibraryError(f"cannot open the library: {reason(exc)}") from None
    return conn


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A connection to a library that cannot be changed. In a read-only folder SQLite cannot
    make the -shm file WAL readers need; the file is then read as immutable, unless a -wal
    file beside it holds changes that reading it so would miss."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # WAL opens -shm here
        return conn
    except sqlite3.OperationalError:
        conn.close()
    except sqlite3.DatabaseError:
        return conn  # not SQLite, or damaged: the check says so
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise LibraryError(
            f"read-only: {why_read_only(path)}, and {wal.name} beside it holds changes not yet in "
            "the library file; open it once where it can be changed"
        )
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)


def _check(conn: sqlite3.Connection, path: Path) -> int:
    """Refuse a library from a newer Talkmark or a damaged one, without modifying it; return
    its schema version. Up to QUICK_CHECK_UP_TO bytes, `PRAGMA quick_check` reads every page;
    a larger library is probed (header, schema, the first row of each table: the same cost
    for any size) and quick-checked before each day's backup instead. When either meets
    damage, the full integrity check's report goes to the log."""
    try:
        version = schema_version(conn)
        if version > SCHEMA_VERSION:
            raise LibraryError(
                f"made by a newer Talkmark (library version {version}; this one reads up to "
                f"{SCHEMA_VERSION}); it was not changed"
            )
        if path.stat().st_size <= QUICK_CHECK_UP_TO:
            if conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]:
                return version
            raise sqlite3.DatabaseError("the quick check found damage")
        conn.execute("PRAGMA cell_size_check = ON")  # a scribbled page fails to load, not reads as rows
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0").fetchall()
        for (name,) in tables:
            conn.execute(f'SELECT * FROM "{name.replace(chr(34), chr(34) * 2)}" LIMIT 1').fetchall()
        return version
    except sqlite3.OperationalError as exc:  # could not read it: the disk, not the file, is the trouble
        raise LibraryError(_unreadable(exc, path)) from None
    except sqlite3.DatabaseError as exc:
        report = _integrity_report(conn)
        if report == ["ok"]:  # the probe met what the full check does not call damage
            report = [str(exc)]
    raise LibraryError(damage_message(path, report))


def full_check(conn: sqlite3.Connection, path: Path) -> None:
    """Read every page of the library and check every index (`PRAGMA integrity_check`); a
    LibraryError naming the last backup when it finds damage."""
    report = _integrity_report(conn)
    if report != ["ok"]:
        raise LibraryError(damage_message(path, report or ["the integrity check found damage"]))


def _integrity_report(conn: sqlite3.Connection) -> list[str]:
    """`PRAGMA integrity_check`'s lines (["ok"] for a sound file), or the error that stopped it."""
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as exc:
        return [str(exc)]


def back_up_if_due(path: Path, *, cancelled: Callable[[], bool] = lambda: False) -> str | None:
    """The day's backup, if one is due, through a connection of its own (so a background
    thread can make it while the app works); returns a warning when none could be made, a
    LibraryError when the library is damaged, backup.Cancelled when `cancelled()` came true."""
    if not backup_due(path):
        return None
    conn = _open_query_only(path)
    try:
        return make_backup(conn, path, cancelled=cancelled)
    finally:
        conn.close()


def _unreadable(exc: sqlite3.OperationalError, path: Path) -> str:
    """Why a library that is not damaged could not be read: a full disk says so."""
    try:
        full = shutil.disk_usage(path.parent).free == 0
    except OSError:
        full = False
    if full:
        return f"disk full: the library cannot be opened ({exc}); free some space and try again"
    return f"the library cannot be read ({exc}); it was not changed"
