"""The main window's menus, toolbar and keyboard shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


@dataclass
class Actions:
    """The actions other parts of the window refer to (context menu, tag names, tests)."""

    undo: QAction
    redo: QAction
    highlight: QAction
    tag: QAction
    note: QAction
    delete: QAction
    copy_quote: QAction
    tags: list[QAction]  # 1-9: apply the first nine tags


def build_actions(window: MainWindow) -> Actions:
    """Fill the window's menu bar and toolbar; every shortcut works wherever focus is."""

    def add(menu: QMenu, text: str, slot: Callable, shortcut: object = None, tip: str = "") -> QAction:
        action = QAction(text, window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        window.addAction(action)
        return action

    bar = window.menuBar()
    file = bar.addMenu("&File")
    import_ = add(file, "&Import…", window.choose_import, QKeySequence.StandardKey.Open, "Add transcript files")
    add(file, "&Export…", window.open_export, "Ctrl+E", "Export highlights and notes")
    file.addSeparator()
    add(file, "&Quit", window.close, QKeySequence.StandardKey.Quit)

    edit = bar.addMenu("&Edit")
    undo = window.session.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.session.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
    edit.addActions([undo, redo])
    edit.addSeparator()
    add(edit, "&Find in transcript…", window.find_bar.open, QKeySequence.StandardKey.Find)
    add(edit, "&Search the library…", window.open_search, "Ctrl+Shift+F")

    notes = bar.addMenu("&Annotate")
    highlight = add(notes, "&Highlight selection", window.highlight_selection, "H")
    tag = add(notes, "&Tag…", window.tag_selection, "T", "Tag the selection or the current highlight")
    note = add(notes, "&Note…", window.edit_note, "N", "Write a note on the current highlight")
    delete = add(notes, "&Delete highlight", window.delete_highlight, QKeySequence.StandardKey.Delete)
    copy_quote = add(notes, "&Copy quote", window.copy_quote, "Ctrl+Alt+C", "The highlight as a Markdown quote")
    apply = notes.addMenu("&Apply tag")
    tags = [add(apply, str(n), lambda _=False, n=n: window.apply_tag(n - 1), str(n)) for n in range(1, 10)]

    transcript = bar.addMenu("&Transcript")
    add(transcript, "&Speakers and label repairs…", window.open_speakers, "Ctrl+K")
    view = bar.addMenu("&View")
    add(view, "&Larger text", lambda: window.step_font(1), QKeySequence("Ctrl+="))
    add(view, "&Smaller text", lambda: window.step_font(-1), QKeySequence("Ctrl+-"))
    view.addSeparator()
    for theme in ("system", "light", "dark"):
        add(view, f"{theme.title()} theme", lambda _=False, t=theme: window.set_theme(t))

    tools = window.addToolBar("Main")
    tools.setObjectName("main-toolbar")
    tools.addActions([import_, highlight, undo, redo])
    return Actions(undo, redo, highlight, tag, note, delete, copy_quote, tags)
