"""Opening a library file safely: version check, integrity check, rotating backups,
WAL and foreign keys, and write transactions that wait for a second process.

Backups: opening `NAME.EXT` for writing copies it to `backups/NAME-<UTC stamp>.EXT`
beside it (stamp `YYYYMMDDTHHMMSSffffffZ`), keeping the newest five. A library's backups
are exactly the files of that pattern for its own name and suffix, so `work.sqlite` and
`work-old.sqlite` (or `work.db`) in one folder never share or rotate each other's. A copy
is written as `<backup>.partial` and renamed into place only when whole; older ones are
rotated out only after that. A backup that cannot be made (a full disk) does not stop the
library opening: it is logged and reported in `warnings`.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from desktop.library.models import LibraryError
from desktop.library.schema import SCHEMA_VERSION, migrate, schema_version

BUSY_TIMEOUT_S = 30.0
KEEP_BACKUPS = 5
_STAMP = r"\d{8}T\d{12}Z"  # _stamp()'s shape

log = logging.getLogger("talkmark")


def backup_dir(path: Path) -> Path:
    """Where a library's backups live: a `backups` folder beside it."""
    return path.parent / "backups"


def backups(path: Path) -> list[Path]:
    """A library's backups, newest first (only its own: see the module docstring)."""
    own = re.compile(f"{re.escape(path.stem)}-{_STAMP}{re.escape(path.suffix)}")
    try:
        entries = list(backup_dir(path).iterdir())
    except OSError:  # no backups folder yet
        return []
    return sorted((p for p in entries if own.fullmatch(p.name)), reverse=True)


def restore_backup(path: Path, backup: Path) -> Path:
    """Put `backup` in place of the library, keeping the damaged file beside it; returns its new name."""
    damaged = path.with_name(f"{path.name}.damaged-{_stamp()}")
    if path.exists():
        path.rename(damaged)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(backup, path)
    return damaged


def connect(path: Path, *, write: bool, backup: bool = True) -> tuple[sqlite_utils.Database, list[str]]:
    """Open a library: refuse newer versions and damaged files, back up, then migrate;
    returns it with one-line warnings (a backup that could not be made).
    `backup=False` is for a second connection of a program that already made one.
    Reading works on a read-only file or folder; writing there is a one-line LibraryError."""
    warnings: list[str] = []
    fresh = not path.exists() or path.stat().st_size == 0
    if fresh and not write:
        raise LibraryError("no library here yet; import a transcript first")
    why = why_read_only(path)
    if fresh and why:
        raise LibraryError(read_only_message(why, fresh=True))
    conn = _open_read_only(path) if why else _open_query_only(path)
    try:
        if not fresh and _check(conn, path) < SCHEMA_VERSION:
            write = True  # an older library is upgraded (after a backup) even to be read
        if write and why:
            raise LibraryError(read_only_message(why))
        conn.execute("PRAGMA foreign_keys = ON")
        if write:
            conn.execute("PRAGMA query_only = OFF")
            _configure(conn)
            if backup and not fresh:
                warnings += filter(None, [_rotate_backup(conn, path)])
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
        raise LibraryError(f"cannot open the library: {_reason(exc)}") from None
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
    """Refuse a library from a newer Talkmark or a damaged one, without modifying it;
    return its schema version. The integrity check's full report goes to the log."""
    try:
        version = schema_version(conn)
        if version > SCHEMA_VERSION:
            raise LibraryError(
                f"made by a newer Talkmark (library version {version}; this one reads up to "
                f"{SCHEMA_VERSION}); it was not changed"
            )
        report = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.OperationalError as exc:  # could not read it: the disk, not the file, is the trouble
        raise LibraryError(_unreadable(exc, path)) from None
    except sqlite3.DatabaseError as exc:
        report = [str(exc)]
    if report == ["ok"]:
        return version
    log.error("%s failed its integrity check:\n%s", path, "\n".join(report))
    problems = [line for row in report for line in row.splitlines() if line.strip() and not line.startswith("***")]
    more = f", and {len(problems) - 1} more in the log" if len(problems) > 1 else ""
    latest = backups(path)
    restore = f"restore the last backup: {latest[0]}" if latest else "no backup exists"
    raise LibraryError(f"the library is damaged ({problems[0]}{more}); {restore}")


def _rotate_backup(conn: sqlite3.Connection, path: Path) -> str | None:
    """Add a backup, then drop the oldest beyond KEEP_BACKUPS; returns a warning if none could be made."""
    backup = backup_dir(path) / f"{path.stem}-{_stamp()}{path.suffix}"
    partial = backup.with_name(f"{backup.name}.partial")
    try:
        backup.parent.mkdir(exist_ok=True)
        _copy(conn, partial)
        os.replace(partial, backup)
    except (sqlite3.Error, OSError) as exc:
        for leftover in (partial, Path(f"{partial}-journal")):
            with suppress(OSError):
                leftover.unlink(missing_ok=True)
        latest = backups(path)
        last = f"the last good one is {latest[0]}" if latest else "there is no earlier backup"
        warning = f"no backup made ({_reason(exc)}); {last}"
        log.warning("%s: %s", path, warning)
        return warning
    for old in backups(path)[KEEP_BACKUPS:]:
        old.unlink(missing_ok=True)
    return None


def _copy(conn: sqlite3.Connection, target: Path) -> None:
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file: no -wal/-shm beside it
    finally:
        copy.close()


def _unreadable(exc: sqlite3.OperationalError, path: Path) -> str:
    """Why a library that is not damaged could not be read: a full disk says so."""
    try:
        full = shutil.disk_usage(path.parent).free == 0
    except OSError:
        full = False
    if full:
        return f"disk full: the library cannot be opened ({exc}); free some space and try again"
    return f"the library cannot be read ({exc}); it was not changed"


def _reason(exc: BaseException) -> str:
    """A storage error in the user's words."""
    text = str(exc) if isinstance(exc, sqlite3.Error) else (getattr(exc, "strerror", None) or str(exc))
    if "database or disk is full" in text or getattr(exc, "errno", None) == 28:  # ENOSPC
        return f"disk full: {text}"
    return text


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
