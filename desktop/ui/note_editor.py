"""The note editor: Markdown on the left, its rendering (markdown2) on the right."""

from __future__ import annotations

import markdown2
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

from desktop.export.html import NOTE_MARKDOWN
from desktop.ui.ctrl_return import save_on_ctrl_return


def render_note(markdown: str) -> str:
    """A note as safe HTML: raw HTML in the note is shown as text, never run."""
    return markdown2.markdown(markdown, **NOTE_MARKDOWN)


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
        save_on_ctrl_return(self.editor, self, buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quote)
        layout.addWidget(split, 1)  # the room goes to writing; the quote keeps its lines' height
        layout.addWidget(buttons)
        self.editor.textChanged.connect(self._render)
        self._render()

    def note(self) -> str:
        """The note as written."""
        return self.editor.toPlainText()

    def _render(self) -> None:
        self.preview.setHtml(render_note(self.editor.toPlainText()))
