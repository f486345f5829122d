"""Light and dark appearance: follow the system, or the user's choice."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop.ui.palette import dark_palette, system_prefers_dark


def apply_theme(app: QApplication, theme: str) -> None:
    """Apply "light", "dark" or "system" (dark when the desktop asks for it)."""
    app.setStyle("Fusion")
    dark = theme == "dark" or (theme == "system" and system_prefers_dark())
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
