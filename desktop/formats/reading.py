"""Reading a transcript file from disk: regular files only, and none too large to hold."""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path
from typing import BinaryIO

from desktop.formats.model import FormatError

_MB = 1000 * 1000
MAX_FILE_BYTES = 200 * _MB  # the largest file read; a transcript is rarely a hundredth of it
# A FIFO opened without O_NONBLOCK waits for a writer forever; where the flag does not
# exist (Windows) there are no FIFOs to wait on.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a transcript file; FormatError for a file that is not a regular file
    (a pipe, a device, a folder), is larger than MAX_FILE_BYTES, or cannot be read."""
    try:
        _check(os.stat(path))  # before opening: opening a device or pipe can have effects
        fd = os.open(path, _OPEN_FLAGS)
        with open(fd, "rb") as file:
            size = _check(os.fstat(file.fileno()))  # what was opened, in case the path changed since
            data = _read(file, size)
    except OSError as exc:
        raise FormatError(exc.strerror or "cannot be read") from None
    if len(data) > MAX_FILE_BYTES:
        raise FormatError(_too_large(len(data)))
    return data


def _read(file: BinaryIO, size: int) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes: `size` of them at once, then whatever the file
    grew by since (or holds beyond a size of 0, as files in /proc do) in pieces."""
    chunks = [file.read(size + 1)]
    total = len(chunks[0])
    while total > size and total <= MAX_FILE_BYTES:
        chunk = file.read(min(1 << 20, MAX_FILE_BYTES + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _check(status: os.stat_result) -> int:
    """The size of a regular file no larger than MAX_FILE_BYTES; FormatError for anything else."""
    if not stat.S_ISREG(status.st_mode):
        raise FormatError("not a regular file")
    if status.st_size > MAX_FILE_BYTES:
        raise FormatError(_too_large(status.st_size))
    return status.st_size


def _too_large(size: int) -> str:
    return f"too large ({math.ceil(size / _MB)} MB; at most {MAX_FILE_BYTES // _MB} MB)"
