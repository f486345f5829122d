"""A type-ahead name picker: choose one of some names or type a new one. Enter while
suggestions show chooses the one marked, else the first (`quo` → `Quote`), unless what is typed
is a name already; Esc closes the suggestions, and Enter then chooses the text as typed (a new
name). A click on a suggestion chooses it at once."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.library.folding import fold


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
        completer.popup().installEventFilter(self)  # before the completer's own: Enter picks the first
        self.hint = QLabel()
        self._names = {fold(n) for n in names}
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        if prompt:
            layout.addWidget(QLabel(prompt))
        layout.addWidget(self.hint)  # above the field: the suggestions open below it
        layout.addWidget(self.field)
        layout.addWidget(buttons)
        self.field.textChanged.connect(self._changed)
        self._changed("")

    def name(self) -> str:
        """The chosen name, as typed (spaces at either end dropped)."""
        return self.field.text().strip()

    def clean(self, text: str) -> str:
        """The name a typed text stands for (what is checked for being new)."""
        return " ".join(text.split())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        popup = self.field.completer().popup()
        if watched is popup and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self._changed(self.field.text())  # the hint says what Enter does now
        elif (
            watched is popup
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not popup.currentIndex().isValid()
        ):
            popup.hide()
            self._picked(self._first_suggestion() or self.field.text())
            return True
        return super().eventFilter(watched, event)

    def _first_suggestion(self) -> str | None:
        """The suggestion Enter takes while none is marked: none when the text names one already."""
        if fold(self.clean(self.field.text())) in self._names:
            return None
        first = self.field.completer().completionModel().index(0, 0)
        return first.data() if first.isValid() else None

    def _picked(self, text: str) -> None:
        self.field.setText(text)
        if self.ok.isEnabled():
            self.accept()

    def _changed(self, text: str) -> None:
        name = self.clean(text)
        self.ok.setEnabled(bool(name))
        if not name or fold(name) in self._names:
            self.hint.setText("")
        elif (first := self._first_suggestion()) is not None and self.field.completer().popup().isVisible():
            self.hint.setText(f"Enter chooses “{first}”; Esc, then Enter, creates the new {self._noun} “{name}”")
        else:
            self.hint.setText(f"Creates the new {self._noun} “{name}”")
