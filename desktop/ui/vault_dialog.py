"""File ▸ Export to vault…: a note per transcript (and per tag) in an Obsidian vault folder,
written off the GUI thread with progress and Cancel; the choices are remembered."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSettings, QThreadPool, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from desktop.export import vault
from desktop.export.markdown import MarkdownOptions
from desktop.library import Library
from desktop.ui.export_dialog import QUOTE_STYLES
from desktop.ui.file_dialogs import start_folder
from desktop.ui.progress import job_progress

EXPLANATION = (
    "Each transcript with highlights gets a note in this folder. Talkmark rewrites only the lines "
    "between %% talkmark:begin %% and %% talkmark:end %% and its own properties: what you write "
    "above or below them, and properties you add, stay as they are on every export."
)


class SyncSignals(QObject):
    """What a vault export reports: each note as it is done, then the end (a VaultReport, or
    the error that stopped it)."""

    progress = Signal(int, int)
    finished = Signal(object)


class VaultJob(QRunnable):
    """Writes the notes through its own connection to the library; `cancel()` stops after
    the note being written."""

    def __init__(self, library_path: Path, folder: Path, transcript_id: int | None, tag_notes: bool,
                 options: MarkdownOptions, parent: QObject) -> None:  # fmt: skip
        super().__init__()
        self.setAutoDelete(False)
        self.library_path, self.folder, self.transcript_id = library_path, folder, transcript_id
        self.tag_notes, self.options = tag_notes, options
        self.signals = SyncSignals(parent)
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        """Stop after the note being written now."""
        self._cancelled.set()

    def run(self) -> None:
        def progress(done: int, total: int) -> bool:
            self.signals.progress.emit(done, total)
            return not self._cancelled.is_set()

        try:
            with Library(self.library_path, write=False) as library:
                report = vault.sync(library, self.folder, transcript_id=self.transcript_id, tag_notes=self.tag_notes,
                                    options=self.options, progress=progress)  # fmt: skip
        except Exception as exc:  # shown to the user by the dialog, never lost in a thread
            report = exc
        self.signals.finished.emit(report)


class VaultDialog(QDialog):
    """Choose the vault folder, the transcripts and the note style, then export."""

    def __init__(self, library_path: Path, transcript_id: int | None, settings: QSettings,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Export to vault")
        self.library_path, self.transcript_id, self.settings = library_path, transcript_id, settings
        self.job: VaultJob | None = None
        self.report: vault.VaultReport | Exception | None = None
        self.folder = QLineEdit(str(settings.value("vault/folder", "")))
        self.folder.setPlaceholderText("A folder in your Obsidian vault")
        self.folder.setAccessibleName("Vault folder")
        browse = QPushButton("Browse…")
        browse.setAutoDefault(False)  # Enter in the folder field exports, never browses
        browse.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.scope = QComboBox()
        self.scope.addItems(["Every transcript with highlights", "The open transcript"])
        self.scope.setCurrentIndex(1 if transcript_id is not None and settings.value("vault/one", False, bool) else 0)
        self.scope.setEnabled(transcript_id is not None)
        self.style = QComboBox()
        for name, key in QUOTE_STYLES:
            self.style.addItem(name, key)
        self.style.setCurrentIndex(max(0, self.style.findData(settings.value("vault/style", "blockquote"))))
        self.tag_notes = QCheckBox("A note per tag too, in the folder's Tags/")
        self.tag_notes.setChecked(settings.value("vault/tag_notes", False, bool))
        self.scope.currentIndexChanged.connect(self._enable)
        explanation = QLabel(EXPLANATION)
        explanation.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        for button in self.buttons.buttons():  # Enter in the folder field exports, never cancels
            button.setAutoDefault(button is self.export_button)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        self.folder.textChanged.connect(self._enable)
        form = QFormLayout(self)
        form.addRow("Folder", row)
        form.addRow("Notes for", self.scope)
        form.addRow("Quotes as", self.style)
        form.addRow("", self.tag_notes)
        form.addRow(explanation)
        form.addRow(self.buttons)
        self.setMinimumWidth(520)
        self._enable()

    def _enable(self) -> None:
        self.export_button.setEnabled(bool(self.folder.text().strip()))
        self.tag_notes.setEnabled(self.scope.currentIndex() == 0)  # tag notes gather every transcript

    def choose_folder(self) -> None:
        """Ask for the vault folder."""
        start = self.folder.text().strip() or str(start_folder(self.settings, "export"))
        chosen = QFileDialog.getExistingDirectory(self, "Vault folder", start)
        if chosen:
            self.folder.setText(chosen)

    def start(self) -> VaultJob | None:
        """Remember the choices and export in the background, with progress and Cancel."""
        folder = Path(self.folder.text().strip()).expanduser()
        if folder.exists() and not folder.is_dir():
            QMessageBox.warning(self, "Export to vault", f"{folder}: is not a folder")
            return None
        style = self.style.currentData()
        one = self.scope.currentIndex() == 1 and self.transcript_id is not None
        for key, value in (("folder", str(folder)), ("style", style),
                           ("tag_notes", self.tag_notes.isChecked()), ("one", one)):  # fmt: skip
            self.settings.setValue(f"vault/{key}", value)
        options = MarkdownOptions(style)
        self.job = VaultJob(self.library_path, folder, self.transcript_id if one else None,
                            self.tag_notes.isChecked() and not one, options, self)  # fmt: skip
        self.progress = job_progress(self, "Writing notes…", "Export to vault", self.job.cancel)
        self.job.signals.progress.connect(self._progressed)
        self.job.signals.finished.connect(self._finished)
        self.export_button.setEnabled(False)
        QThreadPool.globalInstance().start(self.job)
        return self.job

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _finished(self, report: vault.VaultReport | Exception) -> None:
        self.report = report
        self.progress.reset()
        if isinstance(report, Exception):
            QMessageBox.warning(self, "Export to vault", f"{self.folder.text()}: {report}")
            self.export_button.setEnabled(True)
            return
        lines = [f"{report.summary()} in {self.folder.text()}"]
        lines += [f"{error.path.name}: {error.reason}" for error in report.refused]
        self.parent_say(lines[0])
        if report.refused:
            QMessageBox.warning(self, "Export to vault", "\n".join(lines))
        self.accept()

    def parent_say(self, message: str) -> None:
        """A line in the window's status bar (or the dialog's title when it has no window)."""
        say = getattr(self.parent(), "say", None)
        if say is not None:
            say(message, 8000)
        else:
            self.setWindowTitle(message)
