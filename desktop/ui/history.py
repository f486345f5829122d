"""Back and Forward through jumps (Alt+Left / Alt+Right, the mouse's back and forward
buttons, the Go menu). A jump (a turn or highlight chosen in a list, Go to, a search result,
another transcript opened, a place opened from another window) records where the reader was
before it: the transcript and the exact line at the top of the view. Back returns there and
Forward goes again; a new jump clears Forward, as in a web browser. Both lists are kept per
library across restarts."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from desktop.library import Position
from desktop.ui.reader import Reader

HISTORY_LIMIT = 100  # places kept each way
Place = TypeVar("Place")


class JumpHistory(Generic[Place]):
    """The places before each jump (Back) and those gone back from (Forward). Qt-free."""

    def __init__(self, limit: int = HISTORY_LIMIT, back: list[Place] | None = None,
                 forward: list[Place] | None = None) -> None:  # fmt: skip
        self.limit = limit
        self._back: list[Place] = list(back or [])[-limit:]
        self._forward: list[Place] = list(forward or [])[-limit:]

    @property
    def places(self) -> tuple[list[Place], list[Place]]:
        """Back's places and Forward's, the next to go to last (to keep and give back to `__init__`)."""
        return list(self._back), list(self._forward)

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def record(self, before: Place) -> None:
        """A jump left `before`: Back returns there; what Forward held is dropped."""
        self._forward.clear()
        if not self._back or self._back[-1] != before:
            self._back.append(before)
            del self._back[: -self.limit]

    def back(self, here: Place | None, usable: Callable[[Place], bool]) -> Place | None:
        """The place to go back to (places that are not `usable` any more are dropped on the
        way); `here` becomes the first place Forward goes to. None when there is none."""
        return _step(self._back, self._forward, here, usable, self.limit)

    def forward(self, here: Place | None, usable: Callable[[Place], bool]) -> Place | None:
        """The place to go forward to; `here` goes back on Back's list. None when there is none."""
        return _step(self._forward, self._back, here, usable, self.limit)


def _step(source: list, target: list, here: object, usable: Callable, limit: int) -> object:
    while source:
        place = source.pop()
        if usable(place):
            if here is not None and (not target or target[-1] != here):
                target.append(here)
                del target[:-limit]
            return place
    return None


@dataclass(frozen=True)
class ReadingPlace:
    """Where the reader is: a transcript, the first character of the line at the top of the
    view, and how far (pixels) the view's top is below that line's top."""

    transcript_id: int
    position: Position
    below: int


def place_in_view(reader: Reader, transcript_id: int | None) -> ReadingPlace | None:
    """The reader's place now (None with no transcript open)."""
    if transcript_id is None or not reader.turns:
        return None
    position = reader.library_position(reader.position_at_top())
    return ReadingPlace(transcript_id, position, reader.verticalScrollBar().value() - _line_top(reader, position))


def show_place(reader: Reader, place: ReadingPlace) -> None:
    """Scroll the reader back to a place (its transcript open): the same line at the top, the
    same pixels down (the nearest place when the turn has since been shortened)."""
    if not reader.turns:
        return
    turn = min(place.position.turn, len(reader.turns) - 1)
    position = Position(turn, min(place.position.offset, len(reader.turns[turn].text)))
    bar = reader.verticalScrollBar()
    top = max(0, _line_top(reader, position) + place.below)
    if top > bar.maximum():  # a long transcript still being laid out: its range catches up later
        bar.setMaximum(top)
    bar.setValue(top)


def _line_top(reader: Reader, position: Position) -> int:
    """The document height at which the line holding a position starts (laying out to it)."""
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.document_position(position))
    return reader.cursorRect(cursor).top() + reader.verticalScrollBar().value()


class Navigator(QObject):
    """Records the reader's place before each jump and goes Back and Forward."""

    changed = Signal()  # Back or Forward became possible or impossible

    def __init__(self, reader: Reader, current: Callable[[], int | None], open_transcript: Callable[[int], object],
                 exists: Callable[[int], bool], parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.reader, self._current, self._open, self._exists = reader, current, open_transcript, exists
        self.history: JumpHistory[ReadingPlace] = JumpHistory()
        self._moving = False  # going back or forward: that is no new jump

    @property
    def can_go_back(self) -> bool:
        return self.history.can_go_back

    @property
    def can_go_forward(self) -> bool:
        return self.history.can_go_forward

    def here(self) -> ReadingPlace | None:
        """The reader's place now."""
        return place_in_view(self.reader, self._current())

    def moved_from(self, before: ReadingPlace | None) -> None:
        """A jump has been made from `before`: record it, unless the reader did not move."""
        if not self._moving and before is not None and before != self.here():
            self.history.record(before)
            self.changed.emit()

    def jump(self, action: Callable[[], object]) -> None:
        """Do a jump, recording where the reader was."""
        before = self.here()
        action()
        self.moved_from(before)

    def go_to(self, position: Position) -> None:
        """Jump to a turn (its heading with room above it) or a place in the open transcript."""
        self.jump(lambda: self.reader.scroll_to(position))

    def back(self) -> bool:
        """Return to the place before the last jump; False when there is none."""
        return self._go(self.history.back)

    def forward(self) -> bool:
        """Redo the jump last gone back from; False when there is none."""
        return self._go(self.history.forward)

    def _go(self, step: Callable) -> bool:
        place = step(self.here(), lambda p: self._exists(p.transcript_id))
        if place is not None:
            self._moving = True
            try:
                if place.transcript_id != self._current():
                    self._open(place.transcript_id)
                show_place(self.reader, place)
            finally:
                self._moving = False
        self.changed.emit()
        return place is not None

    def remember(self, settings: QSettings, key: str) -> None:
        """Take up the history kept under `key` (one library's) and keep it there from now on."""
        back, forward = (_places(settings.value(f"{key}/{side}", "")) for side in ("back", "forward"))
        self.history = JumpHistory(back=back, forward=forward)

        def keep() -> None:
            for side, places in zip(("back", "forward"), self.history.places, strict=True):
                settings.setValue(f"{key}/{side}", json.dumps([_as_list(p) for p in places]))

        self.changed.connect(keep)
        self.changed.emit()

    def follow_mouse_buttons(self, window: QWidget) -> None:
        """Let the mouse's back and forward buttons go Back and Forward anywhere in the window
        (the views take mouse presses themselves, so each view's viewport is watched too)."""
        window.installEventFilter(self)
        for area in window.findChildren(QAbstractScrollArea):
            area.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            button = event.button()
            if button == Qt.MouseButton.BackButton:
                self.back()
                return True
            if button == Qt.MouseButton.ForwardButton:
                self.forward()
                return True
        return False


def _as_list(place: ReadingPlace) -> list[int]:
    return [place.transcript_id, place.position.turn, place.position.offset, place.below]


def _places(kept: object) -> list[ReadingPlace]:
    """Places as kept in the settings; none from anything else (a hand-edited file)."""
    try:
        rows = json.loads(str(kept)) if kept else []
        return [
            ReadingPlace(int(tid), Position(int(turn), int(offset)), int(below)) for tid, turn, offset, below in rows
        ]
    except (ValueError, TypeError):
        return []
