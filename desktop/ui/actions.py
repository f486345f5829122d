"""The main window's menus, toolbar and keyboard shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from desktop.ui.help_window import HelpMenu
from desktop.ui.navigation_menus import add_file_items, build_go_menu
from desktop.ui.player import SKIP_MS
from desktop.ui.view_menu import ViewMenu

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
    corrections: list[QAction]  # edit, split, merge, set speaker, move words, show original
    replace: QAction
    play: QAction
    play_highlight: QAction
    play_here: QAction


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
    add_file_items(window, file)  # Open recent ▸, Close transcript (Ctrl+W)
    file.addSeparator()
    add(file, "&Export…", window.open_export, "Ctrl+E", "Export highlights and notes")
    add(file, "&Print…", window.print_highlights, QKeySequence.StandardKey.Print, "Print the transcript's highlights")
    add(file, "Export to &vault…", window.open_vault_export, "Ctrl+Shift+E",
        "A note per transcript in an Obsidian vault, updated in place")  # fmt: skip
    file.addSeparator()
    add(file, "&Quit", window.close, QKeySequence.StandardKey.Quit)

    edit = bar.addMenu("&Edit")
    session, stack = window.session, window.session.undo_stack
    undo = _through_session(stack.createUndoAction(window, "&Undo"), session.undo, ["Ctrl+Z"])
    # Two distinct keys: the platform's Redo key list already holds Ctrl+Shift+Z on X11, and a
    # key listed twice is an "ambiguous shortcut overload" that Qt then ignores.
    redo = _through_session(stack.createRedoAction(window, "&Redo"), session.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
    edit.addActions([undo, redo])
    window.addActions([undo, redo])
    edit.addSeparator()
    add(edit, "&Find in transcript…", window.find_bar.open, QKeySequence.StandardKey.Find)
    add(edit, "&Search the library…", window.open_search, "Ctrl+Shift+F")
    window.go_actions = build_go_menu(window, bar.addMenu("&Go"))  # Back, Forward, Go to turn or time

    notes = bar.addMenu("&Annotate")
    annotator = window.annotator
    highlight = add(notes, "&Highlight selection", lambda: annotator.highlight_selection(), "H")
    tag = add(notes, "&Tag…", annotator.tag, "T", "Tag the selection or the highlight at the cursor")
    note = add(notes, "&Note…", lambda: annotator.edit_note(), "N", "Write a note on the highlight at the cursor")
    delete = add(notes, "&Delete highlight", lambda: annotator.delete(), QKeySequence(QKeySequence.StandardKey.Delete))
    copy_quote = add(notes, "&Copy quote", annotator.copy_quote, "Ctrl+Alt+C",
                     "The selection or the highlight at the cursor as a Markdown quote")  # fmt: skip
    apply = notes.addMenu("&Apply tag")
    tags = [add(apply, str(n), lambda _=False, n=n: window.apply_tag(n - 1), str(n)) for n in range(1, 10)]

    transcript = bar.addMenu("&Transcript")
    fix = window.corrector
    corrections = [
        add(transcript, "&Edit turn", fix.edit_turn, "F2", "Correct the words of the turn at the cursor"),
        add(transcript, "S&plit turn here", fix.split_turn, "Ctrl+Shift+Return", "Start a new turn at the cursor"),
        add(transcript, "&Merge with previous turn", fix.merge_with_previous, "Ctrl+Shift+Backspace"),
        add(transcript, "Set spea&ker…", fix.choose_speaker, "S",
            "Who says the turn at the cursor, or every turn the selection touches"),
        add(transcript, "Words to p&revious turn", fix.words_to_previous, "Alt+Up",
            "Move the selected words at a turn's start to the turn before (a late label)"),
        add(transcript, "Words to &next turn", fix.words_to_next, "Alt+Down",
            "Move the selected words at a turn's end to the turn after"),
        add(transcript, "Show &original", fix.show_original, None, "The turn as imported, the corrections marked"),
    ]  # fmt: skip
    transcript.addSeparator()
    replace = add(transcript, "Find &and replace…", fix.open_replace, "Ctrl+H", "Correct a word everywhere")
    transcript.addSeparator()
    add(transcript, "&Speakers and label repairs…", window.open_speakers, "Ctrl+K")
    transcript.addSeparator()
    add(transcript, "&Link recording…", window.choose_media, None, "The audio or video the transcript was made from")
    add(transcript, "&Unlink recording", lambda: window.link_media(None))

    playback = bar.addMenu("&Playback")
    player = window.player
    play = add(playback, "&Play / pause", player.toggle, "Ctrl+Space")
    add(playback, "&Back 5 seconds", lambda: player.skip(-SKIP_MS), "Ctrl+Left")
    add(playback, "&Forward 5 seconds", lambda: player.skip(SKIP_MS), "Ctrl+Right")
    play_here = add(playback, "Play from &here", window.play_from_cursor, None,
                    "Play from the words at the cursor (Alt+click does it with the mouse)")  # fmt: skip
    add(playback, "&Slower", lambda: player.step_speed(-1), "Ctrl+Shift+,")
    add(playback, "F&aster", lambda: player.step_speed(1), "Ctrl+Shift+.")
    play_highlight = add(playback, "Play high&light", window.play_highlight, "P",
                         "Play the highlight at the cursor (or the selection) and stop at its end")  # fmt: skip
    playback.addSeparator()
    rewind = add(
        playback, "&Rewind 2 s on pause", window.set_rewind_on_pause, None, "For transcribing: each pause steps back"
    )
    rewind.setCheckable(True)
    rewind.setChecked(player.rewind_on_pause)
    analyse = bar.addMenu("A&nalyse")
    add(analyse, "&Reports…", window.open_reports, "Ctrl+R",
        "Tags by speaker, transcript or attribute; co-occurrence; speakers; charts")  # fmt: skip
    add(analyse, "&Attributes table…", window.open_attributes_table, None,
        "Every transcript's attributes (cases), edited in place")  # fmt: skip
    window.view_menu = ViewMenu(window, bar.addMenu("&View"), add)  # text size, panels, focus mode, themes
    window.help_menu = HelpMenu(window, bar.addMenu("&Help"), add)  # stays the last menu: add menus above

    tools = window.addToolBar("Main")
    tools.setObjectName("main-toolbar")
    tools.addActions([import_, highlight, undo, redo])
    # The toolbar keeps short, fixed labels (the menus say "Undo Rename Ann to Anna"); the step
    # to undo or redo is in the tooltip.
    for action, label in ((undo, "Undo"), (redo, "Redo")):
        action.setIconText(label)
        action.changed.connect(lambda a=action: _tooltip_from_text(a))
    return Actions(
        undo,
        redo,
        highlight,
        tag,
        note,
        delete,
        copy_quote,
        tags,
        corrections,
        replace,
        play,
        play_highlight,
        play_here,
    )


def _tooltip_from_text(action: QAction) -> None:
    """The tooltip says what the menu says ("Undo Rename Ann to Anna"); setting the same text
    again emits nothing, so this does not loop. An action being destroyed emits `changed` once
    more, after its Python side is gone: nothing to do then."""
    if shiboken6.isValid(action):
        action.setToolTip(action.text().replace("&", ""))


def _through_session(action: QAction, slot: Callable, keys: list[str]) -> QAction:
    """The stack's undo or redo action (it keeps its name, "&Undo Edit note", and state), run
    through the session, which refuses a step the library cannot take without moving the stack."""
    action.triggered.disconnect()
    action.triggered.connect(slot)
    action.setShortcuts([QKeySequence(key) for key in keys])
    return action
