"""Files coming into the main window: File ▸ Import…, files dropped on it, files another start
of the app hands over. Functions of the window, which names the menus' ones as its own."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from desktop.library.media import is_media
from desktop.ui.file_dialogs import ask_open_paths
from desktop.ui.import_worker import ImportJob, import_summary

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

IMPORT_FILTER = "Transcripts (*.txt *.srt *.vtt *.json *.md *.docx *.html *.htm *.cha);;All files (*)"


def choose_import(window: MainWindow) -> None:
    """Ask for files and import them."""
    files = ask_open_paths(window, window.settings, "import", "Import transcripts", IMPORT_FILTER, many=True)
    if files:
        import_files(window, files)


def receive_files(window: MainWindow, files: list[str]) -> None:
    """Files another start of the app handed over: import them and come to the front."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    if files:
        import_files(window, [Path(f) for f in files])


def import_files(window: MainWindow, files: list[Path]) -> ImportJob:
    """Import files in the background with progress and Cancel; the last one opens."""
    window.session.watch.stop()  # our own import writes through another connection: one refresh at the end
    return window.importer.start(files)


def imported(window: MainWindow, ids: list[int], already: list[int], errors: list[str]) -> None:
    """An import finished: refresh, open the last transcript it stored, and say how it went."""
    window.session.imported(ids)
    window.session.watch.start()
    if ids or already:
        window.open_transcript((ids or already)[-1])
    window.say(import_summary(len(ids), len(already), len(errors)), 6000)


def take_dropped(window: MainWindow, files: list[Path]) -> None:
    """Transcripts dropped are imported (each linked to the recording beside it, such as one
    dropped with it); a recording dropped alone on an open transcript becomes its recording."""
    transcripts = [f for f in files if not is_media(f)]
    if transcripts:
        import_files(window, transcripts)
    elif len(files) == 1 and window.transcript_id is not None:
        window.link_media(files[0])
    elif files:
        window.say("To link a recording, open its transcript and drop the recording alone on it")
