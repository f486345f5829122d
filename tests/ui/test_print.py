"""File ▸ Print… (Ctrl+P) and the export dialog's PDF, through the real window."""

from __future__ import annotations

from pathlib import Path

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from desktop.ui.palette import is_dark
from tests.annotations import annotate


def test_ctrl_p_prints_the_open_transcripts_highlights(window, qtbot, tmp_path, monkeypatch):
    window.session.run(lambda: annotate(window.library, window.transcript_id))
    target = tmp_path / "printed.pdf"
    asked = []

    def choose_a_pdf_file(dialog):  # what a person does in the dialog: Print to File (PDF), Print
        asked.append(dialog.windowTitle())
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(target))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", choose_a_pdf_file)
    window.set_theme("dark")  # the page is printed in its light colours all the same
    assert is_dark(QApplication.palette())
    window.activateWindow()
    qtbot.keyClick(window.reader, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)

    assert asked == ["Print highlights"]
    assert target.read_bytes().startswith(b"%PDF-")
    text = "".join("".join(page.extract_text().split()) for page in pypdf.PdfReader(target).pages)
    assert "Bringawatch,notanotebook.—TomásReyes,2:52#quote" in text
    assert window.statusBar().currentMessage() == f"Saved 1 page of sample's highlights to {target}"


def test_print_is_in_the_file_menu_and_cancelling_prints_nothing(window, monkeypatch):
    window.session.run(lambda: annotate(window.library, window.transcript_id))
    [action] = [a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "&Print…"]
    assert action.shortcut().toString() == "Ctrl+P"
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected.value)
    action.trigger()
    assert window.statusBar().currentMessage() == ""


def test_print_with_no_highlights_says_so_without_a_dialog(window, monkeypatch):
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: (_ for _ in ()).throw(AssertionError("no dialog")))
    window.print_highlights()
    assert window.statusBar().currentMessage() == "sample has no highlights to print yet"


def test_the_export_dialog_saves_a_pdf(window, tmp_path, monkeypatch, qtbot):
    from desktop.ui.export_dialog import ExportDialog
    from tests.ui.test_export_dialog import opened, saved

    annotate(window.library, window.transcript_id)
    dialog = opened(qtbot, ExportDialog(window.session, window.settings, window.transcript_id, None, window))
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    assert dialog.style.isEnabled() and dialog.grouped.isEnabled() and not dialog.bom.isEnabled()
    assert "Bring a watch, not a notebook." in dialog.preview.toPlainText()
    suggested = []

    def save_as(parent, caption, name, filter):
        suggested.append((name, filter))
        return str(tmp_path / "quotes.pdf"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    assert saved(qtbot, dialog) == tmp_path / "quotes.pdf"
    assert [(Path(name).name, kind) for name, kind in suggested] == [("sample.pdf", "PDF (*.pdf)")]
    assert (tmp_path / "quotes.pdf").read_bytes().startswith(b"%PDF-")
