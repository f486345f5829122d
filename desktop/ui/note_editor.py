"""The note editor: Markdown on the left, its rendering (markdown2) on the right."""

from __future__ import annotations

import markdown2
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


def render_note(markdown: str) -> str:
    """A note as safe HTML: raw HTML in the note is shown as text, never run."""
    return markdown2.markdown(markdown, safe_mode="escape", extras=["fenced-code-blocks", "strike", "tables"])


class NoteEditor(QDialog):
    """Edits a highlight's note with a live preview."""

    def __init__(self, quote: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Note")
        self.resize(760, 420)
        excerpt = " ".join(quote.split())
        self.quote = QLabel(f"“{excerpt[:240]}{'…' if len(excerpt) > 240 else ''}”")
        self.quote.setWordWrap(True)
        self.quote.setObjectName("quote")
        self.quote.setAccessibleName("Quoted passage")
        # A block quote's box in either theme: a bar in the highlight colour, a quiet ground.
        self.quote.setStyleSheet("#quote { border-left: 3px solid palette(highlight); padding: 6px 10px;"
                                 " background: palette(alternate-base); }")  # fmt: skip
        self.editor = QPlainTextEdit(note, placeholderText="Write in Markdown: *emphasis*, lists, [links](…)")
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        split = QSplitter()
        split.addWidget(self.editor)
        split.addWidget(self.preview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip("Save the note (Ctrl+Return)")
        self.editor.installEventFilter(self)  # Ctrl+Return saves from inside the editor
        layout = QVBoxLayout(self)
        layout.addWidget(self.quote)
        layout.addWidget(split)
        layout.addWidget(buttons)
        self.editor.textChanged.connect(self._render)
        self._render()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def note(self) -> str:
        """The note as written."""
        return self.editor.toPlainText()

    def _render(self) -> None:
        self.preview.setHtml(render_note(self.editor.toPlainText()))
