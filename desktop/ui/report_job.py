"""Reports computed off the GUI thread, each through its own read connection.

A report over a library of thousands of transcripts takes a moment; typing in a filter or
switching a column asks again at once. So each request is a job on the thread pool, and only
the answer to the latest request is shown: an older job that finishes later is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.library import Library

Work = Callable[[Library], object]


class _Signals(QObject):
    finished = Signal(int, object)  # request number, result (or the exception that stopped it)


class _ReportJob(QRunnable):
    def __init__(self, runner: ReportRunner, number: int, work: Work) -> None:
        super().__init__()
        self.library_path, self.write, self.signals = runner.library_path, runner.write, runner._signals
        self.number, self.work = number, work

    def run(self) -> None:
        try:
            # Opened for writing when it can be: the core keeps each turn's word count the
            # first time a report asks (a read-only connection counts them afresh each time).
            with Library(self.library_path, write=self.write, backup=False) as library:
                result = self.work(library)
        except Exception as exc:  # shown by the window, never lost in a thread
            result = exc
        self.signals.finished.emit(self.number, result)


class ReportRunner(QObject):
    """Runs one report at a time in the background; `done` carries the latest request's result
    (an Exception when it failed). `busy` says whether an answer is still awaited."""

    done = Signal(object)

    def __init__(self, library_path: Path, parent: QObject | None = None, *, write: bool = True) -> None:
        super().__init__(parent)
        self.library_path, self.write = library_path, write
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._signals = _Signals(self)  # a GUI-thread object: results arrive on the GUI thread
        self._signals.finished.connect(self._finished)
        self._requested = 0
        self._answered = 0

    @property
    def busy(self) -> bool:
        """Whether the latest request has not been answered yet."""
        return self._answered < self._requested

    def request(self, work: Work) -> int:
        """Compute `work(library)` in the background; earlier requests' answers are dropped."""
        self._requested += 1
        self.pool.start(_ReportJob(self, self._requested, work))
        return self._requested

    def stop(self) -> None:
        """Drop every answer still to come and wait for running jobs (on closing)."""
        self._answered = self._requested
        self.pool.clear()
        self.pool.waitForDone(5000)

    def _finished(self, number: int, result: object) -> None:
        if number != self._requested or self._answered >= number:
            return
        self._answered = number
        self.done.emit(result)
