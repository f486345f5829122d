"""Search across the library (Ctrl+Shift+F): results open their transcript at the turn; they
come a page at a time as the list is scrolled, under the count of every match."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from desktop.library import SearchError, SearchHit
from desktop.library import search as library_search
from desktop.ui.record_model import RecordListModel
from desktop.ui.session import Session

PAGE = 50  # results read at a time


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
        self.results.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._searched, self._total = "", 0

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
        library = self.session.library
        try:
            hits = library.search(text, limit=PAGE)
            self._total = library.count_matches(text) if hits else 0
        except SearchError as exc:
            self._searched, self._total = "", 0
            self.model.set_records([])
            self.status.setText(str(exc))
            return
        self._searched = text
        self.model.set_records(hits)
        self._say()

    def more(self) -> int:
        """Read the next page of results (none past the ranked ones); how many came."""
        shown = self.model.rowCount()
        if not self._searched or shown >= min(self._total, library_search.RANK_WINDOW):
            return 0
        try:
            hits = self.session.library.search(self._searched, limit=PAGE, offset=shown)
        except SearchError:  # the library changed under the query: the next search says why
            return 0
        self.model.update_records([*self.model.records(), *hits])
        self._say()
        return len(hits)

    def _say(self) -> None:
        shown, total, ranked = self.model.rowCount(), self._total, library_search.RANK_WINDOW
        if not shown:
            self.status.setText("No matches")
        elif shown >= total:
            self.status.setText(f"{total:,} {'turn' if total == 1 else 'turns'}")
        elif shown >= ranked:
            self.status.setText(f"{total:,} turns; the newest {ranked:,} ranked and shown: add a word for the rest")
        else:
            window = "" if total <= ranked else f"; the newest {ranked:,} are ranked"
            self.status.setText(f"{total:,} turns, best first; {shown:,} shown, scroll for more{window}")

    def _scrolled(self, value: int) -> None:
        if value >= self.results.verticalScrollBar().maximum():
            self.more()

    def _open(self, index: QModelIndex) -> None:
        hit = self.model.record(index.row())
        self.hit_opened.emit(hit.transcript_id, hit.turn)
