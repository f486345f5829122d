"""The reader's view of a transcript, beneath its marks: where the turns lie (`TurnPlaces`), the
text cursor and selection as library positions, what is in view, and jumps that leave room
above a heading; lines of a readable length, centred in wide windows, and a long transcript
laid out in the background (`LayoutPacer`)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QPointF, QRect, Qt, QTimer
from PySide6.QtGui import QShowEvent, QTextBlock, QTextDocument
from PySide6.QtWidgets import QTextEdit, QWidget

from desktop.library import Position, TurnRecord
from desktop.ui.layout_pacer import LayoutPacer
from desktop.ui.reader_document import span_cursor
from desktop.ui.reader_positions import TurnPlaces

READING_WIDTH_EM = 36  # about 70 characters a line
ROOM_ABOVE_LINES = 1.5  # above a heading jumped to, besides its own top margin


class TranscriptView(QTextEdit):
    """A text edit showing a transcript's turns (the reader's base): it moves the view and the
    text cursor to library positions and says what is in view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._places = TurnPlaces([], [], [])  # the reader's to replace with each document
        self._pending: Position | None = None  # where to scroll once shown
        self._pacer = LayoutPacer(self)  # lays long transcripts out in short slices

    @property
    def turns(self) -> list[TurnRecord]:
        """The turns shown."""
        return self._places.turns

    @property
    def _starts(self) -> list[int]:  # where each turn's text begins (tests read these two)
        return self._places.starts

    @property
    def _headings(self) -> list[int]:
        return self._places.headings

    @property
    def laid_out(self) -> bool:
        """Whether the whole transcript is laid out (a long one is, in the background, after it opens)."""
        return self._pacer.finished

    def document_position(self, position: Position) -> int:
        """Where a library position is in the document."""
        return self._places.document_position(position)

    def library_position(self, document_position: int, *, is_end: bool = False) -> Position:
        """The library position of a document position; headings count as the start of their
        turn (or, for an end, the end of the turn before)."""
        return self._places.library_position(document_position, is_end)

    def selected_span(self) -> tuple[Position, Position] | None:
        """The selected text as library positions, or None when nothing readable is selected."""
        cursor, places = self.textCursor(), self._places
        if not places.turns or not cursor.hasSelection():
            return None
        start = places.library_position(cursor.selectionStart())
        end = places.library_position(cursor.selectionEnd(), is_end=True)
        if places.document_position(start) >= places.document_position(end):
            return None
        return start, end

    def select_span(self, start: Position, end: Position) -> None:
        """Select library positions (used by tests and by keyboard-driven selection)."""
        at = self._places.document_position
        self.setTextCursor(span_cursor(self.document(), at(start), at(end)))

    def cursor_position(self) -> Position | None:
        """Where the text cursor is (the start of the selection), as a library position: just
        after a turn's last word is still that turn."""
        places = self._places
        if not places.turns:
            return None
        cursor = self.textCursor()
        if cursor.hasSelection():
            return places.library_position(cursor.selectionStart())
        at_end = places.library_position(cursor.position(), is_end=True)
        return (
            at_end
            if places.document_position(at_end) == cursor.position()
            else places.library_position(cursor.position())
        )

    def put_cursor(self, position: Position) -> None:
        """Move the text cursor to a library position without scrolling."""
        blocked = self.blockSignals(True)
        self._put_cursor(position)
        self.blockSignals(blocked)
        self.cursorPositionChanged.emit()

    def _put_cursor(self, position: Position) -> None:
        scrolled, turns = self.verticalScrollBar().value(), self._places.turns
        turn = min(position.turn, len(turns) - 1)
        at = self._places.document_position(Position(turn, min(position.offset, len(turns[turn].text))))
        self.setTextCursor(span_cursor(self.document(), at))
        self.verticalScrollBar().setValue(scrolled)

    def turn_rect(self, turn: int) -> QRect:
        """Where a turn's text is drawn, in viewport coordinates."""
        layout, document = self.document().documentLayout(), self.document()
        area = layout.blockBoundingRect(document.findBlock(self._places.starts[turn]))
        area = area.united(layout.blockBoundingRect(document.findBlock(self._places.turn_end(turn))))
        return area.translated(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value()).toRect()

    def reveal(self, position: Position) -> None:
        """Scroll a library position to a third of the way down the view (the text around it
        shows on both sides)."""
        cursor = span_cursor(self.document(), self._places.document_position(position))
        top = self.verticalScrollBar().value() + self.cursorRect(cursor).top() - self.viewport().height() // 3
        self._scroll_bar_to(top)

    def turn_at_top(self) -> int:
        """The turn at the top of the view: the one whose heading is in the room `scroll_to`
        leaves above a heading, else the one the top line belongs to."""
        places = self._places
        if not places.turns or self.verticalScrollBar().value() == 0:
            return 0
        y = self.verticalScrollBar().value() + self.room_above() + 4
        position = block_at(self.document(), y, self._pacer).position()
        first = bisect_left(places.headings, position)
        if first < len(places.turns) and places.headings[first] == position:  # a turn's heading (or first block)
            return first
        return min(max(0, bisect_right(places.starts, position) - 1), len(places.turns) - 1)

    def position_at_top(self) -> int:
        """The document position of the first character of the line at the top of the view
        (found from the blocks laid out: a hit test misreads a document still being laid out)."""
        top = self.verticalScrollBar().value()
        block = block_at(self.document(), top, self._pacer)
        layout = block.layout()
        y = top - self.document().documentLayout().blockBoundingRect(block).top() - layout.position().y()
        line = next((layout.lineAt(n) for n in reversed(range(layout.lineCount())) if layout.lineAt(n).y() <= y), None)
        return block.position() + (line.textStart() if line is not None else 0)

    def room_above(self) -> int:
        """The room a jump leaves above a turn's heading (about two lines with its margin)."""
        return round(self.fontMetrics().lineSpacing() * ROOM_ABOVE_LINES)

    def scroll_to(self, position: Position) -> None:
        """Bring a turn's heading (or, past its start, the position) near the top of the view,
        with a little room above it."""
        places = self._places
        if not places.turns:
            return
        if not self.isVisible():  # no layout yet: go there once shown
            self._pending = position
            return
        turn = min(max(position.turn, 0), len(places.turns) - 1)
        target = places.headings[turn] if position.offset == 0 else places.document_position(position)
        block = self.document().findBlock(target)
        top = self.document().documentLayout().blockBoundingRect(block).top()
        self._scroll_bar_to(max(0, int(top) - self.room_above()))

    def _scroll_bar_to(self, top: int) -> None:
        """Scroll to a place Qt has just laid out to: while a long transcript is still being laid
        out, the scroll bar's range (Qt's estimate) catches up only later, so stretch it now."""
        bar = self.verticalScrollBar()
        if top > bar.maximum():
            bar.setMaximum(top)
        bar.setValue(top)

    def _bring_into_upper_part(self, document_position: int) -> None:
        """Leave a place on screen where it is when it sits above the view's bottom third, else
        scroll it to a quarter of the way down (so find shows what follows a match)."""
        rect, height = self.cursorRect(span_cursor(self.document(), document_position)), self.viewport().height()
        if rect.top() < 0 or rect.bottom() > height * 2 // 3:
            self._scroll_bar_to(max(0, self.verticalScrollBar().value() + rect.top() - height // 4))

    def in_view(self, position: Position) -> bool:
        """Whether a library position is on screen."""
        if not self._places.turns or position.turn >= len(self._places.turns):
            return False
        cursor = span_cursor(self.document(), self._places.document_position(position))
        return self.viewport().rect().intersects(self.cursorRect(cursor))

    def cursor_in_view(self) -> bool:
        """Whether the text cursor is on screen (a highlight scrolled away is not acted on)."""
        return self.viewport().rect().intersects(self.cursorRect())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending is not None:
            position, self._pending = self._pending, None
            QTimer.singleShot(0, lambda: self.scroll_to(position))

    def _fit_width(self) -> None:
        """Keep lines a readable length, centred in wide windows."""
        width = int(self.fontMetrics().averageCharWidth() * READING_WIDTH_EM * 2)
        available = self.width() - self.verticalScrollBar().sizeHint().width() - 4
        self.setLineWrapColumnOrWidth(max(200, min(width, available)))
        margin = max(0, (available - width) // 2)
        self.setViewportMargins(margin, 0, margin, 0)
        self._pacer.pace(self.document())  # a new width lays the document out again


def block_at(document: QTextDocument, y: float, pacer: LayoutPacer) -> QTextBlock:
    """The block at height `y` of the document (the next one, in the space between two), by
    bisection over the blocks laid out: a hit test would shape a long paragraph's text again
    (about 10 ms for a 150,000-character one), a block's place is known once laid out."""
    layout = document.documentLayout()
    last = document.findBlock(min(pacer.laid_out_to, document.characterCount() - 1)).blockNumber()
    if not pacer.finished and layout.blockBoundingRect(document.findBlockByNumber(last)).bottom() < y:
        # Not laid out that far yet: a hit test makes Qt lay out as far as y. Its answer is no
        # more than that: while Qt lays out, it can name a block pages further on (seen with
        # the short empty lines between paragraphs), so the blocks are searched as below.
        hit = layout.hitTest(QPointF(document.documentMargin() + 1, y), Qt.HitTestAccuracy.FuzzyHit)
        last = document.findBlock(max(hit, 0)).blockNumber()
    first = 0
    while first < last:
        middle = (first + last) // 2
        if layout.blockBoundingRect(document.findBlockByNumber(middle)).bottom() < y:
            first = middle + 1
        else:
            last = middle
    return document.findBlockByNumber(first)
