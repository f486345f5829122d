"""The Help menu: the keyboard shortcuts window (read from the window's own actions, so it
cannot drift from them), Getting started, and About."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.log_file import log_path

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

SHORTCUT_KEYS = ("F1", "Ctrl+/")
OTHER = "Other"
IN_PLACE = "Keys in place"
# Keys a widget handles itself (no action carries them): listed so the window names every key.
KEYS_IN_PLACE = (
    ("Find bar: next / previous match", "Enter / Shift+Enter"),
    ("Find bar: close", "Esc"),
    ("Turn editor (F2): save / cancel", "Ctrl+Return / Esc"),
    ("Note editor: save", "Ctrl+Return"),
    ("Focus mode: leave", "Esc"),
    ("Reader: play from the words clicked", "Alt+click"),
    ("Turn list: play from the turn clicked", "Alt+click"),
)
GETTING_STARTED = """
<h3>Getting started</h3>
<p><b>Read.</b> Choose a transcript in the library on the left. Turns are listed on the right;
click one to go there. <b>File ▸ Import…</b> (Ctrl+O), or drop transcript files on the window,
adds more: plain text, SRT, WebVTT, Whisper JSON and many others.</p>
<p><b>Annotate.</b> Select words in the reader, then press</p>
<ul>
<li><b>H</b> to highlight them,</li>
<li><b>T</b> to tag them (type a tag's name; a new name creates it; <b>1</b>–<b>9</b> apply the first nine tags),</li>
<li><b>N</b> to write a note in Markdown.</li>
</ul>
<p>Click inside a highlight and the same keys act on it; <b>Delete</b> removes it, and
<b>Ctrl+Z</b> undoes any change.</p>
<p><b>Find.</b> <b>Ctrl+F</b> finds words in this transcript; <b>Ctrl+Shift+F</b> searches the
whole library.</p>
<p><b>Listen.</b> A recording beside the transcript (same name), or dropped on it, plays in a
bar under the reader: <b>Ctrl+Space</b> plays and pauses, and the words being said are marked.
Alt+click a word to play from there.</p>
<p><b>Share.</b> <b>Ctrl+E</b> exports highlights and notes (Markdown, HTML, PDF, CSV, REFI-QDA).</p>
<p>Every key is listed in <b>Help ▸ Keyboard shortcuts</b> (F1).</p>
"""


@dataclass(frozen=True)
class Shortcut:
    """One row of the shortcuts window: where the action is, what it does, its keys."""

    menu: str
    action: str
    keys: str


def plain(text: str) -> str:
    """A menu text without its mnemonic marks and tab-separated accelerator."""
    return text.split("\t")[0].replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def keys_of(action: QAction) -> str:
    """An action's shortcuts as the platform writes them."""
    return ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts())


def window_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """Every action with a shortcut, by menu (submenus as `Annotate ▸ Apply tag`), in menu order;
    actions of the window in no menu come under Other."""
    rows: list[Shortcut] = []
    seen: set[int] = set()

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{path} ▸ {plain(action.menu().title())}")
            elif not action.isSeparator() and action.shortcuts():
                seen.add(id(action))
                rows.append(Shortcut(path, plain(action.text()), keys_of(action)))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), plain(top.menu().title()))
    for action in QWidget.actions(window):  # Qt's list: MainWindow keeps its own `actions` record
        if id(action) not in seen and action.shortcuts():
            rows.append(Shortcut(OTHER, plain(action.text()) or action.toolTip(), keys_of(action)))
    return rows + [Shortcut(IN_PLACE, what, keys) for what, keys in KEYS_IN_PLACE]


