"""The words a library search matched, marked in the reader after a jump to a result; Esc in
the reader, a new search, or another transcript clears them."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from desktop.library import Position
from desktop.ui.palette import is_dark
from desktop.ui.reader import Reader

# Blue words, underlined in blue (light theme: 7:1 on the page; dark theme: 8:1), with no
# fill: highlights are fills in any colour a tag may have, so a mark is never taken for one.
# Over a highlight only the line is drawn, so the band and its text show through and a
# highlight made on marked words is seen at once. (Not bold: the reader's marks are paint
# over laid-out text, and bold words would be wider than their place.)
LIGHT = "#1c4fb8"
DARK = "#8ab4f8"


class SearchMarks(QObject):
    """Marks spans of the reader's transcript, painted with its other marks (`Reader.overlays`)."""

    def __init__(self, reader: Reader) -> None:
        super().__init__(reader)
        self.reader = reader
        self._turns: object = None  # the turns the marks were made on (the reader's list)
        self._spans: list[tuple[int, int]] = []  # document spans, in order
        self._starts: list[int] = []
        reader.overlays.append(self._selections)
        reader.installEventFilter(self)

    @property
    def spans(self) -> list[tuple[int, int]]:
        """The document spans marked now (none once the reader shows other turns)."""
        return list(self._spans) if self.reader.turns is self._turns else []

    def mark(self, spans: list[tuple[int, int, int]]) -> None:
        """Mark these (turn, start, end) spans of the transcript shown, instead of any before."""
        reader = self.reader
        self._turns = reader.turns
        at = reader.document_position
        self._spans = sorted((at(Position(turn, a)), at(Position(turn, b))) for turn, a, b in spans)
        self._starts = [start for start, _ in self._spans]
        reader.repaint_marks()

    def clear(self) -> None:
        """Take the marks away."""
        if self._spans:
            self._spans, self._starts, self._turns = [], [], None
            self.reader.repaint_marks()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self.clear()  # and let the reader have the key as well
        return False

    def _selections(self, first: int, last: int) -> list[QTextEdit.ExtraSelection]:
        """The paint of the marks between two document positions."""
        if self.reader.turns is not self._turns or not self._spans:
            return []
        blue = QColor(DARK if is_dark(self.reader.palette()) else LIGHT)
        underlined = QTextCharFormat()
        underlined.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        underlined.setUnderlineColor(blue)
        coloured = QTextCharFormat(underlined)
        coloured.setForeground(blue)
        selections = []
        for n in range(max(0, bisect_left(self._starts, first) - 1), bisect_right(self._starts, last)):
            start, end = self._spans[n]
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(self.reader.document())
            selection.cursor.setPosition(start)
            selection.cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.format = underlined if self.reader.highlighted(start, end) else coloured
            selections.append(selection)
        return selections
