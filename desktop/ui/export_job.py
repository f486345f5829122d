"""Exports off the GUI thread: collecting a scope (for the export dialog's preview) and
writing an export, each through its own read connection, with progress and Cancel."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from desktop.export import PRINTED, Cancelled, ExportOptions, Scope, collect, export, write_export
from desktop.library import Library

NEEDS_WHOLE_TURNS = ("qdpx",)  # formats that read every turn (sources): collected afresh by the job
RELEASE_SLICE = 2_000  # excerpts freed at a time when a job is done with them


@dataclass(frozen=True)
class Choice:
    """What an export holds: `kind` "transcript" (with `transcript_id`), "tag" (with `tag`) or
    "library"."""

    kind: str
    transcript_id: int | None = None
    tag: str | None = None

    def collect(self, library: Library, progress=None) -> Scope:
        """The scope this choice selects (LibraryError for a tag that is gone)."""
        if self.kind == "transcript":
            return collect(library, transcript_id=self.transcript_id, progress=progress)
        if self.kind == "tag":
            return collect(library, tag=self.tag or None, progress=progress)
        return collect(library, progress=progress)


_pausing = 0  # jobs running with the collector paused
_pausing_lock = threading.Lock()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a job builds its objects, and what is alive
    at the end frozen (left out of later collections). A full collection over the objects of tens
    of thousands of excerpts holds the interpreter for a few hundred milliseconds, which would stop
    the GUI thread too; the excerpts form no cycles, so reference counting frees them all the same."""
    global _pausing
    with _pausing_lock:
        if _pausing == 0:
            gc.disable()
        _pausing += 1
    try:
        yield
    finally:
        with _pausing_lock:
            _pausing -= 1
            if _pausing == 0:
                gc.freeze()
                gc.enable()


def release(excerpts: list) -> None:
    """Let go of a job's excerpts a slice at a time: freeing tens of thousands at once holds the
    interpreter (and so the GUI thread) for a tenth of a second."""
    while excerpts:
        del excerpts[-RELEASE_SLICE:]


class JobSignals(QObject):
    """What a job reports: progress (done, total), then the job with its result: a Scope or the
    Path written, None when cancelled, or the exception that stopped it."""

    progress = Signal(int, int)
    finished = Signal(object, object)


class _Job(QRunnable):
    def __init__(self, library_path: Path, parent: QObject) -> None:
        super().__init__()
        self.setAutoDelete(False)  # its owner keeps it until the last report arrives
        self.library_path = library_path
        self.signals = JobSignals(parent)  # owned by a GUI object: reports arrive on the GUI thread
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        """Stop at the next transcript (or quote, drawing a PDF); nothing is written."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        """Whether `cancel()` was called."""
        return self._cancelled.is_set()

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self._cancelled.is_set()

    def run(self) -> None:
        try:
            with collector_paused():
                result = self.work()
        except Cancelled:
            result = None
        except Exception as exc:  # reported by the dialog, never lost in a thread
            result = exc
        self.signals.finished.emit(self, result)

    def work(self) -> object:
        raise NotImplementedError


class CollectJob(_Job):
    """Collects a scope for the preview. The scope comes back without its whole turns (those
    are read through the job's connection, closed when it ends)."""

    def __init__(self, library_path: Path, choice: Choice, parent: QObject) -> None:
        super().__init__(library_path, parent)
        self.choice = choice

    def work(self) -> Scope:
        with Library(self.library_path, write=False) as library:
            return replace(self.choice.collect(library, self._progress), turns={})


class ExportJob(_Job):
    """Writes an export to `path`, whole or not at all: from a scope already collected, or
    (with none, or for a format that reads whole turns) collecting it first."""

    def __init__(self, library_path: Path, choice: Choice, fmt: str, options: ExportOptions, path: Path,
                 scope: Scope | None, parent: QObject) -> None:  # fmt: skip
        super().__init__(library_path, parent)
        self.choice, self.fmt, self.options, self.path = choice, fmt, options, path
        self.scope = None if fmt in NEEDS_WHOLE_TURNS else scope

    def work(self) -> Path | None:
        if self.scope is not None:
            return self._write(self.scope)
        with Library(self.library_path, write=False) as library:
            scope = self.choice.collect(library, self._progress)
            try:
                return self._write(scope)
            finally:
                release(scope.excerpts)

    def _write(self, scope: Scope) -> Path | None:
        if self.fmt in PRINTED:
            from desktop.printing import render_pdf  # Qt GUI classes: safe in a thread for a PDF

            data = render_pdf(scope, self.options, self._progress)
        else:
            data = export(scope, self.fmt, self.options)
        if self._cancelled.is_set():
            return None
        write_export(data, self.path)
        return self.path
