"""A type-ahead tag picker: choose an existing tag or type a new one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


class TagPicker(QDialog):
    """Asks for a tag name, completing from the library's tags as the user types."""

    def __init__(self, tags: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tag")
        self.field = QLineEdit(placeholderText="Tag name, e.g. method/interview")
        completer = QCompleter(tags, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.field.setCompleter(completer)
        self.hint = QLabel()
        self._tags = {t.casefold() for t in tags}
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.field.textChanged.connect(self._changed)
        self._changed("")

    def tag(self) -> str:
        """The chosen tag name."""
        return self.field.text().strip()

    def _changed(self, text: str) -> None:
        name = text.strip().lstrip("#").strip()
        self.ok.setEnabled(bool(name.strip("/ ")))
        self.hint.setText("" if not name or name.casefold() in self._tags else f"Creates the new tag “{name}”")
