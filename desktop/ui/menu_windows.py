"""The dialogs and windows the main window's menus open: speakers, reports, the attributes
table, export, vault, print, library search. Functions of the window, which names them as its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.attributes_table import AttributesTable
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.print_dialog import print_highlights as print_dialog
from desktop.ui.reports_window import ReportsWindow
from desktop.ui.speakers_dialog import SpeakersDialog
from desktop.ui.vault_dialog import VaultDialog

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def open_speakers(window: MainWindow) -> None:
    """Show the speakers dialog of the open transcript."""
    if window.transcript_id is not None:
        window.speakers_dialog = SpeakersDialog(window.session, window.transcript_id, window)
        window.speakers_dialog.show()


def open_reports(window: MainWindow) -> ReportsWindow:
    """Show the Reports window (one for the app; Ctrl+R brings it to the front)."""
    if window.reports_window is None:
        window.reports_window = ReportsWindow(window.session, window.settings, window)
        window.reports_window.highlight_opened.connect(lambda tid, hid: _open_from_report(window, tid, hid))
    window.reports_window.show()
    window.reports_window.raise_()
    window.reports_window.activateWindow()
    return window.reports_window


def _open_from_report(window: MainWindow, transcript_id: int, highlight_id: int) -> None:
    window.open_transcript(transcript_id, highlight=highlight_id)
    window.raise_()
    window.activateWindow()


def open_attributes_table(window: MainWindow) -> AttributesTable:
    """Show every transcript's attributes as a table to edit (one for the app)."""
    if window.attributes_table is None:
        window.attributes_table = AttributesTable(window.session, window)
    window.attributes_table.show()
    window.attributes_table.raise_()
    return window.attributes_table


def open_export(window: MainWindow) -> ExportDialog:
    """Show the export dialog for the open transcript (or the chosen tag)."""
    dialog = ExportDialog(window.session, window.settings, window.transcript_id, window.tag_panel.current_tag(), window)
    dialog.open()
    return dialog


def open_vault_export(window: MainWindow) -> VaultDialog:
    """Show File ▸ Export to vault… for the library (or the open transcript)."""
    dialog = VaultDialog(window.session.library.path, window.transcript_id, window.settings, window)
    dialog.open()
    return dialog


def print_highlights(window: MainWindow) -> None:
    """File ▸ Print…: the open transcript's highlights, through the system's print dialog."""
    done = print_dialog(window, window.session.library, window.transcript_id)
    if done:
        window.say(done)


def open_search(window: MainWindow) -> None:
    """Show the library search."""
    window.search_dock.show()
    window.search_dock.raise_()
    window.search_panel.focus()
