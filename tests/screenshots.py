"""Screenshots of the main window for the README, made from the project's own samples.

QT_QPA_PLATFORM=offscreen python -m tests.screenshots resources/screenshots
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.library import Library, Position
from desktop.resources import RESOURCES
from desktop.ui.app import open_window
from desktop.ui.theme import apply_theme
from tests.annotations import annotate


def shoot(folder: Path, out: Path, name: str, theme: str, transcript: str, current: str | None = None) -> None:
    app = QApplication.instance()
    apply_theme(app, theme)
    with Library(folder / f"{name}.sqlite") as library:
        settings = QSettings(str(folder / f"{name}.ini"), QSettings.Format.IniFormat)
        settings.setValue("sample_offered", True)
        tid = library.import_file(RESOURCES / transcript).id
        if transcript == "sample.txt":
            annotate(library, tid)
        window = open_window(library, settings)
        window.resize(1440, 900)
        window.open_transcript(tid)
        window.show()
        if current:
            chosen = next(h for h in library.highlights.list(tid) if h.quote == current)
            window.annotator.choose(chosen.id, scroll=True)
            window.reader.scroll_to(Position(max(0, chosen.start.turn - 2), 0))
        for _ in range(20):
            app.processEvents()
        window.grab().save(str(out / f"{name}.png"))
        window.close()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        shoot(Path(folder), out, "reader-light", "light", "sample.txt", current="Which time?")
        shoot(Path(folder), out, "reader-dark", "dark", "sample.txt", current="Bridge. Laugh. Ledger.")
        shoot(Path(folder), out, "unlabelled", "light", "sample-unlabelled.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
