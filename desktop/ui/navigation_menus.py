"""The Go menu (Back, Forward, Go to turn or time) and File ▸ Open recent / Close transcript."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from desktop.library import Position
from desktop.ui.goto_dialog import GotoDialog

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

# Not the platform's Back / Forward lists: on X11 they hold Backspace and Shift+Backspace too.
BACK_KEYS = ("Alt+Left", "Back")  # Back: the browser key of some keyboards
FORWARD_KEYS = ("Alt+Right", "Forward")


@dataclass
class GoActions:
    """The Go menu's actions (tests and the shortcuts window refer to them)."""

    back: QAction
    forward: QAction
    goto: QAction


def build_go_menu(window: MainWindow, menu: QMenu) -> GoActions:
    """Fill the Go menu; Back and Forward are enabled only when there is somewhere to go."""
    navigator = window.navigator
    back = _action(window, menu, "&Back", navigator.back, BACK_KEYS, "Return to where you were before the last jump")
    forward = _action(window, menu, "&Forward", navigator.forward, FORWARD_KEYS, "Redo the jump Back undid")
    menu.addSeparator()
    goto = _action(window, menu, "&Go to turn or time…", lambda: open_goto(window), ("Ctrl+G",),
                   "A turn number (42) or a time (1:02:03, 62:03, 3725s)")  # fmt: skip

    def enable() -> None:
        back.setEnabled(navigator.can_go_back)
        forward.setEnabled(navigator.can_go_forward)

    navigator.changed.connect(enable)
    enable()
    return GoActions(back, forward, goto)


def add_file_items(window: MainWindow, menu: QMenu) -> QAction:
    """File ▸ Open recent (a submenu) and Close transcript (Ctrl+W); returns Close."""
    window.recent.fill(menu.addMenu("Open &recent"), window.open_transcript)
    return _action(window, menu, "&Close transcript", window.close_transcript, ("Ctrl+W",),
                   "Close the open transcript (the library stays open)")  # fmt: skip


def open_goto(window: MainWindow) -> GotoDialog | None:
    """Ask for a turn number or a time and jump there (one Back returns)."""
    if window.transcript_id is None:
        window.say("Open a transcript first")
        return None
    dialog = GotoDialog(window.reader.turns, window)
    dialog.turn_chosen.connect(lambda turn: window.navigator.go_to(Position(turn, 0)))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def _action(window: MainWindow, menu: QMenu, text: str, slot, keys: tuple[str, ...], tip: str) -> QAction:
    action = QAction(text, window)
    action.setShortcuts([QKeySequence(key) for key in keys])
    action.setStatusTip(tip)
    action.triggered.connect(lambda _=False: slot())
    menu.addAction(action)
    window.addAction(action)
    return action
