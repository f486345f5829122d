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

# Black on amber (light theme, 14:1) and white on deep amber (dark theme, 7:1), underlined: apart
# from a highlight's band, the find bar's orange and the words being played. (Not bold: the
# reader's marks are paint over laid-out text, and bold words would be wider than their place.)
LIGHT = ("#ffd54f", "#000000", "#b35c00")
DARK = ("#7a5200", "#ffffff", "#ffb74d")


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
        background, text, line = DARK if is_dark(self.reader.palette()) else LIGHT
        char_format = QTextCharFormat()
        char_format.setBackground(QColor(background))
        char_format.setForeground(QColor(text))
        char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        char_format.setUnderlineColor(QColor(line))
        selections = []
        for n in range(max(0, bisect_left(self._starts, first) - 1), bisect_right(self._starts, last)):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(self.reader.document())
            selection.cursor.setPosition(self._spans[n][0])
            selection.cursor.setPosition(self._spans[n][1], QTextCursor.MoveMode.KeepAnchor)
            selection.format = char_format
            selections.append(selection)
        return selections
