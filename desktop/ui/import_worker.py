"""Importing files off the GUI thread, with progress, Cancel, and every error reported."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop.library import Library
from desktop.ui.progress import job_progress


class ImportSignals(QObject):
    """What an import job reports: each file as it is done, then the end. Connect them to
    methods of GUI objects: a plain function would run in the worker's thread."""

    progress = Signal(int, int, str, str)  # done, total, file name, _progress_note
    finished = Signal(list, list, list)  # new transcript ids, ids of files already stored, "file: reason" errors


class ImportJob(QRunnable):
    """Imports files through its own connection to the library (SQLite connections belong to
    one thread); never touches a widget. `cancel()` stops before the next file."""

    def __init__(self, library_path: Path, files: list[Path], parent: QObject) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the window keeps it until its last report arrives
        self.library_path, self.files = library_path, files
        # Owned by a GUI object, so the reports outlive the worker thread that sends them.
        self.signals = ImportSignals(parent)
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        """Stop after the file being stored now; what is stored stays, whole."""
        self._cancelled.set()

    def run(self) -> None:
        imported: list[int] = []
        already: list[int] = []  # the same file was imported before: nothing stored again
        errors: list[str] = []
        try:
            with Library(self.library_path, backup=False) as library:
                outcomes = library.import_files(self.files)
                for done, (path, outcome) in enumerate(outcomes, start=1):
                    if isinstance(outcome, str):
                        errors.append(f"{path.name}: {outcome}")
                    else:
                        (already if outcome.duplicate else imported).append(outcome.id)
                    self.signals.progress.emit(done, len(self.files), path.name, _progress_note(outcome))
                    if self._cancelled.is_set():
                        outcomes.close()
                        break
        except Exception as exc:  # reported to the user by the window, never lost in a thread
            errors.append(f"{self.library_path.name}: {exc}")
        self.signals.finished.emit(imported, already, errors)


class Importer(QObject):
    """Runs a window's imports: a job in the thread pool, a progress dialog with Cancel,
    and a report naming the files that could not be imported."""

    done = Signal(list, list, list)  # new transcript ids, ids of files already stored, "file: reason" errors

    def __init__(self, window: QWidget, library_path: Path) -> None:
        super().__init__(window)
        self.window, self.library_path = window, library_path
        self.job: ImportJob | None = None
        self.progress: QProgressDialog | None = None
        self.report: QMessageBox | None = None

    def start(self, files: list[Path]) -> ImportJob:
        """Import files in the background; Cancel stops after the file being stored."""
        job = ImportJob(self.library_path, files, parent=self)
        self.progress = job_progress(self.window, "Importing…", "Import", job.cancel, len(files))
        # Bound methods of a GUI object: Qt then delivers the worker's reports on the GUI thread.
        job.signals.progress.connect(self._progressed)
        job.signals.finished.connect(self._finished)
        self.job = job
        QTimer.singleShot(0, lambda: QThreadPool.globalInstance().start(job))  # callers may connect first
        return job

    def cancel(self) -> None:
        """Stop the running import, if any."""
        if self.job is not None:
            self.job.cancel()

    def _progressed(self, done: int, total: int, name: str, note: str) -> None:
        self.progress.setValue(done)
        self.progress.setLabelText(f"{name} is already in the library" if note == ALREADY else
                                   f"Could not import {name}" if note else f"Imported {name}")  # fmt: skip

    def _finished(self, ids: list[int], already: list[int], errors: list[str]) -> None:
        self.progress.close()
        self.job.signals.deleteLater()
        self.job = None
        if errors:
            message = "These files were not imported:\n\n" + "\n".join(errors)
            self.report = QMessageBox(QMessageBox.Icon.Warning, "Import", message, parent=self.window)
            self.report.open()
        self.done.emit(ids, already, errors)


ALREADY = "already in the library"


def _progress_note(outcome: object) -> str:
    """What a file's progress report says: "" imported, ALREADY, or why it failed."""
    if isinstance(outcome, str):
        return outcome
    return ALREADY if outcome.duplicate else ""


def import_summary(imported: int, already: int, failed: int) -> str:
    """The status line after an import: `Imported 2 of 3 files; 1 already in the library`."""
    if not imported and not failed:
        return "Already in the library" if already == 1 else f"All {already} files are already in the library"
    total = imported + already + failed
    parts = [f"Imported {imported} of {total} file{'s' if total != 1 else ''}"]
    if already:
        parts.append(f"{already} already in the library")
    return "; ".join(parts)
