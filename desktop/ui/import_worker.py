"""Importing files off the GUI thread, with progress, Cancel, and every error reported."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from desktop.library import Library


class ImportSignals(QObject):
    """What an import job reports: each file as it is done, then the end. Connect them to
    methods of GUI objects: a plain function would run in the worker's thread."""

    progress = Signal(int, int, str, str)  # done, total, file name, error ("" when imported)
    finished = Signal(list, list)  # imported transcript ids, "file: reason" errors


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
        errors: list[str] = []
        try:
            with Library(self.library_path, backup=False) as library:
                outcomes = library.import_files(self.files)
                for done, (path, outcome) in enumerate(outcomes, start=1):
                    if isinstance(outcome, str):
                        errors.append(f"{path.name}: {outcome}")
                    else:
                        imported.append(outcome.id)
                    self.signals.progress.emit(
                        done, len(self.files), path.name, outcome if isinstance(outcome, str) else ""
                    )
                    if self._cancelled.is_set():
                        outcomes.close()
                        break
        except Exception as exc:  # reported to the user by the window, never lost in a thread
            errors.append(f"{self.library_path.name}: {exc}")
        self.signals.finished.emit(imported, errors)
