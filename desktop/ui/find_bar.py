"""Find in the transcript (Ctrl+F): every match marked, next/previous, a count."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from desktop.ui.reader import Reader


class FindBar(QWidget):
    """A bar above the reader; Enter goes to the next match, Shift+Enter to the previous."""

    def __init__(self, reader: Reader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.field = QLineEdit(placeholderText="Find in transcript", clearButtonEnabled=True)
        self.count = QLabel()
        previous, following, close = QToolButton(text="▲"), QToolButton(text="▼"), QToolButton(text="✕")
        previous.setToolTip("Previous match (Shift+Enter)")
        following.setToolTip("Next match (Enter)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (self.field, self.count, previous, following, close):
            layout.addWidget(widget)
        self.field.textChanged.connect(self.search)
        self.field.returnPressed.connect(self.next)
        previous.clicked.connect(lambda: self.next(backwards=True))
        following.clicked.connect(self.next)
        close.clicked.connect(self.close_bar)
        back = lambda: self.next(backwards=True)  # noqa: E731
        for keys, slot in (("Shift+Return", back), ("Shift+Enter", back), ("Escape", self.close_bar)):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.hide()

    def open(self) -> None:
        """Show the bar with its text selected."""
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.search(self.field.text())

    def close_bar(self) -> None:
        """Hide the bar and clear the marks."""
        self.reader.find("")
        self.hide()
        self.reader.setFocus()

    def search(self, text: str) -> None:
        """Mark every match and go to the first."""
        total = self.reader.find(text)
        self.count.setText("" if not text else "No matches" if not total else f"{total} matches")
        if total:
            self.next()

    def next(self, backwards: bool = False) -> None:
        """Go to the next (or previous) match."""
        total = self.reader.match_count
        number = self.reader.next_match(backwards)
        if total:
            self.count.setText(f"{number} of {total}")
