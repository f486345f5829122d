"""The reader's document: per turn, a heading block (speaker, time, and a mark when its words
were corrected) over text blocks whose characters are exactly the turn's text, one block a
line, so library offsets map 1:1 onto the document; and cursors on it."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QFont, QPalette, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument

from desktop.formats.clock import format_clock
from desktop.library import TurnRecord
from desktop.ui.palette import muted_text, name_colour
from desktop.ui.reader_style import FALLBACK_SPEAKER_COLOUR

DOCUMENT_MARGIN = 24
LINE_HEIGHT = 135  # per cent of the font's
TURN_GAP = 16  # px above a speaker's name
PARAGRAPH_GAP = 4  # px under the empty line between two paragraphs of a turn: 12 in all, against 16 before a name
EDITED_MARK = "edited"  # after the heading of a turn whose words differ from the import


def new_document(
    parent: QObject, font: QFont, turns: list[TurnRecord], colours: dict[str, str], palette: QPalette
) -> tuple[QTextDocument, list[int], list[int]]:
    """A document of these turns, with where each turn's first block and its text begin."""
    document = QTextDocument(parent)
    document.setUndoRedoEnabled(False)
    document.setDocumentMargin(DOCUMENT_MARGIN)
    document.setDefaultFont(font)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    headings, starts = insert_turns(cursor, turns, colours, palette)
    cursor.endEditBlock()
    return document, headings, starts


def insert_turns(
    cursor: QTextCursor, turns: list[TurnRecord], colours: dict[str, str], palette: QPalette
) -> tuple[list[int], list[int]]:
    """Write turns at the cursor, the first into the block it is in; returns where each
    turn's first block and its text begin."""
    heading, body, name, time, text = _formats(palette)
    names = {speaker: name_colour(colour, palette) for speaker, colour in colours.items()}
    headings, starts = [], []
    for n, turn in enumerate(turns):
        titled = bool(turn.speaker) or turn.start is not None or turn.edited
        _block(cursor, heading if titled else body, first=n == 0)
        headings.append(cursor.position())
        if titled:
            if turn.speaker:
                if turn.speaker not in names:
                    names[turn.speaker] = name_colour(FALLBACK_SPEAKER_COLOUR, palette)
                name.setForeground(names[turn.speaker])
                cursor.insertText(turn.speaker, name)
            if turn.start is not None:
                cursor.insertText(("   " if turn.speaker else "") + format_clock(turn.start), time)
            if turn.edited:
                cursor.insertText(("   " if turn.speaker or turn.start is not None else "") + EDITED_MARK, time)
            _block(cursor, body, first=False)
        starts.append(cursor.position())
        cursor.insertText(turn.text, text)  # a paragraph a block: Qt lays a block out in one go
        if "\n\n" in turn.text:
            _narrow_blank_lines(cursor.document(), starts[-1], cursor.position())
    return headings, starts


def _block(cursor: QTextCursor, block_format: QTextBlockFormat, first: bool) -> None:
    if first:
        cursor.setBlockFormat(block_format)
    else:
        cursor.insertBlock(block_format)


def _narrow_blank_lines(document: QTextDocument, start: int, end: int) -> None:
    """Make the empty lines between a turn's paragraphs a pause, not a blank line: about half
    the space before a speaker's name (the line stays, so offsets in the text are as stored).
    A tiny font, not a smaller line height: a line drawn shorter than its font would reach over
    the next line's top, and a click there would land on the empty line."""
    gap = QTextBlockFormat()
    gap.setBottomMargin(PARAGRAPH_GAP)
    small = QTextCharFormat()
    small.setFontPointSize(1)  # a line of next to no height: the pause is the margins
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        if block.length() == 1:  # nothing but the paragraph separator
            cursor = QTextCursor(block)
            cursor.setBlockFormat(gap)
            cursor.setBlockCharFormat(small)
        block = block.next()


def _formats(
    palette: QPalette,
) -> tuple[QTextBlockFormat, QTextBlockFormat, QTextCharFormat, QTextCharFormat, QTextCharFormat]:
    heading = QTextBlockFormat()
    heading.setTopMargin(TURN_GAP)
    heading.setBottomMargin(2)
    body = QTextBlockFormat()
    body.setBottomMargin(6)
    body.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    name = QTextCharFormat()
    name.setFontWeight(QFont.Weight.DemiBold)
    time = QTextCharFormat()
    time.setForeground(muted_text(palette))
    return heading, body, name, time, QTextCharFormat()


def span_cursor(document: QTextDocument, start: int, end: int | None = None) -> QTextCursor:
    """A cursor at a document position, or (given an end) selecting the span up to it."""
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    if end is not None:
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor
