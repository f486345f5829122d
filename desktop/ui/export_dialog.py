"""The export dialog (Ctrl+E): what to export, in which format, a live preview, and saving.

The highlights of a choice (a transcript, a tag, the library) are collected once, off the GUI
thread, and kept while the dialog is open (until the library changes): changing the format or
an option only renders the preview again, and typing a tag name collects once the typing
pauses. Saving runs in the background too, with progress and Cancel; a cancelled export
writes nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.export import FORMATS, PRINTED, ExportOptions, Scope, export, safe_filename
from desktop.export.collect import scope_title
from desktop.export.html import body
from desktop.export.markdown import MarkdownOptions
from desktop.library import LibraryError
from desktop.library.changes import Changes
from desktop.ui.export_job import Choice, CollectJob, ExportJob
from desktop.ui.file_dialogs import ask_save_path
from desktop.ui.palette import is_dark
from desktop.ui.progress import job_progress
from desktop.ui.session import Session

FORMAT_NAMES = {"md": "Markdown (Obsidian, notes apps)", "html": "HTML page", "pdf": "PDF (to print or share)",
                "csv": "CSV (spreadsheets)", "qdpx": "REFI-QDA project (NVivo, ATLAS.ti, QualCoder)"}  # fmt: skip
FORMAT_NAMES |= {"qdc": "Codebook: REFI-QDA (.qdc)", "codebook-csv": "Codebook: CSV (Taguette, spreadsheets)"}
FILE_TYPES = {
    "md": "Markdown",
    "html": "HTML page",
    "pdf": "PDF",
    "csv": "CSV",
    "qdpx": "REFI-QDA project",
    "qdc": "REFI-QDA codebook",
    "codebook-csv": "CSV",
}  # what the save dialog calls the file
CODEBOOKS = ("qdc", "codebook-csv")  # the tag tree, whatever highlights the scope holds
QUOTED = ("md", "html", "pdf")  # quotes as a reader sees them: quote style and grouping apply
WHOLE = ("qdpx", *CODEBOOKS)  # whole sources or the tag tree: worth exporting with no highlights
# How quotes look, in this dialog and the vault's: the same two names everywhere.
QUOTE_STYLES = (("Quotes (blockquote)", "blockquote"),
                ("Callouts (Obsidian's [!quote]; boxes in HTML and PDF)", "callout"))  # fmt: skip
REMEMBERED_BOXES = ("grouped", "bom", "rows_per_tag", "media_links")  # kept for the next export, with the format


PREVIEW_LIMIT = 300  # highlights shown in the preview; the export itself has them all
COLLECT_DELAY_MS = 150  # a new choice (a tag name typed) is collected once the changes pause
# The subset of the HTML export's style that Qt's rich text understands.
PREVIEW_STYLE = """
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 18px; }
blockquote { background-color: %s; margin: 10px 0px 4px 0px; }
p.who { color: #6b6f76; font-size: small; } span.tag { color: #8a5a00; }
div.note { margin: 0px 0px 12px 24px; font-style: italic; } table.meta { color: #6b6f76; }
"""


class ExportDialog(QDialog):
    """Chooses scope, format and options; previews; saves."""

    saved = Signal(object)  # the Path an export was written to

    def __init__(self, session: Session, settings: QSettings, transcript_id: int | None, tag: str | None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.session, self.settings, self.transcript_id = session, settings, transcript_id
        self.setWindowTitle("Export")
        self.resize(820, 640)
        self.scope = QComboBox()
        if transcript_id is not None:
            self.scope.addItem("This transcript", "transcript")
        self.scope.addItem("One tag, across the library", "tag")
        self.scope.addItem("The whole library", "library")
        self.tag = QComboBox(editable=True, insertPolicy=QComboBox.InsertPolicy.NoInsert)
        self.tag.addItems([t.name for t in session.library.tags.list()])
        self.tag.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.tag.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        if tag:
            self.tag.setCurrentText(tag)
        self.format = QComboBox()
        for key, name in FORMAT_NAMES.items():
            self.format.addItem(name, key)
        self.style = QComboBox()
        for name, key in QUOTE_STYLES:
            self.style.addItem(name, key)
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
        self.status = QLabel()
        form = QFormLayout()
        form.addRow("Export", self.scope)
        form.addRow("Tag", self.tag)
        form.addRow("Format", self.format)
        form.addRow("Quotes", self.style)
        form.addRow("", self.grouped)
        form.addRow("", self.bom)
        form.addRow("", self.rows_per_tag)
        form.addRow("", self.media_links)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._scopes: dict[Choice, Scope | LibraryError] = {}  # collected while the dialog is open
        self._collecting: CollectJob | None = None
        self._running: set[CollectJob | ExportJob] = set()  # kept alive until they report
        self._problem: str | None = None  # why the format shown cannot be exported, if it cannot
        self.job: ExportJob | None = None
        self.progress: QProgressDialog | None = None
        self._wait = QTimer(self, singleShot=True, interval=COLLECT_DELAY_MS)
        self._wait.timeout.connect(self.collect)
        self._recall()
        self.scope.currentIndexChanged.connect(self._choice_changed)
        self.tag.currentTextChanged.connect(self._choice_changed)
        for widget in (self.format, self.style):
            widget.currentIndexChanged.connect(self.refresh)
        for box in (self.grouped, self.bom, self.media_links, self.rows_per_tag):
            box.toggled.connect(self.refresh)
        session.changed.connect(self._library_changed)
        self._choice_changed()
        self.collect()

    def _recall(self) -> None:
        """Set the format and options of the last export."""
        settings = self.settings
        self.format.setCurrentIndex(max(0, self.format.findData(settings.value("export/format", "md"))))
        self.style.setCurrentIndex(max(0, self.style.findData(settings.value("export/style", "blockquote"))))
        for box in REMEMBERED_BOXES:
            getattr(self, box).setChecked(settings.value(f"export/{box}", False, bool))

    def _remember(self) -> None:
        settings = self.settings
        settings.setValue("export/format", self.format.currentData())
        settings.setValue("export/style", self.style.currentData())
        for box in REMEMBERED_BOXES:
            settings.setValue(f"export/{box}", getattr(self, box).isChecked())

    # What to export ----------------------------------------------------------------------

    def choice(self) -> Choice:
        """What the choices select."""
        kind = self.scope.currentData()
        if kind == "transcript":
            return Choice(kind, transcript_id=self.transcript_id)
        if kind == "tag":
            return Choice(kind, tag=self.tag.currentText().strip())
        return Choice(kind)

    @property
    def ready(self) -> bool:
        """Whether the preview shows the current choice (nothing is being collected for it)."""
        return not self._wait.isActive() and self._collecting is None

    def _choice_changed(self, *_: object) -> None:
        self.tag.setEnabled(self.scope.currentData() == "tag")
        if self.choice() in self._scopes:
            self._wait.stop()
            self.refresh()
        else:
            self._wait.start()
            self.status.setText("Reading the highlights…")

    def _library_changed(self, changes: Changes) -> None:
        if changes.highlights or changes.transcripts or changes.turns or changes.tags or changes.everything:
            self._scopes.clear()
            self._wait.start()
            self.status.setText("Reading the highlights…")

    def collect(self) -> CollectJob | None:
        """Collect the current choice's highlights in the background (unless kept already)."""
        self._wait.stop()
        choice = self.choice()
        if choice in self._scopes:
            self.refresh()
            return None
        if self._collecting is not None:
            if self._collecting.choice == choice:
                return self._collecting
            self._collecting.cancel()  # a choice left behind
        job = CollectJob(self.session.library.path, choice, self)
        job.signals.progress.connect(self._collect_progressed)
        job.signals.finished.connect(self._collected)
        self._collecting = job
        self._running.add(job)
        self.status.setText("Reading the highlights…")
        QThreadPool.globalInstance().start(job)
        return job

    def _collect_progressed(self, done: int, total: int) -> None:
        if self._collecting is not None:
            self.status.setText(f"Reading the highlights… {done:,} of {total:,} transcripts")

    def _collected(self, job: CollectJob, result: object) -> None:
        self._running.discard(job)
        if job is not self._collecting:
            return  # left behind by a later choice
        self._collecting = None
        if isinstance(result, Scope | LibraryError):
            self._scopes[job.choice] = result
        elif isinstance(result, Exception):
            self.preview.setPlainText(f"The library could not be read: {result}")
        if job.choice != self.choice():  # the choice changed meanwhile
            self.collect()
            return
        self.refresh()

    # The preview -------------------------------------------------------------------------

    def options(self) -> ExportOptions:
        """The chosen options."""
        return ExportOptions(self.style.currentData(), self.grouped.isChecked(), self.bom.isChecked(),
                             self.media_links.isChecked(), rows_per_tag=self.rows_per_tag.isChecked())  # fmt: skip

    def refresh(self, *_: object) -> None:
        """Show what the export will hold (from the highlights collected for the choice)."""
        fmt = self.format.currentData()
        self.style.setEnabled(fmt in QUOTED)
        self.grouped.setEnabled(fmt in QUOTED)
        self.bom.setEnabled(fmt in ("csv", "codebook-csv"))
        self.rows_per_tag.setEnabled(fmt == "csv")
        self.media_links.setEnabled(fmt == "md")
        scope = self._scopes.get(self.choice())
        if scope is None:
            return  # being collected: the preview follows
        self.status.setText("")
        self._problem = None
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        if isinstance(scope, LibraryError):  # a tag deleted or renamed meanwhile (perhaps by another program)
            self._show_problem(str(scope))
            return
        if not scope.excerpts and fmt not in WHOLE:
            self._show_problem(f"{scope.title} has no highlights yet")
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
                self._show_problem(str(exc))
        else:
            tags = {t for e in scope.excerpts for t in e.highlight.tags}
            counts = [(len(scope.transcripts), "source"), (len(scope.excerpts), "coded selection"), (len(tags), "code")]
            self.preview.setPlainText(", ".join(f"{n:,} {noun}{'' if n == 1 else 's'}" for n, noun in counts))

    def _show_problem(self, problem: str) -> None:
        self._problem = problem
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self.preview.setPlainText(f"Nothing to export: {problem}")

    # Saving ------------------------------------------------------------------------------

    def save(self) -> ExportJob | None:
        """Ask where, then write the export in the background (progress and Cancel); `saved`
        tells the path when it is written."""
        fmt, choice = self.format.currentData(), self.choice()
        collected = self._scopes.get(choice)
        try:
            if isinstance(collected, LibraryError):
                raise collected
            if self._problem is not None and self.ready:
                raise LibraryError(self._problem)
            title = collected.title if collected else scope_title(self.session.library, choice.transcript_id,
                                                                  choice.tag)  # fmt: skip
        except LibraryError as exc:
            QMessageBox.warning(self, "Export", str(exc))
            return None
        suggested = safe_filename(title, (FORMATS | PRINTED)[fmt])
        path = ask_save_path(self, self.settings, "export", "Export", suggested, FILE_TYPES[fmt])
        if path is None:
            return None
        self._remember()
        job = ExportJob(self.session.library.path, choice, fmt, self.options(), path,
                        collected if isinstance(collected, Scope) else None, self)  # fmt: skip
        self.progress = job_progress(self, f"Exporting to {path.name}…", "Export", job.cancel)
        job.signals.progress.connect(self._export_progressed)
        job.signals.finished.connect(self._exported)
        self.job = job
        self._running.add(job)
        self.buttons.setEnabled(False)
        QThreadPool.globalInstance().start(job)
        return job

    def _export_progressed(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)

    def _exported(self, job: ExportJob, result: object) -> None:
        self._running.discard(job)
        self.job = None
        if self.progress is not None:
            self.progress.reset()
        self.buttons.setEnabled(True)
        if isinstance(result, Path):
            say = getattr(self.parent(), "say", None)
            if say is not None:
                say(f"Exported to {result}", 8000)
            self.saved.emit(result)
            self.accept()
        elif isinstance(result, OSError):
            QMessageBox.warning(self, "Export", f"{job.path}: {result.strerror or result}")
        elif isinstance(result, Exception):  # a codebook of no tags, a tag gone meanwhile
            QMessageBox.warning(self, "Export", str(result))
        else:
            self.status.setText("Export cancelled: nothing was written")

    def reject(self) -> None:
        """Close, stopping whatever runs (a cancelled export writes nothing)."""
        for job in list(self._running):
            job.cancel()
        super().reject()
