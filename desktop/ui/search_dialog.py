"""Search across the library (Ctrl+Shift+F): results open their transcript at the turn."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from desktop.library import SearchError, SearchHit
from desktop.ui.record_model import RecordListModel
from desktop.ui.session import Session


def describe(hit: SearchHit) -> str:
    """Where, then the snippet with the match in brackets."""
    who = f" · {hit.speaker}" if hit.speaker else ""
    return f"{hit.title} · turn {hit.turn + 1}{who}\n{' '.join(hit.snippet.split())}"


class SearchDialog(QDialog):
    """Full-text search as you type; activating a result opens it."""

    hit_opened = Signal(int, int)  # transcript id, turn

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Search the library")
        self.resize(720, 480)
        self.query = QLineEdit(placeholderText='Words, "a phrase", prefix*, a OR b', clearButtonEnabled=True)
        self.status = QLabel()
        self.model: RecordListModel[SearchHit] = RecordListModel(describe, parent=self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.status)
        layout.addWidget(self.results)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.run)
        self.query.textChanged.connect(self._timer.start)
        self.query.returnPressed.connect(self.run)
        self.results.activated.connect(self._open)
        self.results.doubleClicked.connect(self._open)

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()  # no search after the dialog is gone
        super().hideEvent(event)

    def run(self) -> None:
        """Search for what is typed."""
        text = self.query.text()
        if not text.strip():
            self.model.set_records([])
            self.status.setText("")
            return
        try:
            hits = self.session.library.search(text, limit=200)
        except SearchError as exc:
            self.model.set_records([])
            self.status.setText(str(exc))
            return
        self.model.set_records(hits)
        self.status.setText(f"{len(hits)} turns" if hits else "No matches")

    def _open(self, index: QModelIndex) -> None:
        hit = self.model.record(index.row())
        self.hit_opened.emit(hit.transcript_id, hit.turn)
