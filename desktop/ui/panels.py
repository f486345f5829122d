"""The side panels around the reader: View menu toggles, focus mode, and minimum widths that
keep the reader at least 60 characters a line.

The reader comes first: when the window (or a dragged splitter handle) leaves it less than 60
characters a line, the panels give up width down to their minimums. Only a window too narrow
for 60 characters and the panels' minimums (below about 960 px at the default text size)
lets the reader go narrower, to a floor of 20 characters, so the window still fits a small
screen.

Each panel's toggle is remembered on its own (`panels/<name>`), apart from focus mode
(`focus_mode`), so leaving focus mode, now or after a restart, brings back exactly the panels
that were shown before it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QDockWidget, QMenu, QSplitter, QToolBar, QWidget

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

LINE_CHARACTERS = 60  # the reader keeps this many characters a line while the window has room
FLOOR_CHARACTERS = 20  # and never fewer than this, so a small screen still fits the window
LIBRARY_MIN_WIDTH = 150
SIDE_MIN_WIDTH = 190
PANEL_NAMES = {"library": "Li&brary", "turns": "T&urn list", "highlights": "&Highlights", "tags": "Ta&gs"}


class Panels(QObject):
    """Shows and hides the library, turn list, highlights and tags panels, and the focus mode
    that hides everything but the reader (and the player bar when a recording is linked)."""

    def __init__(self, window: MainWindow, menu: QMenu, add: Callable[..., QAction]) -> None:
        super().__init__(window)
        self.window, self.settings = window, window.settings
        self.toggles: dict[str, QAction] = {}
        for name, text in PANEL_NAMES.items():
            action = add(menu, text, self._apply, None, f"Show or hide the {text.replace('&', '').lower()} panel")
            action.setCheckable(True)
            action.setChecked(self.settings.value(f"panels/{name}", True, type=bool))
            action.toggled.connect(lambda on, name=name: self.settings.setValue(f"panels/{name}", on))
            self.toggles[name] = action
        menu.addSeparator()
        self.focus_action = add(menu, "&Focus mode", self.set_focus_mode, "Ctrl+.",
                                "Only the reader (Ctrl+. or Esc to come back)")  # fmt: skip
        self.focus_action.setCheckable(True)
        self.focus_action.setChecked(self.settings.value("focus_mode", False, type=bool))
        self._sizes: list[int] = []
        self._wanted: list[int] = []  # the panel widths last chosen (dragged, or of the last run)
        self._docks: list[QDockWidget] = []  # docked panels (library search) hidden by focus mode
        self._fit_minimum_widths()
        window.reader.installEventFilter(self)  # a new text size changes the width the reader needs
        window.split.installEventFilter(self)  # a narrower window: the panels give way first
        window.split.splitterMoved.connect(lambda *_: self._dragged())
        window.installEventFilter(self)  # Esc that no widget took leaves focus mode
        self._apply()
        if self.focused:  # docks come back with the window's saved state, after this
            QTimer.singleShot(0, self, self._hide_docks)

    def _hide_docks(self) -> None:
        shown = [dock for dock in self.window.findChildren(QDockWidget) if dock.isVisible()]
        for dock in shown:
            dock.hide()
        self._docks += shown

    @property
    def focused(self) -> bool:
        """Whether focus mode is on."""
        return self.focus_action.isChecked()

    def set_focus_mode(self, on: bool) -> None:
        """Hide every panel but the reader (on), or bring back those that were shown (off); remembered."""
        if self.focus_action.isChecked() != on:
            self.focus_action.setChecked(on)  # from Esc: the menu's check mark follows
        if on and not self._sizes:
            self._sizes = self.window.split.sizes()  # given back on leaving
        if on:
            self._hide_docks()
        else:
            for dock in self._docks:
                dock.show()
            self._docks = []
        self.settings.setValue("focus_mode", on)
        self._apply()
        if on:
            self.window.reader.setFocus()

    def shown(self, name: str) -> bool:
        """Whether a panel is on screen now (its toggle on and focus mode off)."""
        return self.toggles[name].isChecked() and not self.focused

    def _apply(self) -> None:
        """Show what the toggles and focus mode ask for."""
        w = self.window
        w.library_panel.setVisible(self.shown("library"))
        w.turn_list.setVisible(self.shown("turns"))
        w.tabs.setTabVisible(w.tabs.indexOf(w.highlights_panel), self.shown("highlights"))
        w.tabs.setTabVisible(w.tabs.indexOf(w.tag_panel), self.shown("tags"))
        w.tabs.setVisible(self.shown("highlights") or self.shown("tags"))
        w.side.setVisible(not w.turn_list.isHidden() or not w.tabs.isHidden())
        for toolbar in w.findChildren(QToolBar):
            toolbar.setVisible(not self.focused)
        w.statusBar().setVisible(not self.focused)
        if not self.focused:
            _give_room(w.split, self._sizes)
            _give_room(w.side, [])
            self._sizes = []

    def reader_width(self, characters: int = LINE_CHARACTERS) -> int:
        """The reader's width that lays out `characters` a line at its text size (the document's
        margins and the scroll bar included, as `Reader._fit_width` counts them)."""
        reader = self.window.reader
        text = reader.fontMetrics().averageCharWidth() * characters
        return int(text + 2 * reader.document().documentMargin() + reader.verticalScrollBar().sizeHint().width() + 6)

    def _fit_minimum_widths(self) -> None:
        w = self.window
        w.library_panel.setMinimumWidth(LIBRARY_MIN_WIDTH)
        w.side.setMinimumWidth(SIDE_MIN_WIDTH)
        w.reader.setMinimumWidth(self.reader_width(FLOOR_CHARACTERS))
        self.keep_reader_width()

    def keep_reader_width(self, shrunk: bool = False) -> None:
        """Narrow the panels (down to their minimums) until the reader has 60 characters a line.
        In a window too narrow for that, a window just `shrunk` has its panels go down to their
        minimums and the reader take the rest; otherwise (a handle dragged, the sizes of the
        last run) the sizes stay as they are, the user's choice."""
        split = self.window.split
        sizes, centre = split.sizes(), split.indexOf(self.window.reader.parentWidget())
        deficit = self.reader_width() - sizes[centre]
        if deficit <= 0:
            return
        spare = {i: max(0, sizes[i] - split.widget(i).minimumWidth())
                 for i in range(len(sizes)) if i != centre and sizes[i]}  # fmt: skip
        total = sum(spare.values())
        if total <= 0:
            return
        if total < deficit and not shrunk:
            return
        taken = min(deficit, total)
        for i, room in spare.items():
            sizes[i] -= round(taken * room / total)
        sizes[centre] = sum(split.sizes()) - sum(size for i, size in enumerate(sizes) if i != centre)
        split.setSizes(sizes)

    def give_back(self) -> None:
        """In a window grown again, let the panels grow back towards the widths last chosen
        for them, as far as the reader keeps its 60 characters a line."""
        split = self.window.split
        sizes, centre = split.sizes(), split.indexOf(self.window.reader.parentWidget())
        if len(self._wanted) != len(sizes):
            return
        spare = sizes[centre] - self.reader_width()
        short = {i: self._wanted[i] - sizes[i] for i in range(len(sizes)) if i != centre and sizes[i]}
        short = {i: width for i, width in short.items() if width > 0}
        if spare <= 0 or not short:
            return
        total = sum(short.values())
        for i, width in short.items():
            given = min(width, spare * width // total)
            sizes[i] += given
            sizes[centre] -= given
        split.setSizes(sizes)

    def _dragged(self) -> None:
        """A handle the user dragged: these are the widths they want."""
        self.keep_reader_width()
        self._wanted = self.window.split.sizes()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window.reader and event.type() == QEvent.Type.FontChange:
            self._fit_minimum_widths()
        elif watched is self.window.split and event.type() == QEvent.Type.Resize and isinstance(event, QResizeEvent):
            width, before = event.size().width(), event.oldSize().width()
            if not self._wanted and self.window.split.sizes()[0]:
                self._wanted = self.window.split.sizes()  # as the last run left them
            # once the splitter has laid out the new width
            if width > before > 0:
                QTimer.singleShot(0, self, self.give_back)
            else:
                QTimer.singleShot(0, self, lambda: self.keep_reader_width(0 < width < before))
        elif (
            watched is self.window
            and self.focused
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self.set_focus_mode(False)
            return True
        return False


def _give_room(splitter: QSplitter, before: list[int]) -> None:
    """After panels come back: the sizes they had (focus mode), else a fair size for any panel
    shown at no size at all (it was hidden when the sizes were last saved)."""
    if before and len(before) == splitter.count():
        splitter.setSizes(before)
        return
    across = splitter.orientation() == Qt.Orientation.Horizontal
    sizes = splitter.sizes()
    widgets: list[QWidget] = [splitter.widget(i) for i in range(splitter.count())]
    starved = [i for i, widget in enumerate(widgets) if not widget.isHidden() and sizes[i] == 0]
    if not starved or sum(sizes) == 0:
        return
    for i in starved:
        hint = widgets[i].sizeHint()
        least = widgets[i].minimumWidth() if across else widgets[i].minimumHeight()
        wanted = max(least, hint.width() if across else hint.height(), sum(sizes) // 4)
        widest = max(range(len(sizes)), key=sizes.__getitem__)
        sizes[widest] -= wanted
        sizes[i] = wanted
    splitter.setSizes(sizes)
