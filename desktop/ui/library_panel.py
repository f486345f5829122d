"""The library panel: every transcript with its counts, a filter, rename and delete."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QListView, QMessageBox, QVBoxLayout, QWidget

from desktop.library import TranscriptInfo
from desktop.library.changes import Changes
from desktop.ui.record_model import RecordListModel
from desktop.ui.session import Session


def describe(info: TranscriptInfo) -> str:
    """Two lines for the list: title, then speakers and counts."""
    who = f"{len(info.speakers)} speakers" if len(info.speakers) != 1 else "1 speaker"
    if not info.speakers:
        who = "unlabelled"
    return f"{info.title}\n{who} · {_count(info.turn_count, 'turn')} · {_count(info.highlight_count, 'highlight')}"


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}{'' if n == 1 else 's'}"


class LibraryPanel(QWidget):
    """Lists the library's transcripts; choosing one opens it."""

    transcript_chosen = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.filter = QLineEdit(placeholderText="Filter transcripts", clearButtonEnabled=True)
        self.model: RecordListModel[TranscriptInfo] = RecordListModel(
            describe, tip=lambda t: f"{t.source} ({t.format}), imported {t.imported_at}", parent=self
        )
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setSpacing(2)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        rename, delete = QAction("Rename…", self), QAction("Delete…", self)
        rename.triggered.connect(self.rename_current)
        delete.triggered.connect(self.delete_current)
        self.view.addActions([rename, delete])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)
        self.filter.textChanged.connect(self.refresh)
        self.view.clicked.connect(self._chosen)
        self.view.activated.connect(self._chosen)
        session.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if changes.transcripts or changes.everything:
            self.refresh()

    def refresh(self) -> None:
        """Reload the list, keeping the selection."""
        current = self.current_id()
        self.model.set_records(self.session.library.transcripts.list(self.filter.text()))
        if current is not None:
            self.select(current)

    def current_id(self) -> int | None:
        """The selected transcript's id."""
        index = self.view.currentIndex()
        return self.model.record(index.row()).id if index.isValid() else None

    def select(self, transcript_id: int) -> None:
        """Mark a transcript as the current one (without opening it)."""
        for row, info in enumerate(self.model.records()):
            if info.id == transcript_id:
                self.view.setCurrentIndex(self.model.index(row))

    def rename_current(self) -> None:
        """Ask for a new title for the selected transcript."""
        current = self.current_id()
        if current is None:
            return
        title, ok = QInputDialog.getText(self, "Rename transcript", "Title:",
                                         text=self.session.library.transcripts.get(current).title)  # fmt: skip
        if ok and title.strip():
            self.session.rename_transcript(current, title)

    def delete_current(self) -> None:
        """Delete the selected transcript after asking."""
        current = self.current_id()
        if current is None:
            return
        info = self.session.library.transcripts.get(current)
        answer = QMessageBox.question(
            self, "Delete transcript",
            f"Delete “{info.title}” with its {info.highlight_count} highlights? This cannot be undone.",
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self.session.delete_transcript(current)

    def _chosen(self, index: QModelIndex) -> None:
        self.transcript_chosen.emit(self.model.record(index.row()).id)
