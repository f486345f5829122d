"""Starting the app: the library, the window, the first run, and errors that never crash it."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

import platformdirs
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.library import Library, LibraryError, default_library_path
from desktop.resources import SAMPLE_TRANSCRIPT
from desktop.ui.main_window import MainWindow
from desktop.ui.session import Session
from desktop.ui.theme import apply_theme

log = logging.getLogger("talkmark")


def open_window(library: Library, settings: QSettings) -> MainWindow:
    """The main window on a library: the last transcript at the last place read, or on the
    very first run the project's sample transcript."""
    window = MainWindow(Session(library), settings)
    if not library.transcripts.list() and not settings.value("sample_offered", False, type=bool):
        settings.setValue("sample_offered", True)
        window.open_transcript(window.session.import_file(SAMPLE_TRANSCRIPT).id)
    elif not window.restore_reading():
        transcripts = library.transcripts.list()
        if transcripts:
            window.open_transcript(transcripts[0].id)
    return window


def run(files: list[str]) -> int:
    """Start the app on the library, importing `files` first."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Talkmark")
    app.setOrganizationName("Talkmark")
    settings = QSettings()
    apply_theme(app, str(settings.value("theme", "system")))
    _log_to_file()
    path = default_library_path()
    try:
        library = Library(path)
    except LibraryError as exc:
        QMessageBox.critical(None, "Talkmark", f"The library {path} cannot be opened:\n\n{exc}")
        return 1
    window = open_window(library, settings)
    previous_hook = sys.excepthook
    sys.excepthook = lambda kind, error, trace: report_error(window, kind, error, trace)
    window.show()
    if files:
        window.import_files([Path(f) for f in files])
    if os.environ.get("TALKMARK_REPORT_SHOWN"):  # the start-up benchmark: say when the window is up, then end
        QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
    try:
        return app.exec()
    finally:
        sys.excepthook = previous_hook
        library.close()


def report_error(parent, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """Log an unexpected error and tell the user; the app keeps running (each library write
    is one transaction, so nothing is left half-written)."""
    log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, error, trace)))
    QMessageBox.warning(parent, "Something went wrong",
                        f"{error}\n\nNothing was saved half-way. Details are in {_log_path()}.")  # fmt: skip


def _log_path() -> Path:
    return platformdirs.user_log_path("Talkmark", appauthor=False) / "talkmark.log"


def _log_to_file() -> None:
    path = _log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(filename=path, level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
