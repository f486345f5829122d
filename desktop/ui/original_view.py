"""Show original: a turn's text as imported beside what it reads now, the differences marked."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from desktop.library import TurnRecord
from desktop.library.textedits import diff


def diff_html(original: str, text: str) -> str:
    """The text as it reads now, with the words removed since import struck through and the
    words put in underlined."""
    parts, at = [], 0
    for edit in diff(original, text):
        parts.append(escape(original[at : edit.start]))
        if edit.end > edit.start:
            parts.append(f'<s style="color:#b3261e">{escape(original[edit.start : edit.end])}</s>')
        if edit.text:
            parts.append(f'<u style="color:#1b6e3a">{escape(edit.text)}</u>')
        at = edit.end
    parts.append(escape(original[at:]))
    return "".join(parts).replace("\n", "<br>")


class OriginalView(QDialog):
    """One turn's corrections since import, in the reader's font."""

    def __init__(self, parent: QWidget, turn: TurnRecord, font: QFont) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Turn {turn.index + 1} as imported")
        original = turn.original if turn.original is not None else turn.text
        marked = "Struck through: words as imported that were corrected away; underlined: the words now."
        summary = QLabel(marked if turn.edited else "This turn reads as it was imported.")
        summary.setWordWrap(True)
        self.changes = QTextBrowser()
        self.changes.setFont(font)
        self.changes.setAccessibleName(f"Turn {turn.index + 1}: differences from the imported text")
        self.changes.setHtml(diff_html(original, turn.text))
        self.imported = QTextBrowser()
        self.imported.setFont(font)
        self.imported.setAccessibleName(f"Turn {turn.index + 1} as imported")
        self.imported.setPlainText(original)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.changes, 2)
        layout.addWidget(QLabel("As imported:"))
        layout.addWidget(self.imported, 1)
        layout.addWidget(buttons)
        self.resize(620, 460)
