"""Go to turn or time (Ctrl+G): a small dialog that reads a turn number or a time and says,
under the field, why what was typed cannot be gone to."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLayout, QLineEdit, QVBoxLayout, QWidget

from desktop.library import TurnRecord
from desktop.library.goto import GotoError, goto_target, hint, transcript_end
from desktop.ui.palette import error_text


class GotoDialog(QDialog):
    """Asks where to go in the open transcript; emits the turn (from 0) on Enter."""

    turn_chosen = Signal(int)

    def __init__(self, turns: Sequence[TurnRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.turns = turns
        timed = transcript_end(turns) is not None
        self.setWindowTitle("Go to turn or time" if timed else "Go to turn")
        self.field = QLineEdit(placeholderText="42 or 1:02:03" if timed else "42", clearButtonEnabled=True)
        self.field.setAccessibleName("Turn number or time" if timed else "Turn number")
        self.hint = QLabel(hint(turns))
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.message = QLabel()
        self.message.setStyleSheet(f"color: {error_text(self.palette()).name()};")
        self.message.setAccessibleName("Why this cannot be gone to")
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Go")
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)  # grows when a message shows
        for widget in (self.field, self.hint, self.message, buttons):
            layout.addWidget(widget)
        self.field.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.field.textChanged.connect(lambda _: self.message.hide())

    def accept(self) -> None:
        """Go, or say why not and stay open."""
        try:
            turn = goto_target(self.field.text(), self.turns)
        except GotoError as error:
            self.message.setText(str(error))
            self.message.show()
            self.field.setFocus()
            self.field.selectAll()
            return
        super().accept()
        self.turn_chosen.emit(turn)
