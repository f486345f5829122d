"""The undo command every edit is: its redo() and undo() call the library through the session."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QUndoCommand

from desktop.library import Position

if TYPE_CHECKING:
    from desktop.ui.session import Session


@dataclass(frozen=True)
class Place:
    """Where an edit happened, so undoing it can show it first."""

    transcript_id: int
    position: Position | None = None


NOTHING_DONE = object()  # what a first redo returns when it changed nothing: no undo step is kept


class Push(Protocol):
    """Push an edit as one undo step (its redo runs at once), raising what that redo raised."""

    def __call__(self, text: str, redo: Callable, undo: Callable, place: Place | None = None) -> None: ...


class LibraryCommand(QUndoCommand):
    """An undoable edit: `redo` and `undo` call the library through the session.

    A step that fails keeps its error (Qt would swallow it): on the first redo the command
    is made obsolete, so the stack drops it and Session raises the error; on a later undo
    or redo Session puts the stack back where it was. A first redo that returns NOTHING_DONE
    is dropped the same way, with no error.
    """

    def __init__(self, session: Session, text: str, redo: Callable, undo: Callable, place: Place | None) -> None:
        super().__init__(text)
        self._session, self._redo, self._undo, self.place = session, redo, undo, place
        self.error: Exception | None = None
        self._skip = False
        self._ran = False

    def redo(self) -> None:
        self._step(self._redo)

    def undo(self) -> None:
        self._step(self._undo)

    def skip_next(self) -> None:
        """Let the stack move over this command once without running it."""
        self._skip = True

    def _step(self, step: Callable) -> None:
        if self._skip:
            self._skip = False
            return
        self.error = None
        try:
            result = self._session.run(step)
        except Exception as exc:  # each step is one transaction: nothing was written
            self.error = exc
            if not self._ran:
                self.setObsolete(True)  # never done: push() drops it
            return
        if result is NOTHING_DONE and not self._ran:
            self.setObsolete(True)  # nothing to undo: push() drops it
            return
        self._ran = True
