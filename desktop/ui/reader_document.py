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
    pause = _pause()
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
        if "\n\n" in turn.text:
            _paragraphs(cursor, turn.text, body, text, pause)
        else:
            cursor.insertText(turn.text, text)  # a paragraph a block: Qt lays a block out in one go
    return headings, starts


def _block(cursor: QTextCursor, block_format: QTextBlockFormat, first: bool) -> None:
    if first:
        cursor.setBlockFormat(block_format)
    else:
        cursor.insertBlock(block_format)


def _pause() -> QTextCharFormat:
    """The empty line between two paragraphs of a turn, a pause rather than a blank line (the
    line stays, so offsets in the text are as stored): a tiny font, so only the margins part the
    paragraphs, a little less than a speaker's name parts turns. A tiny font, not a smaller
    line height: a line drawn shorter than its font would reach over the next line's top, and a
    click there would land on the empty line."""
    small = QTextCharFormat()
    small.setFontPointSize(1)
    return small


def _paragraphs(cursor: QTextCursor, text: str, body: QTextBlockFormat, words: QTextCharFormat,
                pause: QTextCharFormat) -> None:  # fmt: skip
    """A turn of several paragraphs, each empty line between them inserted as a pause (two
    calls into Qt a paragraph: the text's line break starts the next one in the body format)."""
    parts = text.split("\n\n")
    cursor.insertText(parts[0], words)
    for part in parts[1:]:
        cursor.insertBlock(body, pause)
        cursor.insertText("\n" + part, words)


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
