"""The day's backup of the library, made off the GUI thread (policy: desktop/library/backup.py)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.library import LibraryError
from desktop.library.backup import Cancelled
from desktop.library.connection import back_up_if_due

START_AFTER_MS = 10_000  # start-up and the first minutes of reading come first


class BackupSignals(QObject):
    """What a backup job reports, in the GUI thread: a warning ("" when all went well)."""

    finished = Signal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.finished.connect(self._report)  # a method of a GUI object: it runs in the GUI thread

    def _report(self, warning: str) -> None:
        if warning.startswith("the library is damaged"):
            box = QMessageBox(QMessageBox.Icon.Warning, "Talkmark", f"The library is damaged.\n\n{warning}")
            box.setParent(self.window, box.windowFlags())
            box.open()
        elif warning:
            self.window.say(f"Warning: {warning}", 0)


class BackupJob(QRunnable):
    """Makes the library's backup, if one is due, through its own connection; never touches
    a widget. `cancel()` stops it between two steps of the copy, keeping nothing of it."""

    def __init__(self, library_path: Path, window: QWidget) -> None:
        super().__init__()
        self.setAutoDelete(False)  # kept by the caller until its report arrives
        self.library_path = library_path
        self.signals = BackupSignals(window)
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        """Stop the copy (the app is quitting)."""
        self._cancelled.set()

    def run(self) -> None:
        try:
            warning = back_up_if_due(self.library_path, cancelled=self._cancelled.is_set) or ""
        except Cancelled:
            warning = ""
        except LibraryError as exc:
            warning = str(exc)
        except Exception as exc:  # reported by the window, never lost in a thread
            warning = f"no backup made ({type(exc).__name__}: {exc})"
        self.signals.finished.emit(warning)


def start_backup(window: QWidget, library_path: Path, after_ms: int = START_AFTER_MS) -> BackupJob:
    """Make the day's backup in the background once the app has settled (`after_ms`): the
    window shows a warning if none could be made, or says the library is damaged; quitting
    the app stops it."""
    job = BackupJob(library_path, window)
    window.backup_job = job  # the window keeps it alive until the app ends
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(job.cancel)
    QTimer.singleShot(after_ms, window, lambda: QThreadPool.globalInstance().start(job))
    return job
