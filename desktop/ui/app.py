"""The application window.

For now a plain reader of one transcript's turns (the sample, or the first file
given); the full reader, library and annotation come with the app issue.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QTextBrowser

from desktop.formats import FormatError, Transcript, Turn, parse_file
from desktop.resources import SAMPLE_TRANSCRIPT

# Distinct hues that read on light and dark backgrounds alike.
SPEAKER_COLOURS = ("#1f77b4", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490", "#a16207", "#be185d")


def speaker_colours(speakers: list[str]) -> dict[str, str]:
    """A colour per speaker by order of first appearance: stable, and distinct for the first eight."""
    return {name: SPEAKER_COLOURS[i % len(SPEAKER_COLOURS)] for i, name in enumerate(speakers)}


def format_clock(seconds: float) -> str:
    """`1:02:03` or `2:03` for a time in seconds."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def turn_html(turn: Turn, colours: dict[str, str]) -> str:
    """One turn as HTML: a heading with speaker and time, then its paragraphs."""
    heading = []
    if turn.speaker:
        heading.append(
            f'<b style="color:{colours.get(turn.speaker, SPEAKER_COLOURS[0])}">{html.escape(turn.speaker)}</b>'
        )
    if turn.start is not None:
        heading.append(f'<span style="color:#888">{format_clock(turn.start)}</span>')
    paragraphs = "".join(f"<p style='margin-top:4px'>{html.escape(p)}</p>" for p in turn.text.split("\n\n"))
    return (
        f"<p style='margin-top:20px; margin-bottom:2px'>{' &nbsp; '.join(heading)}</p>" if heading else ""
    ) + paragraphs


class TurnListWindow(QMainWindow):
    """A window showing a transcript's turns: speaker, time and text."""

    def __init__(self, transcript: Transcript) -> None:
        super().__init__()
        self.setWindowTitle(f"{transcript.title} — Talkmark")
        self.reader = QTextBrowser()
        font = self.reader.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.reader.setFont(font)
        self.reader.document().setDocumentMargin(32)
        colours = speaker_colours(transcript.speakers)
        self.reader.setHtml("".join(turn_html(turn, colours) for turn in transcript.turns))
        self.setCentralWidget(self.reader)
        self.resize(820, 760)


def run(files: list[str]) -> int:
    """Start the app on the first file given, or on the sample transcript."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Talkmark")
    path = Path(files[0]) if files else SAMPLE_TRANSCRIPT
    try:
        transcript = parse_file(path)
    except FormatError as exc:
        QMessageBox.critical(None, "Talkmark", f"{path}: {exc}")
        transcript = parse_file(SAMPLE_TRANSCRIPT)
    window = TurnListWindow(transcript)
    window.show()
    return app.exec()
