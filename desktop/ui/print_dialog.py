"""File ▸ Print… (Ctrl+P): the open transcript's highlights through the system's print dialog,
laid out as the PDF export lays them out (desktop/printing.py)."""

from __future__ import annotations

from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.export import collect
from desktop.library import Library
from desktop.printing import MARGINS_MM, PrintError, paint


def print_highlights(parent: QWidget, library: Library, transcript_id: int | None) -> str:
    """Ask for a printer, then print the transcript's highlights; what happened, in a few words
    for the status bar (empty when the dialog was cancelled)."""
    if transcript_id is None:
        return "Open a transcript to print its highlights"
    scope = collect(library, transcript_id=transcript_id)
    if not scope.excerpts:
        return f"{scope.title} has no highlights to print yet"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(scope.title)
    printer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print highlights")  # the title bar cuts a long title; the document name has it
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, False)  # always the whole of it
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
    if not dialog.exec():  # rejected
        return ""
    try:
        pages = paint(scope, None, printer)
    except PrintError as exc:
        QMessageBox.warning(parent, "Print", f"{printer.printerName() or printer.outputFileName()}: {exc}")
        return ""
    done = f"{pages} page{'s' if pages != 1 else ''} of {scope.title}'s highlights"
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:  # "Print to file"
        return f"Saved {done} to {printer.outputFileName()}"
    return f"Printed {done}"
