"""Find and replace across the open transcript, with a preview of every change.

Each match is listed with its turn, speaker and the words around it, checked; unchecking
one leaves it as it is. Replace makes every checked change as one undo step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.library import Match, TurnRecord

CONTEXT = 32  # characters shown either side of a match


def preview(match: Match, turn: TurnRecord, replacement: str) -> str:
    """One line: where the match is and how its words will read."""
    text = turn.text.replace("\n", " ")
    before = text[max(0, match.start - CONTEXT) : match.start]
    after = text[match.end : match.end + CONTEXT]
    where = f"Turn {turn.index + 1}" + (f" · {turn.speaker}" if turn.speaker else "")
    return (f"{where}:  {'…' if match.start > CONTEXT else ''}{before}[{text[match.start:match.end]} → "
            f"{replacement}]{after}{'…' if match.end + CONTEXT < len(text) else ''}")  # fmt: skip


class ReplaceDialog(QDialog):
    """Find and replace in one transcript; `replace_chosen(find, replacement, whole_word,
    match_case, matches)` is called with the checked matches."""

    def __init__(self, parent: QWidget, find_matches: Callable[..., list[Match]],
                 turns: Callable[[], list[TurnRecord]], replace_chosen: Callable[..., bool]) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Find and replace in this transcript")
        self._find_matches, self._turns, self._replace = find_matches, turns, replace_chosen
        self._matches: list[Match] = []
        self.find = QLineEdit()
        self.find.setPlaceholderText("Words to find, e.g. Ariel")
        self.replacement = QLineEdit()
        self.replacement.setPlaceholderText("Replace with, e.g. Oriol")
        self.whole_word = QCheckBox("&Whole words only")
        self.match_case = QCheckBox("Match &case")
        self.match_case.setChecked(True)
        self.changes = QListWidget()
        self.changes.setAccessibleName("The changes replacing would make; uncheck one to leave it")
        self.count = QLabel()
        self.replace_button = QPushButton("&Replace")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.replace_button, QDialogButtonBox.ButtonRole.ApplyRole)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        self.replace_button.setDefault(True)  # Return in either field replaces
        buttons.rejected.connect(self.reject)
        self.replace_button.clicked.connect(self._apply)
        form = QFormLayout()
        form.addRow("&Find:", self.find)
        form.addRow("Replace &with:", self.replacement)
        form.addRow(self.whole_word)
        form.addRow(self.match_case)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.count)
        layout.addWidget(self.changes, 1)
        layout.addWidget(buttons)
        for box in (self.whole_word, self.match_case):
            box.toggled.connect(self.refresh)
        self.find.textChanged.connect(self.refresh)
        self.replacement.textChanged.connect(self._relabel)  # the same matches: what is unchecked stays so
        self.changes.itemChanged.connect(self._count)
        self.resize(640, 420)
        self.refresh()

    def refresh(self) -> None:
        """List the matches of what is typed now, all checked."""
        find = self.find.text()
        self._matches = self._find_matches(find, whole_word=self.whole_word.isChecked(),
                                           match_case=self.match_case.isChecked()) if find else []  # fmt: skip
        turns = self._turns()
        self.changes.blockSignals(True)
        self.changes.clear()
        for match in self._matches:
            item = QListWidgetItem(preview(match, turns[match.turn], self.replacement.text()))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.changes.addItem(item)
        self.changes.blockSignals(False)
        self._count()

    def _relabel(self) -> None:
        turns = self._turns()
        for row, match in enumerate(self._matches):
            self.changes.item(row).setText(preview(match, turns[match.turn], self.replacement.text()))

    def chosen(self) -> list[Match]:
        """The matches left checked."""
        return [m for row, m in enumerate(self._matches)
                if self.changes.item(row).checkState() == Qt.CheckState.Checked]  # fmt: skip

    def _count(self) -> None:
        chosen, total = len(self.chosen()), len(self._matches)
        if not self.find.text():
            self.count.setText("Type the words to find.")
        elif not total:
            self.count.setText("No matches.")
        else:
            self.count.setText(f"{total} match{'es' if total != 1 else ''}; {chosen} will be replaced.")
        self.replace_button.setEnabled(chosen > 0)
        self.replace_button.setText(f"&Replace {chosen}" if chosen else "&Replace")

    def _apply(self) -> None:
        chosen = self.chosen()
        if chosen and self._replace(self.find.text(), self.replacement.text(), self.whole_word.isChecked(),
                                    self.match_case.isChecked(), chosen):  # fmt: skip
            self.refresh()
