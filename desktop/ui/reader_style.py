"""The reader's colours per theme: speaker names, times and highlight bands that keep WCAG AA
contrast on the light and the dark palette, and restyling a document when the theme changes."""

from __future__ import annotations

from PySide6.QtGui import QFont, QPalette, QTextCharFormat, QTextCursor, QTextDocument

from desktop.library import TurnRecord
from desktop.ui.palette import highlight_band, muted_text, name_colour

FALLBACK_SPEAKER_COLOUR = "#2f7bbf"


def band_format(colour: str, palette: QPalette, current: bool) -> QTextCharFormat:
    """A highlight's paint: its band for this theme, the text colour that reads on it, and an
    underline on the current one."""
    background, text = highlight_band(colour, palette, strong=current)
    text_format = QTextCharFormat()
    text_format.setBackground(background)
    text_format.setForeground(text)
    if current:
        text_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    return text_format


def restyle_headings(document: QTextDocument, turns: list[TurnRecord], headings: list[int], starts: list[int],
                     colours: dict[str, str], palette: QPalette) -> None:  # fmt: skip
    """Give every turn heading's name and time the colours of this palette (after a theme change);
    the text is not touched, so positions and highlights stay."""
    muted = muted_text(palette)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for turn, heading, start in zip(turns, headings, starts, strict=True):
        if heading == start:  # no heading
            continue
        fragments = document.findBlock(heading).begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            fragments += 1
            char_format = fragment.charFormat()
            is_name = char_format.fontWeight() == QFont.Weight.DemiBold and turn.speaker
            colour = name_colour(colours.get(turn.speaker, FALLBACK_SPEAKER_COLOUR), palette) if is_name else muted
            char_format.setForeground(colour)
            cursor.setPosition(fragment.position())
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(char_format)
    cursor.endEditBlock()
