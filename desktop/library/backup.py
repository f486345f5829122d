"""A library's backups: at most one a day, checked, copied in steps, thinned by age.

`NAME.EXT`'s backups are `backups/NAME-<UTC stamp>.EXT` beside it (stamp
`YYYYMMDDTHHMMSSffffffZ`), exactly the files of that pattern for its own name and suffix,
so `work.sqlite` and `work-old.sqlite` (or `work.db`) in one folder never share or rotate
each other's. A backup is due when none is younger than a day (BACKUP_EVERY). Making one
opens a read snapshot, runs `PRAGMA quick_check` on it (a damaged library is never copied,
so it never rotates out a good backup), and copies that snapshot with SQLite's backup API
STEP_PAGES at a time (writers go on meanwhile: WAL), as `<backup>.partial`, renamed into
place only when whole. Only then are older ones thinned: the KEEP_DAILY newest stay, and
of the older ones, one per week for KEEP_WEEKLY weeks (the oldest aged 1-2 weeks, 2-3, 3-4).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.library.models import LibraryError

BACKUP_EVERY = timedelta(days=1)
KEEP_DAILY = 7
KEEP_WEEKLY = 3
STEP_PAGES = 1024  # 4 MB at SQLite's default page size
_STAMP = r"\d{8}T\d{12}Z"  # stamp()'s shape
_STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"

log = logging.getLogger("talkmark")


class Cancelled(Exception):
    """A backup stopped by its caller (the app quitting); nothing was kept of it."""


def backup_dir(path: Path) -> Path:
    """Where a library's backups live: a `backups` folder beside it."""
    return path.parent / "backups"


def backups(path: Path) -> list[Path]:
    """A library's backups, newest first (only its own: see the module docstring)."""
    own = re.compile(f"{re.escape(path.stem)}-({_STAMP}){re.escape(path.suffix)}")
    try:
        entries = list(backup_dir(path).iterdir())
    except OSError:  # no backups folder yet
        return []
    return sorted((p for p in entries if own.fullmatch(p.name)), reverse=True)


def made_at(backup: Path) -> datetime:
    """When a backup was made, from its name."""
    found = re.search(_STAMP, backup.name)
    assert found, backup
    return datetime.strptime(found[0], _STAMP_FORMAT).replace(tzinfo=UTC)


def backup_due(path: Path, now: datetime | None = None) -> bool:
    """Whether the library has no backup younger than BACKUP_EVERY (one stamped in the
    future, by a clock that was wrong, does not count)."""
    now = now or datetime.now(UTC)
    return not any(timedelta(0) <= now - made_at(b) < BACKUP_EVERY for b in backups(path))


def kept(found: list[Path], now: datetime) -> list[Path]:
    """Which of `found` (newest first) thinning keeps: the KEEP_DAILY newest whatever their
    age, and of the others the oldest aged k to k + 1 weeks, for k = 1 … KEEP_WEEKLY."""
    keep = list(found[:KEEP_DAILY])
    weekly: dict[int, Path] = {}
    for backup in found[KEEP_DAILY:]:
        week = (now - made_at(backup)).days // 7
        if 1 <= week <= KEEP_WEEKLY:
            weekly[week] = backup  # newest first: the last one seen is the oldest
    return keep + sorted(weekly.values(), reverse=True)


def make_backup(conn: sqlite3.Connection, path: Path, *, cancelled: Callable[[], bool] = lambda: False) -> str | None:
    """Check the library and copy it into a new backup, then thin the old ones. Returns a
    warning when none could be made (a full disk), None otherwise; a LibraryError saying so
    when the check finds damage (then nothing is copied or thinned); Cancelled when
    `cancelled()` became true (checked between steps)."""
    backup = backup_dir(path) / f"{path.stem}-{stamp()}{path.suffix}"
    partial = backup.with_name(f"{backup.name}.partial")
    conn.execute("BEGIN")  # one snapshot for the check and every step of the copy
    try:
        report = _quick_check(conn, cancelled)
        if report != ["ok"]:
            raise LibraryError(damage_message(path, report))
        backup.parent.mkdir(exist_ok=True)
        _copy(conn, partial, cancelled)
        os.replace(partial, backup)
    except (sqlite3.Error, OSError, Cancelled) as exc:
        for leftover in (partial, Path(f"{partial}-journal")):
            with suppress(OSError):
                leftover.unlink(missing_ok=True)
        if isinstance(exc, Cancelled):
            raise
        latest = backups(path)
        last = f"the last good one is {latest[0]}" if latest else "there is no earlier backup"
        warning = f"no backup made ({reason(exc)}); {last}"
        log.warning("%s: %s", path, warning)
        return warning
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")
    found = backups(path)
    for old in set(found) - set(kept(found, made_at(backup))):
        old.unlink(missing_ok=True)
    _remove_abandoned(path)
    return None


def _remove_abandoned(path: Path) -> None:
    """Remove the partial copies a killed process left (those untouched for an hour: a
    younger one may be another process's backup under way)."""
    own = re.compile(f"{re.escape(path.stem)}-{_STAMP}{re.escape(path.suffix)}\\.partial(-journal)?")
    with suppress(OSError):
        for entry in backup_dir(path).iterdir():
            if own.fullmatch(entry.name) and time.time() - entry.stat().st_mtime > 3600:
                entry.unlink(missing_ok=True)


def _quick_check(conn: sqlite3.Connection, cancelled: Callable[[], bool]) -> list[str]:
    """`PRAGMA quick_check`'s lines, stopped (Cancelled) as soon as `cancelled()` comes true."""
    conn.set_progress_handler(cancelled, 100_000)  # a true answer interrupts the statement
    try:
        return [row[0] for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.OperationalError:
        if cancelled():
            raise Cancelled from None
        raise
    finally:
        conn.set_progress_handler(None, 0)


def _copy(conn: sqlite3.Connection, target: Path, cancelled: Callable[[], bool]) -> None:
    def step(status: int, remaining: int, total: int) -> None:
        if cancelled():
            raise Cancelled

    copy = sqlite3.connect(target)
    try:
        conn.backup(copy, pages=STEP_PAGES, progress=step)
        copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file: no -wal/-shm beside it
    finally:
        copy.close()


def restore_backup(path: Path, backup: Path) -> Path:
    """Put `backup` in place of the library, keeping the damaged file beside it; returns its new name."""
    damaged = path.with_name(f"{path.name}.damaged-{stamp()}")
    if path.exists():
        path.rename(damaged)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(backup, path)
    return damaged


def damage_message(path: Path, report: list[str]) -> str:
    """The one line for a library that failed a check (the full report goes to the log)."""
    log.error("%s failed its integrity check:\n%s", path, "\n".join(report))
    problems = [line for row in report for line in row.splitlines() if line.strip() and not line.startswith("***")]
    more = f", and {len(problems) - 1} more in the log" if len(problems) > 1 else ""
    latest = backups(path)
    restore = f"restore the last backup: {latest[0]}" if latest else "no backup exists"
    return f"the library is damaged ({problems[0]}{more}); {restore}"


def reason(exc: BaseException) -> str:
    """A storage error in the user's words."""
    text = str(exc) if isinstance(exc, sqlite3.Error) else (getattr(exc, "strerror", None) or str(exc))
    if "database or disk is full" in text or getattr(exc, "errno", None) == 28:  # ENOSPC
        return f"disk full: {text}"
    return text


def stamp(when: datetime | None = None) -> str:
    """A UTC time (default: now) as backups are named by it."""
    return (when or datetime.now(UTC)).strftime(_STAMP_FORMAT)
