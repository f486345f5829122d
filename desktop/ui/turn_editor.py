"""Editing one turn's text in place: a plain-text editor laid over the turn in the reader,
in the reader's font and line spacing, its cursor where the reader's was.

Ctrl+Return saves, Esc cancels; it follows the turn as the reader scrolls or is resized
and grows with its text. Blank lines separate paragraphs, as in the library. Text is
read back raw, so characters such as no-break spaces come back as they went in.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import QFrame, QTextEdit

from desktop.ui.reader import LINE_HEIGHT, Reader
from desktop.ui.text_offsets import is_bmp, to_utf16

PADDING = 6  # pixels around the text, so the frame does not cover the turn's first letters


class TurnEditor(QTextEdit):
    """The text of turn `turn`, editable, the cursor at `offset`; says `saved` (with the text)
    or `cancelled`."""

    saved = Signal(str)
    cancelled = Signal()

    def __init__(self, reader: Reader, turn: int, offset: int = 0) -> None:
        super().__init__(reader.viewport())
        self.reader, self.turn = reader, turn
        self.setObjectName("turn-editor")
        self.setAccessibleName(f"Edit the text of turn {turn + 1}")
        self.setToolTip("Ctrl+Return saves, Esc cancels")
        self.setAcceptRichText(False)
        self.setAcceptDrops(False)  # a drag inside the selection would move words about
        self.setFont(reader.font())
        self.setFrameShape(QFrame.Shape.Box)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setPlainText(reader.turns[turn].text)
        self.document().setDocumentMargin(PADDING)
        spacing = QTextBlockFormat()
        spacing.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        whole = QTextCursor(self.document())
        whole.select(QTextCursor.SelectionType.Document)
        whole.mergeBlockFormat(spacing)
        self.document().clearUndoRedoStacks()
        cursor = QTextCursor(self.document())
        text = reader.turns[turn].text
        cursor.setPosition(to_utf16(text, min(offset, len(text))) if not is_bmp(text) else min(offset, len(text)))
        self.setTextCursor(cursor)
        self.textChanged.connect(self.place)
        reader.viewport().installEventFilter(self)
        self.place()
        self.show()
        self.setFocus()

    def text(self) -> str:
        """What the editor holds, as a turn's text (paragraphs end in "\\n")."""
        return self.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")

    def place(self) -> None:
        """Cover the turn's text, as tall as the text being typed needs."""
        area = self.reader.turn_rect(self.turn).adjusted(-PADDING, -PADDING, PADDING, PADDING)
        self.setGeometry(area)  # the width first: the height of the wrapped text depends on it
        needed = int(self.document().size().height()) + 4
        self.setGeometry(area.x(), area.y(), area.width(), max(area.height(), needed))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.place()
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.key() in keys and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.saved.emit(self.text())
        elif event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
        else:
            super().keyPressEvent(event)

    def close_editor(self) -> None:
        """Take the editor away (after saving or cancelling), giving the reader its focus back."""
        self.reader.viewport().removeEventFilter(self)
        self.hide()
        self.reader.setFocus()
        self.deleteLater()
