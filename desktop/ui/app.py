"""Starting the app: the library, the window, the first run, and errors that never crash it."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.library import Library, LibraryError, default_library_path
from desktop.resources import SAMPLE_TRANSCRIPT
from desktop.ui.backup_job import start_backup
from desktop.ui.log_file import log_path, log_to_file
from desktop.ui.main_window import MainWindow
from desktop.ui.session import Session
from desktop.ui.single_instance import BUSY, HANDED, InstanceServer, hand_over, server_name
from desktop.ui.theme import apply_theme

log = logging.getLogger("talkmark")


def open_window(library: Library, settings: QSettings) -> MainWindow:
    """The main window on a library: the last transcript at the last place read, or on the
    very first run the project's sample transcript."""
    window = MainWindow(Session(library), settings)
    newest = library.transcripts.ids(limit=1)  # one id, not the whole list: a library may hold thousands
    first_run = not newest and not settings.value("sample_offered", False, type=bool)
    if first_run and not library.read_only:
        settings.setValue("sample_offered", True)
        window.open_transcript(window.session.import_file(SAMPLE_TRANSCRIPT).id)
    elif not window.restore_reading() and newest:
        window.open_transcript(newest[0])
    return window


def app_arguments(argv: list[str]) -> argparse.Namespace:
    """`[--library PATH] [FILE...]`: the library to open (default: $TALKMARK_LIBRARY or the
    user data folder) and files to import."""
    parser = argparse.ArgumentParser(prog="talkmark", description="Open the app (or run a command: see --help).")
    parser.add_argument("--library", type=Path, metavar="PATH", help="library file")
    parser.add_argument("files", nargs="*", metavar="FILE", help="transcripts to import")
    return parser.parse_args(argv)


@dataclass
class Running:
    """The app as `launch` starts it: what `run` keeps until the window closes."""

    app: QApplication
    window: MainWindow
    library: Library
    server: InstanceServer
    previous_hook: Callable

    def close(self) -> None:
        """Stop listening for later starts, put the error hook back, close the library."""
        self.window.close()
        self.server.close()
        sys.excepthook = self.previous_hook
        self.library.close()


def run(argv: list[str]) -> int:
    """Start the app on the library, importing files first, until its window closes; when
    an app already runs on that library, hand it the files instead and end."""
    running = launch(argv)
    if isinstance(running, int):
        return running
    if os.environ.get("TALKMARK_REPORT_SHOWN"):  # the start-up benchmark: say when the window is up, then end
        QTimer.singleShot(0, lambda: (print("shown", flush=True), running.app.quit()))
    try:
        return running.app.exec()
    finally:
        running.close()


def launch(argv: list[str]) -> Running | int:
    """Show the window on the library (or hand the files to the app already open on it and
    return the exit status)."""
    args = app_arguments(argv)
    path = args.library or default_library_path()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Talkmark")
    app.setOrganizationName("Talkmark")
    name = server_name(path)
    handed = hand_over(name, args.files)
    if handed == HANDED:
        print(f"handed {len(args.files)} file(s) to the Talkmark window already open on {path}")
        return 0
    if handed == BUSY:
        print(f"error: {path}: Talkmark is open on this library but does not answer", file=sys.stderr)
        QMessageBox.warning(None, "Talkmark", f"Talkmark is already open on {path} but does not answer. "
                            "Close it (or wait for it) and try again.")  # fmt: skip
        return 1
    settings = QSettings()
    apply_theme(app, str(settings.value("theme", "system")))
    log_to_file()
    try:
        library, read_only = Library(path, backup=False), None  # the day's backup: in the background
    except LibraryError as exc:
        if not str(exc).startswith("read-only:") or not path.exists():
            QMessageBox.critical(None, "Talkmark", f"The library {path} cannot be opened:\n\n{exc}")
            return 1
        library, read_only = Library(path, write=False), str(exc)  # read it; changes are refused one by one
    window = open_window(library, settings)
    server = InstanceServer(name, window)
    server.files_received.connect(window.receive_files)
    running = Running(app, window, library, server, sys.excepthook)
    sys.excepthook = lambda kind, error, trace: report_error(window, kind, error, trace)
    window.show()
    for warning in library.warnings:  # a backup that could not be made: the library still works
        window.say(f"Warning: {warning}", 0)
    if not read_only:
        start_backup(window, path)
    if read_only:
        window.show_read_only(read_only)
    if args.files:
        window.import_files([Path(f) for f in args.files])
    return running


def report_error(parent, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """Log an unexpected error and tell the user; the app keeps running (each library write
    is one transaction, so nothing is left half-written)."""
    if isinstance(error, LibraryError):  # a change the library refused (read-only, full disk): one line
        QMessageBox.warning(parent, "Talkmark", str(error))
        return
    log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, error, trace)))
    QMessageBox.warning(parent, "Something went wrong",
                        f"{error}\n\nNothing was saved half-way. Details are in {log_path()}.")  # fmt: skip