class ShortcutsWindow(QDialog):
    """Every keyboard shortcut of the window, grouped by menu, with a field that filters as you type."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(560, 620)
        self.search = QLineEdit(placeholderText="Search shortcuts: an action or a key", clearButtonEnabled=True)
        self.search.setAccessibleName("Search shortcuts")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.empty = QLabel("No shortcut matches.")
        self.empty.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self.filter)
        self.rows: list[Shortcut] = []

    def refresh(self) -> None:
        """Read the window's actions again (names follow the tags and the undo stack)."""
        self.rows = window_shortcuts(self.window_)
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for row in self.rows:
            group = groups.get(row.menu)
            if group is None:
                group = groups[row.menu] = QTreeWidgetItem(self.tree, [row.menu])
                group.setFirstColumnSpanned(True)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item = QTreeWidgetItem(group, [row.action, row.keys])
            item.setToolTip(0, f"{row.menu} ▸ {row.action}")
        self.tree.expandAll()
        self.filter(self.search.text())

    def filter(self, text: str) -> None:
        """Show the shortcuts whose action, keys or menu hold every word typed."""
        words = text.casefold().split()
        shown = 0
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            visible = 0
            for c in range(group.childCount()):
                item = group.child(c)
                haystack = f"{group.text(0)} {item.text(0)} {item.text(1)}".casefold()
                hide = not all(word in haystack for word in words)
                item.setHidden(hide)
                visible += not hide
            group.setHidden(not visible)
            shown += visible
        self.empty.setVisible(not shown)

    def visible_rows(self) -> list[tuple[str, str, str]]:
        """The rows shown now: (menu, action, keys)."""
        found = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for c in range(group.childCount()):
                item = group.child(c)
                if not group.isHidden() and not item.isHidden():
                    found.append((group.text(0), item.text(0), item.text(1)))
        return found

    def open_window(self) -> None:
        """Show the window, read afresh, the search field ready for typing."""
        self.refresh()
        self.show()
        self.raise_()
        self.activateWindow()
        self.search.setFocus()
        self.search.selectAll()


def app_version() -> str:
    """The installed package's version (from its metadata)."""
    try:
        return version("talkmark")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def about_text(library_path: str) -> str:
    """What About says: the version, the library, the log folder."""
    return (f"<h3>Talkmark {app_version()}</h3>"
            "<p>A reader and annotator for conversation transcripts.</p>"
            f"<p><b>Library:</b> {library_path}<br><b>Log folder:</b> {log_path().parent}</p>")  # fmt: skip


class HelpMenu:
    """Fills the Help menu; keeps one shortcuts window and one Getting started window."""

    def __init__(self, window: MainWindow, menu: QMenu, add: Callable[..., QAction]) -> None:
        self.window = window
        self.shortcuts_window: ShortcutsWindow | None = None
        self.getting_started_window: QMessageBox | None = None
        self.shortcuts = add(menu, "&Keyboard shortcuts", self.show_shortcuts, None, "Every shortcut, searchable")
        self.shortcuts.setShortcuts([QKeySequence(key) for key in SHORTCUT_KEYS])
        self.getting_started = add(menu, "&Getting started", self.show_getting_started, None,
                                   "Select text and press H, T or N; import; find; listen")  # fmt: skip
        menu.addSeparator()
        self.about = add(menu, "&About Talkmark", self.show_about, None, "Version, library and log folder")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

    def show_shortcuts(self) -> ShortcutsWindow:
        """Show the keyboard shortcuts window (made on first use)."""
        if self.shortcuts_window is None:
            self.shortcuts_window = ShortcutsWindow(self.window)
        self.shortcuts_window.open_window()
        return self.shortcuts_window

    def show_getting_started(self) -> QMessageBox:
        """Show the first-run hints."""
        if self.getting_started_window is None:
            box = QMessageBox(QMessageBox.Icon.NoIcon, "Getting started", GETTING_STARTED,
                              QMessageBox.StandardButton.Close, self.window)  # fmt: skip
            box.setTextFormat(Qt.TextFormat.RichText)
            box.setModal(False)
            self.getting_started_window = box
        self.getting_started_window.show()
        self.getting_started_window.raise_()
        return self.getting_started_window

    def show_about(self) -> QMessageBox:
        """Show the version, the library's path and the log folder."""
        box = QMessageBox(QMessageBox.Icon.NoIcon, "About Talkmark", about_text(str(self.window.library.path)),
                          QMessageBox.StandardButton.Close, self.window)  # fmt: skip
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()
        self.about_box = box
        return box
