"""Colours: speakers, highlights, and the light and dark palettes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from desktop.ui.contrast import READABLE, band, readable

# Distinct hues that read on light and dark backgrounds alike.
SPEAKER_COLOURS = ("#2f7bbf", "#d0602a", "#2e9a4e", "#8e4fc9", "#c93c3c", "#1f95a8", "#b08a12", "#c4457f")
DEFAULT_HIGHLIGHT = "#f6c343"
TARGET = READABLE + 0.1  # a little above WCAG AA, so rounding to 8-bit channels never drops below it
# The current highlight's text in the dark theme: light text on a strong band reads badly.
DARK_TEXT_ON_STRONG = "#111111"


def speaker_colours(speakers: list[str]) -> dict[str, str]:
    """A colour per speaker by order of first appearance: stable, and distinct for the first eight."""
    return {name: SPEAKER_COLOURS[i % len(SPEAKER_COLOURS)] for i, name in enumerate(speakers)}


def is_dark(palette: QPalette) -> bool:
    """Whether a palette shows light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def highlight_band(colour: str, palette: QPalette, strong: bool = False) -> tuple[QColor, QColor]:
    """A highlight's background and the text colour over it, chosen per theme: the stored colour
    lightened (light theme) or deepened (dark theme) just enough that the text keeps WCAG AA
    contrast; `strong` for the current highlight."""
    base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    if is_dark(palette):
        if strong:
            text = QColor(DARK_TEXT_ON_STRONG)
        strength = 0.8 if strong else 0.45
    else:
        strength = 0.75 if strong else 0.55
    return band(QColor(colour), base, text, strength, TARGET), text


def name_colour(colour: str, palette: QPalette) -> QColor:
    """A speaker's colour as their name is written on the reader's background: darkened on a
    light one, lightened on a dark one, until it reads."""
    return readable(QColor(colour), palette.color(QPalette.ColorRole.Base), TARGET)


def muted_text(palette: QPalette) -> QColor:
    """Secondary text (times, the *edited* mark): grey, yet readable on the base."""
    return readable(QColor("#8a8f98"), palette.color(QPalette.ColorRole.Base), TARGET)


def error_text(palette: QPalette) -> QColor:
    """A one-line message saying why something cannot be done (find, go to): red, yet readable
    on the window."""
    return readable(QColor("#d0392b"), palette.color(QPalette.ColorRole.Window), TARGET)


def light_palette(standard: QPalette) -> QPalette:
    """Fusion's light palette with its two faint texts made readable: white on the selection
    colour and the grey placeholder."""
    p = QPalette(standard)
    p.setColor(QPalette.ColorRole.Highlight, QColor("#2b6ca3"))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#6b6f76"))
    p.setColor(QPalette.ColorRole.Link, QColor("#1a5fb4"))
    return p


def dark_palette() -> QPalette:
    """A calm dark palette for the Fusion style."""
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#1f2125", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#181a1d", QPalette.ColorRole.AlternateBase: "#23262a",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#2a2d32",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3d6fb0",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#2a2d32",
        QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.PlaceholderText: "#8a8f98",
        QPalette.ColorRole.Link: "#7cb3f0", QPalette.ColorRole.Mid: "#3a3e44",
    }  # fmt: skip
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6b7078"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6b7078"))
    return p


def system_prefers_dark() -> bool:
    """Whether the desktop asks for a dark colour scheme."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
