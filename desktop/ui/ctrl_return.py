"""Ctrl+Return (or Ctrl+Enter) in a dialog's multi-line editor saves, as the dialog's Save
button does: Return alone starts a new line there."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit


def save_on_ctrl_return(editor: QPlainTextEdit, dialog: QDialog, buttons: QDialogButtonBox) -> None:
    """Make Ctrl+Return in `editor` accept `dialog`, and say so on its Save button."""
    buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip("Save (Ctrl+Return)")
    editor.installEventFilter(_CtrlReturn(dialog, editor))


class _CtrlReturn(QObject):
    def __init__(self, dialog: QDialog, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self.dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.dialog.accept()
            return True
        return False
