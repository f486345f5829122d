"""The export dialog (Ctrl+E): what to export, in which format, a live preview, and saving."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.export import FORMATS, PRINTED, ExportOptions, Scope, collect, export, safe_filename, write_export
from desktop.export.html import body
from desktop.export.markdown import MarkdownOptions
from desktop.export.qdpx import source_text
from desktop.library import LibraryError
from desktop.printing import render_pdf
from desktop.ui.palette import is_dark
from desktop.ui.session import Session

FORMAT_NAMES = {"md": "Markdown (Obsidian, notes apps)", "html": "HTML page", "pdf": "PDF (to print or share)",
                "csv": "CSV (spreadsheets)", "qdpx": "REFI-QDA project (NVivo, ATLAS.ti, QualCoder)"}  # fmt: skip
FORMAT_NAMES |= {"qdc": "Codebook: REFI-QDA (.qdc)", "codebook-csv": "Codebook: CSV (Taguette, spreadsheets)"}
CODEBOOKS = ("qdc", "codebook-csv")  # the tag tree, whatever highlights the scope holds
QUOTED = ("md", "html", "pdf")  # quotes as a reader sees them: quote style and grouping apply


PREVIEW_LIMIT = 300  # highlights shown in the preview; the export itself has them all
# The subset of the HTML export's style that Qt's rich text understands.
PREVIEW_STYLE = """
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 18px; }
blockquote { background-color: %s; margin: 10px 0px 4px 0px; }
p.who { color: #6b6f76; font-size: small; } span.tag { color: #8a5a00; }
div.note { margin: 0px 0px 12px 24px; font-style: italic; } table.meta { color: #6b6f76; }
"""


class ExportDialog(QDialog):
    """Chooses scope, format and options; previews; saves."""

    def __init__(self, session: Session, transcript_id: int | None, tag: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.transcript_id = session, transcript_id
        self.setWindowTitle("Export")
        self.resize(820, 640)
        self.scope = QComboBox()
        if transcript_id is not None:
            self.scope.addItem("This transcript", "transcript")
        self.scope.addItem("One tag, across the library", "tag")
        self.scope.addItem("The whole library", "library")
        self.tag = QComboBox()
        self.tag.addItems([t.name for t in session.library.tags.list()])
        if tag:
            self.tag.setCurrentText(tag)
        self.format = QComboBox()
        for key, name in FORMAT_NAMES.items():
            self.format.addItem(name, key)
        self.style = QComboBox()
        self.style.addItem("Blockquotes", "blockquote")
        self.style.addItem("Obsidian callouts", "callout")
        self.grouped = QCheckBox("A section per tag")
        self.bom = QCheckBox("Byte-order mark (for Excel)")
        self.rows_per_tag = QCheckBox("A row per highlight and tag (Taguette)")
        self.media_links = QCheckBox("Link each quote to its moment in the recording")
        self.media_links.setToolTip(
            "file:// links: they open on this computer only, so a vault stays portable without them"
        )
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.document().setDefaultStyleSheet(
            PREVIEW_STYLE % ("#3a3420" if is_dark(self.palette()) else "#fbf3dc")
        )
        form = QFormLayout()
        form.addRow("Export", self.scope)
        form.addRow("Tag", self.tag)
        form.addRow("Format", self.format)
        form.addRow("Quotes", self.style)
        form.addRow("", self.grouped)
        form.addRow("", self.bom)
        form.addRow("", self.rows_per_tag)
        form.addRow("", self.media_links)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(buttons)
        for widget in (self.scope, self.tag, self.format, self.style):
            widget.currentIndexChanged.connect(self.refresh)
        for box in (self.grouped, self.bom, self.media_links, self.rows_per_tag):
            box.toggled.connect(self.refresh)
        self.refresh()

    def chosen_scope(self) -> Scope:
        """The excerpts the choices select."""
        kind = self.scope.currentData()
        library = self.session.library
        if kind == "transcript":
            return collect(library, transcript_id=self.transcript_id)
        if kind == "tag":
            return collect(library, tag=self.tag.currentText() or None)
        return collect(library)

    def options(self) -> ExportOptions:
        """The chosen options."""
        return ExportOptions(self.style.currentData(), self.grouped.isChecked(), self.bom.isChecked(),
                             self.media_links.isChecked(), rows_per_tag=self.rows_per_tag.isChecked())  # fmt: skip

    def refresh(self, *_: object) -> None:
        """Show what the export will hold."""
        fmt = self.format.currentData()
        self.tag.setEnabled(self.scope.currentData() == "tag")
        self.style.setEnabled(fmt in QUOTED)
        self.grouped.setEnabled(fmt in QUOTED)
        self.bom.setEnabled(fmt in ("csv", "codebook-csv"))
        self.rows_per_tag.setEnabled(fmt == "csv")
        self.media_links.setEnabled(fmt == "md")
        try:
            scope = self.chosen_scope()
        except LibraryError as exc:  # a tag deleted or renamed meanwhile (perhaps by another program)
            self.preview.setPlainText(f"Nothing to export: {exc}")
            return
        shown = replace(scope, excerpts=scope.excerpts[:PREVIEW_LIMIT])  # the preview stays quick
        more = len(scope.excerpts) - len(shown.excerpts)
        note = f"<p><i>… and {more} more highlights in the export.</i></p>" if more > 0 else ""
        if fmt in QUOTED:
            markdown = MarkdownOptions(self.style.currentData(), self.grouped.isChecked(),
                                       media_links=self.media_links.isChecked())  # fmt: skip
            self.preview.setHtml(body(shown, markdown) + note)
        elif fmt == "csv":
            self.preview.setPlainText(
                export(shown, "csv", self.options()).decode("utf-8") + (f"… and {more} more highlights" if more else "")
            )
        elif fmt in CODEBOOKS:
            try:
                self.preview.setPlainText(export(scope, fmt, self.options()).decode("utf-8-sig"))
            except LibraryError as exc:  # no tags
                self.preview.setPlainText(f"Nothing to export: {exc}")
        else:
            sources = sum(len(source_text(scope.turns[t.id])[0]) for t in scope.transcripts)
            tags = {t for e in scope.excerpts for t in e.highlight.tags}
            self.preview.setPlainText(f"{len(scope.transcripts)} sources ({sources:,} characters), "
                                      f"{len(scope.excerpts)} coded selections, {len(tags)} codes")  # fmt: skip

    def save(self) -> Path | None:
        """Ask where, then write the export."""
        fmt = self.format.currentData()
        try:
            scope = self.chosen_scope()
        except LibraryError as exc:
            QMessageBox.warning(self, "Export", str(exc))
            return None
        suggested = safe_filename(scope.title, (FORMATS | PRINTED)[fmt])
        name, _ = QFileDialog.getSaveFileName(self, "Export", suggested, f"*{Path(suggested).suffix}")
        if not name:
            return None
        path = Path(name)
        try:
            data = render_pdf(scope, self.options()) if fmt in PRINTED else export(scope, fmt, self.options())
            write_export(data, path)
        except LibraryError as exc:  # a codebook of no tags
            QMessageBox.warning(self, "Export", str(exc))
            return None
        except OSError as exc:
            QMessageBox.warning(self, "Export", f"{path}: {exc.strerror or exc}")
            return None
        self.accept()
        return path
