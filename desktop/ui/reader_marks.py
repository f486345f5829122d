"""The paint of the reader's marks, as extra selections over the text (painting them never
changes the document): highlight bands, find matches and the words being played."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QTextEdit

from desktop.ui.palette import is_dark
from desktop.ui.reader_document import span_cursor

SPOKEN_COLOUR, SPOKEN_LIGHT, SPOKEN_DARK = "#2f7bbf", "#dcebfa", "#27405c"  # the words being played
MATCH, CURRENT_MATCH = "#ffd8a8", "#ff9f43"  # find matches, behind black text


def paint(
    document: QTextDocument, spans: list[tuple[int, int]], text_format: QTextCharFormat
) -> list[QTextEdit.ExtraSelection]:
    """One format over each of these document spans."""
    selections = []
    for begin, end in spans:
        selection = QTextEdit.ExtraSelection()
        selection.cursor, selection.format = span_cursor(document, begin, end), text_format
        selections.append(selection)
    return selections


def match_paint(document: QTextDocument, spans: list[tuple[int, int]], current: int) -> list[QTextEdit.ExtraSelection]:
    """Find matches at these document spans, the one numbered `current` (from 0) stronger."""
    if not spans:
        return []
    selections = paint(document, spans, _match_format(MATCH))
    if 0 <= current < len(selections):
        selections[current].format = _match_format(CURRENT_MATCH)
    return selections


def spoken_paint(
    document: QTextDocument, begin: int, end: int, palette: QPalette, highlighted: bool
) -> QTextEdit.ExtraSelection:
    """The words being played, underlined; on a band of their own unless a highlight gives them its colour."""
    text_format = QTextCharFormat()
    text_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    text_format.setUnderlineColor(QColor(SPOKEN_COLOUR))
    if not highlighted:
        text_format.setBackground(QColor(SPOKEN_DARK if is_dark(palette) else SPOKEN_LIGHT))
    return paint(document, [(begin, end)], text_format)[0]


def paragraph_pieces(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """The stretches of `text[begin:end]` between its line breaks (none empty)."""
    pieces = []
    while begin < end:
        line_end = text.find("\n", begin, end)
        stop = end if line_end == -1 else line_end
        if stop > begin:
            pieces.append((begin, stop))
        begin = stop + 1
    return pieces


def _match_format(colour: str) -> QTextCharFormat:
    text_format = QTextCharFormat()
    text_format.setBackground(QColor(colour))
    text_format.setForeground(QColor("#000000"))
    return text_format
