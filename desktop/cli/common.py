"""What every command shares: its one-line error, its stop on a signal, the library opened
with its errors reported as that one line, and counts and JSON printed."""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.library import Library, LibraryError, default_library_path


class CommandError(Exception):
    """A failure to report as `error: <where>: <reason>`."""

    def __init__(self, where: object, reason: str) -> None:
        super().__init__(f"{where}: {reason}")


class Stopped(BaseException):
    """SIGTERM or Ctrl+C: unwinds like KeyboardInterrupt, so the open transaction rolls back
    and an import's worker processes are shut down; the exit status is the shell's 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)


stopped_by: list[int] = []  # the signal that stopped the command, even if its exception was swallowed


def stop_on_signal(signum: int, frame: object) -> None:
    """The handler of SIGTERM and SIGINT: note the signal, then raise `Stopped`."""
    if stopped_by:  # a second signal while cleaning up must not interrupt the cleanup
        return
    stopped_by.append(signum)
    raise Stopped(signum)


def open_library(path: Path | None, *, write: bool) -> Library:
    """The library at `path` (else the default), its warnings printed; failing to open is an error."""
    path = path or default_library_path()
    try:
        library = Library(path, write=write)
    except LibraryError as exc:
        raise CommandError(path, str(exc)) from None
    for warning in library.warnings:
        print(f"warning: {path}: {warning}", file=sys.stderr)
    return library


def open_to_correct(path: Path | None) -> Library:
    """The library opened for writing; a missing one is an error, not a new empty library."""
    path = path or default_library_path()
    if not path.exists() or path.stat().st_size == 0:
        raise CommandError(path, "no library here yet; import a transcript first")
    return open_library(path, write=True)


def require_transcript(library: Library, transcript_id: int | None) -> None:
    """A `--transcript ID` that names no transcript is an error, not an empty result."""
    if transcript_id is not None:
        library_call(library, lambda: library.transcripts.get(transcript_id))


def library_call(library: Library, call: Callable):
    """What `call` returns; a `LibraryError` from it becomes this library's `CommandError`."""
    try:
        return call()
    except LibraryError as exc:
        raise CommandError(library.path, str(exc)) from None


def counted(n: int, one: str, many: str | None = None) -> str:
    """`1 turn`, `3 turns`: a number with its noun, plural when not 1."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def print_json(value: object) -> None:
    """`value` as indented JSON on stdout, non-ASCII kept as it is."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
