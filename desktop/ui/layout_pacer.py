"""Laying out a long document in the background in slices short enough to keep the window
responsive.

Qt lays a QTextEdit's document out lazily: a timer of its document layout lays out a step
at a time, each step twice the one before, up to 200,000 characters; on a 100-hour
transcript such a step holds the event loop for 30–60 ms, and the steps go on for seconds.
While it paces a document, the pacer keeps the layout's timer events from it (an event
filter; the layout has two timers, that step and a size report, and neither does anything
else) and does their work itself: it lays the document out from the start a few
milliseconds at a time, by asking where blocks further on are (which lays out everything
before them), and reports the size laid out so far, which moves the scroll bar. Layout
asked for elsewhere (painting, a jump to the end) still happens at once, as before. Once
the end is laid out the timers reach the layout again: Qt stops its step timer then, and
the size timer reports the final size and stops.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QSizeF, QTimer
from PySide6.QtGui import QTextDocument

SLICE_S = 0.008  # of layout per turn of the event loop
FIRST_SLICE_MS = 30  # after a new document: the window shows what it needs first
STRIDE = 8_000  # characters asked for at a time


class LayoutPacer(QObject):
    """Lays out one document at a time, in slices."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document: QTextDocument | None = None
        self._next = 0  # everything before this position is laid out
        self._pacing = False  # the layout's timers are held back only while this is so
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._slice)

    @property
    def finished(self) -> bool:
        """Whether the document is laid out to its end (or the pacer left it to Qt)."""
        return not self._pacing

    @property
    def laid_out_to(self) -> int:
        """The document position up to which the pacer has laid the document out (at least)."""
        return self._next if self._pacing else self._document.characterCount() if self._document else 0

    def pace(self, document: QTextDocument) -> None:
        """Lay out `document` from its start (it is new, or its layout was started again)."""
        if document is not self._document:
            self.stop()
            self._document = document
            document.documentLayout().installEventFilter(self)
            document.destroyed.connect(self._gone)
        self._next, self._pacing = 0, True
        self._timer.start(FIRST_SLICE_MS)

    def stop(self) -> None:
        """Leave the layout to Qt again."""
        self._timer.stop()
        self._pacing = False
        if self._document is not None:
            self._document.documentLayout().removeEventFilter(self)
            self._document.destroyed.disconnect(self._gone)
            self._document = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return self._pacing and event.type() == QEvent.Type.Timer

    def _slice(self) -> None:
        document = self._document
        if document is None:
            return
        layout, end = document.documentLayout(), document.characterCount()
        began, first, bottom = time.perf_counter(), self._next, 0.0
        while self._next < end and time.perf_counter() < began + SLICE_S:
            block = document.findBlock(min(self._next + STRIDE, end - 1))
            if block.length() > STRIDE:  # a long paragraph gets a slice of its own
                if block.position() > self._next:
                    block = block.previous()
                elif self._next > first:
                    break
            bottom = layout.blockBoundingRect(block).bottom()  # lays out every block up to this one
            self._next = block.position() + block.length()
        # what the size timer would say (QTextEdit sizes its scroll bar from the layout itself)
        layout.documentSizeChanged.emit(QSizeF(document.textWidth(), bottom + document.documentMargin()))
        if self._next < end:
            self._timer.start(0)
        else:
            self._pacing = False

    def _gone(self) -> None:
        self._timer.stop()
        self._document, self._pacing = None, False
