"""What a keyboard or screen-reader user meets: every menu item has its own access key, every
control that takes focus has a name in Qt's accessibility tree, and Tab moves through the
window's panels from left to right."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QMenu, QWidget


def access_key(text: str) -> str | None:
    """The letter after a single `&` (`&&` is a literal ampersand)."""
    found = re.search(r"(?<!&)&([^&])", text)
    return found.group(1).lower() if found else None


def menus(menu: QMenu) -> list[QMenu]:
    """A menu and its sub-menus."""
    found = [menu]
    for action in menu.actions():
        if action.menu() is not None:
            found += menus(action.menu())
    return found


def test_every_menu_and_menu_item_has_an_access_key_of_its_own(window):
    bar = window.menuBar().actions()
    tops = [access_key(a.text()) for a in bar]
    assert None not in tops and len(set(tops)) == len(tops), [a.text() for a in bar]
    for top in bar:
        for menu in menus(top.menu()):
            items = [a for a in menu.actions() if not a.isSeparator() and a.isVisible()]
            keys = [access_key(a.text()) for a in items]
            if menu.title() in ("&Apply tag", "Open &recent"):  # digits and titles: chosen by arrow keys
                continue
            assert None not in keys, (menu.title(), [a.text() for a in items])
            assert len(set(keys)) == len(keys), (menu.title(), [a.text() for a in items])


def focusable(top: QWidget) -> list[QWidget]:
    """Controls that take focus, leaving out the text fields inside date and combo boxes (a
    screen reader names the box)."""
    return [w for w in top.findChildren(QWidget)
            if w.isVisibleTo(top) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
            and not isinstance(w.parent(), QAbstractSpinBox | QComboBox)]  # fmt: skip


def test_every_control_that_takes_focus_is_named_in_the_accessibility_tree(window):
    window.open_reports()  # a child window: its controls are among the window's children
    window.search_dock.show()
    window.find_bar.open()
    nameless = []
    for widget in focusable(window):
        interface = QAccessible.queryAccessibleInterface(widget)
        assert interface is not None and interface.isValid()
        if not interface.text(QAccessible.Text.Name).strip():
            nameless.append(f"{type(widget).__name__} {widget.objectName()}")
    assert nameless == []
    names = {QAccessible.queryAccessibleInterface(w).text(QAccessible.Text.Name) for w in focusable(window)}
    assert {"Filter transcripts", "Transcripts in the library", "Transcript", "Turns", "Search the library",
            "Find in transcript", "Reports"} <= names  # fmt: skip


def test_tab_moves_through_the_panels_from_left_to_right(window):
    order = []
    widget = window.library_panel.filter
    for _ in range(200):
        if widget.isVisibleTo(window) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            order.append(widget)
        widget = widget.nextInFocusChain()
        if widget is window.library_panel.filter:
            break
    wanted = [window.library_panel.filter, window.library_panel.view, window.reader, window.turn_list.view]
    assert all(w in order for w in wanted)
    assert sorted(wanted, key=order.index) == wanted
