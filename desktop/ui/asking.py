"""Asking for a name or a choice in a small dialog as wide as its title (Qt sizes
QInputDialog by its contents alone, and a window manager cuts a wider title: "Renam…eaker")."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics, QShowEvent
from PySide6.QtWidgets import QInputDialog, QWidget

TITLE_ROOM = 160  # px besides the title: the window icon and the title bar's three buttons
MIN_WIDTH = 360  # px: room to type a name


class Question(QInputDialog):
    """A QInputDialog that widens itself to its title when shown."""

    def __init__(self, parent: QWidget, title: str, label: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setLabelText(label)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        wanted = max(MIN_WIDTH, title_width(self, self.windowTitle()))
        if self.width() < wanted:
            self.resize(wanted, self.height())


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> tuple[str, bool]:
    """A line of text, and whether the user chose OK."""
    dialog = Question(parent, title, label)
    dialog.setTextValue(text)
    ok = bool(dialog.exec())
    return dialog.textValue(), ok


def ask_item(parent: QWidget, title: str, label: str, items: list[str]) -> tuple[str, bool]:
    """One of `items` (the first offered), and whether the user chose OK."""
    dialog = Question(parent, title, label)
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(False)
    ok = bool(dialog.exec())
    return dialog.textValue(), ok


def title_width(widget: QWidget, title: str) -> int:
    """The width a window needs to show `title` whole in a title bar (bold, as most draw it)."""
    font = QFont(widget.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(title) + TITLE_ROOM
