"""The View menu: text size, the panels and focus mode, and the theme (the active one marked)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from desktop.ui.panels import Panels
from desktop.ui.theme import THEMES

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

# Ctrl++ is Ctrl+Shift+= on a US keyboard; Qt matches it as "Ctrl++" (and the keypad's plus).
LARGER_KEYS = ("Ctrl+=", "Ctrl++")
SMALLER_KEYS = ("Ctrl+-",)
DEFAULT_SIZE_KEYS = ("Ctrl+0",)
THEME_NAMES = {"system": "S&ystem theme", "light": "L&ight theme", "dark": "Dar&k theme"}


class ViewMenu:
    """Fills the View menu; `panels` shows and hides the panels, `themes` holds one action per theme."""

    def __init__(self, window: MainWindow, menu: QMenu, add: Callable[..., QAction]) -> None:
        self.larger = add(menu, "&Larger text", lambda: window.step_font(1))
        self.smaller = add(menu, "&Smaller text", lambda: window.step_font(-1))
        self.default_size = add(menu, "&Default text size", window.reset_font, None, "The text size a new window has")
        for action, keys in ((self.larger, LARGER_KEYS), (self.smaller, SMALLER_KEYS),
                             (self.default_size, DEFAULT_SIZE_KEYS)):  # fmt: skip
            action.setShortcuts([QKeySequence(key) for key in keys])
        menu.addSeparator()
        self.panels = Panels(window, menu, add)
        menu.addSeparator()
        group = QActionGroup(menu)
        group.setExclusive(True)
        chosen = str(window.settings.value("theme", "system"))
        self.themes: dict[str, QAction] = {}
        for theme in THEMES:
            action = add(menu, THEME_NAMES[theme], lambda _=False, t=theme: window.set_theme(t), None,
                         "Follow the desktop's light or dark setting" if theme == "system" else "")  # fmt: skip
            action.setCheckable(True)
            action.setChecked(theme == chosen)
            group.addAction(action)
            self.themes[theme] = action
