"""Light and dark appearance: follow the system, or the user's choice."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop.ui.palette import dark_palette, light_palette, system_prefers_dark

THEMES = ("system", "light", "dark")
FIELD_EDGE_DARK = "#7a808a"  # ≥ 3:1 on the dark window (WCAG 1.4.11), so a text field shows where it is
# Fusion draws a text field's edge a shade darker than the window: on a dark window it vanishes.
DARK_FIELDS = f"""
QLineEdit {{ border: 1px solid {FIELD_EDGE_DARK}; border-radius: 3px; padding: 2px 4px; }}
QLineEdit:focus {{ border-color: #6ea3e6; }}
QAbstractSpinBox QLineEdit, QComboBox QLineEdit {{ border: none; padding: 0; }}
"""


def is_dark_theme(theme: str) -> bool:
    """Whether a theme setting ("light", "dark" or "system") shows dark."""
    return theme == "dark" or (theme == "system" and system_prefers_dark())


def apply_theme(app: QApplication, theme: str) -> None:
    """Apply "light", "dark" or "system" (dark when the desktop asks for it)."""
    app.setStyle("Fusion")
    dark = is_dark_theme(theme)
    app.setPalette(dark_palette() if dark else light_palette(app.style().standardPalette()))
    app.setStyleSheet(DARK_FIELDS if dark else "")
