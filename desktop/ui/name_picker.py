"""A type-ahead name picker: choose one of some names or type a new one. Picking a
suggestion (Enter or a click) chooses it at once; Enter on typed text chooses that."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


class NamePicker(QDialog):
    """Asks for a name, completing from `names` as the user types."""

    def __init__(self, names: list[str], parent: QWidget | None = None, *, title: str, prompt: str = "",
                 placeholder: str = "", noun: str = "name") -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(title)
        self._noun = noun
        self.field = QLineEdit(placeholderText=placeholder)
        self.field.setAccessibleName(title)
        completer = QCompleter(names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self._picked)
        self.field.setCompleter(completer)
        self.hint = QLabel()
        self._names = {n.casefold() for n in names}
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        if prompt:
            layout.addWidget(QLabel(prompt))
        layout.addWidget(self.field)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.field.textChanged.connect(self._changed)
        self._changed("")

    def name(self) -> str:
        """The chosen name, as typed (spaces at either end dropped)."""
        return self.field.text().strip()

    def clean(self, text: str) -> str:
        """The name a typed text stands for (what is checked for being new)."""
        return " ".join(text.split())

    def _picked(self, text: str) -> None:
        self.field.setText(text)
        if self.ok.isEnabled():
            self.accept()

    def _changed(self, text: str) -> None:
        name = self.clean(text)
        self.ok.setEnabled(bool(name))
        self.hint.setText(
            "" if not name or name.casefold() in self._names else f"Creates the new {self._noun} “{name}”"
        )
