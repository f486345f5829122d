"""A hint standing in a list's place while the list is empty: what to do to fill it, in the
placeholder colour on the list's ground."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel


def empty_hint(text: str, name: str) -> QLabel:
    """A wrapped, centred hint; `name` for screen readers."""
    hint = QLabel(text)
    hint.setWordWrap(True)
    hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
    hint.setAutoFillBackground(True)  # on the list's ground, where the placeholder colour reads
    hint.setBackgroundRole(QPalette.ColorRole.Base)
    hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    hint.setContentsMargins(12, 12, 12, 12)
    hint.setAccessibleName(name)
    return hint
