"""The application window.

For now a plain reader of one transcript's turns (the sample, or the first file
given); the full reader, library and annotation come with the app issue.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QListWidget, QListWidgetItem, QMainWindow, QMessageBox

from desktop.formats import FormatError, Transcript, parse_file
from desktop.resources import SAMPLE_TRANSCRIPT


def format_clock(seconds: float) -> str:
    """`1:02:03` or `2:03` for a time in seconds."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


class TurnListWindow(QMainWindow):
    """A window listing a transcript's turns: speaker, time and text."""

    def __init__(self, transcript: Transcript) -> None:
        super().__init__()
        self.setWindowTitle(f"{transcript.title} — Talkmark")
        self.turns = QListWidget()
        self.turns.setWordWrap(True)
        self.turns.setAlternatingRowColors(True)
        for turn in transcript.turns:
            heading = " · ".join(
                part for part in (turn.speaker, format_clock(turn.start) if turn.start is not None else None) if part
            )
            label = f"{heading}\n{turn.text}" if heading else turn.text
            self.turns.addItem(QListWidgetItem(label))
        self.setCentralWidget(self.turns)
        self.resize(900, 700)


def run(files: list[str]) -> int:
    """Start the app on the first file given, or on the sample transcript."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    path = Path(files[0]) if files else SAMPLE_TRANSCRIPT
    try:
        transcript = parse_file(path)
    except FormatError as exc:
        QMessageBox.critical(None, "Talkmark", f"{path}: {exc}")
        transcript = parse_file(SAMPLE_TRANSCRIPT)
    window = TurnListWindow(transcript)
    window.show()
    return app.exec()
