"""Screenshots of the app for the README, made from the project's own samples and test
fixtures (a generated tone stands in for a recording).

QT_QPA_PLATFORM=offscreen python -m tests.screenshots resources/screenshots
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QWidget

from desktop.formats import parse
from desktop.library import Library, Position
from desktop.resources import RESOURCES
from desktop.ui.app import open_window
from desktop.ui.main_window import MainWindow
from desktop.ui.theme import apply_theme
from tests.annotations import annotate
from tests.media import sine_wav


def settle(seconds: float = 0.3) -> None:
    """Let the window lay out and background work (reports, the player) report back."""
    app = QApplication.instance()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def shoot(folder: Path, out: Path, name: str, theme: str, source: Path,
          stage: Callable[[MainWindow, int], QWidget | None] | None = None) -> None:  # fmt: skip
    """Open `source` in a fresh library and window, let `stage` set the scene, and save the
    window `stage` returns (the main window when it returns None) as NAME.png."""
    app = QApplication.instance()
    apply_theme(app, theme)
    with Library(folder / f"{name}.sqlite") as library:
        settings = QSettings(str(folder / f"{name}.ini"), QSettings.Format.IniFormat)
        settings.setValue("sample_offered", True)
        tid = library.import_file(source).id
        if source.name == "sample.txt":
            annotate(library, tid)
        window = open_window(library, settings)
        window.resize(1440, 900)
        window.open_transcript(tid)
        window.show()
        settle()
        shown = (stage(window, tid) if stage else None) or window
        settle(1.0)
        shown.grab().save(str(out / f"{name}.png"))
        window.close()


def current(quote: str) -> Callable[[MainWindow, int], None]:
    """Choose the highlight with this quote and scroll a little above it."""

    def stage(window: MainWindow, tid: int) -> None:
        chosen = next(h for h in window.library.highlights.list(tid) if h.quote == quote)
        window.annotator.choose(chosen.id, scroll=True)
        window.reader.scroll_to(Position(max(0, chosen.start.turn - 2), 0))

    return stage


def editing(window: MainWindow, tid: int) -> None:
    """A turn open in the in-place editor (F2)."""
    turn = window.reader.turns[4]
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(window.reader.document_position(Position(turn.index, 10)))
    window.reader.setTextCursor(cursor)
    window.reader.scroll_to(Position(3, 0))
    window.corrector.edit_turn()


def playing(window: MainWindow, tid: int) -> None:
    """The recording's bar under the reader, half a minute in."""
    for _ in range(50):
        if window.player.media is not None and window.player.media.duration() > 0:
            break
        settle(0.1)
    window.player.seek_ms(61_000)  # the fourth turn


def reports(window: MainWindow, tid: int) -> QWidget:
    """The Reports window over the annotated sample."""
    shown = window.open_reports()
    shown.resize(1280, 820)
    return shown


def timed_copy(source: Path, target: Path) -> Path:
    """`source` as WebVTT with a cue of 20 seconds per turn (the sample has no times)."""
    cues = ["WEBVTT", ""]
    for turn in parse(source.read_bytes(), source.name).turns:
        start, end = turn.index * 20, turn.index * 20 + 20
        cues += [f"00:{start // 60:02d}:{start % 60:02d}.000 --> 00:{end // 60:02d}:{end % 60:02d}.000",
                 f"<v {turn.speaker}>{' '.join(turn.text.split())}", ""]  # fmt: skip
    target.write_text("\n".join(cues), encoding="utf-8")
    return target


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    QApplication([])
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        sample = RESOURCES / "sample.txt"
        shoot(folder, out, "reader-light", "light", sample, current("Which time?"))
        shoot(folder, out, "reader-dark", "dark", sample, current("Bridge. Laugh. Ledger."))
        shoot(folder, out, "unlabelled", "light", RESOURCES / "sample-unlabelled.txt")
        shoot(folder, out, "editing", "light", sample, editing)
        recorded = timed_copy(sample, folder / "sample-timed.vtt")
        sine_wav(recorded.with_suffix(".wav"), seconds=20.0 * len(parse(sample.read_bytes(), sample.name).turns))
        shoot(folder, out, "player", "dark", recorded, playing)
        shoot(folder, out, "reports", "light", sample, reports)
    return 0


if __name__ == "__main__":
    sys.exit(main())
