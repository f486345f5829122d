"""Files written whole or not at all, wherever an export goes."""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path


class ExportError(OSError):
    """A path an export cannot be written to; `strerror` says why in one line."""


def write_export(data: bytes, path: Path) -> None:
    """Write a file whole or not at all (a temporary file renamed into place).

    A symbolic link is followed: its target is replaced and the link stays a link (a link
    into a folder that does not exist is refused; missing folders are made only for a plain
    path). A path
    that is a folder, a FIFO, a device or a socket is refused with ExportError. A new file
    gets the permissions the umask allows (as `open()` would give); a replaced file keeps its own.
    """
    target = Path(os.path.realpath(path))
    try:
        existing = target.stat()
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise ExportError(errno.EISDIR if stat.S_ISDIR(existing.st_mode) else errno.EINVAL,
                          f"is {_kind(existing.st_mode)}, not a regular file", str(path))  # fmt: skip
    if path.is_symlink() and not target.parent.is_dir():  # never make folders wherever a link points
        raise ExportError(errno.ENOENT, f"is a link into a folder that does not exist ({target.parent})", str(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary, handle = _temporary(target)
    try:
        with os.fdopen(handle, "wb") as out:
            if existing is not None and hasattr(os, "fchmod"):
                os.fchmod(out.fileno(), stat.S_IMODE(existing.st_mode))
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _temporary(target: Path) -> tuple[Path, int]:
    """A new file beside `target`, opened for writing, created with mode 0o666 so the umask applies
    (mkstemp's 0o600 would leave exports unreadable to the rest of the user's group)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temporary = target.parent / f".talkmark-{secrets.token_hex(6)}{target.suffix}"
        try:
            return temporary, os.open(temporary, flags, 0o666)
        except FileExistsError:
            continue


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file"
