"""Colours: speakers, highlights, and the light and dark palettes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

# Distinct hues that read on light and dark backgrounds alike.
SPEAKER_COLOURS = ("#2f7bbf", "#d0602a", "#2e9a4e", "#8e4fc9", "#c93c3c", "#1f95a8", "#b08a12", "#c4457f")
DEFAULT_HIGHLIGHT = "#f6c343"


def speaker_colours(speakers: list[str]) -> dict[str, str]:
    """A colour per speaker by order of first appearance: stable, and distinct for the first eight."""
    return {name: SPEAKER_COLOURS[i % len(SPEAKER_COLOURS)] for i, name in enumerate(speakers)}


def is_dark(palette: QPalette) -> bool:
    """Whether a palette shows light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def highlight_background(colour: str, dark: bool, strong: bool = False) -> QColor:
    """A highlight's colour made into a background that keeps text readable."""
    result = QColor(colour)
    result.setAlpha(200 if strong else (110 if dark else 140))
    return result


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
